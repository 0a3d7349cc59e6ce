"""Regions of parameter space: intervals from comparators, unions of boxes, how two compare.

Exact arithmetic (fractions) throughout, so that a threshold of 1e-3 equals 0.001 and
`>= 100` differs from `> 100`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

import numpy as np
import numpy.typing as npt

SetRelation = Literal["equal", "subset", "superset", "overlap", "disjoint"]


def fmt(value: Fraction) -> str:
    """A readable decimal for an exact value (0.001, 100, 2.5)."""
    decimal = Decimal(value.numerator) / Decimal(value.denominator)
    text = format(decimal.normalize(), "f")
    return text


@dataclass(frozen=True)
class Interval:
    """A set of reals: low/high None means unbounded; closed flags say whether the end belongs."""

    low: Fraction | None = None
    low_closed: bool = False
    high: Fraction | None = None
    high_closed: bool = False

    @classmethod
    def from_comparator(cls, comparator: str, value: Fraction) -> Interval:
        """The values x with `x comparator value`."""
        if comparator == ">=":
            return cls(value, True, None, False)
        if comparator == ">":
            return cls(value, False, None, False)
        if comparator == "<=":
            return cls(None, False, value, True)
        if comparator == "<":
            return cls(None, False, value, False)
        if comparator == "=":
            return cls(value, True, value, True)
        raise ValueError(f"unknown comparator {comparator!r}")

    def contains(self, x: Fraction) -> bool:
        if self.low is not None and (x < self.low or (x == self.low and not self.low_closed)):
            return False
        return not (
            self.high is not None and (x > self.high or (x == self.high and not self.high_closed))
        )

    def intersect(self, other: Interval) -> Interval:
        low, low_closed = self.low, self.low_closed
        if other.low is not None and (
            low is None or other.low > low or (other.low == low and not other.low_closed)
        ):
            low, low_closed = other.low, other.low_closed
        high, high_closed = self.high, self.high_closed
        if other.high is not None and (
            high is None or other.high < high or (other.high == high and not other.high_closed)
        ):
            high, high_closed = other.high, other.high_closed
        return Interval(low, low_closed, high, high_closed)

    def is_empty(self) -> bool:
        if self.low is None or self.high is None:
            return False
        return self.low > self.high or (
            self.low == self.high and not (self.low_closed and self.high_closed)
        )

    def endpoints(self) -> list[Fraction]:
        return [end for end in (self.low, self.high) if end is not None]

    def describe(self, name: str, unit: str = "") -> str:
        """`100 <= physical-qubits < 200`, `base-temperature <= 0.1 K`, `name = 4`, `name any`."""
        low, high = self.low, self.high
        suffix = f" {unit}" if unit else ""
        if low is not None and low == high:
            return f"{name} = {fmt(low)}{suffix}"
        if low is None and high is None:
            return f"{name} any"
        if high is None:
            assert low is not None
            return f"{name} {'>=' if self.low_closed else '>'} {fmt(low)}{suffix}"
        right = f"{name} {'<=' if self.high_closed else '<'} {fmt(high)}{suffix}"
        if low is None:
            return right
        return f"{fmt(low)}{suffix} {'<=' if self.low_closed else '<'} {right}"


FULL = Interval()


@dataclass(frozen=True)
class Box:
    """One alternative: an interval per constrained parameter (others unconstrained)."""

    bounds: Mapping[str, Interval]

    @classmethod
    def from_criteria(cls, criteria: Iterable[tuple[str, str, Fraction]]) -> Box:
        """Intersect (parameter, comparator, value) criteria into one box."""
        bounds: dict[str, Interval] = {}
        for parameter, comparator, value in criteria:
            interval = Interval.from_comparator(comparator, value)
            bounds[parameter] = bounds.get(parameter, FULL).intersect(interval)
        return cls(bounds)

    def interval(self, parameter: str) -> Interval:
        return self.bounds.get(parameter, FULL)

    def is_empty(self) -> bool:
        return any(interval.is_empty() for interval in self.bounds.values())

    def contains(self, point: Mapping[str, Fraction]) -> bool:
        return all(self.interval(name).contains(x) for name, x in point.items())

    def describe(self, units: Mapping[str, str] | None = None) -> str:
        """The box's constraints, one per parameter, with units from `units` where given."""
        units = units or {}
        parts = [self.bounds[n].describe(n, units.get(n, "")) for n in sorted(self.bounds)]
        return ", ".join(parts) or "any value"


def _span(interval: Interval, rank: Mapping[Fraction, int], size: int) -> npt.NDArray[np.bool_]:
    """Which cells of a line cut at the ranked values the interval holds. The cells, in order,
    are: below the first cut, the first cut, between the first and second cuts, …, the last
    cut, beyond it (2 × cuts + 1 cells); an end value's cut is cell 2 × rank + 1."""
    first = 0
    if interval.low is not None:
        first = 2 * rank[interval.low] + (1 if interval.low_closed else 2)
    last = size - 1
    if interval.high is not None:
        last = 2 * rank[interval.high] + (1 if interval.high_closed else 0)
    cells = np.zeros(size, dtype=np.bool_)
    if first <= last:
        cells[first : last + 1] = True
    return cells


def _grid(
    boxes: Sequence[Box], parameters: Sequence[str], ranks: Sequence[Mapping[Fraction, int]]
) -> npt.NDArray[np.bool_]:
    """The union of the boxes over the grid of cells (one axis per parameter)."""
    shape = tuple(2 * len(rank) + 1 for rank in ranks)
    union = np.zeros(shape, dtype=np.bool_)
    for box in boxes:
        member = np.ones(shape, dtype=np.bool_)
        for axis, (name, rank) in enumerate(zip(parameters, ranks, strict=True)):
            if name in box.bounds:
                along = [1] * len(shape)
                along[axis] = shape[axis]
                member &= _span(box.bounds[name], rank, shape[axis]).reshape(along)
        union |= member
    return union


def compare_unions(a: Sequence[Box], b: Sequence[Box]) -> SetRelation | None:
    """How union-of-boxes a relates to b; None when either region is empty.

    Every endpoint of every box cuts the space into cells on which membership is constant
    (each cut value is a cell, and each open stretch between cuts); the relation is decided
    exactly on the grid of cells, each box marking its cells as a product of per-parameter
    ranges.
    """
    parameters = sorted({name for box in (*a, *b) for name in box.bounds})
    ranks = [
        {
            x: i
            for i, x in enumerate(
                sorted({x for box in (*a, *b) for x in box.interval(name).endpoints()})
            )
        }
        for name in parameters
    ]
    in_a = _grid(a, parameters, ranks)
    in_b = _grid(b, parameters, ranks)
    if not in_a.any() or not in_b.any():
        return None
    return relation_of(
        only_a=bool((in_a & ~in_b).any()),
        only_b=bool((in_b & ~in_a).any()),
        both=bool((in_a & in_b).any()),
    )


def relation_of(*, only_a: bool, only_b: bool, both: bool) -> SetRelation:
    """The relation of two non-empty regions from whether some point is in a only, in b only,
    and in both."""
    if not only_a and not only_b:
        return "equal"
    if not only_a:
        return "subset"
    if not only_b:
        return "superset"
    return "overlap" if both else "disjoint"


def compare_sets(a: frozenset[str], b: frozenset[str]) -> SetRelation:
    """Relation of two finite sets."""
    return relation_of(only_a=bool(a - b), only_b=bool(b - a), both=bool(a & b))


def combine(relations: Iterable[SetRelation]) -> SetRelation:
    """The relation of two products of sets, from the relations of their factors."""
    found = set(relations)
    if "disjoint" in found:
        return "disjoint"
    if found <= {"equal"}:
        return "equal"
    if found <= {"equal", "subset"}:
        return "subset"
    if found <= {"equal", "superset"}:
        return "superset"
    return "overlap"
