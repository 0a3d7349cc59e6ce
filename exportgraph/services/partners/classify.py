"""Classification (contract §2): is this item controlled, and where?

    classify(context, item, jurisdictions=None, as_of=None, *, engine="index") -> dict

returns the contract's JSON. An entry matches when it is in force on `as_of`, its kind scope
includes the item's kind (through skos:broader), no excluded kind applies, all criteria of one of
its alternatives hold, its required facts hold, and — for software/technology entries — the purpose
is one of its purposes and one of the entries it serves (or their sub-entries) covers `for_kind`.
A grouping entry matches through its sub-entries. Logic is three-valued: a parameter, fact or
purpose the item does not state gives `"unknown"` only where it could change the answer.

Two evaluation paths give the same answers (tests/partners/test_engines.py checks it with
hypothesis): `engine="index"` evaluates the atoms (in force, in scope, each criterion …) in Python
over the catalogue built once per data version; `engine="sparql"` evaluates them in SPARQL
(queries/classify.rq with the item bound through VALUES). Both feed the same three-valued decision.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from pyoxigraph import Literal as RdfLiteral
from pyoxigraph import NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import InvalidInput
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.catalogue import (
    Catalogue,
    Criterion,
    Entry,
    catalogue,
    criterion_dict,
    entry_summary,
    number,
    parse_date,
)
from exportgraph.knowledge.units import convert
from exportgraph.services.partners.items import Item, parse_item
from exportgraph.store.base import Term, sparql_values_rows

if TYPE_CHECKING:
    from exportgraph.graph.context import Context
    from exportgraph.store import Store

Tri = bool | None  # three-valued: True, False, None = unknown
Engine = Literal["index", "sparql"]

_COMPARATORS: dict[str, Callable[[Decimal, Decimal], bool]] = {
    ">=": operator.ge,
    ">": operator.gt,
    "<=": operator.le,
    "<": operator.lt,
    "=": operator.eq,
}
_XSD_DATE = NamedNode(ns.XSD + "date")


def tri_and(values: Iterable[Tri]) -> Tri:
    """Kleene AND: False wins, then unknown."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def tri_or(values: Iterable[Tri]) -> Tri:
    """Kleene OR: True wins, then unknown."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def tri_json(value: Tri) -> bool | str:
    """True/False, or the string "unknown"."""
    return "unknown" if value is None else value


# --------------------------------------------------------------------------- atoms


class Atoms(NamedTuple):
    """The elementary facts about one entry and one item, from either evaluation path."""

    in_force: bool
    in_scope: bool
    excluded: bool
    serves_ok: bool
    purpose_ok: Tri  # None: the item states no purpose and the entry has purposes
    criteria: Mapping[str, Tri]  # criterion IRI → satisfied (None: parameter not stated)
    facts: Mapping[str, Tri]  # required fact notation → stated value (None: not stated)


AtomSource = Callable[[Entry], Atoms]


def compare(value: Decimal | None, criterion: Criterion) -> Tri:
    """Whether a canonical value meets a criterion; None when the value is missing."""
    if value is None:
        return None
    return _COMPARATORS[criterion.comparator](value, criterion.canonical_threshold)


_INAPPLICABLE = {
    (in_force, in_scope, excluded): Atoms(in_force, in_scope, excluded, False, False, {}, {})
    for in_force in (False, True)
    for in_scope in (False, True)
    for excluded in (False, True)
}


def index_atoms(cat: Catalogue, item: Item, on: dt.date) -> AtomSource:
    """Atoms evaluated in Python over the catalogue (memoized per entry for one item)."""
    scope = cat.scope(item.kind_iri)
    in_force_now = cat.in_force(on)
    for_kinds = cat.ancestors_of_kind(item.for_kind_iri) if item.for_kind_iri else frozenset()
    memo: dict[str, Atoms] = {}

    def atoms(entry: Entry) -> Atoms:
        found = memo.get(entry.iri)
        if found is not None:
            return found
        in_force = entry.iri in in_force_now
        in_scope, excluded = scope.get(entry.iri, (False, False))
        applicable = in_force and in_scope and not excluded
        if not applicable and not entry.requires_facts:
            # only these three flags are read for an entry that cannot match by itself
            found = _INAPPLICABLE[(in_force, in_scope, excluded)]
            memo[entry.iri] = found
            return found
        purpose: Tri = True
        if entry.purposes:
            purpose = None if item.purpose is None else item.purpose in entry.purposes
        criteria: dict[str, Tri] = {}
        if applicable:  # criteria decide nothing otherwise
            value = item.parameters.get
            criteria = {
                c.iri: compare(value(c.parameter), c)
                for alternative in entry.alternatives
                for c in alternative
            }
        found = Atoms(
            in_force,
            in_scope,
            excluded,
            not entry.serves or bool(entry.served_kinds & for_kinds),
            purpose,
            criteria,
            {fact: item.facts.get(fact) for fact in entry.requires_facts}
            if entry.requires_facts
            else {},
        )
        memo[entry.iri] = found
        return found

    return atoms


def _bind_blocks(
    name: str, blocks: Sequence[tuple[Sequence[str], Sequence[Sequence[Term | None]]]]
) -> str:
    """Query `name` with its `#VALUES` placeholders replaced, in order, by VALUES blocks."""
    text = load_query(name)
    for variables, rows in blocks:
        if "#VALUES" not in text:
            raise ValueError(f"queries/{name}.rq has fewer #VALUES placeholders than blocks")
        # An all-UNDEF row joins like an empty OPTIONAL (and rdflib rejects an empty VALUES block).
        filled = rows or [[None] * len(variables)]
        text = text.replace("#VALUES", sparql_values_rows(variables, filled), 1)
    return text


def _decimal_literal(value: Decimal) -> RdfLiteral:
    text = format(value, "f")
    if "." not in text:
        text += ".0"
    return RdfLiteral(text, datatype=NamedNode(ns.XSD + "decimal"))


def _parameter_rows(cat: Catalogue, item: Item) -> list[list[Term | None]]:
    """(?parameter ?unit ?value): each stated value in every unit of the data it converts to."""
    rows: list[list[Term | None]] = []
    for parameter, value in sorted(item.parameters.items()):
        canonical = cat.units.canonical_info(parameter, parameter)
        parameter_iri = cat.parameters[parameter].iri if parameter in cat.parameters else None
        node = NamedNode(parameter_iri) if parameter_iri else ns.concept_iri("parameter", parameter)
        for unit_iri, info in sorted(cat.units.units.items()):
            if info.iri == canonical.iri:
                converted = value
            elif (
                info.dimensionless
                and canonical.dimensionless
                and info.spelling == canonical.spelling
            ):
                converted = value  # NUM and UNITLESS: the same pure number
            else:
                try:
                    converted = convert(value, canonical.unit, info.unit, parameter)
                except InvalidInput:
                    continue
            rows.append([node, NamedNode(unit_iri), _decimal_literal(converted)])
    return rows


def sparql_atoms(store: Store, cat: Catalogue, item: Item, on: dt.date) -> AtomSource:
    """Atoms evaluated by SPARQL (queries/classify.rq), for every entry in one query."""
    item_row: list[Term | None] = [
        NamedNode(item.kind_iri),
        RdfLiteral(on.isoformat(), datatype=_XSD_DATE),
        NamedNode(item.for_kind_iri) if item.for_kind_iri else None,
        ns.concept_iri("purpose", item.purpose) if item.purpose else None,
    ]
    fact_rows: list[list[Term | None]] = [
        [
            NamedNode(cat.facts[name].iri),
            RdfLiteral("true" if value else "false", datatype=NamedNode(ns.XSD + "boolean")),
        ]
        for name, value in sorted(item.facts.items())
    ]
    query = _bind_blocks(
        "classify",
        [
            (("kind", "asOf", "forKind", "purpose"), [item_row]),
            (("parameter", "unit", "value"), _parameter_rows(cat, item)),
            (("fact", "factValue"), fact_rows),
        ],
    )
    result = store.select(query)
    found: dict[str, dict[str, Any]] = {}
    for solution in result:
        row = {
            name: str(term.value) for name, term in solution.items() if not isinstance(term, Triple)
        }
        iri = row["entry"]
        info = found.setdefault(
            iri,
            {
                "in_force": row["inForce"] == "true",
                "in_scope": row["inScope"] == "true",
                "excluded": row["excluded"] == "true",
                "serves_ok": row["servesOk"] == "true",
                "purpose_ok": {"true": True, "false": False}.get(row["purposeOk"]),
                "criteria": {},
                "facts": {},
            },
        )
        if "criterion" in row:
            info["criteria"][row["criterion"]] = {"true": True, "false": False}.get(
                row["satisfied"]
            )
        if "fact" in row:
            notation = row["fact"].rsplit("/", 1)[-1]
            value = row.get("factValue")
            info["facts"][notation] = None if value is None else value == "true"
    empty = Atoms(False, False, False, False, False, {}, {})

    def atoms(entry: Entry) -> Atoms:
        info = found.get(entry.iri)
        return empty if info is None else Atoms(**info)

    return atoms


# --------------------------------------------------------------------------- decision


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


def evaluate(cat: Catalogue, entry: Entry, atoms: AtomSource, kinds: frozenset[str]) -> Evaluation:
    """Evaluate an entry; a grouping entry matches through its sub-entries (or its own criteria).

    `kinds` is the item's kind with its broader kinds: a subtree none of whose kinds (in scope or
    excluded) is among them cannot match and is not visited.
    """
    if kinds.isdisjoint(entry.subtree_kinds):
        return Evaluation(entry, False, False)
    entry_atoms = atoms(entry)
    if not entry.children:
        return _leaf(entry, entry_atoms)
    kids = [evaluate(cat, cat.entries[child], atoms, kinds) for child in entry.children]
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


def top_level(cat: Catalogue, codes: Sequence[str]) -> list[Entry]:
    """The top-level entries of the jurisdictions' lists, in list order."""
    order = {code: index for index, code in enumerate(codes)}
    return [top for code in sorted(order, key=order.__getitem__) for top in cat.tops.get(code, ())]


def evaluate_lists(
    cat: Catalogue, item: Item, on: dt.date, codes: Sequence[str], atoms: AtomSource
) -> ListsEvaluation:
    """Evaluate the lists of `codes` (e.g. ["FR", "EU"]) for an item on a date."""
    kinds = cat.ancestors_of_kind(item.kind_iri)
    evaluations = [evaluate(cat, entry, atoms, kinds) for entry in top_level(cat, codes)]
    flat: list[Evaluation] = []
    for top in evaluations:
        _post_order(top, flat)
    matched = [e for e in flat if e.status is True]
    undecided = [e for e in flat if e.status is None and not e.children]
    status = tri_or(e.status for e in evaluations)
    # an entry not visited (no kind of its subtree applies) is out of scope and not excluded:
    # it has nothing to note, and skipping it saves computing its atoms
    visited = [e for e in flat if not kinds.isdisjoint(e.entry.subtree_kinds)]
    notes = _notes(cat, item, on, visited, status, atoms)
    return ListsEvaluation(status, matched, undecided, notes, evaluations)


def _notes(
    cat: Catalogue, item: Item, on: dt.date, flat: list[Evaluation], status: Tri, atoms: AtomSource
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
            add(f"{_top(cat, entry).id}: {entry.exclusion_note}")
        if facts.in_scope and not facts.excluded and not facts.in_force and status is not True:
            top = _top(cat, entry)
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


def _top(cat: Catalogue, entry: Entry) -> Entry:
    chain = cat.ancestors(entry)
    return chain[-1] if chain else entry


# --------------------------------------------------------------------------- rendering


def _value_in_unit(cat: Catalogue, criterion: Criterion, value: Decimal) -> int | float:
    if criterion.canonical_unit == criterion.unit:
        return number(value)
    factor_source = criterion.canonical_threshold
    if factor_source != 0:
        return number(value * criterion.threshold / factor_source)
    return number(value)


def entry_answer(cat: Catalogue, item: Item, evaluation: Evaluation) -> dict[str, Any]:
    """One entry of a result: summary, evaluated criteria, notes and equivalents."""
    entry = evaluation.entry
    out = entry_summary(cat, entry)
    criteria = []
    for criterion, satisfied in evaluation.alternative:
        shown = criterion_dict(criterion)
        value = item.parameters.get(criterion.parameter)
        shown["value"] = None if value is None else _value_in_unit(cat, criterion, value)
        shown["satisfied"] = tri_json(satisfied)
        criteria.append(shown)
    out["criteria"] = criteria
    if entry.requires_facts:
        out["facts"] = [
            {
                "fact": fact,
                "value": item.facts.get(fact),
                "satisfied": tri_json(item.facts.get(fact)),
            }
            for fact in entry.requires_facts
        ]
    if entry.purposes:
        out["purposes"] = sorted(entry.purposes)
    out["parent"] = cat.entries[entry.parent].id if entry.parent in cat.entries else None
    out["notes"] = list(entry.notes)
    equivalents = cat.equivalents(entry)
    out["equivalents"] = [e["id"] for e in equivalents]
    out["mappings"] = equivalents
    if evaluation.status is None:
        out["missing"] = sorted(evaluation.missing)
        out["missing_facts"] = list(evaluation.missing_facts)
    return out


def _secondary(cat: Catalogue, evaluations: Iterable[Evaluation]) -> list[str]:
    ids = []
    for evaluation in evaluations:
        entry = evaluation.entry
        if entry.evidence == "secondary" or any(
            c.evidence == "secondary" for c, _ in evaluation.alternative
        ):
            ids.append(entry.id)
    return ids


def jurisdiction_result(
    cat: Catalogue, item: Item, on: dt.date, code: str, lists: ListsEvaluation
) -> dict[str, Any]:
    """One `results[]` element of the classification answer."""
    matched = [entry_answer(cat, item, e) for e in lists.matched]
    notes = list(lists.notes)
    deciding = lists.matched if lists.status is True else lists.undecided
    secondary = _secondary(cat, deciding)
    if secondary:
        notes.append(
            "This answer rests on secondary evidence (summaries, not the legal text) for: "
            + ", ".join(secondary)
        )
    if lists.status is False and not any(e.applicable for e in lists.evaluations) and not notes:
        names = " and ".join(cat.governing(code))
        notes.append(
            f"No entry of the {names} list(s) in force on {on.isoformat()} covers {item.kind} items."
        )
    equivalents = sorted({eq for entry in matched for eq in entry["equivalents"]})
    result: dict[str, Any] = {
        "jurisdiction": code,
        "controlled": tri_json(lists.status),
        "entries": matched,
        "notes": notes,
        "equivalents": equivalents,
        "evidence": "secondary" if secondary else "primary",
        "lists": cat.governing(code),
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
        result["possible_entries"] = [entry_answer(cat, item, e) for e in lists.undecided]
    return result


# --------------------------------------------------------------------------- public API


def resolve_jurisdictions(cat: Catalogue, jurisdictions: Sequence[str] | None) -> list[str]:
    """Validated codes (UK → GB), in the order given; every jurisdiction when None."""
    if jurisdictions is None:  # every jurisdiction with a list of its own or of a union it is in
        return [
            c
            for c, info in sorted(cat.jurisdictions.items())
            if not info.destination_only and any(cat.tops.get(g) for g in cat.governing(c))
        ]
    if isinstance(jurisdictions, str) or not isinstance(jurisdictions, Sequence):
        raise InvalidInput(
            "jurisdictions: expected a list of jurisdiction codes", field="jurisdictions"
        )
    codes: list[str] = []
    for index, code in enumerate(jurisdictions):
        found = cat.jurisdiction(code, f"jurisdictions[{index}]").code
        if found not in codes:
            codes.append(found)
    return codes


def atom_source(
    context: Context, cat: Catalogue, item: Item, on: dt.date, engine: Engine
) -> AtomSource:
    """The atoms of the chosen evaluation path."""
    if engine == "index":
        return index_atoms(cat, item, on)
    if engine == "sparql":
        return sparql_atoms(context.store, cat, item, on)
    raise ValueError(f"unknown engine {engine!r}")


def classify(
    context: Context,
    item: Mapping[str, Any],
    jurisdictions: Sequence[str] | None = None,
    as_of: dt.date | str | None = None,
    *,
    engine: Engine = "index",
) -> dict[str, Any]:
    """Classify an item (contract §2): one result per jurisdiction, in the order asked.

    `item` is the JSON object of the contract (`kind`, `parameters`, optional `facts`, and for
    software/technology `for_kind` and `purpose`). Raises InvalidInput (422) naming the field for
    an unknown kind, parameter, unit, fact, jurisdiction or a malformed date.
    """
    cat = catalogue(context)
    on = parse_date(as_of, "as_of")
    parsed = parse_item(cat, item)
    codes = resolve_jurisdictions(cat, jurisdictions)
    atoms = atom_source(context, cat, parsed, on, engine)
    results = [
        jurisdiction_result(
            cat, parsed, on, code, evaluate_lists(cat, parsed, on, cat.governing(code), atoms)
        )
        for code in codes
    ]
    return {
        "as_of": on.isoformat(),
        "data_version": cat.version,
        "item": parsed.as_dict(),
        "results": results,
    }
