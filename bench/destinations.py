"""Destinations, in process, with baselines measured in the same run.

Assess: p50 of POST /v1/assess's work for subjects naming a whole-list entry (the Country Chart,
Country Groups and list-based exceptions for US ECCNs; Annex I and EU001 … EU008 for EU entries)
over a mix of entries × destinations; baseline: the same activity for a classified quantum item
(the curated decision).
Index: the time to read the knowledge index of a data version with the whole lists' part
(read_listed) against the rest of the index read in the same run.
Run: .venv/bin/python bench/destinations.py [--quick]
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exportgraph.graph.build import build  # noqa: E402
from exportgraph.graph.context import Context  # noqa: E402
from exportgraph.knowledge.current import current  # noqa: E402
from exportgraph.knowledge.read import read_knowledge  # noqa: E402
from exportgraph.knowledge.read_listed import read_listed  # noqa: E402
from exportgraph.services.partners.assess import assess  # noqa: E402
from exportgraph.store import open_store  # noqa: E402

ENTRIES = ["US:3A001.a.1", "US:5B002", "US:6A006.a.1", "US:3A001.z.1.b", "US:5A002.a"]
EU_ENTRIES = ["EU:4A506.a.2", "EU:1C351.a", "EU:5A002.a"]
DESTINATIONS = ["CN", "DE", "HK", "CA", "IR", "JP", "RU", "KY"]
ITEM = {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}


def p50(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true")
    repeat = 3 if parser.parse_args().quick else 20
    store = open_store("memory:")
    build(store)
    context = Context(store=store)
    current(context)
    requests: list[dict[str, Any]] = [
        {"activity": "export", "subject": {"entry": e}, "from": "US", "to": d}
        for e, d in itertools.product(ENTRIES, DESTINATIONS)
    ] + [
        {"activity": "export", "subject": {"entry": e}, "from": "FR", "to": d}
        for e, d in itertools.product(EU_ENTRIES, DESTINATIONS)
    ]
    baseline = [
        {"activity": "export", "subject": {"item": ITEM}, "from": o, "to": d}
        for o, d in itertools.product(("US", "FR"), DESTINATIONS)
    ]

    def per_request(batch: list[dict[str, Any]]) -> float:
        return p50(lambda: [assess(context, r) for r in batch], repeat) / len(batch)

    named, item = per_request(requests), per_request(baseline)
    print(f"assess, named entry: p50 {named * 1e3:.3f} ms/request ({len(requests)} requests)")
    print(f"assess, classified quantum item (baseline): p50 {item * 1e3:.3f} ms/request")
    print(f"ratio named/baseline: {named / item:.2f}")
    listed = p50(lambda: read_listed(store), max(1, repeat // 5))
    whole = p50(lambda: read_knowledge(store), max(1, repeat // 5))
    print(
        f"index read: whole {whole:.2f} s, of which the whole lists' part {listed:.2f} s "
        f"(share {listed / whole:.2f})"
    )


if __name__ == "__main__":
    main()
