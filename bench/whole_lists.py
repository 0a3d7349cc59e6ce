"""What the whole official lists (ontology/sources/) cost, measured in the same run against a
baseline built from the same checkout without them: build time (parse, reasoning, load), triples,
catalogue index build and in-process classify p50. Then an experiment the lead asked for: the
same store with every text-only paragraph also typed as a curated hardware entry (what a
catalogue would face if it listed them), to show where the existing catalogue slows down.
Run: .venv/bin/python bench/whole_lists.py

Targets (issue "Whole control lists"): building the store from all sources <= 60 s on 2 cores;
in-process classify p50 <= 1 ms.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exportgraph.graph.build import build  # noqa: E402
from exportgraph.graph.context import Context  # noqa: E402
from exportgraph.knowledge.read import read_knowledge  # noqa: E402
from exportgraph.services.partners.classify import classify  # noqa: E402
from exportgraph.settings import Settings  # noqa: E402
from exportgraph.store import Store, open_store  # noqa: E402

ITEM = {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}
TYPE_AS_ENTRIES = """
PREFIX eg: <https://w3id.org/exportgraph/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT { ?e a eg:ControlEntry , eg:HardwareEntry ; eg:effectiveFrom "2025-01-01"^^xsd:date ;
            eg:evidence "primary" ; eg:jurisdiction ?j ; eg:inList ?list }
WHERE { ?e eg:criteriaFormalized false ; eg:listedIn ?list . ?list eg:jurisdiction ?j }
"""


def measure(store: Store, label: str) -> tuple[float, float]:
    read_knowledge(store)  # warm: the first call also loads the query texts
    started = time.perf_counter()
    read_knowledge(store)
    index = time.perf_counter() - started
    context = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    classify(context, ITEM, ["US", "EU", "GB"], "2025-12-01")
    samples = []
    for _ in range(200):
        started = time.perf_counter()
        classify(context, ITEM, ["US", "EU", "GB"], "2025-12-01")
        samples.append(time.perf_counter() - started)
    p50 = statistics.median(samples) * 1000
    print(f"{label}: knowledge index {index:.2f} s, classify p50 {p50:.3f} ms")
    return index, p50


def timed_build(store: Store, root: Path, label: str) -> float:
    started = time.perf_counter()
    report = build(store, root=root)
    seconds = time.perf_counter() - started
    print(
        f"{label}: build {seconds:.2f} s (parse {report.parse_seconds:.2f}, reasoning "
        f"{report.reasoning_seconds:.2f}, load {report.load_seconds:.2f}), "
        f"{report.total_triples:,} triples ({report.inferred_triples:,} inferred)"
    )
    return seconds


def main() -> None:
    ontology = ROOT / "ontology"
    with tempfile.TemporaryDirectory() as tmp:
        without = Path(tmp) / "ontology"
        shutil.copytree(ontology, without, ignore=shutil.ignore_patterns("sources"))
        base_store, full_store = open_store("memory:"), open_store("memory:")
        base_build = timed_build(base_store, without, "baseline (curated tables only)")
        full_build = timed_build(full_store, ontology, "with the whole lists")
    base_index, base_p50 = measure(base_store, "baseline")
    full_index, full_p50 = measure(full_store, "with the whole lists")
    print(
        f"ratios whole lists / baseline: build {full_build / base_build:.1f}x, catalogue "
        f"{full_index / base_index:.1f}x, classify p50 {full_p50 / base_p50:.2f}x"
    )
    full_store.update(TYPE_AS_ENTRIES)
    typed_index, typed_p50 = measure(
        full_store, "experiment: text-only paragraphs typed as entries"
    )
    print(
        f"experiment / baseline: catalogue {typed_index / base_index:.1f}x, classify p50 "
        f"{typed_p50 / base_p50:.1f}x"
    )
    print(f"target build <= 60 s: {'met' if full_build <= 60 else 'MISSED'}")
    print(f"target classify p50 <= 1 ms: {'met' if full_p50 <= 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
