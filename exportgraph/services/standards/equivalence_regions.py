"""The region each control entry controls (kinds, facts, a union of threshold boxes in canonical
units), or why it cannot be placed; one index of them per data version."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from exportgraph.errors import NotFound
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import AssertedMapping, Entry
from exportgraph.knowledge.regions import Box

# the sections of the knowledge index that build_index reads (and those they need)
SECTIONS_READ = ("units", "concepts", "jurisdictions", "sources", "entries", "asserted mappings")
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
