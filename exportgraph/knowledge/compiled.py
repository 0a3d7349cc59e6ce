"""Thresholds compiled for deciding many items at once.

For one kind and one date, every criterion the applicable entries test (in force, the kind in
scope, no excluded kind) compares a parameter with a threshold. Per parameter, the distinct
canonical thresholds, sorted, cut the number line into *cells*: cell 2j is strictly between
threshold j-1 and threshold j, cell 2j+1 is threshold j itself, cell 2m is above the last one, and
cell 2m+1 is "not stated". Every criterion on the parameter has the same outcome for every value
of one cell, so items are compared with a threshold through their cell.

Cells are found for whole columns of values with numpy (`Axis.cells`). Floats decide exactly
wherever they can: a float comparison between a value and a threshold that are both the shortest
decimal of their float (`exact`) is the exact comparison, because that map is strictly
increasing. What a float cannot decide (a value converted through a float factor near a
threshold, a tie with a threshold that has more digits than a float) is returned as *unresolved*
and decided by the caller with exact Decimals (`Axis.cell_of`).
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Criterion, Entry

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]
CellArray = npt.NDArray[np.int32]
TriArray = npt.NDArray[np.int8]

# Tri-valued outcomes as small integers, so that AND is min and OR is max (Kleene logic).
FALSE, UNKNOWN, TRUE = 0, 1, 2
# A value converted through a float factor is within a few units in the last place of its exact
# value: closer than this (relative) to a threshold, it is decided with Decimals.
NEAR = 1e-9


def repr_exact(value: Decimal) -> bool:
    """Whether a Decimal is the shortest decimal of its float (so floats compare it exactly)."""
    as_float = float(value)
    return bool(np.isfinite(as_float)) and Decimal(repr(as_float)) == value


@dataclass(frozen=True)
class Axis:
    """One parameter's distinct thresholds for a kind and a date, sorted."""

    parameter: str
    thresholds: tuple[Decimal, ...]
    floats: FloatArray
    exact: BoolArray  # per threshold: repr_exact

    @classmethod
    def of(cls, parameter: str, thresholds: Iterable[Decimal]) -> Axis:
        ordered = tuple(sorted(set(thresholds)))
        return cls(
            parameter,
            ordered,
            np.array([float(t) for t in ordered], dtype=np.float64),
            np.array([repr_exact(t) for t in ordered], dtype=np.bool_),
        )

    @property
    def missing(self) -> int:
        """The cell of a value that is not stated."""
        return 2 * len(self.thresholds) + 1

    def index(self, threshold: Decimal) -> int:
        """The position of a threshold on the axis."""
        return self.thresholds.index(threshold)

    def cell_of(self, value: Decimal | None) -> int:
        """The exact cell of one value."""
        if value is None:
            return self.missing
        left = bisect.bisect_left(self.thresholds, value)
        if left < len(self.thresholds) and self.thresholds[left] == value:
            return 2 * left + 1
        return 2 * left

    def cells(self, values: FloatArray, exact: BoolArray) -> tuple[CellArray, npt.NDArray[np.intp]]:
        """The cells of a column of values (NaN: not stated; `exact`: the value is the shortest
        decimal of its float), and the positions the floats cannot decide."""
        floats = self.floats
        if not len(floats):
            cells = np.where(np.isnan(values), self.missing, 0).astype(np.int32)
            return cells, np.empty(0, dtype=np.intp)
        left = np.searchsorted(floats, values, side="left")
        right = np.searchsorted(floats, values, side="right")
        tie = right > left
        cells = (2 * left + tie).astype(np.int32)
        last = len(floats) - 1
        at = np.minimum(left, last)
        # a tie is an exact equality only between exact values and a single exact threshold
        unresolved = tie & ~(exact & (right - left == 1) & self.exact[at])
        inexact = ~exact
        if inexact.any():
            below = np.maximum(left - 1, 0)
            near_above = np.abs(values - floats[at]) <= NEAR * np.abs(floats[at])
            near_below = np.abs(values - floats[below]) <= NEAR * np.abs(floats[below])
            unresolved |= inexact & (near_above | near_below)
        missing = np.isnan(values)
        cells[missing] = self.missing
        unresolved &= ~missing
        return cells, np.flatnonzero(unresolved)


def outcome(cells: CellArray, axis: Axis, threshold: int, comparator: str) -> TriArray:
    """The three-valued outcome of `value <comparator> threshold` for a column of cells."""
    at = 2 * threshold + 1
    if comparator == ">=":
        held = cells >= at
    elif comparator == ">":
        held = cells > at
    elif comparator == "<=":
        held = cells <= at
    elif comparator == "<":
        held = cells < at
    elif comparator == "=":
        held = cells == at
    else:
        raise ValueError(f"unknown comparator {comparator!r}")
    result = np.where(held, TRUE, FALSE).astype(np.int8)
    result[cells == axis.missing] = UNKNOWN
    return result


def applicable(knowledge: Knowledge, kind_iri: str, on: dt.date) -> list[Entry]:
    """The entries whose criteria an item of the kind is tested against on `on`: in force, the
    kind (or, for an item of a broad kind, a narrower kind it may be) in scope and no excluded
    kind applying."""
    scope = knowledge.scope(kind_iri)
    in_force = knowledge.in_force(on)
    return [
        entry
        for iri, entry in knowledge.entries.items()
        if iri in in_force and scope.get(iri, (False, False)) in ((True, False), (None, False))
    ]


def kind_axes(knowledge: Knowledge, kind_iri: str, on: dt.date) -> Mapping[str, Axis]:
    """Per parameter, the axis of the thresholds an item of the kind is tested against on `on`
    (parameters in the order of the knowledge's parameter scheme, then by name)."""
    found = kind_tests(knowledge, kind_iri, on)
    order = {name: position for position, name in enumerate(knowledge.notations("parameters"))}
    names = sorted(found, key=lambda name: (order.get(name, len(order)), name))
    return {name: Axis.of(name, (t for t, _ in found[name])) for name in names}


Test = tuple[Decimal, str]
"""A criterion's canonical threshold and comparator."""


def kind_tests(knowledge: Knowledge, kind_iri: str, on: dt.date) -> Mapping[str, set[Test]]:
    """Per parameter, the tests of the criteria an item of the kind is tested with on `on`."""
    found: dict[str, set[Test]] = {}
    for entry in applicable(knowledge, kind_iri, on):
        for criterion in criteria_of(entry):
            found.setdefault(criterion.parameter, set()).add(
                (criterion.canonical_threshold, criterion.comparator)
            )
    return found


def cell_classes(axis: Axis, tests: Iterable[Test]) -> CellArray:
    """Per cell of the axis, the first cell on which every test has the same outcome (a value
    that is not stated stays apart): items whose cells map to the same cell answer alike, as
    long as they are tested only with `tests` — a what-if's new corpus then meets answers
    already given more often (`= t` and `< t` fall together when no criterion tests `= t`)."""
    cells = np.arange(axis.missing + 1, dtype=np.int32)
    columns = [outcome(cells, axis, axis.index(t), c) for t, c in sorted(tests)]
    columns.append((cells == axis.missing).astype(np.int8))
    _, first, inverse = np.unique(
        np.stack(columns, axis=1), axis=0, return_index=True, return_inverse=True
    )
    return cells[first][inverse.reshape(-1)]


def criteria_of(entry: Entry) -> list[Criterion]:
    """Every criterion of every alternative of an entry."""
    return [criterion for alternative in entry.alternatives for criterion in alternative]
