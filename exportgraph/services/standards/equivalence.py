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

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from typing_extensions import TypedDict

from exportgraph import namespaces as ns
from exportgraph.errors import NotFound
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import INVERSE_RELATION as INVERSE
from exportgraph.knowledge.model import AssertedMapping, Entry, Relation
from exportgraph.knowledge.regions import Box, SetRelation, combine, compare_sets, compare_unions

# For each asserted relation: the derived relations it is consistent with.
CONSISTENT: dict[str, set[str | None]] = {
    "exactMatch": {"exactMatch"},
    "broadMatch": {"exactMatch", "broadMatch"},
    "narrowMatch": {"exactMatch", "narrowMatch"},
    "closeMatch": {"exactMatch", "broadMatch", "narrowMatch", "closeMatch", "relatedMatch"},
    "relatedMatch": {"exactMatch", "broadMatch", "narrowMatch", "closeMatch", "relatedMatch", None},
}
RULE = "TERM-MAPPING-THRESHOLDS"
UNSHOWN_UNITS = {"count", "1"}  # counts and ratios read best without a unit
NO_CRITERIA = "it has no numeric criteria (its scope is set by kinds or facts only)"


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


def describe_mapping(mapping: AssertedMapping) -> str:
    """How an asserted mapping was justified, in words."""
    details = [
        part
        for part in (
            mapping.justification and f"justification {mapping.justification}",
            mapping.confidence is not None and f"confidence {mapping.confidence}",
            mapping.comment,
        )
        if part
    ]
    return "asserted" + (f" ({'; '.join(str(d) for d in details)})" if details else "")


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

    def as_dict(self) -> dict[str, str | None]:
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


# ---------------------------------------------------------------------------- regions


def _region(knowledge: Knowledge, entry: Entry) -> EntryRegion:
    stated = frozenset(knowledge.kind_notation(k) for k in entry.kinds)
    excluded = frozenset(knowledge.kind_notation(k) for k in entry.excluded_kinds)
    covered = frozenset().union(*(knowledge.descendants_of_kind(k) for k in entry.kinds))
    removed = frozenset().union(*(knowledge.descendants_of_kind(k) for k in entry.excluded_kinds))
    units = {
        c.parameter: c.canonical_unit
        for alternative in entry.alternatives
        for c in alternative
        if c.canonical_unit not in UNSHOWN_UNITS
    }
    boxes = tuple(
        box
        for box in (
            Box.from_criteria(
                (c.parameter, c.comparator, Fraction(c.canonical_threshold)) for c in alternative
            )
            for alternative in (entry.alternatives if entry.criteria_complete else ())
        )
        if not box.is_empty()
    )
    kinds = frozenset(knowledge.kind_notation(k) for k in covered - removed)
    problem: str | None = None
    if not entry.criteria_complete:
        problem = "its criteria are incomplete (only some thresholds are known)"
    elif not entry.alternatives:
        problem = NO_CRITERIA
    elif not boxes:
        problem = "its criteria admit no value"
    elif not kinds:
        problem = "it covers no item kind"
    return EntryRegion(
        iri=entry.iri,
        id=entry.id,
        jurisdiction=entry.jurisdiction,
        kinds=kinds,
        stated_kinds=stated,
        excluded=excluded,
        facts=frozenset(entry.requires_facts),
        boxes=boxes,
        units=units,
        problem=problem,
    )


def build_index(knowledge: Knowledge) -> Index:
    """Every entry's region, grouping entries uniting their sub-entries, and the asserted
    mappings, from one version of the knowledge index."""
    index = Index()
    for entry in knowledge.entries.values():
        index.entries[entry.iri] = _region(knowledge, entry)
        index.by_id[entry.id] = entry.iri
    children = {iri: list(entry.children) for iri, entry in knowledge.entries.items()}
    for iri in list(index.entries):
        _unite_sub_entries(index, children, iri, frozenset())
    index.asserted = list(knowledge.asserted_mappings)
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


def index_for(knowledge: Knowledge) -> Index:
    """The regions of this version's entries (computed once per knowledge index)."""
    return knowledge.derived("equivalence", build_index)


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
    if kinds == "disjoint":  # no item in both, whatever the thresholds (saves comparing them)
        return Derivation(
            None,
            f"{_PHRASES['disjoint']}; kinds differ: {a.id} {a.describe_kinds()}; "
            f"{b.id} {b.describe_kinds()}",
        )
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


class EquivalentRow(TypedDict):
    id: str
    relation: Relation
    asserted: bool
    derived: bool
    basis: str
    derived_relation: Relation | None
    contradiction: bool


class EquivalentsAnswer(TypedDict):
    id: str
    derivable: bool
    reason: str | None
    equivalents: list[EquivalentRow]


def equivalents_of(index: Index, entry_id: str) -> EquivalentsAnswer:
    """Asserted and derived relations of one entry to entries of other jurisdictions.

    Returns {"id", "derivable", "reason", "equivalents": [{"id", "relation", "asserted",
    "derived", "basis", "contradiction", …}]}.
    """
    entry = index.entry(entry_id)
    asserted = _asserted_from(index, entry.iri)
    rows: list[EquivalentRow] = []
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
                    "basis": f"{describe_mapping(mapping)}; {why}",
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


def equivalents(knowledge: Knowledge, entry_id: str) -> EquivalentsAnswer:
    """equivalents_of on one version of the knowledge index (see there)."""
    return equivalents_of(index_for(knowledge), entry_id)


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


def contradictions(knowledge: Knowledge) -> list[Contradiction]:
    """Asserted mappings the thresholds contradict (for a graph not in a store, build the index
    with exportgraph.knowledge.index.of_triples).

    Each result has rule, severity, focus, path and message (like a terminology-check result)
    and also subject, object, asserted, derived and basis.
    """
    return find_contradictions(index_for(knowledge))
