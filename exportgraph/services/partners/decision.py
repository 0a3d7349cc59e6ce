"""Deciding entries from their atoms: an entry matches when it is in force, in scope, not excluded,
one alternative's criteria all hold, its facts and purpose hold and (software, technology) it serves
the item's kind; a grouping entry matches through its sub-entries. Three-valued throughout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Criterion, Entry
from exportgraph.services.partners.atoms import Atoms, AtomSource
from exportgraph.services.partners.items import Item
from exportgraph.services.partners.logic import Tri, tri_and, tri_or


@dataclass(slots=True)
class Evaluation:
    """The three-valued answer for one entry, with what decided it."""

    entry: Entry
    status: Tri
    applicable: bool  # in force, in scope and not excluded (or, for a group, through a sub-entry)
    alternative: tuple[tuple[Criterion, Tri], ...] = ()
    missing: set[str] = field(default_factory=set)
    missing_facts: list[str] = field(default_factory=list)
    gap: bool = False
    children: list[Evaluation] = field(default_factory=list)


def _leaf(entry: Entry, atoms: Atoms) -> Evaluation:
    if not atoms.in_force or not atoms.in_scope or atoms.excluded:
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
    status = tri_and([criteria, atoms.serves_ok, atoms.purpose_ok, *facts.values()])
    evaluation = Evaluation(entry, status, True, shown)
    if status is True and not entry.criteria_complete:
        evaluation.status = None
        evaluation.gap = True
    if evaluation.status is None:
        if criteria is None:
            for alt, st in zip(evaluated, alt_status, strict=True):
                if st is None:
                    evaluation.missing |= {c.parameter for c, s in alt if s is None}
        evaluation.missing_facts = [fact for fact, value in facts.items() if value is None]
        if atoms.purpose_ok is None:
            evaluation.missing_facts.append("purpose")
    return evaluation


def evaluate(
    knowledge: Knowledge, entry: Entry, atoms: AtomSource, kinds: frozenset[str]
) -> Evaluation:
    """Evaluate an entry; a grouping entry matches through its sub-entries (or its own criteria).

    `kinds` is the item's kind with its broader kinds: a subtree none of whose kinds (in scope or
    excluded) is among them cannot match and is not visited.
    """
    if kinds.isdisjoint(entry.subtree_kinds):
        return Evaluation(entry, False, False)
    entry_atoms = atoms(entry)
    if not entry.children:
        return _leaf(entry, entry_atoms)
    kids = [evaluate(knowledge, knowledge.entries[child], atoms, kinds) for child in entry.children]
    parts: list[Tri] = [kid.status for kid in kids]
    own: Evaluation | None = None
    if entry.alternatives:
        own = _leaf(entry, entry_atoms)
        parts.append(own.status)
    status = tri_or(parts)
    if not entry_atoms.in_force:
        status = False
    facts = [entry_atoms.facts.get(fact) for fact in entry.requires_facts]
    status = tri_and([status, *facts])
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
                evaluation.missing_facts += [
                    f for f in part.missing_facts if f not in evaluation.missing_facts
                ]
        evaluation.missing_facts += [
            fact for fact, value in zip(entry.requires_facts, facts, strict=True) if value is None
        ]
    return evaluation


def _post_order(evaluation: Evaluation, out: list[Evaluation]) -> None:
    """Append the evaluation's sub-entries (recursively), then itself, to `out`."""
    for kid in evaluation.children:
        _post_order(kid, out)
    out.append(evaluation)


@dataclass
class ListsEvaluation:
    """The evaluation of every entry of some jurisdictions' lists for one item."""

    status: Tri
    matched: list[Evaluation]  # most specific first (sub-entries before their parents)
    undecided: list[Evaluation]  # entries that could match, most specific first
    notes: list[str]
    evaluations: list[Evaluation]  # top-level entries


def evaluate_lists(
    knowledge: Knowledge, item: Item, on: dt.date, codes: Sequence[str], atoms: AtomSource
) -> ListsEvaluation:
    """Evaluate the lists of `codes` (e.g. ["FR", "EU"]) for an item on a date."""
    kinds = knowledge.ancestors_of_kind(item.kind_iri)
    evaluations = [evaluate(knowledge, entry, atoms, kinds) for entry in knowledge.top_level(codes)]
    flat: list[Evaluation] = []
    for top in evaluations:
        _post_order(top, flat)
    matched = [e for e in flat if e.status is True]
    undecided = [e for e in flat if e.status is None and not e.children]
    status = tri_or(e.status for e in evaluations)
    # an entry not visited (no kind of its subtree applies) is out of scope and not excluded:
    # it has nothing to note, and skipping it saves computing its atoms
    visited = [e for e in flat if not kinds.isdisjoint(e.entry.subtree_kinds)]
    notes = _notes(knowledge, item, on, visited, status, atoms)
    return ListsEvaluation(status, matched, undecided, notes, evaluations)


def _notes(
    knowledge: Knowledge,
    item: Item,
    on: dt.date,
    flat: list[Evaluation],
    status: Tri,
    atoms: AtomSource,
) -> list[str]:
    notes: list[str] = []

    def add(text: str) -> None:
        if text not in notes:
            notes.append(text)

    later: dict[str, list[str]] = {}
    for evaluation in flat:
        entry = evaluation.entry
        facts = atoms(entry)
        if facts.excluded and facts.in_force and entry.exclusion_note:
            add(f"{knowledge.top(entry).id}: {entry.exclusion_note}")
        if facts.in_scope and not facts.excluded and not facts.in_force and status is not True:
            top = knowledge.top(entry)
            if entry.effective_from and entry.effective_from > on:
                when = f"in force from {entry.effective_from.isoformat()}"
            else:
                until = entry.effective_until.isoformat() if entry.effective_until else "?"
                when = f"in force until {until} (exclusive)"
            later.setdefault(f"{top.id} is {when}, not on {on.isoformat()}", [])
        if evaluation.gap and status is not True:
            gaps = (
                "; ".join(entry.gaps)
                if entry.gaps
                else "the remaining thresholds are not in the data"
            )
            add(
                f"{entry.id}: only some of its thresholds are known (criteria incomplete); the known "
                f"ones hold, so the answer cannot be 'controlled' ({gaps})"
            )
        if (
            evaluation.status is None
            and status is not True
            and "purpose" in evaluation.missing_facts
        ):
            add(f"{entry.id} controls {item.kind} only for some purposes: state the purpose")
    notes.extend(later)
    return notes
