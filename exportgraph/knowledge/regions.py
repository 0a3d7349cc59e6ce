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


def _meet(a: Box, b: Box) -> Box:
    """The points in both boxes."""
    return Box(
        {n: a.interval(n).intersect(b.interval(n)) for n in a.bounds.keys() | b.bounds.keys()}
    )


def _outside(interval: Interval, cut: Interval) -> list[Interval]:
    """The non-empty parts of `interval` below and above `cut`."""
    parts = []
    if cut.low is not None:
        parts.append(interval.intersect(Interval(None, False, cut.low, not cut.low_closed)))
    if cut.high is not None:
        parts.append(interval.intersect(Interval(cut.high, not cut.high_closed, None, False)))
    return [part for part in parts if not part.is_empty()]


def _minus(box: Box, cut: Box) -> list[Box]:
    """`box` without the points of `cut`, as disjoint boxes (`box` meets `cut`): per parameter of
    `cut`, the slices outside its interval, the rest narrowed to it before the next parameter."""
    pieces: list[Box] = []
    rest = dict(box.bounds)
    for name, bound in cut.bounds.items():
        current = rest.get(name, FULL)
        pieces.extend(Box({**rest, name: part}) for part in _outside(current, bound))
        rest[name] = current.intersect(bound)
    return pieces


def _escapes(box: Box, union: Sequence[Box]) -> bool:
    """Whether some point of the non-empty `box` lies in no box of `union`: the box is cut by
    the union's boxes in turn, each piece going on with the boxes after the one that cut it,
    until a piece meets none (it escapes) or none is left (the union covers the box)."""
    pending = [(box, 0)]
    while pending:
        piece, start = pending.pop()
        for index in range(start, len(union)):
            if not _meet(piece, union[index]).is_empty():
                pending.extend((part, index + 1) for part in _minus(piece, union[index]))
                break
        else:
            return True
    return False


def compare_unions(a: Sequence[Box], b: Sequence[Box]) -> SetRelation | None:
    """How union-of-boxes a relates to b; None when either region is empty.

    Exact, box by box: a point in both when two boxes meet; a point of a outside b when some
    box of a is not covered by b's boxes (cut away by each in turn, see ``_escapes``). Regions
    of many alternatives (6A005.b.6: 21, over 9 parameters) compare in milliseconds, where a
    grid of the cells their thresholds cut (the former method) held millions of cells."""
    a = [box for box in a if not box.is_empty()]
    b = [box for box in b if not box.is_empty()]
    if not a or not b:
        return None
    return relation_of(
        only_a=any(_escapes(box, b) for box in a),
        only_b=any(_escapes(box, a) for box in b),
        both=any(not _meet(x, y).is_empty() for x in a for y in b),
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
