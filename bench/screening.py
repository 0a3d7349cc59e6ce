"""Restricted-party screening latency over the whole US Consolidated Screening List, in process:
the blocked index (exportgraph.knowledge.screening) against a naive baseline measured in the same
run (rapidfuzz.process.extract with token_set_ratio over every keyed name, no blocking). Also:
how often blocking loses a match that scoring every name would find, what the first use costs
(reading the list and keying every name, done once per process) beside the graph build (which no
longer reads the list), and the whole service call (input checks, explanations) per query.

Queries: the case file (tests/fixtures/screening/cases.csv) and names drawn from the list with a
letter dropped and the words reversed (seeded).
Run: .venv/bin/python bench/screening.py [--quick]

Target (issue "Risk-based, staged controls", part 2): p50 <= 5 ms per query in process.
"""

from __future__ import annotations

import argparse
import csv
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from exportgraph.loaders.screening import load_screening  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from exportgraph import paths  # noqa: E402
from exportgraph.graph.build import build  # noqa: E402
from exportgraph.knowledge.current import of_store  # noqa: E402
from exportgraph.knowledge.screening import DEFAULT_THRESHOLD, screening_index  # noqa: E402
from exportgraph.knowledge.screening_index import ScreeningIndex, build_index  # noqa: E402
from exportgraph.knowledge.screening_names import NameKey  # noqa: E402
from exportgraph.services.partners.screening import screen_party  # noqa: E402
from exportgraph.store import open_store  # noqa: E402

CASES = ROOT / "tests" / "fixtures" / "screening" / "cases.csv"


def queries(index: ScreeningIndex, drawn: int) -> list[str]:
    with CASES.open(encoding="utf-8", newline="") as handle:
        texts = [row["query"] for row in csv.DictReader(handle)]
    rng = random.Random(20260731)
    for party in rng.sample(index.parties, drawn):
        words = party.name.split()
        if len(words[0]) > 4:
            cut = rng.randrange(1, len(words[0]) - 1)
            words[0] = words[0][:cut] + words[0][cut + 1 :]
        texts.append(" ".join(reversed(words)))
    return texts


def timed(run: list[float], action: object) -> object:
    started = time.perf_counter()
    result = action()  # type: ignore[operator]
    run.append((time.perf_counter() - started) * 1000)
    return result


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def exhaustive(index: ScreeningIndex, key: NameKey) -> set[int]:
    """Parties our scorers put at or above the threshold when every name is scored."""
    names = np.arange(len(index.names))
    alignment, compact = index.score(key, names)
    best = np.maximum(alignment, compact)
    return {int(index.name_party[n]) for n in np.flatnonzero(best >= DEFAULT_THRESHOLD)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer queries")
    args = parser.parse_args()
    drawn, checked = (40, 20) if args.quick else (300, 60)

    with open_store("memory:") as store:
        started = time.perf_counter()
        report = build(store)
        build_seconds = time.perf_counter() - started
        knowledge = of_store(store)
    print(
        f"graph build, fresh memory store: {build_seconds:.2f} s ({report.asserted_triples} "
        "asserted triples; the screening list is not part of it)"
    )
    started = time.perf_counter()
    data = load_screening(paths.ontology_dir())
    read_seconds = time.perf_counter() - started
    assert data is not None
    started = time.perf_counter()
    index = build_index(data)
    print(
        f"first screening use: list read in {read_seconds:.2f} s, index built in "
        f"{time.perf_counter() - started:.2f} s ({len(index.parties)} parties, "
        f"{len(index.names)} names, {len(index.vocabulary)} words)"
    )
    screening_index()  # the service's own (cached) copy

    texts = queries(index, drawn)
    keys = [index.keys.key(text) for text in texts]
    keys = [key for key in keys if key.tokens]
    everything = [name.key.key for name in index.names]
    for key in keys[:5]:  # warm up both
        index.search(key, DEFAULT_THRESHOLD, limit=10)
        process.extract(key.key, everything, scorer=fuzz.token_set_ratio, limit=10)

    ours: list[float] = []
    naive: list[float] = []
    for key in keys:
        timed(ours, lambda key=key: index.search(key, DEFAULT_THRESHOLD, limit=10))
        timed(
            naive,
            lambda key=key: process.extract(
                key.key, everything, scorer=fuzz.token_set_ratio, limit=10
            ),
        )
    ours_p50, naive_p50 = statistics.median(ours), statistics.median(naive)
    print(f"{len(keys)} queries over {len(everything)} names")
    print(f"  blocked index:  p50 {ours_p50:.2f} ms, p99 {percentile(ours, 0.99):.2f} ms")
    print(
        f"  naive baseline: p50 {naive_p50:.2f} ms, p99 {percentile(naive, 0.99):.2f} ms "
        "(rapidfuzz.process.extract, token_set_ratio, every name)"
    )
    print(f"  ratio naive / blocked at p50: {naive_p50 / ours_p50:.1f}x (target p50 <= 5 ms)")
    service: list[float] = []
    for text in texts:
        timed(service, lambda text=text: screen_party(knowledge, text, "CN"))
    service_p50 = statistics.median(service)
    print(
        f"  service (screen_party: checks, country comparison, explanations): p50 "
        f"{service_p50:.2f} ms, p99 {percentile(service, 0.99):.2f} ms; "
        f"ratio to the blocked index {service_p50 / ours_p50:.1f}x"
    )

    lost = found = 0
    for key in keys[:checked]:
        complete = exhaustive(index, key)
        blocked = {index.parties.index(s.party) for s in index.search(key, DEFAULT_THRESHOLD)}
        found += len(complete)
        lost += len(complete - blocked)
    share = 1 - lost / found if found else 1.0
    print(
        f"blocking kept {share:.1%} of the {found} matches that scoring every name finds "
        f"({checked} queries, threshold {DEFAULT_THRESHOLD:g})"
    )


if __name__ == "__main__":
    main()
