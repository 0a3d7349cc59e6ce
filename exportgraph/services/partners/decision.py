"""Deciding entries from their atoms: an entry matches when it is in force, in scope, not excluded,
one alternative's criteria all hold, its facts, purpose and material form hold and — software,
technology — the item it serves is controlled by one of the entries it names (evaluated like any
item, with the parameters and facts the request gives for it); a grouping entry matches through
its sub-entries. Three-valued throughout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Criterion, Entry
from exportgraph.services.partners.atoms import (
    AtomFactory,
    Atoms,
    AtomSource,
    index_atoms,
    leaf_conjuncts,
)
from exportgraph.services.partners.decision_notes import notes
from exportgraph.services.partners.evaluation import Evaluation, ListsEvaluation
from exportgraph.services.partners.items import MATERIAL_FORM, Item
from exportgraph.services.partners.logic import Tri, tri_and, tri_or
from exportgraph.services.partners.vocabulary import hands_over


def _add_missing_facts(evaluation: Evaluation, facts: Sequence[str]) -> None:
    for fact in facts:
        if fact not in evaluation.missing_facts:
            evaluation.missing_facts.append(fact)


class _Walker:
    """Evaluates entries for one item (and, for software or technology, its served item)."""

    def __init__(
        self, knowledge: Knowledge, item: Item, atoms: AtomSource, atoms_for: AtomFactory
    ) -> None:
        self.knowledge = knowledge
        self.item = item
        self.atoms = atoms
        self.atoms_for = atoms_for
        self.kinds = knowledge.ancestors_of_kind(item.kind_iri)
        self.narrower = knowledge.descendants_of_kind(item.kind_iri) - {item.kind_iri}
        self.reach = self.kinds | self.narrower
        """The kinds an entry concerning the item names: the item's, broader or narrower."""
        self._served_walker: _Walker | None = None
        self._served: dict[str, list[Evaluation]] = {}

    def served_walker(self) -> _Walker | None:
        served = self.item.served
        if served is None:
            return None
        if self._served_walker is None:
            self._served_walker = _Walker(
                self.knowledge, served, self.atoms_for(served), self.atoms_for
            )
        return self._served_walker

    def served_evaluations(self, entry: Entry) -> list[Evaluation]:
        """The entries `entry` names, evaluated for the served item (memoized per entry)."""
        found = self._served.get(entry.iri)
        if found is None:
            walker = self.served_walker()
            found = (
                [
                    walker.evaluate(self.knowledge.entries[iri])
                    for iri in entry.serves
                    if iri in self.knowledge.entries
                ]
                if walker is not None
                else []
            )
            self._served[entry.iri] = found
        return found

    def evaluate(self, entry: Entry) -> Evaluation:
        """Evaluate an entry; a grouping entry matches through its sub-entries (or its own
        criteria). A subtree none of whose kinds (in scope or excluded) is among the item's kinds
        cannot match and is not visited."""
        if self.reach.isdisjoint(entry.subtree_kinds):
            return Evaluation(entry, False, False)
        entry_atoms = self.atoms(entry)
        if not entry.children:
            return self.leaf(entry, entry_atoms)
        kids = [self.evaluate(self.knowledge.entries[child]) for child in entry.children]
        parts: list[Tri] = [kid.status for kid in kids]
        own: Evaluation | None = None
        if entry.alternatives:
            own = self.leaf(entry, entry_atoms)
            parts.append(own.status)
        status = tri_or(parts)
        if not entry_atoms.in_force:
            status = False
        facts = [entry_atoms.facts.get(fact) for fact in entry.requires_facts]
        status = tri_and([status, *self.decided(entry.requires_facts, facts)])
        evaluation = Evaluation(
            entry,
            status,
            any([kid.applicable for kid in kids]) or bool(own and own.applicable),
            own.alternative if own else (),
            children=kids,
        )
        if status is None:
            for part in [*kids, *([own] if own else [])]:
                if part.status is None:
                    evaluation.missing |= part.missing
                    _add_missing_facts(evaluation, part.missing_facts)
            _add_missing_facts(
                evaluation,
                [f for f, v in zip(entry.requires_facts, facts, strict=True) if v is None],
            )
        return evaluation

    def decided(self, names: Sequence[str], values: Iterable[Tri]) -> list[Tri]:
        """The facts as an entry's status takes them: a fact that, stated false, hands the item's
        status to other equipment leaves the entry undecided, not false (the other equipment's
        classification decides), and is not asked again."""
        return [
            None if v is False and hands_over(self.knowledge, f) else v
            for f, v in zip(names, values, strict=True)
        ]

    def leaf(self, entry: Entry, atoms: Atoms) -> Evaluation:
        if not atoms.in_force or atoms.in_scope is False or atoms.excluded:
            return Evaluation(entry, False, False)
        satisfied = atoms.criteria.get
        evaluated = [tuple([(c, satisfied(c.iri)) for c in alt]) for alt in entry.alternatives]
        alt_status = [tri_and([s for _, s in alt]) for alt in evaluated]
        criteria: Tri = tri_or(alt_status) if evaluated else True
        shown: tuple[tuple[Criterion, Tri], ...] = ()
        for wanted in (True, None, False):
            if wanted in alt_status:
                shown = evaluated[alt_status.index(wanted)]
                break
        facts = {fact: atoms.facts.get(fact) for fact in entry.requires_facts}
        served: list[Evaluation] = []
        served_status: Tri = True
        if entry.serves and atoms.serves_ok is True and atoms.purpose_ok is not False:
            served = self.served_evaluations(entry)
            served_status = tri_or(e.status for e in served)
        status = tri_and(
            leaf_conjuncts(
                atoms, criteria, served_status, self.decided(entry.requires_facts, facts.values())
            )
        )
        evaluation = Evaluation(entry, status, True, shown, served_status=served_status)
        if status is True and not entry.criteria_complete:
            evaluation.status = None
            evaluation.gap = True
        wanted_served = True if evaluation.status is True else None
        evaluation.served = [
            e for e in _flatten(served) if e.status is wanted_served and not e.children
        ]
        if evaluation.status is None:
            if atoms.in_scope is None:
                evaluation.kinds_asked = entry.kinds & self.narrower
                _add_missing_facts(evaluation, [self.item.kind_field])
            if criteria is None:
                for alt, st in zip(evaluated, alt_status, strict=True):
                    if st is None:
                        evaluation.missing |= {c.parameter for c, s in alt if s is None}
            if atoms.form_ok is None:
                evaluation.missing.add(MATERIAL_FORM)
            _add_missing_facts(evaluation, [f for f, v in facts.items() if v is None])
            if atoms.serves_ok is None:
                _add_missing_facts(evaluation, [f"{self.item.path}for_kind"])
            if atoms.purpose_ok is None:
                _add_missing_facts(evaluation, [f"{self.item.path}purpose"])
            if served_status is None:
                for part in served:
                    if part.status is None:
                        evaluation.missing |= part.missing
                        _add_missing_facts(evaluation, part.missing_facts)
        return evaluation


def _flatten(evaluations: Sequence[Evaluation]) -> list[Evaluation]:
    out: list[Evaluation] = []
    for evaluation in evaluations:
        _post_order(evaluation, out)
    return out


def _post_order(evaluation: Evaluation, out: list[Evaluation]) -> None:
    """Append the evaluation's sub-entries (recursively), then itself, to `out`."""
    for kid in evaluation.children:
        _post_order(kid, out)
    out.append(evaluation)


def evaluate_lists(
    knowledge: Knowledge,
    item: Item,
    on: dt.date,
    codes: Sequence[str],
    atoms: AtomSource,
    atoms_for: AtomFactory | None = None,
) -> ListsEvaluation:
    """Evaluate the lists of `codes` (e.g. ["FR", "EU"]) for an item on a date. `atoms_for`
    gives the atoms of the item software or technology serves (by default over the index)."""
    factory: AtomFactory = atoms_for or (lambda served: index_atoms(knowledge, served, on))
    walker = _Walker(knowledge, item, atoms, factory)
    # A list entry none of whose subtree's kinds concerns the item is out of scope and not
    # excluded: false, with nothing to note. Only the entries that could concern it are
    # evaluated (with whole lists loaded, most of a list's entries concern other kinds).
    evaluations = [walker.evaluate(entry) for entry in knowledge.tops_reaching(codes, walker.reach)]
    flat = _flatten(evaluations)
    matched = [e for e in flat if e.status is True]
    undecided = [e for e in flat if e.status is None and not e.children]
    status = tri_or(e.status for e in evaluations)
    visited = [e for e in flat if not walker.reach.isdisjoint(e.entry.subtree_kinds)]
    lists = ListsEvaluation(status, matched, undecided, [], evaluations, visited)
    lists.notes = notes(knowledge, item, on, lists, atoms)
    return lists
