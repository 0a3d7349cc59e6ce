"""The notes of a classification: what its status rests on, in the regulation's terms, and what
the user should state next (a purpose, a material form, a fact, the kind, the served item's
figures), or which text to read."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.services.partners.atoms import AtomSource
from exportgraph.services.partners.evaluation import Evaluation, ListsEvaluation
from exportgraph.services.partners.items import MATERIAL_FORM, Item
from exportgraph.services.partners.logic import Tri
from exportgraph.services.partners.vocabulary import hands_over, label


def _either(words: Sequence[str]) -> str:
    """`a`, `a or b`, `a, b or c`."""
    items = list(words)
    if not items:
        return ""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _for_another_kind(knowledge: Knowledge, entry: Entry, item: Item) -> bool:
    """Software or technology for items of other kinds than the one the item serves: the entry
    is not about this item (read here, not from the atoms: an entry not in force has only
    its in-force, scope and exclusion atoms)."""
    if item.for_kind_iri is None:
        return False
    ancestors = knowledge.ancestors_of_kind(item.for_kind_iri)
    return entry.serves_one_of(ancestors, knowledge.narrower_kinds(item.for_kind_iri)) is False


def notes(
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
        about = (
            facts.in_scope and not facts.excluded and not _for_another_kind(knowledge, entry, item)
        )
        if about and not facts.in_force and status is not True:
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
        if evaluation.status is None and facts.serves_ok is None and item.for_kind_iri:
            _served_kind_note(knowledge, item, entry, add)
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


def _served_kind_note(
    knowledge: Knowledge, item: Item, entry: Entry, add: Callable[[str], None]
) -> None:
    """Software or technology for a broad kind whose narrower kinds only the entry serves."""
    assert item.for_kind_iri is not None
    served = entry.served_kinds & knowledge.narrower_kinds(item.for_kind_iri)
    kinds = [c for c in knowledge.ordered("kinds") if c.iri in served]
    choices = ", ".join(f"{c.label or c.notation} ({c.notation})" for c in kinds)
    broad = knowledge.concepts[item.for_kind_iri]
    add(
        f"{entry.id} controls {label(knowledge, 'kinds', item.kind)} only for some kinds of "
        f"{broad.label or broad.notation}: state which kind it serves: one of "
        f"{choices}, or another kind"
    )


def _served_note(
    knowledge: Knowledge, item: Item, evaluation: Evaluation, add: Callable[[str], None]
) -> None:
    """Why software or technology is, or may be, outside an entry that controls it only for
    controlled items."""
    assert item.served is not None
    entry = evaluation.entry
    kind = label(knowledge, "kinds", item.kind)
    served_kind = label(knowledge, "kinds", item.served.kind)
    named = _served_words(knowledge, entry)
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


_NAMED_AT_MOST = 8
"""Served entries a note names one by one; beyond, it quotes the entry's own words."""


def _served_words(knowledge: Knowledge, entry: Entry) -> str:
    """The entries software or technology is controlled for, by id, or, when they are many (6E001:
    every entry of 6A to 6D but those excepted), as the entry's text names them."""
    named = knowledge.derived(f"served-ids:{entry.iri}", lambda k: served_ids(k, entry))
    if len(named) <= _NAMED_AT_MOST:
        return ", ".join(named)
    return f"the entries its text names ({entry.title.rstrip('.')}; {len(named)} formalized)"


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
