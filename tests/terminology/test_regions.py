"""Regions of parameter space: intervals from comparators, and exact comparison of box unions."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exportgraph.knowledge.regions import Box, Interval, combine, compare_sets, compare_unions

F = Fraction


def box(*criteria: tuple[str, str, float | int | str]) -> Box:
    return Box.from_criteria((p, c, F(str(v))) for p, c, v in criteria)


@pytest.mark.parametrize(
    ("comparator", "inside", "outside"),
    [(">=", 100, 99), (">", 101, 100), ("<=", 100, 101), ("<", 99, 100), ("=", 100, 101)],
)
def test_comparator_boundaries(comparator: str, inside: int, outside: int) -> None:
    interval = Interval.from_comparator(comparator, F(100))
    assert interval.contains(F(inside))
    assert not interval.contains(F(outside))


def test_identical_bands_are_equal_even_when_written_differently() -> None:
    a = box(
        ("physical-qubits", ">=", 100), ("physical-qubits", "<", 200), ("cnot-error", "<=", "1e-3")
    )
    b = box(
        ("cnot-error", "<=", "0.001"), ("physical-qubits", "<", 200), ("physical-qubits", ">=", 100)
    )
    assert compare_unions([a], [b]) == "equal"


def test_closed_end_is_broader_than_open_end() -> None:
    closed, open_ = box(("x", ">=", 100)), box(("x", ">", 100))
    assert compare_unions([open_], [closed]) == "subset"
    assert compare_unions([closed], [open_]) == "superset"


def test_adjacent_bands_are_disjoint_and_their_union_equals_the_span() -> None:
    low = box(("q", ">=", 34), ("q", "<", 100))
    high = box(("q", ">=", 100), ("q", "<", 200))
    span = box(("q", ">=", 34), ("q", "<", 200))
    assert compare_unions([low], [high]) == "disjoint"
    assert compare_unions([low, high], [span]) == "equal"


def test_a_missing_parameter_is_unconstrained() -> None:
    both = box(("q", ">=", 2000), ("e", "<=", "0.01"))
    qubits_only = box(("q", ">=", 2000))
    assert compare_unions([both], [qubits_only]) == "subset"


def test_empty_regions_are_not_compared() -> None:
    empty = box(("q", ">=", 10), ("q", "<", 5))
    assert empty.is_empty()
    assert compare_unions([], [box(("q", ">=", 1))]) is None


def test_set_relations_and_their_product() -> None:
    assert compare_sets(frozenset("ab"), frozenset("ab")) == "equal"
    assert compare_sets(frozenset("a"), frozenset("ab")) == "subset"
    assert compare_sets(frozenset("ab"), frozenset("bc")) == "overlap"
    assert compare_sets(frozenset("a"), frozenset("b")) == "disjoint"
    assert combine(["equal", "subset"]) == "subset"
    assert combine(["subset", "superset"]) == "overlap"
    assert combine(["overlap", "disjoint"]) == "disjoint"


def test_description_reads_like_the_legal_text() -> None:
    band = box(
        ("physical-qubits", ">=", 100), ("physical-qubits", "<", 200), ("cnot-error", "<=", "0.001")
    )
    assert band.describe() == "cnot-error <= 0.001, 100 <= physical-qubits < 200"
    assert box(("base-temperature", "<=", "0.1")).describe({"base-temperature": "K"}) == (
        "base-temperature <= 0.1 K"
    )


# ----------------------------------------------------------------- property: exact vs brute force

COMPARATORS = (">=", ">", "<=", "<", "=")
criterion = st.tuples(st.sampled_from(("p", "q")), st.sampled_from(COMPARATORS), st.integers(0, 6))
boxes = st.lists(st.lists(criterion, min_size=1, max_size=3), min_size=1, max_size=3)


def _brute_force(a: list[Box], b: list[Box]) -> str | None:
    """Membership on a half-integer grid beyond every endpoint (values are integers 0..6)."""
    grid = [F(k, 2) for k in range(-2, 16)]
    in_a = in_b = only_a = only_b = both = False
    for p in grid:
        for q in grid:
            point = {"p": p, "q": q}
            ma, mb = any(x.contains(point) for x in a), any(x.contains(point) for x in b)
            in_a, in_b = in_a or ma, in_b or mb
            only_a, only_b = only_a or (ma and not mb), only_b or (mb and not ma)
            both = both or (ma and mb)
    if not in_a or not in_b:
        return None
    if not only_a and not only_b:
        return "equal"
    if not only_a:
        return "subset"
    if not only_b:
        return "superset"
    return "overlap" if both else "disjoint"


@settings(max_examples=300, deadline=None)
@given(boxes, boxes)
def test_exact_comparison_agrees_with_a_brute_force_grid(
    raw_a: list[list[tuple[str, str, int]]], raw_b: list[list[tuple[str, str, int]]]
) -> None:
    a = [Box.from_criteria((p, c, F(v)) for p, c, v in crit) for crit in raw_a]
    b = [Box.from_criteria((p, c, F(v)) for p, c, v in crit) for crit in raw_b]
    a, b = [x for x in a if not x.is_empty()], [x for x in b if not x.is_empty()]
    expected = _brute_force(a, b)
    assert compare_unions(a, b) == expected
    inverse = {"subset": "superset", "superset": "subset"}
    assert compare_unions(b, a) == inverse.get(expected or "", expected)


@settings(max_examples=200, deadline=None)
@given(boxes, boxes)
def test_empty_boxes_in_a_union_change_nothing(
    raw_a: list[list[tuple[str, str, int]]], raw_b: list[list[tuple[str, str, int]]]
) -> None:
    """A box no value satisfies (`p > 3` and `p < 2`) adds no cell to its union."""
    a = [Box.from_criteria((p, c, F(v)) for p, c, v in crit) for crit in raw_a]
    b = [Box.from_criteria((p, c, F(v)) for p, c, v in crit) for crit in raw_b]
    kept_a, kept_b = [x for x in a if not x.is_empty()], [x for x in b if not x.is_empty()]
    assert compare_unions(a, b) == compare_unions(kept_a, kept_b) == _brute_force(kept_a, kept_b)


SPACE = ("p", "q", "r")
rational = st.sampled_from([F(0), F(1, 1000), F(1, 3), F(1, 2), F(1), F(3, 2)])
criterion3 = st.tuples(st.sampled_from(SPACE), st.sampled_from(COMPARATORS), rational)
boxes3 = st.lists(st.lists(criterion3, min_size=1, max_size=4), min_size=1, max_size=4)


def _brute_force3(a: list[Box], b: list[Box]) -> str | None:
    """Membership at every threshold, between each two and beyond, in three parameters."""
    cuts = sorted({F(0), F(1, 1000), F(1, 3), F(1, 2), F(1), F(3, 2)})
    line = [cuts[0] - 1, *cuts, cuts[-1] + 1]
    line += [(x + y) / 2 for x, y in itertools.pairwise(cuts)]
    seen = {"a": False, "b": False, "only_a": False, "only_b": False, "both": False}
    for p in line:
        for q in line:
            for r in line:
                point = {"p": p, "q": q, "r": r}
                ma, mb = any(x.contains(point) for x in a), any(x.contains(point) for x in b)
                seen["a"] |= ma
                seen["b"] |= mb
                seen["only_a"] |= ma and not mb
                seen["only_b"] |= mb and not ma
                seen["both"] |= ma and mb
    if not seen["a"] or not seen["b"]:
        return None
    if not seen["only_a"] and not seen["only_b"]:
        return "equal"
    if not seen["only_a"]:
        return "subset"
    if not seen["only_b"]:
        return "superset"
    return "overlap" if seen["both"] else "disjoint"


@settings(max_examples=60, deadline=None)
@given(boxes3, boxes3)
def test_exact_comparison_in_three_parameters_with_rational_thresholds(
    raw_a: list[list[tuple[str, str, Fraction]]], raw_b: list[list[tuple[str, str, Fraction]]]
) -> None:
    a = [Box.from_criteria(crit) for crit in raw_a]
    b = [Box.from_criteria(crit) for crit in raw_b]
    assert compare_unions(a, b) == _brute_force3(a, b)
