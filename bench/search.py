"""Search (GET /v1/search) over every entry of every list: index build time, and the time per
query of the full answer (ranking, highlights, breadcrumbs) over a realistic query set — codes,
terms of quantum labs, other languages' labels, phrases — against a baseline measured in the same
run: a naive scan of the same documents (lower-cased text prepared once) counting the query's
words by substring. Also the ranking alone with and without SKOS expansion.
Run: .venv/bin/python bench/search.py

Target (issue "Whole control lists" §5): p50 <= 20 ms per query.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exportgraph.graph.build import build  # noqa: E402
from exportgraph.knowledge.current import of_store  # noqa: E402
from exportgraph.knowledge.search_documents import SearchDocument  # noqa: E402
from exportgraph.knowledge.search_index import build_search_index, search_index  # noqa: E402
from exportgraph.services.reference.search import search  # noqa: E402
from exportgraph.store import open_store  # noqa: E402

QUERIES = (
    "3A001.a.1",
    "4A506",
    "US:3A002.g",
    "6A006",
    "5A002",
    "GB:PL9013",
    "magnetometer",
    "SQUID",
    "atomic frequency standard",
    "rubidium standard",
    "atomic clock",
    "dilution refrigerator",
    "cryocooler",
    "pulse tube",
    "quantum computer",
    "qubit",
    "quantum cryptography",
    "quantum key distribution",
    "laser",
    "optical fibre",
    "frequency synthesizer",
    "analogue-to-digital converter",
    "single photon detector",
    "gravimeter",
    "field programmable logic device",
    "oscilloscope",
    "signal analyser",
    "travelling-wave parametric amplifier",
    "HEMT amplifier",
    "cryo-CMOS",
    "enriched silicon",
    "trapped ion",
    "superconducting",
    "vacuum pump",
    "mass spectrometer",
    "electron beam lithography",
    "interferometer",
    "cryogenic wafer prober",
    "Mischungskryostat",
    "réfrigérateur à dilution",
)
ROUNDS = 5


def samples(run: Callable[[str], object]) -> list[float]:
    for query in QUERIES:  # warm caches (stems, first-use imports)
        run(query)
    times: list[float] = []
    for _ in range(ROUNDS):
        for query in QUERIES:
            started = time.perf_counter()
            run(query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def report(label: str, times: list[float]) -> float:
    times = sorted(times)
    p50 = statistics.median(times)
    p95 = times[int(len(times) * 0.95) - 1]
    print(f"{label}: p50 {p50:.2f} ms, p95 {p95:.2f} ms, max {times[-1]:.2f} ms")
    return p50


def naive(documents: list[SearchDocument]) -> Callable[[str], object]:
    """The baseline: every document's words lower-cased once; a query scans them all and ranks by
    how often its words occur (substring count)."""
    corpus = [
        (doc, " ".join((doc.code, doc.title, doc.text, *doc.notes)).lower()) for doc in documents
    ]

    def run(query: str) -> object:
        words = query.lower().split()
        scored = []
        for doc, text in corpus:
            score = sum(text.count(word) for word in words)
            if score:
                scored.append((score, doc.id))
        scored.sort(reverse=True)
        return scored[:20]

    return run


def main() -> None:
    store = open_store("memory:")
    build(store)
    knowledge = of_store(store)
    builds = []
    for _ in range(3):
        started = time.perf_counter()
        index = build_search_index(knowledge, store)
        builds.append(time.perf_counter() - started)
    print(
        f"index build: {statistics.median(builds):.2f} s (median of 3; {len(index.documents):,} "
        f"entries, {len(index.postings):,} terms)"
    )
    search_index(knowledge, store)  # the per-version index the service uses
    full = report(
        "search answer (ranking, highlights)",
        samples(lambda q: search(knowledge, store, q, limit=20)),
    )
    ranked = report("ranking alone", samples(lambda q: index.rank(q, limit=20)))
    words = report("ranking without expansion", samples(lambda q: index.rank(q, expand=False)))
    baseline = report("baseline: naive substring scan", samples(naive(index.documents)))
    print(
        f"ratios to the baseline: answer {baseline / full:.1f}x faster, ranking "
        f"{baseline / ranked:.1f}x, without expansion {baseline / words:.1f}x"
    )
    print(f"target p50 <= 20 ms: {'met' if full <= 20 else 'MISSED'}")


if __name__ == "__main__":
    main()
