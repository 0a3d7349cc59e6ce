"""The decision of exportgraph.services.partners.decision, compiled for one item *signature* (kind,
facts, purpose, material form, kind served …) and one date, and evaluated for many items at once.

For items of one signature every atom of every entry is a constant (in force, in scope, excluded,
serves, purpose, material form, facts) except the criteria, which depend on the item's
parameters only through their cells (exportgraph.knowledge.compiled). A plan folds the constants
and evaluates each entry tree over numpy arrays of the criteria's outcomes, in Kleene logic on
small integers (FALSE < UNKNOWN < TRUE: AND is min, OR is max), exactly as `decision` does one
item at a time: grouping entries through their sub-entries, required facts, purposes, material
forms, in-force dates, incomplete criteria ("unknown", never "controlled") and — software,
technology — the item served, evaluated by a walker of its own against the entries named, over
the same rows (the served item has the item's parameters).

Statuses are computed for all rows together. What an "unknown" answer lists (missing parameters,
missing facts, the entries that could match) is then read, with the same rules as `decision` and
`classify.jurisdiction_result`, once per distinct pattern of statuses and missing parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
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
from exportgraph.services.partners.items import MATERIAL_FORM, Item, kind_field
from exportgraph.services.partners.logic import Verdict

Status = int | TriArray
_JSON: dict[int, Verdict] = {FALSE: False, UNKNOWN: "unknown", TRUE: True}
_SERVED = "served."


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
    """What, beside its numeric parameters, decides an item's answer; for software and
    technology, with the signature of the item served (same facts and form)."""

    kind_iri: str
    for_kind_iri: str | None = None
    purpose: str | None = None
    facts: tuple[tuple[str, bool], ...] = ()  # sorted by fact
    form: str | None = None  # material form
    served: Signature | None = None

    @classmethod
    def of(cls, item: Item) -> Signature:
        return cls(
            item.kind_iri,
            item.for_kind_iri,
            item.purpose,
            tuple(sorted(item.facts.items())),
            item.material_form,
            cls.of(item.served) if item.served is not None else None,
        )

    @property
    def chain(self) -> tuple[str, ...]:
        """The kinds of the item and of the items it serves, outermost first."""
        return (self.kind_iri, *(self.served.chain if self.served else ()))


def _tri(value: bool | None) -> int:
    return UNKNOWN if value is None else TRUE if value else FALSE


def _one_of(value: str | None, allowed: frozenset[str]) -> int:
    """atoms.one_of on small integers."""
    if not allowed:
        return TRUE
    return UNKNOWN if value is None else _tri(value in allowed)


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


def _at(status: Status | bool | BoolArray, row: int) -> int:
    return int(status) if isinstance(status, int | bool) else int(status[row])


@dataclass(frozen=True)
class _Atoms:
    """decision's atoms of one entry for a signature, except the criteria."""

    in_force: bool
    in_scope: int  # UNKNOWN: the entry names only narrower kinds than the item's
    excluded: bool
    serves_ok: int
    purpose_ok: int
    form_ok: int
    facts: tuple[int, ...]


@dataclass(slots=True)
class _Node:
    """The evaluation of one entry over the rows (decision.Evaluation, statuses as arrays)."""

    entry: Entry
    status: Status
    leaf: bool  # no sub-entries evaluated (what `undecided` may list)
    path: str = ""
    atoms: _Atoms | None = None
    gap: bool | BoolArray = False
    criteria: Status = TRUE
    alternatives: list[tuple[Status, list[tuple[int, TriArray]]]] = field(default_factory=list)
    served: list[_Node] = field(default_factory=list)
    served_status: Status = TRUE
    children: list[_Node] = field(default_factory=list)
    own: _Node | None = None


class _Walker:
    """Evaluates entries for the items of one signature (decision._Walker)."""

    def __init__(self, plan: Plan, signature: Signature, on: dt.date, depth: int = 0) -> None:
        knowledge = plan.knowledge
        self.plan = plan
        self.signature = signature
        self.depth = depth
        self.path = _SERVED * depth
        self.kinds = knowledge.ancestors_of_kind(signature.kind_iri)
        self.reach = self.kinds | knowledge.descendants_of_kind(signature.kind_iri)
        self._for_kinds = (
            knowledge.ancestors_of_kind(signature.for_kind_iri)
            if signature.for_kind_iri
            else frozenset()
        )
        self._facts = dict(signature.facts)
        self._in_force = knowledge.in_force(on)
        self._scope = knowledge.scope(signature.kind_iri)
        self._atoms: dict[str, _Atoms] = {}
        self.served = _Walker(plan, signature.served, on, depth + 1) if signature.served else None

    def atoms(self, entry: Entry) -> _Atoms:
        found = self._atoms.get(entry.iri)
        if found is None:
            in_scope, excluded = self._scope.get(entry.iri, (False, False))
            serves = TRUE
            if entry.serves:
                serves = (
                    _tri(bool(entry.served_kinds & self._for_kinds))
                    if self.signature.for_kind_iri
                    else UNKNOWN
                )
            found = _Atoms(
                entry.iri in self._in_force,
                _tri(in_scope),
                excluded,
                serves,
                _one_of(self.signature.purpose, entry.purposes),
                _one_of(self.signature.form, entry.material_forms),
                tuple(_tri(self._facts.get(fact)) for fact in entry.requires_facts),
            )
            self._atoms[entry.iri] = found
        return found

    def key(self) -> tuple[object, ...]:
        """Everything this walker's answers depend on besides the parameters: the kind (the
        entries it visits and their shape) and the atoms of those entries, and the served
        walker's key."""
        knowledge = self.plan.knowledge
        visited = [
            e for e in knowledge.entries.values() if not self.reach.isdisjoint(e.subtree_kinds)
        ]
        return (
            self.signature.kind_iri,
            tuple(self.atoms(entry) for entry in visited),
            self.served.key() if self.served else None,
        )

    def evaluate(self, entry: Entry, rows: _Rows) -> _Node:
        if self.reach.isdisjoint(entry.subtree_kinds):
            return _Node(entry, FALSE, True, self.path)
        memo = (self.depth, entry.iri)
        found = rows.nodes.get(memo)  # a union's list is met again for each member state
        if found is None:
            found = rows.nodes[memo] = self._tree(entry, rows)
        return found

    def _tree(self, entry: Entry, rows: _Rows) -> _Node:
        atoms = self.atoms(entry)
        if not entry.children:
            return self._leaf(entry, atoms, rows)
        kids = [self.evaluate(self.plan.knowledge.entries[child], rows) for child in entry.children]
        parts = [kid.status for kid in kids]
        own = self._leaf(entry, atoms, rows) if entry.alternatives else None
        if own is not None:
            parts.append(own.status)
        status = _or(parts)
        if not atoms.in_force:
            status = FALSE
        status = _and([status, *atoms.facts])
        return _Node(entry, status, False, self.path, atoms, children=kids, own=own)

    def _leaf(self, entry: Entry, atoms: _Atoms, rows: _Rows) -> _Node:
        if not atoms.in_force or atoms.in_scope == FALSE or atoms.excluded:
            return _Node(entry, FALSE, True, self.path, atoms)
        alternatives: list[tuple[Status, list[tuple[int, TriArray]]]] = []
        for alternative in entry.alternatives:
            outcomes = [
                (
                    self.plan.axis_of[criterion.parameter],
                    rows.outcome(
                        criterion.parameter, criterion.canonical_threshold, criterion.comparator
                    ),
                )
                for criterion in alternative
            ]
            alternatives.append((_and(o for _, o in outcomes), outcomes))
        criteria: Status = _or(s for s, _ in alternatives) if alternatives else TRUE
        served: list[_Node] = []
        served_status: Status = TRUE
        if entry.serves and atoms.serves_ok == TRUE and atoms.purpose_ok != FALSE:
            if self.served is not None:
                knowledge = self.plan.knowledge
                served = [
                    self.served.evaluate(knowledge.entries[iri], rows)
                    for iri in entry.serves
                    if iri in knowledge.entries
                ]
            served_status = _or(node.status for node in served)
        status = _and(
            [
                atoms.in_scope,
                criteria,
                atoms.serves_ok,
                served_status,
                atoms.purpose_ok,
                atoms.form_ok,
                *atoms.facts,
            ]
        )
        node = _Node(
            entry,
            status,
            True,
            self.path,
            atoms,
            criteria=criteria,
            alternatives=alternatives,
            served=served,
            served_status=served_status,
        )
        if not entry.criteria_complete:  # the known criteria hold: "unknown", never "controlled"
            if isinstance(status, int):
                node.gap = status == TRUE
                node.status = UNKNOWN if node.gap else status
            else:
                node.gap = status == TRUE
                node.status = np.where(node.gap, UNKNOWN, status).astype(np.int8)
        return node


class Plan:
    """The compiled decision for one signature on one date (see the module docstring)."""

    def __init__(
        self, knowledge: Knowledge, signature: Signature, axes: Sequence[Axis], on: dt.date
    ) -> None:
        self.knowledge = knowledge
        self.signature = signature
        self.axes = list(axes)
        self.axis_of = {axis.parameter: i for i, axis in enumerate(self.axes)}
        self.walker = _Walker(self, signature, on)

    def key(self) -> tuple[object, ...]:
        return self.walker.key()

    def verdicts(
        self, cells: CellArray, codes: Sequence[str]
    ) -> tuple[list[list[BatchVerdict]], npt.NDArray[np.intp]]:
        """For rows of cells (one row per distinct item, a column per axis): the distinct lists
        of verdicts (one verdict per code, in order) and, per row, the index of its list."""
        rows = _Rows(self, cells)
        per_code = []
        for code in codes:
            tops = [
                self.walker.evaluate(entry, rows)
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
    """The rows being decided: their cells, which parameters they lack, criteria outcomes, and
    the nodes evaluated for them (per walker depth and entry)."""

    def __init__(self, plan: Plan, cells: CellArray) -> None:
        self.plan = plan
        self.cells = cells
        self.count = cells.shape[0]
        self.missing: npt.NDArray[np.bool_] = (
            np.stack([cells[:, i] == axis.missing for i, axis in enumerate(plan.axes)], axis=1)
            if plan.axes
            else np.zeros((self.count, 0), dtype=np.bool_)
        )
        self._outcomes: dict[tuple[str, Decimal, str], TriArray] = {}
        self.nodes: dict[tuple[int, str], _Node] = {}

    def outcome(self, parameter: str, threshold: Decimal, comparator: str) -> TriArray:
        key = (parameter, threshold, comparator)
        found = self._outcomes.get(key)
        if found is None:
            index = self.plan.axis_of[parameter]
            axis = self.plan.axes[index]
            found = outcome(self.cells[:, index], axis, axis.index(threshold), comparator)
            self._outcomes[key] = found
        return found


def _post_order(node: _Node, out: list[_Node]) -> None:
    for kid in node.children:
        _post_order(kid, out)
    out.append(node)


def _reachable(flat: list[_Node]) -> list[_Node]:
    """The nodes of the lists and every node of the served items' entries they read."""
    seen: dict[int, _Node] = {}
    pending = list(flat)
    while pending:
        node = pending.pop()
        if id(node) in seen:
            continue
        seen[id(node)] = node
        pending += node.children + node.served + ([node.own] if node.own else [])
    return list(seen.values())


def _code_verdicts(
    code: str, tops: list[_Node], rows: _Rows, axes: list[Axis]
) -> tuple[list[BatchVerdict], npt.NDArray[np.intp]]:
    """The distinct verdicts of one jurisdiction and, per row, the index of its verdict: rows
    whose nodes and alternatives have the same statuses and that lack the same parameters answer
    alike."""
    flat: list[_Node] = []
    for top in tops:
        _post_order(top, flat)
    overall = _or(top.status for top in tops)
    # what a verdict reads per row: each node's status and gap, and (for `missing`) its criteria's
    # and each alternative's status — two alternatives may be undecided in different rows
    # although the entry is undecided in both
    columns = [
        array.astype(np.int64)
        for node in _reachable(flat)
        for array in (node.status, node.gap, node.criteria, *(a for a, _ in node.alternatives))
        if not isinstance(array, int | bool)
    ]
    # an entry false whatever the parameters is never listed: leave it out of every row
    flat = [node for node in flat if not (isinstance(node.status, int) and node.status == FALSE)]
    if not columns or rows.count == 1:
        return [_verdict(code, flat, overall, 0, rows, axes)], np.zeros(rows.count, dtype=np.intp)
    key = np.concatenate([np.stack(columns, axis=1), rows.missing.astype(np.int64)], axis=1)
    _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
    verdicts = [_verdict(code, flat, overall, row, rows, axes) for row in first.tolist()]
    return verdicts, inverse.reshape(-1)


def _verdict(
    code: str, flat: list[_Node], overall: Status, row: int, rows: _Rows, axes: list[Axis]
) -> BatchVerdict:
    """One verdict at one row (decision.evaluate_lists and classify.jurisdiction_result, for the
    fields a batch answers)."""
    status = _at(overall, row)
    verdict: BatchVerdict = {
        "jurisdiction": code,
        "controlled": _JSON[status],
        "entries": [node.entry.id for node in flat if _at(node.status, row) == TRUE],
    }
    if status == UNKNOWN:
        undecided = [node for node in flat if node.leaf and _at(node.status, row) == UNKNOWN]
        missing: set[str] = set()
        facts: list[str] = []
        for node in undecided:
            found, wanted = _detail(node, row, rows, axes)
            missing |= found
            _add(facts, wanted)
            if _at(node.gap, row):
                _add(facts, [f"complete criteria of {node.entry.id}"])
        verdict["missing"] = sorted(missing)
        verdict["missing_facts"] = facts
        verdict["possible_entries"] = [node.entry.id for node in undecided]
    return verdict


def _add(facts: list[str], more: Iterable[str]) -> None:
    for fact in more:
        if fact not in facts:
            facts.append(fact)


def _detail(node: _Node, row: int, rows: _Rows, axes: list[Axis]) -> tuple[set[str], list[str]]:
    """What an undecided node misses at one row: decision's `missing` and `missing_facts`."""
    missing: set[str] = set()
    facts: list[str] = []
    if _at(node.status, row) != UNKNOWN:
        return missing, facts
    atoms = node.atoms
    assert atoms is not None
    if not node.leaf:  # a group: what its undecided parts miss, then its own facts
        for part in [*node.children, *([node.own] if node.own else [])]:
            if _at(part.status, row) == UNKNOWN:
                found, wanted = _detail(part, row, rows, axes)
                missing |= found
                _add(facts, wanted)
        _add(facts, _missing_facts(node))
        return missing, facts
    if _at(node.criteria, row) == UNKNOWN:
        for alt_status, outcomes in node.alternatives:
            if _at(alt_status, row) == UNKNOWN:
                missing |= {axes[axis].parameter for axis, o in outcomes if o[row] == UNKNOWN}
    if atoms.form_ok == UNKNOWN:
        missing.add(MATERIAL_FORM)
    if atoms.in_scope == UNKNOWN:
        _add(facts, [kind_field(node.path)])
    _add(facts, _missing_facts(node))
    if atoms.serves_ok == UNKNOWN:
        _add(facts, [f"{node.path}for_kind"])
    if atoms.purpose_ok == UNKNOWN:
        _add(facts, [f"{node.path}purpose"])
    if _at(node.served_status, row) == UNKNOWN:
        for part in node.served:
            if _at(part.status, row) == UNKNOWN:
                found, wanted = _detail(part, row, rows, axes)
                missing |= found
                _add(facts, wanted)
    return missing, facts


def _missing_facts(node: _Node) -> list[str]:
    atoms = node.atoms
    assert atoms is not None
    return [
        fact
        for fact, value in zip(node.entry.requires_facts, atoms.facts, strict=True)
        if value == UNKNOWN
    ]
