"""The decision of exportgraph.services.partners.decision, compiled for one item *signature* (kind,
facts, purpose, kind served) and one date, and evaluated for many items at once.

For items of one signature every atom of every entry is a constant (in force, in scope, excluded,
serves, purpose, facts) except the criteria, which depend on the item's parameters only through
their cells (exportgraph.knowledge.compiled). A plan folds the constants and evaluates each entry
tree over numpy arrays of the criteria's outcomes, in Kleene logic on small integers (FALSE <
UNKNOWN < TRUE: AND is min, OR is max), exactly as `decision.evaluate` does one item at a time:
grouping entries through their sub-entries, required facts, purposes, served kinds, in-force
dates, and incomplete criteria ("unknown", never "controlled").

`Plan.verdicts(cells, codes)` answers, per jurisdiction, the verdict of every distinct row of
cells: `controlled`, the matching entries (most specific first) and, when unknown, the missing
parameters, the missing facts and the entries that could match — the fields of the single-item
answer, with the same values and order.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NotRequired

import numpy as np
import numpy.typing as npt
from typing_extensions import TypedDict

from exportgraph.knowledge.compiled import (
    FALSE,
    TRUE,
    UNKNOWN,
    Axis,
    BoolArray,
    CellArray,
    TriArray,
    outcome,
)
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.services.partners.logic import Verdict

Status = int | TriArray
BoolMatrix = npt.NDArray[np.bool_]
_JSON: dict[int, Verdict] = {FALSE: False, UNKNOWN: "unknown", TRUE: True}


class BatchVerdict(TypedDict):
    """One jurisdiction's answer for an item of a batch (contract §9)."""

    jurisdiction: str
    controlled: Verdict
    entries: list[str]
    missing: NotRequired[list[str]]
    missing_facts: NotRequired[list[str]]
    possible_entries: NotRequired[list[str]]


@dataclass(frozen=True)
class Signature:
    """What, beside its parameters, decides an item's answer."""

    kind_iri: str
    for_kind_iri: str | None = None
    purpose: str | None = None
    facts: tuple[tuple[str, bool], ...] = ()  # sorted by fact


def _tri(value: bool | None) -> int:
    return UNKNOWN if value is None else TRUE if value else FALSE


def _and(values: Iterable[Status]) -> Status:
    """Kleene AND (min), on constants or arrays."""
    result: Status = TRUE
    for value in values:
        both = isinstance(value, int) and isinstance(result, int)
        result = min(result, value) if both else np.minimum(result, value)
    return result


def _or(values: Iterable[Status]) -> Status:
    """Kleene OR (max), on constants or arrays."""
    result: Status = FALSE
    for value in values:
        both = isinstance(value, int) and isinstance(result, int)
        result = max(result, value) if both else np.maximum(result, value)
    return result


def _is(status: Status, value: int) -> bool | BoolArray:
    return status == value


@dataclass(slots=True)
class _Node:
    """The evaluation of one entry (decision.Evaluation, over arrays)."""

    entry: Entry
    status: Status
    leaf: bool  # no sub-entries evaluated: what `undecided` may list
    gap: bool | BoolArray = False
    missing: BoolMatrix | None = None  # rows × axes: parameters that would decide it
    missing_facts: tuple[str, ...] = ()
    children: list[_Node] = field(default_factory=list)


@dataclass(frozen=True)
class _Atoms:
    """decision's atoms of one entry for a signature, except the criteria."""

    in_force: bool
    in_scope: bool
    excluded: bool
    serves_ok: int
    purpose_ok: int
    facts: tuple[int, ...]


class Plan:
    """The compiled decision for one signature on one date (see the module docstring)."""

    def __init__(
        self, knowledge: Knowledge, signature: Signature, axes: Mapping[str, Axis], on: dt.date
    ) -> None:
        self.knowledge = knowledge
        self.signature = signature
        self.axes = list(axes.values())
        self._axis_index = {axis.parameter: i for i, axis in enumerate(self.axes)}
        self._kinds = knowledge.ancestors_of_kind(signature.kind_iri)
        self._for_kinds = (
            knowledge.ancestors_of_kind(signature.for_kind_iri)
            if signature.for_kind_iri
            else frozenset()
        )
        self._facts = dict(signature.facts)
        self._in_force = knowledge.in_force(on)
        self._scope = knowledge.scope(signature.kind_iri)
        self._atoms: dict[str, _Atoms] = {}

    # ------------------------------------------------------------------ atoms

    def _atoms_of(self, entry: Entry) -> _Atoms:
        found = self._atoms.get(entry.iri)
        if found is None:
            in_scope, excluded = self._scope.get(entry.iri, (False, False))
            purpose_ok = TRUE
            if entry.purposes:
                purpose = self.signature.purpose
                purpose_ok = UNKNOWN if purpose is None else _tri(purpose in entry.purposes)
            serves_ok = not entry.serves or bool(entry.served_kinds & self._for_kinds)
            found = _Atoms(
                entry.iri in self._in_force,
                in_scope,
                excluded,
                _tri(serves_ok),
                purpose_ok,
                tuple(_tri(self._facts.get(fact)) for fact in entry.requires_facts),
            )
            self._atoms[entry.iri] = found
        return found

    # ------------------------------------------------------------------ evaluation

    def _leaf(self, entry: Entry, atoms: _Atoms, rows: _Rows) -> _Node:
        if not atoms.in_force or not atoms.in_scope or atoms.excluded:
            return _Node(entry, FALSE, True)
        alternatives: list[tuple[Status, BoolMatrix | None]] = []
        for alternative in entry.alternatives:
            statuses: list[Status] = []
            mask = np.zeros(len(self.axes), dtype=np.bool_)
            for criterion in alternative:
                axis = self._axis_index[criterion.parameter]
                statuses.append(
                    rows.outcome(axis, criterion.canonical_threshold, criterion.comparator)
                )
                mask[axis] = True
            alternatives.append((_and(statuses), rows.missing & mask if mask.any() else None))
        criteria: Status = _or(s for s, _ in alternatives) if alternatives else TRUE
        status = _and([criteria, atoms.serves_ok, atoms.purpose_ok, *atoms.facts])
        node = _Node(entry, status, True)
        if not entry.criteria_complete:  # the known criteria hold: "unknown", never "controlled"
            if isinstance(status, int):
                node.gap = status == TRUE
                status = UNKNOWN if node.gap else status
            else:
                node.gap = status == TRUE
                status = np.where(node.gap, UNKNOWN, status).astype(np.int8)
            node.status = status
        node.missing_facts = tuple(
            fact
            for fact, value in zip(entry.requires_facts, atoms.facts, strict=True)
            if value == UNKNOWN
        ) + (("purpose",) if atoms.purpose_ok == UNKNOWN else ())
        if alternatives and not isinstance(criteria, int):
            undecided = np.asarray((status == UNKNOWN) & (criteria == UNKNOWN), dtype=np.bool_)
            if undecided.any():
                missing = np.zeros((rows.count, len(self.axes)), dtype=np.bool_)
                for alt_status, alt_missing in alternatives:
                    if alt_missing is not None:
                        missing |= np.asarray(alt_status == UNKNOWN)[:, None] & alt_missing
                node.missing = missing & undecided.reshape(-1, 1)
        return node

    def _evaluate(self, entry: Entry, rows: _Rows) -> _Node:
        if self._kinds.isdisjoint(entry.subtree_kinds):
            return _Node(entry, FALSE, True)
        found = rows.nodes.get(entry.iri)  # a union's list, met again for each member state
        if found is None:
            found = rows.nodes[entry.iri] = self._tree(entry, rows)
        return found

    def _tree(self, entry: Entry, rows: _Rows) -> _Node:
        atoms = self._atoms_of(entry)
        if not entry.children:
            return self._leaf(entry, atoms, rows)
        kids = [self._evaluate(self.knowledge.entries[child], rows) for child in entry.children]
        parts = [kid.status for kid in kids]
        if entry.alternatives:
            parts.append(self._leaf(entry, atoms, rows).status)
        status = _or(parts)
        if not atoms.in_force:
            status = FALSE
        status = _and([status, *atoms.facts])
        return _Node(entry, status, False, children=kids)

    def verdicts(
        self, cells: CellArray, codes: Sequence[str]
    ) -> tuple[list[list[BatchVerdict]], npt.NDArray[np.intp]]:
        """For rows of cells (one row per distinct item, a column per axis): the distinct lists
        of verdicts (one verdict per code, in order) and, per row, the index of its list."""
        rows = _Rows(self, cells)
        per_code: list[tuple[list[BatchVerdict], npt.NDArray[np.intp]]] = []
        for code in codes:
            tops = [
                self._evaluate(entry, rows)
                for entry in self.knowledge.top_level(self.knowledge.governing(code))
            ]
            per_code.append(_code_verdicts(code, tops, rows, self.axes))
        if not per_code:
            return [[]], np.zeros(rows.count, dtype=np.intp)
        if rows.count == 1:
            return [[verdicts[0] for verdicts, _ in per_code]], np.zeros(1, dtype=np.intp)
        table = np.stack([inverse for _, inverse in per_code], axis=1)
        _, first, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
        lists = [
            [per_code[c][0][int(table[row, c])] for c in range(len(codes))]
            for row in first.tolist()
        ]
        return lists, inverse.reshape(-1)


class _Rows:
    """The rows being decided: their cells, which parameters they lack, criteria outcomes."""

    def __init__(self, plan: Plan, cells: CellArray) -> None:
        self.plan = plan
        self.cells = cells
        self.count = cells.shape[0]
        self.missing: BoolMatrix = (
            np.stack([cells[:, i] == axis.missing for i, axis in enumerate(plan.axes)], axis=1)
            if plan.axes
            else np.zeros((self.count, 0), dtype=np.bool_)
        )
        self._outcomes: dict[tuple[int, Decimal, str], TriArray] = {}
        self.nodes: dict[str, _Node] = {}  # entry IRI → its evaluation for these rows

    def outcome(self, axis: int, threshold: Decimal, comparator: str) -> TriArray:
        key = (axis, threshold, comparator)
        found = self._outcomes.get(key)
        if found is None:
            on = self.plan.axes[axis]
            found = outcome(self.cells[:, axis], on, on.index(threshold), comparator)
            self._outcomes[key] = found
        return found


def _post_order(node: _Node, out: list[_Node]) -> None:
    for kid in node.children:
        _post_order(kid, out)
    out.append(node)


def _row(status: Status, row: int) -> int:
    return status if isinstance(status, int) else int(status[row])


def _code_verdicts(
    code: str, tops: list[_Node], rows: _Rows, axes: list[Axis]
) -> tuple[list[BatchVerdict], npt.NDArray[np.intp]]:
    """The distinct verdicts of one jurisdiction and, per row, the index of its verdict."""
    flat: list[_Node] = []
    for top in tops:
        _post_order(top, flat)
    # an entry false whatever the parameters is never listed: leave it out of every row
    flat = [node for node in flat if not (isinstance(node.status, int) and node.status == FALSE)]
    overall = _or(top.status for top in tops)
    columns: list[npt.NDArray[np.int64]] = []
    for node in flat:
        if not isinstance(node.status, int):
            columns.append(node.status.astype(np.int64))
        if not isinstance(node.gap, bool):
            columns.append(node.gap.astype(np.int64))
        if node.missing is not None and node.leaf:
            columns.extend(node.missing.T.astype(np.int64))
    if not isinstance(overall, int):
        columns.append(overall.astype(np.int64))
    if not columns or rows.count == 1:
        return [_verdict(code, flat, overall, 0, axes)], np.zeros(rows.count, dtype=np.intp)
    key = np.stack(columns, axis=1)
    _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    verdicts = [_verdict(code, flat, overall, row, axes) for row in first.tolist()]
    return verdicts, inverse.reshape(-1)


def _verdict(
    code: str, flat: list[_Node], overall: Status, row: int, axes: list[Axis]
) -> BatchVerdict:
    """One verdict, read from the nodes at one row (decision.evaluate_lists and
    classify.jurisdiction_result, for the fields a batch answers)."""
    status = _row(overall, row)
    verdict: BatchVerdict = {
        "jurisdiction": code,
        "controlled": _JSON[status],
        "entries": [node.entry.id for node in flat if _row(node.status, row) == TRUE],
    }
    if status == UNKNOWN:
        undecided = [node for node in flat if node.leaf and _row(node.status, row) == UNKNOWN]
        missing: set[str] = set()
        facts: list[str] = []
        for node in undecided:
            if node.missing is not None:
                missing |= {axes[i].parameter for i in np.flatnonzero(node.missing[row])}
            for fact in node.missing_facts:
                if fact not in facts:
                    facts.append(fact)
            gap = node.gap if isinstance(node.gap, bool) else bool(node.gap[row])
            if gap:
                text = f"complete criteria of {node.entry.id}"
                if text not in facts:
                    facts.append(text)
        verdict["missing"] = sorted(missing)
        verdict["missing_facts"] = facts
        verdict["possible_entries"] = [node.entry.id for node in undecided]
    return verdict
