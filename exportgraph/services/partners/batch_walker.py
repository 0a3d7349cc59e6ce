"""The entry trees of one item signature evaluated over rows of items (decision's walker, with
statuses as numpy arrays): the atoms of each entry are constants for the signature, the criteria
are read from the rows' cells."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import numpy as np
import numpy.typing as npt

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
from exportgraph.services.partners.atoms import leaf_conjuncts
from exportgraph.services.partners.batch_kleene import Status, kleene_and, kleene_or, one_of, tri
from exportgraph.services.partners.batch_signature import Signature
from exportgraph.services.partners.vocabulary import hands_over

SERVED = "served."


@dataclass(frozen=True)
class Atoms:
    """decision's atoms of one entry for a signature, except the criteria."""

    in_force: bool
    in_scope: int  # UNKNOWN: the entry names only narrower kinds than the item's
    excluded: bool
    serves_ok: int
    purpose_ok: int
    form_ok: int
    facts: tuple[int, ...]
    decided_facts: tuple[int, ...]
    """The facts as the status takes them (vocabulary.hands_over: stated false, unknown)."""


@dataclass(slots=True)
class Node:
    """The evaluation of one entry over the rows (evaluation.Evaluation, statuses as arrays)."""

    entry: Entry
    status: Status
    leaf: bool  # no sub-entries evaluated (what `undecided` may list)
    path: str = ""
    atoms: Atoms | None = None
    gap: bool | BoolArray = False
    criteria: Status = TRUE
    alternatives: list[tuple[Status, list[tuple[int, TriArray]]]] = field(default_factory=list)
    served: list[Node] = field(default_factory=list)
    served_status: Status = TRUE
    children: list[Node] = field(default_factory=list)
    own: Node | None = None


class Walker:
    """Evaluates entries for the items of one signature (decision.Walker)."""

    def __init__(
        self,
        knowledge: Knowledge,
        axis_of: Mapping[str, int],
        signature: Signature,
        on: dt.date,
        depth: int = 0,
    ) -> None:
        self.knowledge = knowledge
        self.axis_of = axis_of
        self.signature = signature
        self.depth = depth
        self.path = SERVED * depth
        self.kinds = knowledge.ancestors_of_kind(signature.kind_iri)
        self.reach = self.kinds | knowledge.descendants_of_kind(signature.kind_iri)
        self._for_kinds = (
            knowledge.ancestors_of_kind(signature.for_kind_iri) if signature.for_kind_iri else None
        )
        self._for_narrower = knowledge.narrower_kinds(signature.for_kind_iri)
        self._facts = dict(signature.facts)
        self._in_force = knowledge.in_force(on)
        self._scope = knowledge.scope(signature.kind_iri)
        self._atoms: dict[str, Atoms] = {}
        self.served = (
            Walker(knowledge, axis_of, signature.served, on, depth + 1)
            if signature.served
            else None
        )

    def atoms(self, entry: Entry) -> Atoms:
        found = self._atoms.get(entry.iri)
        if found is None:
            in_scope, excluded = self._scope.get(entry.iri, (False, False))
            serves = tri(entry.serves_one_of(self._for_kinds, self._for_narrower))
            found = Atoms(
                entry.iri in self._in_force,
                tri(in_scope),
                excluded,
                serves,
                one_of(self.signature.purpose, entry.purposes),
                one_of(self.signature.form, entry.material_forms),
                tuple(tri(self._facts.get(fact)) for fact in entry.requires_facts),
                tuple(
                    UNKNOWN
                    if self._facts.get(fact) is False and hands_over(self.knowledge, fact)
                    else tri(self._facts.get(fact))
                    for fact in entry.requires_facts
                ),
            )
            self._atoms[entry.iri] = found
        return found

    def key(self) -> tuple[object, ...]:
        """Everything this walker's answers depend on besides the parameters: the kind (the
        entries it visits and their shape) and the atoms of those entries, and the served
        walker's key."""
        knowledge = self.knowledge
        visited = [
            e for e in knowledge.entries.values() if not self.reach.isdisjoint(e.subtree_kinds)
        ]
        return (
            self.signature.kind_iri,
            tuple(self.atoms(entry) for entry in visited),
            self.served.key() if self.served else None,
        )

    def evaluate(self, entry: Entry, rows: Rows) -> Node:
        if self.reach.isdisjoint(entry.subtree_kinds):
            return Node(entry, FALSE, True, self.path)
        memo = (self.depth, entry.iri)
        found = rows.nodes.get(memo)  # a union's list is met again for each member state
        if found is None:
            found = rows.nodes[memo] = self._tree(entry, rows)
        return found

    def _tree(self, entry: Entry, rows: Rows) -> Node:
        atoms = self.atoms(entry)
        if not entry.children:
            return self._leaf(entry, atoms, rows)
        kids = [self.evaluate(self.knowledge.entries[child], rows) for child in entry.children]
        parts = [kid.status for kid in kids]
        own = self._leaf(entry, atoms, rows) if entry.alternatives else None
        if own is not None:
            parts.append(own.status)
        status = kleene_or(parts)
        if not atoms.in_force:
            status = FALSE
        status = kleene_and([status, *atoms.decided_facts])
        return Node(entry, status, False, self.path, atoms, children=kids, own=own)

    def _leaf(self, entry: Entry, atoms: Atoms, rows: Rows) -> Node:
        if not atoms.in_force or atoms.in_scope == FALSE or atoms.excluded:
            return Node(entry, FALSE, True, self.path, atoms)
        alternatives: list[tuple[Status, list[tuple[int, TriArray]]]] = []
        for alternative in entry.alternatives:
            outcomes = [
                (
                    self.axis_of[criterion.parameter],
                    rows.outcome(
                        criterion.parameter, criterion.canonical_threshold, criterion.comparator
                    ),
                )
                for criterion in alternative
            ]
            alternatives.append((kleene_and(o for _, o in outcomes), outcomes))
        criteria: Status = kleene_or(s for s, _ in alternatives) if alternatives else TRUE
        served: list[Node] = []
        served_status: Status = TRUE
        if entry.serves and atoms.serves_ok == TRUE and atoms.purpose_ok != FALSE:
            if self.served is not None:
                knowledge = self.knowledge
                served = [
                    self.served.evaluate(knowledge.entries[iri], rows)
                    for iri in entry.serves
                    if iri in knowledge.entries
                ]
            served_status = kleene_or(node.status for node in served)
        status = kleene_and(leaf_conjuncts(atoms, criteria, served_status, atoms.decided_facts))
        node = Node(
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


class Rows:
    """The rows being decided: their cells, which parameters they lack, criteria outcomes, and
    the nodes evaluated for them (per walker depth and entry)."""

    def __init__(self, axes: Sequence[Axis], axis_of: Mapping[str, int], cells: CellArray) -> None:
        self.axes = axes
        self.axis_of = axis_of
        self.cells = cells
        self.count = cells.shape[0]
        self.missing: npt.NDArray[np.bool_] = (
            np.stack([cells[:, i] == axis.missing for i, axis in enumerate(axes)], axis=1)
            if axes
            else np.zeros((self.count, 0), dtype=np.bool_)
        )
        self._outcomes: dict[tuple[str, Decimal, str], TriArray] = {}
        self.nodes: dict[tuple[int, str], Node] = {}

    def outcome(self, parameter: str, threshold: Decimal, comparator: str) -> TriArray:
        key = (parameter, threshold, comparator)
        found = self._outcomes.get(key)
        if found is None:
            index = self.axis_of[parameter]
            axis = self.axes[index]
            found = outcome(self.cells[:, index], axis, axis.index(threshold), comparator)
            self._outcomes[key] = found
        return found
