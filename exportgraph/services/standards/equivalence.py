"""Equivalence between control entries derived from their formal thresholds, beside the asserted
SKOS mappings, and the asserted mappings that the thresholds contradict.

An entry controls a region: the items of its kinds (narrower kinds included, excluded kinds
removed) that meet its required facts and fall in the union of its alternatives, each a box of
per-parameter intervals whose ends are open or closed as the comparators say. Two entries of
different jurisdictions relate as their regions do:

- same region: ``exactMatch``; one inside the other: ``broadMatch`` (the other is broader) or
  ``narrowMatch``;
- overlapping: ``closeMatch`` when both cover the same kinds, else ``relatedMatch``;
- disjoint: no relation.

Entries whose criteria are incomplete (eg:criteriaComplete false) or that have no numeric
criteria cannot be placed; the answer then says so and why.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from functools import cache
from typing import Any, Literal, get_args

import pyoxigraph
from pyoxigraph import Triple

from exportgraph import namespaces as ns
from exportgraph.errors import NotFound
from exportgraph.graph.queries import load_query
from exportgraph.graph.version_cache import PerVersion
from exportgraph.knowledge.regions import Box, SetRelation, combine, compare_sets, compare_unions
from exportgraph.knowledge.units import in_range
from exportgraph.store import Solutions, Store
from exportgraph.store.base import solutions_from

Relation = Literal["exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch"]
INVERSE: dict[str, Relation] = {
    "exactMatch": "exactMatch",
    "closeMatch": "closeMatch",
    "relatedMatch": "relatedMatch",
    "broadMatch": "narrowMatch",
    "narrowMatch": "broadMatch",
}
# For each asserted relation: the derived relations it is consistent with.
CONSISTENT: dict[str, set[str | None]] = {
    "exactMatch": {"exactMatch"},
    "broadMatch": {"exactMatch", "broadMatch"},
    "narrowMatch": {"exactMatch", "narrowMatch"},
    "closeMatch": {"exactMatch", "broadMatch", "narrowMatch", "closeMatch", "relatedMatch"},
    "relatedMatch": {"exactMatch", "broadMatch", "narrowMatch", "closeMatch", "relatedMatch", None},
}
RULE = "TERM-MAPPING-THRESHOLDS"
UNSHOWN_UNITS = {"NUM", "UNITLESS"}  # counts and ratios read best without a unit
NO_CRITERIA = "it has no numeric criteria (its scope is set by kinds or facts only)"


def _relation(local: str) -> Relation:
    for relation in get_args(Relation):
        if relation == local:
            return relation  # type: ignore[no-any-return]
    raise ValueError(f"not a SKOS mapping relation: {local}")


def _notation(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


@dataclass(frozen=True)
class EntryRegion:
    """What an entry controls, or why that cannot be said (`problem`)."""

    iri: str
    id: str
    jurisdiction: str
    kinds: frozenset[str] = frozenset()
    stated_kinds: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    facts: frozenset[str] = frozenset()
    boxes: tuple[Box, ...] = ()
    units: Mapping[str, str] = field(default_factory=dict)  # parameter -> canonical unit shown
    problem: str | None = None
    parts: tuple[str, ...] = ()  # a grouping entry's sub-entries, whose regions it unites

    def describe_kinds(self) -> str:
        text = ", ".join(sorted(self.stated_kinds)) or "no kind"
        if self.excluded:
            text += f" (excluding {', '.join(sorted(self.excluded))})"
        return text

    def describe_region(self) -> str:
        if self.parts:
            return f"the union of its sub-entries {', '.join(self.parts)}"
        return " or ".join(box.describe(self.units) for box in self.boxes)

    def describe(self, parameter: str, box: Box) -> str:
        return box.interval(parameter).describe(parameter, self.units.get(parameter, ""))


@dataclass(frozen=True)
class Derivation:
    """The derived relation from one entry to another (None: disjoint), with its basis."""

    relation: Relation | None
    basis: str


@dataclass(frozen=True)
class AssertedMapping:
    """A SKOS mapping in the graph (not inferred), seen from its subject."""

    subject: str
    relation: Relation
    object: str
    justification: str | None = None
    confidence: float | None = None
    comment: str | None = None

    def describe(self) -> str:
        text = "asserted"
        details = [
            part
            for part in (
                self.justification and f"justification {self.justification}",
                self.confidence is not None and f"confidence {self.confidence}",
                self.comment,
            )
            if part
        ]
        return text + (f" ({'; '.join(str(d) for d in details)})" if details else "")


@dataclass(frozen=True)
class Contradiction:
    """An asserted mapping that the thresholds contradict (a terminology-check result)."""

    subject: str
    object: str
    asserted: str
    derived: str | None
    basis: str
    rule: str = RULE
    severity: str = "violation"
    focus: str = ""
    path: str | None = None
    message: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "focus": self.focus,
            "path": self.path,
            "message": self.message,
        }


@dataclass
class Index:
    """Regions of every entry and the asserted mappings, from one version of the graph."""

    entries: dict[str, EntryRegion] = field(default_factory=dict)  # by IRI
    by_id: dict[str, str] = field(default_factory=dict)  # public id -> IRI
    asserted: list[AssertedMapping] = field(default_factory=list)

    def entry(self, entry_id: str) -> EntryRegion:
        iri = self.by_id.get(entry_id)
        if iri is None:
            raise NotFound(f"no control entry {entry_id!r}", field="id")
        return self.entries[iri]


# ---------------------------------------------------------------------------- reading the graph

Source = Store | Iterable[Triple]


Row = dict[str, str]


def _plain(solutions: Solutions) -> list[Row]:
    """Rows with each term's lexical value (IRIs and literals alike)."""
    return [
        {name: str(term) if isinstance(term, Triple) else term.value for name, term in row.items()}
        for row in solutions
    ]


def _select_all(source: Source, names: Sequence[str]) -> list[list[Row]]:
    if isinstance(source, Store):
        return [_plain(source.select(load_query(name))) for name in names]
    scratch = pyoxigraph.Store()
    scratch.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object) for t in source)
    results = []
    for name in names:
        result = solutions_from(scratch.query(load_query(name)))
        assert isinstance(result, Solutions)
        results.append(_plain(result))
    return results


@cache
def _units() -> Any:
    import pint

    return pint.UnitRegistry(non_int_type=Decimal)


def _canonical_value(row: Row) -> Fraction:
    """The threshold in the parameter's canonical unit, exactly; ValueError when not convertible."""
    try:
        value = Decimal(row["value"])
    except (InvalidOperation, KeyError) as error:
        raise ValueError(f"threshold {row.get('value')} is not a number") from error
    if not in_range(value):  # Fraction(1e-999999999) would take forever
        raise ValueError(f"threshold {row['value']} is not a finite number of a usable size")
    unit, canonical = row.get("unit"), row.get("canonical")
    if unit is not None and canonical is not None and unit != canonical:
        unit_pint, canonical_pint = row.get("unitPint"), row.get("canonicalPint")
        if unit_pint is None or canonical_pint is None:
            raise ValueError(f"unit {_notation(unit)} has no conversion to {_notation(canonical)}")
        try:
            value = _units().Quantity(value, unit_pint).to(canonical_pint).magnitude
        except Exception as error:  # pint raises several unrelated types
            raise ValueError(
                f"unit {_notation(unit)} does not convert to {_notation(canonical)}"
            ) from error
    return Fraction(value)


def _closure(roots: Iterable[str], narrower: dict[str, set[str]]) -> frozenset[str]:
    seen: set[str] = set()
    stack = list(roots)
    while stack:
        concept = stack.pop()
        if concept not in seen:
            seen.add(concept)
            stack.extend(narrower.get(concept, ()))
    return frozenset(seen)


def build_index(source: Source) -> Index:
    """Read every entry's scope and criteria and the asserted mappings; compute regions."""
    entries, scope, criteria, hierarchy, asserted = _select_all(
        source,
        (
            "equivalence_entries",
            "equivalence_scope",
            "equivalence_criteria",
            "equivalence_kind_hierarchy",
            "equivalence_asserted",
        ),
    )
    narrower: dict[str, set[str]] = defaultdict(set)
    for row in hierarchy:
        narrower[row["broader"]].add(row["narrower"])
    roles: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for row in scope:
        roles[row["entry"]][row["role"]].add(row["concept"])
    alternatives: dict[str, dict[str, list[tuple[str, str, Fraction]]]] = defaultdict(
        lambda: defaultdict(list)
    )
    problems: dict[str, str] = {}
    units: dict[str, dict[str, str]] = defaultdict(dict)
    for row in criteria:
        entry = row["entry"]
        parameter = row.get("notation") or _notation(row["parameter"])
        unit = row.get("canonical") or row.get("unit")
        if unit is not None and _notation(unit) not in UNSHOWN_UNITS:
            units[entry][parameter] = _notation(unit)
        try:
            value = _canonical_value(row)
        except ValueError as error:
            problems.setdefault(entry, f"a criterion on {parameter} cannot be compared: {error}")
            continue
        alternatives[entry][row["alternative"]].append((parameter, row["comparator"], value))
    index = Index()
    for row in entries:
        iri, entry_id = row["entry"], row["id"]
        jurisdiction = row.get("jurisdiction") or entry_id.partition(":")[0]
        complete = row.get("complete", "true") == "true"
        stated = roles[iri]["kind"]
        excluded = roles[iri]["excluded"]
        kinds = _closure(stated, narrower) - _closure(excluded, narrower)
        boxes = tuple(
            Box.from_criteria(alternatives[iri][alt]) for alt in sorted(alternatives.get(iri, {}))
        )
        boxes = tuple(box for box in boxes if not box.is_empty())
        problem = problems.get(iri)
        if not complete:
            problem = "its criteria are incomplete (only some thresholds are known)"
        elif iri not in alternatives:
            problem = NO_CRITERIA
        elif not boxes:
            problem = "its criteria admit no value"
        elif not kinds:
            problem = "it covers no item kind"
        index.entries[iri] = EntryRegion(
            iri=iri,
            id=entry_id,
            jurisdiction=jurisdiction,
            kinds=frozenset(_notation(k) for k in kinds),
            stated_kinds=frozenset(_notation(k) for k in stated),
            excluded=frozenset(_notation(k) for k in excluded),
            facts=frozenset(_notation(f) for f in roles[iri]["fact"]),
            boxes=boxes,
            units=units[iri],
            problem=problem,
        )
        index.by_id[entry_id] = iri
    children: dict[str, list[str]] = defaultdict(list)
    for row in entries:
        if "parent" in row and row["entry"] in index.entries:
            children[row["parent"]].append(row["entry"])
    for iri in list(index.entries):
        _unite_sub_entries(index, children, iri, frozenset())
    for row in asserted:
        confidence = row.get("confidence")
        index.asserted.append(
            AssertedMapping(
                subject=row["subject"],
                relation=_relation(row["relation"].removeprefix(ns.SKOS)),
                object=row["object"],
                justification=row.get("justification"),
                confidence=float(confidence) if confidence is not None else None,
                comment=row.get("comment"),
            )
        )
    return index


def _unite_sub_entries(
    index: Index, children: Mapping[str, list[str]], iri: str, trail: frozenset[str]
) -> EntryRegion:
    """A grouping entry (no criteria of its own) controls the union of its sub-entries' regions,
    provided every sub-entry can be placed and all cover the same kinds and facts."""
    region = index.entries[iri]
    if region.problem != NO_CRITERIA or not children.get(iri) or iri in trail:
        return region
    parts = [
        _unite_sub_entries(index, children, child, trail | {iri})
        for child in sorted(children[iri], key=lambda c: index.entries[c].id)
    ]
    blocked = next((part for part in parts if part.problem), None)
    if blocked is not None:
        problem = (
            f"it has no criteria of its own and its sub-entry {blocked.id} cannot be placed "
            f"({blocked.problem})"
        )
        united = replace(region, problem=problem)
    elif len({(part.kinds, part.facts) for part in parts}) > 1:
        problem = (
            "its sub-entries cover different kinds or facts, so together they are not one region"
        )
        united = replace(region, problem=problem)
    else:
        first = parts[0]
        units: dict[str, str] = {}
        for part in parts:
            units.update(part.units)
        united = replace(
            region,
            kinds=first.kinds,
            stated_kinds=first.stated_kinds,
            excluded=first.excluded,
            facts=first.facts,
            boxes=tuple(box for part in parts for box in part.boxes),
            units=units,
            problem=None,
            parts=tuple(part.id for part in parts),
        )
    index.entries[iri] = united
    return united


_INDEX: PerVersion[Index] = PerVersion(build_index)


def index_for(store: Store) -> Index:
    """The index of the store's current data version (cached per version)."""
    return _INDEX.get(store)


# ---------------------------------------------------------------------------- deriving


def _differences(a: EntryRegion, b: EntryRegion) -> str:
    if len(a.boxes) == 1 and len(b.boxes) == 1:
        box_a, box_b = a.boxes[0], b.boxes[0]
        names = sorted(box_a.bounds.keys() | box_b.bounds.keys())
        same = [n for n in names if box_a.interval(n) == box_b.interval(n)]
        differ = [n for n in names if n not in same]
        parts = [
            f"{a.describe(n, box_a)} in {a.id} vs {b.describe(n, box_b)} in {b.id}" for n in differ
        ]
        if same:
            parts.append(f"same {', '.join(a.describe(n, box_a) for n in same)}")
        return "; ".join(parts)
    return f"{a.id}: {a.describe_region()}; {b.id}: {b.describe_region()}"


_PHRASES = {
    "equal": "same region",
    "subset": "{a}'s region lies inside {b}'s",
    "superset": "{b}'s region lies inside {a}'s",
    "overlap": "the regions overlap",
    "disjoint": "the regions are disjoint",
}


def derive(a: EntryRegion, b: EntryRegion) -> Derivation | str:
    """The derived relation from a to b, or why none can be derived (a string)."""
    for entry in (a, b):
        if entry.problem:
            return f"derivation not possible for {entry.id}: {entry.problem}"
    kinds = compare_sets(a.kinds, b.kinds)
    facts: SetRelation = compare_sets(b.facts, a.facts)  # more facts required = fewer items
    if facts == "disjoint":
        facts = "overlap"
    thresholds = compare_unions(a.boxes, b.boxes)
    assert thresholds is not None  # empty regions were ruled out above
    overall = combine((kinds, facts, thresholds))
    overlap: Relation = "closeMatch" if kinds == "equal" and facts == "equal" else "relatedMatch"
    relations: dict[SetRelation, Relation | None] = {
        "equal": "exactMatch",
        "subset": "broadMatch",
        "superset": "narrowMatch",
        "overlap": overlap,
        "disjoint": None,
    }
    relation = relations[overall]
    if kinds == "equal":
        kind_text = f"same kinds ({', '.join(sorted(a.stated_kinds))})"
    else:
        kind_text = f"kinds differ: {a.id} {a.describe_kinds()}; {b.id} {b.describe_kinds()}"
    parts = [_PHRASES[overall].format(a=a.id, b=b.id), kind_text]
    if a.facts or b.facts:
        if facts == "equal":
            parts.append(f"same required facts ({', '.join(sorted(a.facts))})")
        else:
            parts.append(
                f"required facts differ: {a.id} {', '.join(sorted(a.facts)) or 'none'}; "
                f"{b.id} {', '.join(sorted(b.facts)) or 'none'}"
            )
    if thresholds == "equal":
        parts.append(f"same thresholds ({a.describe_region()})")
    else:
        parts.append(f"thresholds differ: {_differences(a, b)}")
    return Derivation(relation, "; ".join(parts))


def _asserted_from(index: Index, iri: str) -> dict[str, AssertedMapping]:
    """Asserted mappings touching `iri`, turned to read from it, by the other entry's IRI."""
    found: dict[str, AssertedMapping] = {}
    for mapping in index.asserted:
        if mapping.subject == iri:
            found.setdefault(mapping.object, mapping)
        elif mapping.object == iri:
            turned = AssertedMapping(
                iri,
                INVERSE[mapping.relation],
                mapping.subject,
                mapping.justification,
                mapping.confidence,
                mapping.comment,
            )
            found.setdefault(mapping.subject, turned)
    return found


def equivalents_of(index: Index, entry_id: str) -> dict[str, Any]:
    """Asserted and derived relations of one entry to entries of other jurisdictions.

    Returns {"id", "derivable", "reason", "equivalents": [{"id", "relation", "asserted",
    "derived", "basis", "contradiction", …}]}.
    """
    entry = index.entry(entry_id)
    asserted = _asserted_from(index, entry.iri)
    rows: list[dict[str, Any]] = []
    derived: dict[str, Derivation | str] = {}
    for other in index.entries.values():
        if other.jurisdiction == entry.jurisdiction and other.iri not in asserted:
            continue
        if other.iri == entry.iri:
            continue
        result = derive(entry, other)
        if other.iri in asserted or (isinstance(result, Derivation) and result.relation):
            derived[other.iri] = result
    for other_iri in sorted(derived.keys() | asserted.keys(), key=lambda i: index.entries[i].id):
        other = index.entries[other_iri]
        mapping = asserted.get(other_iri)
        result = derived.get(other_iri, "")
        derivation = result if isinstance(result, Derivation) else None
        derived_relation = derivation.relation if derivation else None
        if mapping is not None:
            consistent = isinstance(result, str) or derived_relation in CONSISTENT[mapping.relation]
            agrees = derivation is not None and derived_relation == mapping.relation
            if isinstance(result, str) or derivation is None:
                why = str(result or "")
            elif agrees:
                why = f"derived alike: {derivation.basis}"
            else:
                gives = derived_relation or "no relation"
                lead = (
                    "contradicted by the thresholds, which give"
                    if not consistent
                    else "the thresholds give"
                )
                why = f"{lead} {gives}: {derivation.basis}"
            rows.append(
                {
                    "id": other.id,
                    "relation": mapping.relation,
                    "asserted": True,
                    "derived": agrees,
                    "basis": f"{mapping.describe()}; {why}",
                    "derived_relation": derived_relation,
                    "contradiction": not consistent,
                }
            )
            if agrees or derivation is None or derived_relation is None:
                continue
        if derivation is not None and derived_relation is not None:
            rows.append(
                {
                    "id": other.id,
                    "relation": derived_relation,
                    "asserted": False,
                    "derived": True,
                    "basis": derivation.basis,
                    "derived_relation": derived_relation,
                    "contradiction": False,
                }
            )
    return {
        "id": entry.id,
        "derivable": entry.problem is None,
        "reason": None if entry.problem is None else f"derivation not possible: {entry.problem}",
        "equivalents": rows,
    }


def equivalents(store: Store, entry_id: str) -> dict[str, Any]:
    """equivalents_of on the store's current version (see there)."""
    return equivalents_of(index_for(store), entry_id)


def find_contradictions(index: Index) -> list[Contradiction]:
    """Every asserted mapping between entries that the derived relation contradicts."""
    found: list[Contradiction] = []
    for mapping in index.asserted:
        a, b = index.entries.get(mapping.subject), index.entries.get(mapping.object)
        if a is None or b is None:
            continue
        result = derive(a, b)
        if isinstance(result, str):
            continue
        if result.relation in CONSISTENT[mapping.relation]:
            continue
        derived = result.relation or "no relation"
        message = (
            f"{a.id} skos:{mapping.relation} {b.id} is asserted, but their thresholds give "
            f"{derived}: {result.basis}"
        )
        found.append(
            Contradiction(
                subject=a.id,
                object=b.id,
                asserted=mapping.relation,
                derived=result.relation,
                basis=result.basis,
                focus=a.iri,
                path=ns.SKOS + mapping.relation,
                message=message,
            )
        )
    return sorted(found, key=lambda c: (c.subject, c.object, c.asserted))


def contradictions(store_or_triples: Source) -> list[Contradiction]:
    """Asserted mappings the thresholds contradict, in a store or a list of (asserted) triples.

    Each result has rule, severity, focus, path and message (like a terminology-check result)
    and also subject, object, asserted, derived and basis.
    """
    if isinstance(store_or_triples, Store):
        return find_contradictions(index_for(store_or_triples))
    return find_contradictions(build_index(store_or_triples))
