"""Classification (contract §2): is this item controlled, and where?

    classify(context, item, jurisdictions=None, as_of=None, *, engine="index") -> ClassifyAnswer

An entry matches when it is in force on `as_of`, its kind scope includes the item's kind (through
skos:broader), no excluded kind applies, all criteria of one of its alternatives hold, its required
facts hold, and — for software/technology entries — the purpose is one of its purposes and one of
the entries it serves (or their sub-entries) covers `for_kind` (exportgraph.services.partners.
decision). Logic is three-valued: a parameter, fact or purpose the item does not state gives
`"unknown"` only where it could change the answer.

Two evaluation paths give the same atoms: `engine="index"` (exportgraph.services.partners.atoms,
over the knowledge index) and `engine="sparql"` (exportgraph.services.partners.atoms_sparql).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Criterion
from exportgraph.services.inputs import json_number, parse_date
from exportgraph.services.partners.answers import (
    ClassifyAnswer,
    CriterionEvaluated,
    EntryAnswer,
    FactEvaluated,
    JurisdictionResult,
)
from exportgraph.services.partners.atoms import AtomFactory, AtomSource, index_atoms
from exportgraph.services.partners.atoms_sparql import sparql_atoms
from exportgraph.services.partners.decision import evaluate_lists
from exportgraph.services.partners.evaluation import Evaluation, ListsEvaluation
from exportgraph.services.partners.items import Item, parse_item
from exportgraph.services.partners.logic import tri_json
from exportgraph.services.partners.vocabulary import label
from exportgraph.services.reference.caveats import caveat_notes
from exportgraph.services.reference.entries import criterion_shown, entry_summary, equivalents

if TYPE_CHECKING:
    from exportgraph.graph.context import Context

Engine = Literal["index", "sparql"]


def value_in_unit(knowledge: Knowledge, criterion: Criterion, value: Decimal) -> int | float:
    """A canonical value in the unit the criterion is written in, converted exactly by the same
    rule as the threshold (offset units such as °C with their offset, ratios in % as ratios)."""
    canonical = knowledge.units.canonical_info(criterion.parameter, criterion.parameter)
    written = knowledge.units.unit_info(criterion.unit_iri, criterion.parameter)
    return json_number(knowledge.units.between(value, canonical, written, criterion.parameter))


def _criterion(
    knowledge: Knowledge, item: Item, criterion: Criterion, satisfied: bool | None
) -> CriterionEvaluated:
    value = item.parameters.get(criterion.parameter)
    return {
        **criterion_shown(criterion),
        "value": None if value is None else value_in_unit(knowledge, criterion, value),
        "satisfied": tri_json(satisfied),
    }


def entry_answer(knowledge: Knowledge, item: Item, evaluation: Evaluation) -> EntryAnswer:
    """One entry of a result: summary, evaluated criteria, notes and equivalents; for software
    or technology, the named entries that decided whether the item it serves is controlled."""
    entry = evaluation.entry
    mapped = equivalents(knowledge, entry)
    parent = knowledge.entries.get(entry.parent) if entry.parent else None
    out: EntryAnswer = {
        **entry_summary(knowledge, entry),
        "criteria": [
            _criterion(knowledge, item, criterion, satisfied)
            for criterion, satisfied in evaluation.alternative
        ],
        "parent": parent.id if parent else None,
        "notes": list(entry.notes),
        "equivalents": [e["id"] for e in mapped],
        "mappings": mapped,
    }
    if entry.requires_facts:
        out["facts"] = [
            FactEvaluated(
                fact=fact, value=item.facts.get(fact), satisfied=tri_json(item.facts.get(fact))
            )
            for fact in entry.requires_facts
        ]
    if entry.purposes:
        out["purposes"] = sorted(entry.purposes)
    if entry.material_forms:
        out["material_forms"] = sorted(entry.material_forms)
        out["material_form"] = item.material_form
    if evaluation.served and item.served is not None:
        out["served"] = [entry_answer(knowledge, item.served, e) for e in evaluation.served]
    if evaluation.status is None:
        out["missing"] = sorted(evaluation.missing)
        out["missing_facts"] = list(evaluation.missing_facts)
    return out


def _secondary(knowledge: Knowledge, evaluations: Iterable[Evaluation]) -> list[str]:
    ids = []
    for evaluation in evaluations:
        entry = evaluation.entry
        if entry.evidence == "secondary" or any(
            c.evidence == "secondary" for c, _ in evaluation.alternative
        ):
            ids.append(entry.id)
    return ids


def jurisdiction_result(
    knowledge: Knowledge, item: Item, on: dt.date, code: str, lists: ListsEvaluation
) -> JurisdictionResult:
    """One `results[]` element of the classification answer."""
    matched = [entry_answer(knowledge, item, e) for e in lists.matched]
    notes = list(lists.notes)
    deciding = lists.matched if lists.status is True else lists.undecided
    secondary = _secondary(knowledge, deciding)
    notes.extend(caveat_notes(knowledge, (e.entry for e in deciding)))
    if secondary:
        notes.append(
            "This answer rests on secondary evidence (summaries, not the legal text) for: "
            + ", ".join(secondary)
        )
    if lists.status is False and not any(e.applicable for e in lists.evaluations) and not notes:
        names = " and ".join(knowledge.governing(code))
        kind = knowledge.kinds.get(item.kind)
        notes.append(
            f"No entry of the {names} list(s) in force on {on.isoformat()} covers "
            f"{label(knowledge, 'kinds', item.kind)} items."
            + (f" {kind.pick('note')[0]}" if kind and kind.pick("note")[0] else "")
        )
    equivalents = sorted({eq for entry in matched for eq in entry["equivalents"]})
    result: JurisdictionResult = {
        "jurisdiction": code,
        "controlled": tri_json(lists.status),
        "entries": matched,
        "notes": notes,
        "equivalents": equivalents,
        "evidence": "secondary" if secondary else "primary",
        "lists": knowledge.governing(code),
    }
    if lists.status is None:
        result["missing"] = sorted({p for e in lists.undecided for p in e.missing})
        facts: list[str] = []
        for evaluation in lists.undecided:
            for fact in evaluation.missing_facts:
                if fact not in facts:
                    facts.append(fact)
            if evaluation.gap:
                gap = f"complete criteria of {evaluation.entry.id}"
                if gap not in facts:
                    facts.append(gap)
        result["missing_facts"] = facts
        result["possible_entries"] = [entry_answer(knowledge, item, e) for e in lists.undecided]
    return result


def resolve_jurisdictions(knowledge: Knowledge, jurisdictions: Sequence[str] | None) -> list[str]:
    """Validated codes (UK → GB), in the order given; every jurisdiction when None."""
    if jurisdictions is None:
        return knowledge.answered_jurisdictions()
    if isinstance(jurisdictions, str) or not isinstance(jurisdictions, Sequence):
        raise InvalidInput(
            "jurisdictions: expected a list of jurisdiction codes", field="jurisdictions"
        )
    codes: list[str] = []
    for index, code in enumerate(jurisdictions):
        found = knowledge.jurisdiction(code, f"jurisdictions[{index}]").code
        if found not in codes:
            codes.append(found)
    return codes


def atom_source(
    context: Context, knowledge: Knowledge, item: Item, on: dt.date, engine: Engine
) -> AtomSource:
    """The atoms of the chosen evaluation path."""
    if engine == "index":
        return index_atoms(knowledge, item, on)
    if engine == "sparql":
        return sparql_atoms(context.store, knowledge, item, on)
    raise ValueError(f"unknown engine {engine!r}")


AtomMaker = Callable[[Item, dt.date], AtomSource]
"""How the atoms of one item on one date are computed (an evaluation path)."""


def atom_factory(on: dt.date, make: AtomMaker) -> AtomFactory:
    """The atoms of any item (the one asked about, the item software serves …) on one date by
    one evaluation path, each computed once."""
    made: dict[int, tuple[Item, AtomSource]] = {}

    def atoms_for(item: Item) -> AtomSource:
        found = made.get(id(item))
        if found is None or found[0] is not item:
            found = (item, make(item, on))
            made[id(item)] = found
        return found[1]

    return atoms_for


def classify(
    context: Context,
    item: Mapping[str, Any],
    jurisdictions: Sequence[str] | None = None,
    as_of: dt.date | str | None = None,
    *,
    engine: Engine = "index",
) -> ClassifyAnswer:
    """Classify an item (contract §2): one result per jurisdiction, in the order asked.

    `item` is the JSON object of the contract (`kind`, `parameters`, optional `facts`, and for
    software/technology `for_kind` and `purpose`). Raises InvalidInput (422) naming the field for
    an unknown kind, parameter, unit, fact, jurisdiction or a malformed date.
    """
    knowledge = current(context)
    return classify_in(
        knowledge,
        item,
        jurisdictions,
        as_of,
        atoms=lambda parsed, on: atom_source(context, knowledge, parsed, on, engine),
    )


def classify_in(
    knowledge: Knowledge,
    item: Mapping[str, Any],
    jurisdictions: Sequence[str] | None = None,
    as_of: dt.date | str | None = None,
    *,
    atoms: AtomMaker | None = None,
) -> ClassifyAnswer:
    """`classify` on a given knowledge index (a data version, a sandbox); the index path unless
    `atoms` gives another."""
    on = parse_date(as_of, "as_of")
    parsed = parse_item(knowledge, item)
    codes = resolve_jurisdictions(knowledge, jurisdictions)
    atoms_for = atom_factory(on, atoms or (lambda it, day: index_atoms(knowledge, it, day)))
    results = [
        jurisdiction_result(
            knowledge,
            parsed,
            on,
            code,
            evaluate_lists(
                knowledge, parsed, on, knowledge.governing(code), atoms_for(parsed), atoms_for
            ),
        )
        for code in codes
    ]
    return {
        "as_of": on.isoformat(),
        "data_version": knowledge.version,
        "item": parsed.as_dict(),
        "results": results,
    }
