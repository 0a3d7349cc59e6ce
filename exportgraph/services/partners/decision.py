"""Deciding entries from their atoms: an entry matches when it is in force, in scope, not excluded,
one alternative's criteria all hold, its facts, purpose and material form hold and — software,
technology — the item it serves is controlled by one of the entries it names (evaluated like any
item, with the parameters and facts the request gives for it); a grouping entry matches through
its sub-entries. Three-valued throughout."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Criterion, Entry
from exportgraph.services.partners.atoms import (
    AtomFactory,
    Atoms,
    AtomSource,
    index_atoms,
    leaf_conjuncts,
)
from exportgraph.services.partners.items import MATERIAL_FORM, Item
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
    served: list[Evaluation] = field(default_factory=list)
    """Software, technology: the evaluations of the named entries for the served item that
    decided the answer (those that match, or, when unknown, those that could)."""
    served_status: Tri = True  # software, technology: whether the served item is controlled
    kinds_asked: frozenset[str] = frozenset()
    """The narrower kinds of the item's kind the entry's scope names when the answer depends on
    whether the item is one of them: the user should state the kind."""


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


@dataclass
class ListsEvaluation:
    """The evaluation of every entry of some jurisdictions' lists for one item."""

    status: Tri
    matched: list[Evaluation]  # most specific first (sub-entries before their parents)
    undecided: list[Evaluation]  # entries that could match, most specific first
    notes: list[str]
    evaluations: list[Evaluation]  # top-level entries
    visited: list[Evaluation] = field(default_factory=list)
    """Every entry evaluated whose subtree could concern the item, most specific first."""


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
    evaluations = [walker.evaluate(entry) for entry in knowledge.top_level(codes)]
    flat = _flatten(evaluations)
    matched = [e for e in flat if e.status is True]
    undecided = [e for e in flat if e.status is None and not e.children]
    status = tri_or(e.status for e in evaluations)
    # an entry not visited (no kind of its subtree applies) is out of scope and not excluded:
    # it has nothing to note, and skipping it saves computing its atoms
    visited = [e for e in flat if not walker.reach.isdisjoint(e.entry.subtree_kinds)]
    lists = ListsEvaluation(status, matched, undecided, [], evaluations, visited)
    lists.notes = _notes(knowledge, item, on, lists, atoms)
    return lists


def _either(words: Sequence[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    items = list(words)
    if not items:
        return ""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def label(knowledge: Knowledge, scheme: str, notation: str) -> str:
    """A concept's English preferred label (its notation when it has none)."""
    concept = knowledge.scheme(scheme).get(notation)
    return (concept.label if concept else None) or notation


def _notes(
    knowledge: Knowledge, item: Item, on: dt.date, lists: ListsEvaluation, atoms: AtomSource
) -> list[str]:
    """What the answer's status rests on, in the regulation's terms, and what to state next."""
    notes: list[str] = []
    status = lists.status

    def add(text: str) -> None:
        if text not in notes:
            notes.append(text)

    later: list[str] = []
    kind = label(knowledge, "kinds", item.kind)
    for evaluation in lists.visited:
        entry = evaluation.entry
        facts = atoms(entry)
        if facts.excluded and facts.in_force and entry.exclusion_note:
            add(f"{knowledge.top(entry).id}: {entry.exclusion_note}")
        if facts.in_scope and not facts.excluded and not facts.in_force and status is not True:
            top = knowledge.top(entry)
            if entry.effective_from and entry.effective_from > on:
                when = f"in force from {entry.effective_from.isoformat()}"
            elif entry.effective_until:
                when = f"in force until {entry.effective_until.isoformat()} (exclusive)"
            else:
                when = "not in force"
            text = f"{top.id} is {when}, not on {on.isoformat()}"
            if text not in later:
                later.append(text)
        if status is True:
            continue
        if evaluation.gap:
            gaps = "; ".join(entry.gaps) if entry.gaps else "its other conditions were not read"
            add(
                f"{entry.id}: only some of its conditions are known, and the item meets them, "
                f"so it may be controlled: check the legal text ({gaps})"
            )
        if evaluation.children:  # what a group is missing, its sub-entries say
            continue
        if evaluation.status is not True and facts.in_scope and not facts.excluded:
            _false_fact_notes(knowledge, entry, facts.facts, add)
        if evaluation.status is None and facts.purpose_ok is None:
            purposes = _either([label(knowledge, "purposes", p) for p in sorted(entry.purposes)])
            add(f"{entry.id} controls {kind} only for {purposes}: state the purpose")
        if evaluation.status is None and facts.form_ok is None:
            forms = _either(
                [label(knowledge, "material-forms", f) for f in sorted(entry.material_forms)]
            )
            add(
                f"{entry.id} covers {kind} only in the form: {forms}; state the material form "
                f"({MATERIAL_FORM})"
            )
        if entry.serves and evaluation.applicable and item.served is not None:
            _served_note(knowledge, item, evaluation, add)
    if status is None:
        _kind_notes(knowledge, item, lists.undecided, add)
    notes.extend(later)
    return notes


def _false_fact_notes(
    knowledge: Knowledge, entry: Entry, stated: Mapping[str, Tri], add: Callable[[str], None]
) -> None:
    """What an entry's required fact stated false means where its concept says (a note handing
    the item's status to other equipment: classify that instead)."""
    for fact in entry.requires_facts:
        concept = knowledge.scheme("facts").get(fact)
        meaning = concept.pick("note")[0] if concept and stated.get(fact) is False else None
        if meaning:
            add(
                f"{entry.id} requires {label(knowledge, 'facts', fact)} ({fact}), stated false. {meaning}"
            )


def hands_over(knowledge: Knowledge, fact: str) -> bool:
    """Whether the fact, stated false, hands the item's control status to other equipment (the
    data's eg:handsOverWhenFalse: Notes 1 and 2 to Category 3, Product Group A)."""
    concept = knowledge.scheme("facts").get(fact)
    return concept is not None and concept.has("handsOverWhenFalse")


def _kind_notes(
    knowledge: Knowledge, item: Item, undecided: Sequence[Evaluation], add: Callable[[str], None]
) -> None:
    """For an item of a broad kind (and the item software or technology serves): which entries
    name only some narrower kinds, and which kinds to choose from."""
    asked = [e for e in undecided if e.kinds_asked]
    if asked:
        kind = label(knowledge, "kinds", item.kind)
        named = frozenset().union(*(e.kinds_asked for e in asked))
        kinds = [c for c in knowledge.ordered("kinds") if c.iri in named]
        choices = ", ".join(f"{c.label or c.notation} ({c.notation})" for c in kinds)
        ids = ", ".join(dict.fromkeys(e.entry.id for e in asked))
        state = "state the kind" if not item.path else f"state which kind of {kind} it serves"
        add(
            f"{ids} control{'s' if len(asked) == 1 else ''} only some kinds of {kind}: "
            f"{state}: one of {choices}, or another kind of {kind}"
        )
    if item.served is not None:
        _kind_notes(knowledge, item.served, [s for e in undecided for s in e.served], add)


def _served_note(
    knowledge: Knowledge, item: Item, evaluation: Evaluation, add: Callable[[str], None]
) -> None:
    """Why software or technology is, or may be, outside an entry that controls it only for
    controlled items."""
    assert item.served is not None
    entry = evaluation.entry
    kind = label(knowledge, "kinds", item.kind)
    served_kind = label(knowledge, "kinds", item.served.kind)
    named = ", ".join(served_ids(knowledge, entry))
    scope = f"{entry.id} controls {kind} only for items controlled by {named}"
    if evaluation.status is None and evaluation.served_status is None:
        wanted = sorted(evaluation.missing) + [_wanted(f) for f in evaluation.missing_facts]
        if wanted:
            add(
                f"{scope}: whether the {served_kind} it serves is one depends on "
                f"{', '.join(wanted)}; state them in the request (the served item's parameters and "
                f"facts go with the {kind})"
            )
            return
        undecided = ", ".join(dict.fromkeys(e.entry.id for e in evaluation.served))
        handed = any(
            item.served.facts.get(f) is False and hands_over(knowledge, f)
            for e in evaluation.served
            for f in e.entry.requires_facts
        )
        why = (
            "its facts as stated hand its control status to other equipment: classify that "
            "equipment"
            if handed
            else f"read the text of {undecided}"
        )
        add(
            f"{scope}: whether the {served_kind} it serves is one is not decided ({undecided}): {why}"
        )
    elif evaluation.status is False and evaluation.served_status is False:
        add(f"{scope}; the {served_kind} described is not controlled by any of them")


def _wanted(name: str) -> str:
    """A missing fact in words: the served software's own kind and purpose by what they are."""
    if name.endswith("for_kind"):
        return "the kind of item the software it serves is for"
    if name.endswith("purpose"):
        return "that software's purpose"
    return name


def served_ids(knowledge: Knowledge, entry: Entry) -> list[str]:
    """The ids of the entries software or technology is controlled for, a parent named instead
    of its sub-entries when all of them are named (US:3A904 for US:3A904.a and US:3A904.b)."""
    named = [iri for iri in entry.serves if iri in knowledge.entries]
    changed = True
    while changed:
        changed = False
        for parent in {knowledge.entries[iri].parent for iri in named}:
            if parent is None or parent not in knowledge.entries or parent in named:
                continue
            children = knowledge.entries[parent].children
            if children and all(child in named for child in children):
                first = min(named.index(child) for child in children)
                named = [iri for iri in named if iri not in children]
                named.insert(min(first, len(named)), parent)
                changed = True
                break
    return [knowledge.entries[iri].id for iri in named]
