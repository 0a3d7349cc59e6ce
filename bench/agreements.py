"""Agreement validation: agreements/s in batch and p50 for one, against the naive baseline.

Baseline (same run): each agreement validated with pySHACL over the whole knowledge graph plus the
agreement and its findings. Ours: the agreement graph + its findings only, pyshacl-turbo, pooled
compiled shapes, batches in one engine call. Also ours with pySHACL (the engine alternative).
Run: .venv/bin/python bench/agreements.py [--agreements N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pyshacl  # noqa: E402
import rdflib  # noqa: E402

from exportgraph.graph.context import Context  # noqa: E402
from exportgraph.graph.shacl import data_graph, shapes_graph  # noqa: E402
from exportgraph.services.auditors.agreements import Validator, enrichment, facts, parsing  # noqa: E402
from exportgraph.services.auditors.agreements.naming import Names  # noqa: E402
from exportgraph.settings import Settings  # noqa: E402

CASES = ROOT / "tests" / "agreements" / "cases"


def corpus(n: int) -> list[bytes]:
    """n agreements: the case files with varied destinations, dates and ids."""
    bases = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(CASES.glob("*.json"))]
    destinations = ["JP", "DE", "US", "GB", "AU", "CN", "FR", "CH"]
    out = []
    for i in range(n):
        doc = json.loads(json.dumps(bases[i % len(bases)]))
        doc["id"] = f"{doc['id']}-{i}"
        if doc.get("destination") not in (None, "Japan"):
            doc["destination"] = destinations[i % len(destinations)]
        doc["effective_date"] = f"2025-{1 + i % 12:02d}-01" if i % 3 else doc.get("effective_date")
        out.append(json.dumps(doc).encode())
    return out


def whole_graph(context: Context) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.parse(data=context.store.export("application/n-triples"), format="nt")
    return graph


def baseline(context: Context, kg: rdflib.Graph, body: bytes) -> bool:
    """Naive: pySHACL over the whole knowledge graph + the agreement + its findings."""
    [agreement], _ = parsing.parse(body, "application/json")
    extra = enrichment.enrich(
        context,
        facts.read(agreement.node, agreement.triples),
        enrichment.default_assess(),
        Names(agreement.triples),
    )
    data = kg + data_graph([*agreement.triples, *extra])
    conforms, _, _ = pyshacl.validate(
        data,
        shacl_graph=shapes_graph("agreement"),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return bool(conforms)


def p50(fn: object, items: list[bytes]) -> float:
    times = []
    for item in items:
        start = time.perf_counter()
        fn(item)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--agreements", type=int, default=400)
    parser.add_argument(
        "--baseline", type=int, default=8, help="agreements for the (slow) baseline"
    )
    args = parser.parse_args()
    context = Context(replace(Settings.from_env(), store_uri="memory:"))
    context.data_version()
    bodies = corpus(args.agreements)
    turbo = Validator(context, engine="turbo")
    reference = Validator(context, engine="pyshacl")
    turbo.validate(
        [a for b in bodies[:20] for a in parsing.parse(b, "application/json")[0]]
    )  # warm up
    reference.validate(parsing.parse(bodies[0], "application/json")[0])

    parsed = [a for b in bodies for a in parsing.parse(b, "application/json")[0]]
    start = time.perf_counter()
    turbo.validate(parsed)
    batch_rate = len(parsed) / (time.perf_counter() - start)
    one_ms = p50(lambda b: turbo.validate_body(b, "application/json"), bodies[:100])
    ref_ms = p50(lambda b: reference.validate_body(b, "application/json"), bodies[: args.baseline])

    kg = whole_graph(context)
    base_ms = p50(lambda b: baseline(context, kg, b), bodies[: args.baseline])
    base_rate = 1000 / base_ms

    print(
        f"knowledge graph: {len(kg)} triples; agreements: {len(parsed)} (baseline on {args.baseline})"
    )
    print(
        f"batch  (turbo, agreement graph + findings): {batch_rate:8.1f} agreements/s   target >= 200"
    )
    print(
        f"one    (turbo, agreement graph + findings): {one_ms:8.1f} ms p50            target <= 50"
    )
    print(f"one    (pyshacl, agreement graph + findings): {ref_ms:6.1f} ms p50")
    print(
        f"naive  (pyshacl, whole knowledge graph):    {base_ms:8.1f} ms p50  = {base_rate:.2f} agreements/s"
    )
    print(f"ratio  batch throughput vs naive:   {batch_rate / base_rate:8.0f}x")
    print(f"ratio  one-agreement latency vs naive: {base_ms / one_ms:6.0f}x")
    print(f"ratio  turbo vs pyshacl (same graph): {ref_ms / one_ms:7.1f}x")


if __name__ == "__main__":
    main()
