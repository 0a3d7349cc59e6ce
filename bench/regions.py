"""What comparing the entries' threshold regions costs (knowledge/regions.compare_unions), on the
pairs the derived mappings compare (every two entries of different jurisdictions whose kinds
meet), against a baseline measured in the same run: the former comparison, one probe point per
cell tested against every box in fractions. Also the derived mappings' first call (the whole
threshold_mappings build, cached per data version afterwards).
Run: .venv/bin/python bench/regions.py

Target (issue 14): the derived mappings' first call < 1 s on the whole lists.
"""

from __future__ import annotations

import itertools
import math
import sys
import time
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exportgraph.graph.build import build  # noqa: E402
from exportgraph.knowledge.current import of_store  # noqa: E402
from exportgraph.knowledge.regions import (  # noqa: E402
    Box,
    compare_sets,
    compare_unions,
    relation_of,
)
from exportgraph.services.standards.equivalence_regions import index_for  # noqa: E402
from exportgraph.services.standards.mappings import threshold_mappings  # noqa: E402
from exportgraph.store import open_store  # noqa: E402

BASELINE_CELLS = 20_000
"""The largest pair the baseline is run on."""


def _probes(cuts: Sequence[Fraction]) -> list[Fraction]:
    if not cuts:
        return [Fraction(0)]
    points = [cuts[0] - 1]
    for left, right in itertools.pairwise(cuts):
        points += [left, (left + right) / 2]
    return [*points, cuts[-1], cuts[-1] + 1]


def _probes_of(a: Sequence[Box], b: Sequence[Box]) -> tuple[list[str], list[list[Fraction]]]:
    names = sorted({name for box in (*a, *b) for name in box.bounds})
    probes = [
        _probes(sorted({x for box in (*a, *b) for x in box.interval(n).endpoints()})) for n in names
    ]
    return names, probes


def cells(a: Sequence[Box], b: Sequence[Box]) -> int:
    """How many cells the thresholds of both regions cut their space into."""
    return math.prod(len(p) for p in _probes_of(a, b)[1])


def baseline(a: Sequence[Box], b: Sequence[Box]) -> str | None:
    """The first compare_unions: every cell's probe point tested against every box."""
    names, probes = _probes_of(a, b)
    in_a = in_b = only_a = only_b = both = False
    for values in itertools.product(*probes):
        point = dict(zip(names, values, strict=True))
        ma, mb = any(x.contains(point) for x in a), any(x.contains(point) for x in b)
        in_a, in_b = in_a or ma, in_b or mb
        only_a, only_b = only_a or (ma and not mb), only_b or (mb and not ma)
        both = both or (ma and mb)
    if not in_a or not in_b:
        return None
    relation: str = relation_of(only_a=only_a, only_b=only_b, both=both)
    return relation


def main() -> None:
    store = open_store("memory:")
    build(store)
    knowledge = of_store(store)
    started = time.perf_counter()  # cold: the regions' index and every pair compared
    mappings = threshold_mappings(store)
    first = time.perf_counter() - started
    index = index_for(knowledge)
    regions = sorted(index.entries.values(), key=lambda e: e.id)
    pairs = [
        (a.boxes, b.boxes)
        for i, a in enumerate(regions)
        for b in regions[i + 1 :]
        if a.jurisdiction != b.jurisdiction
        and not a.problem
        and not b.problem
        and compare_sets(a.kinds, b.kinds) != "disjoint"
    ]
    # the baseline visits every cell: only the pairs it can afford (6A005.b.6 against another
    # 6A005.b entry cuts millions of cells)
    sizes = [cells(a, b) for a, b in pairs]
    small = [pair for pair, size in zip(pairs, sizes, strict=True) if size <= BASELINE_CELLS]
    started = time.perf_counter()
    expected = [baseline(a, b) for a, b in small]
    before = time.perf_counter() - started
    started = time.perf_counter()
    found = [compare_unions(a, b) for a, b in small]
    after = time.perf_counter() - started
    assert found == expected, "the box comparison differs from the baseline"
    started = time.perf_counter()
    for a, b in pairs:
        compare_unions(a, b)
    every = time.perf_counter() - started
    largest = max(sizes)
    print(
        f"pairs compared: {len(pairs)}; with the baseline: {len(small)} of at most "
        f"{BASELINE_CELLS:,} cells (same relations: {found == expected})"
    )
    print(f"baseline (probe per cell): {before:.3f} s")
    print(f"compare_unions (boxes):    {after:.3f} s   ratio {before / max(after, 1e-9):.1f}x")
    print(f"compare_unions, every pair: {every:.3f} s (the largest cuts {largest:,} cells)")
    print(f"derived mappings, first call: {first:.3f} s ({len(mappings)} mappings; target < 1 s)")


if __name__ == "__main__":
    main()
