"""The mapping half of a change's check: the asserted mappings between entries that the entries'
thresholds contradict, in the graph a change would produce (services/standards/change_check.py
composes it with the shapes' half).

The check reads only some statements of the graph (the projection: what the equivalence queries
read, but the concepts' wording). A change touching none of them keeps the base's findings. Else
the changed projection's knowledge index is read from a scratch memory store holding the base's
projection, changed in place and restored (building that store costs more than reading it), and
only the mappings whose entries' regions changed are derived again when the base's regions are
known (all of them otherwise).
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from pyoxigraph import BlankNode, Literal, Quad, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.journal import WriteRaced
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.model import AssertedMapping
from exportgraph.knowledge.read import read_knowledge
from exportgraph.services.standards.equivalence import Contradiction, find_contradictions
from exportgraph.services.standards.equivalence_regions import SECTIONS_READ, Index, build_index
from exportgraph.services.standards.terminology_check import CheckResult, asserted_triples
from exportgraph.store import Store
from exportgraph.store.embedded import EmbeddedStore
from exportgraph.store.sparql_text import quad_block

# the knowledge index's queries whose answers the mapping check reads (entries, their criteria,
# kinds, units, jurisdictions and the asserted mappings; not risk, products or exceptions)
EQUIVALENCE_QUERIES = (
    "classify_units",
    "knowledge_concepts",
    "jurisdictions",
    "entries_sources",
    "entries",
    "entries_links",
    "entries_criteria",
    "entries_licences",
    "entries_mappings",
    "equivalence_asserted",
)
BOOLEAN = ns.XSD + "boolean"
RDF_TYPE = ns.RDF + "type"
MappingKey = tuple[str, str, str]  # subject IRI, relation, object IRI

_IRI = re.compile(r"<([^>\s]+)>")
_PREFIXED = re.compile(r"\b(\w+):([A-Za-z_][\w.-]*\w|[A-Za-z_])")
_PREFIX = re.compile(r"PREFIX\s+(\w*):\s*<([^>]*)>", re.IGNORECASE)


def named_iris(text: str, prefixes: Mapping[str, str]) -> set[str]:
    """The IRIs a SPARQL text names, written whole or with one of `prefixes`."""
    named = set(_IRI.findall(text))
    named.update(
        prefixes[prefix] + local for prefix, local in _PREFIXED.findall(text) if prefix in prefixes
    )
    return named


# the concepts' wording, which the index reads for answers but the mapping check never compares
# (it compares entries' regions: kinds by notation and hierarchy, criteria, units)
WORDING = frozenset(
    ns.SKOS + name
    for name in (
        "prefLabel",
        "altLabel",
        "hiddenLabel",
        "definition",
        "scopeNote",
        "note",
        "example",
        "editorialNote",
        "historyNote",
        "changeNote",
    )
)


@cache
def equivalence_terms() -> frozenset[str]:
    """Every IRI the equivalence queries name (their predicates and classes), read from them,
    but the concepts' wording."""
    terms: set[str] = set()
    for name in EQUIVALENCE_QUERIES:
        text = re.sub(r"(?m)^\s*#.*$", "", load_query(name))  # comment lines only: IRIs hold #
        terms |= named_iris(_PREFIX.sub("", text), dict(_PREFIX.findall(text)))
    return frozenset(terms - WORDING)


def reads_for_mappings(triple: Triple) -> bool:
    """Whether the mapping check (derived equivalence) reads this statement."""
    if triple.predicate.value == RDF_TYPE:  # concepts are read by any subclass of skos:Concept
        return True
    obj = triple.object
    if isinstance(obj, Literal) and obj.datatype.value == BOOLEAN:  # eg: yes/no concept flags
        return triple.predicate.value.startswith(ns.EG)
    return triple.predicate.value in equivalence_terms()


def mapping_projection(triples: Iterable[Triple]) -> frozenset[Triple]:
    """The statements of a graph the mapping check reads."""
    return frozenset(t for t in triples if reads_for_mappings(t))


@dataclass(frozen=True)
class Regions:
    """The entries' regions the mapping check compared in one graph, and the mappings it found
    contradicted, by key."""

    index: Index
    contradictions: Mapping[MappingKey, CheckResult]


def _result(found: Contradiction) -> CheckResult:
    return CheckResult(found.rule, found.severity, found.focus, found.path, found.message)


def _contradictions(
    index: Index, mappings: Iterable[AssertedMapping] | None = None
) -> dict[MappingKey, CheckResult]:
    """The contradicted mappings of `index` (or of some of its mappings), by key."""
    if mappings is not None:
        index = Index(entries=index.entries, by_id=index.by_id, asserted=list(mappings))
    return {
        (found.focus, found.path or "", index.by_id[found.object]): _result(found)
        for found in find_contradictions(index)
    }


def _scratch(projection: Collection[Triple]) -> EmbeddedStore:
    """A memory store holding `projection` (its data version names nothing)."""
    return EmbeddedStore.holding(list(projection), "mapping check")


def _regions(scratch: Store, base: Regions | None) -> Regions:
    """The regions of the graph in `scratch` and its contradicted mappings: those whose
    entries' regions are as in `base` keep its verdict (every mapping is derived without one)."""
    index = build_index(read_knowledge(scratch, SECTIONS_READ))
    if base is None:
        return Regions(index, _contradictions(index))
    before = {(m.subject, m.relation, m.object) for m in base.index.asserted}
    kept: dict[MappingKey, CheckResult] = {}
    fresh = []
    for mapping in index.asserted:
        key = (mapping.subject, ns.SKOS + mapping.relation, mapping.object)
        same = (
            (mapping.subject, mapping.relation, mapping.object) in before
            and index.entries.get(mapping.subject) == base.index.entries.get(mapping.subject)
            and index.entries.get(mapping.object) == base.index.entries.get(mapping.object)
        )
        if not same:
            fresh.append(mapping)
        elif key in base.contradictions:
            kept[key] = base.contradictions[key]
    return Regions(index, {**kept, **_contradictions(index, fresh)})


def regions_of(projection: frozenset[Triple]) -> tuple[Regions, EmbeddedStore]:
    """The regions and contradicted mappings of the graph of these statements, checked whole,
    and the scratch store they were read from."""
    scratch = _scratch(projection)
    return _regions(scratch, None), scratch


def _change(scratch: Store, delete: Collection[Triple], insert: Collection[Triple]) -> None:
    """Delete then insert statements in the scratch store (no blank node among them)."""
    text = "".join(
        f"{verb} DATA {{\n{quad_block(Quad(t.subject, t.predicate, t.object) for t in triples)}\n}} ;\n"
        for verb, triples in (("DELETE", delete), ("INSERT", insert))
        if triples
    )
    if text:
        scratch.update(text, bookkeeping=True)


def _named(triples: Iterable[Triple]) -> bool:
    return not any(isinstance(term, BlankNode) for t in triples for term in t)


class Mappings:
    """What the mapping check reads of the graph of some data versions (no write between them
    touched such a statement), the regions it compared when known, and the scratch store of
    those statements when built. A state read from the record of a whole-graph check has none
    of them: the statements are read from the store when a change first needs them, and the
    regions are then those of the changed graph alone. The state a change produces takes over
    its base's scratch store, changed for good, when it is first needed (its base is then no
    longer the current version)."""

    def __init__(
        self,
        projection: frozenset[Triple] | None = None,
        regions: Regions | None = None,
        versions: Iterable[str] = (),
        *,
        scratch: EmbeddedStore | None = None,
        origin: tuple[Mappings, frozenset[Triple], frozenset[Triple]] | None = None,
    ) -> None:
        self._projection = projection
        self.regions = regions
        self._versions = set(versions)
        self._scratch_store = scratch
        self._origin = origin
        self._lock = threading.Lock()

    def also_of(self, version: str) -> None:
        """The graph of `version` holds the same statements the mapping check reads."""
        with self._lock:
            self._versions.add(version)

    def _read(self, store: Store) -> frozenset[Triple]:
        if self._projection is None:
            version = store.data_version() or ""
            if version not in self._versions:  # another process wrote meanwhile
                raise WriteRaced("the terminology changed while this was being checked")
            projection = mapping_projection(asserted_triples(store))
            if store.data_version() != version:
                raise WriteRaced("the terminology changed while this was being checked")
            self._projection = projection
        return self._projection

    def projection(self, store: Store) -> frozenset[Triple]:
        """The statements the mapping check reads, from the store (at one of the versions) if
        not yet known."""
        with self._lock:
            return self._read(store)

    def _take(self) -> EmbeddedStore | None:
        """This state's scratch store, given up to the state a change produced from it."""
        with self._lock:
            scratch, self._scratch_store = self._scratch_store, None
            return scratch

    def _scratch(self, store: Store) -> EmbeddedStore:
        if self._scratch_store is None:
            origin, self._origin = self._origin, None
            taken = origin[0]._take() if origin is not None else None
            if taken is not None and origin is not None:
                _change(taken, origin[1], origin[2])
                self._scratch_store = taken
            else:
                self._scratch_store = _scratch(self._read(store))
        return self._scratch_store

    def prepare(self, store: Store) -> None:
        """Read what a change touching the statements the mapping check reads needs."""
        with self._lock:
            self._scratch(store)

    def after(
        self, store: Store, added: Collection[Triple], removed: Collection[Triple]
    ) -> Mappings:
        """The mapping state of the graph after removing `removed` and adding `added`."""
        with self._lock:
            projection = self._read(store)
            insert = frozenset(t for t in added if reads_for_mappings(t)) - projection
            delete = frozenset(removed) & projection
            after = (projection - delete) | insert
            if not _named([*insert, *delete]):  # a blank node cannot be deleted by name
                regions, scratch = regions_of(after)
                return Mappings(after, regions, scratch=scratch)
            scratch = self._scratch(store)
            _change(scratch, delete, insert)
            try:
                regions = _regions(scratch, self.regions)
            finally:
                _change(scratch, insert, delete)
            return Mappings(after, regions, origin=(self, delete, insert))
