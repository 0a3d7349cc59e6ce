"""Regions of parameter space: intervals from comparators, unions of boxes, how two compare.

Exact arithmetic (fractions) throughout, so that a threshold of 1e-3 equals 0.001 and
`>= 100` differs from `> 100`.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

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


def _probes(cuts: Sequence[Fraction]) -> list[Fraction]:
    """One point per elementary cell of the line cut at `cuts`: each cut and one between/beyond."""
    if not cuts:
        return [Fraction(0)]
    points = [cuts[0] - 1]
    for left, right in itertools.pairwise(cuts):
        points += [left, (left + right) / 2]
    points += [cuts[-1], cuts[-1] + 1]
    return points


def compare_unions(a: Sequence[Box], b: Sequence[Box]) -> SetRelation | None:
    """How union-of-boxes a relates to b; None when either region is empty.

    Every endpoint of every box cuts the space into cells on which membership is constant;
    one probe per cell decides the relation exactly.
    """
    parameters = sorted({name for box in (*a, *b) for name in box.bounds})
    probes = [
        _probes(sorted({x for box in (*a, *b) for x in box.interval(name).endpoints()}))
        for name in parameters
    ]
    in_a = in_b = only_a = only_b = both = False
    for values in itertools.product(*probes):
        point = dict(zip(parameters, values, strict=True))
        member_a = any(box.contains(point) for box in a)
        member_b = any(box.contains(point) for box in b)
        in_a |= member_a
        in_b |= member_b
        only_a |= member_a and not member_b
        only_b |= member_b and not member_a
        both |= member_a and member_b
    if not in_a or not in_b:
        return None
    if not only_a and not only_b:
        return "equal"
    if not only_a:
        return "subset"
    if not only_b:
        return "superset"
    return "overlap" if both else "disjoint"


def compare_sets(a: frozenset[str], b: frozenset[str]) -> SetRelation:
    """Relation of two finite sets."""
    if a == b:
        return "equal"
    if a < b:
        return "subset"
    if a > b:
        return "superset"
    return "overlap" if a & b else "disjoint"


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
