"""The terminology report of the graph a change set would produce, computed on what it touches.

The whole-graph report of the current data version is kept per version: read from the check
recorded beside the store for that version (by `load`, `check`, or the write that produced it:
each write records its report), else computed once and recorded. A change's report is that
report with the findings on the nodes the change can affect replaced by a check of those nodes
alone:

- shapes: a shape reads only the predicates the shapes name (in paths, targets and SPARQL
  constraints, plus rdf:type and the class hierarchy), at most ``SHAPE_DEPTH`` statements from
  its focus node (criterion → parameter → canonical unit → quantity kind). So a change of other
  statements (an alternative label, say) affects no verdict, and otherwise the focus nodes whose
  verdict can change are the changed statements' subjects and objects and every node that
  reaches a changed subject within ``SHAPE_DEPTH - 1`` such statements. They are validated on
  the statements the shapes read within the same depth, plus the class hierarchy. A change of
  the schema itself (a subclass axiom, say) is checked on the whole graph.
- mappings the thresholds contradict: only when the change touches a statement the equivalence
  queries read, and then only for the mappings whose entries' regions changed (all mappings
  when the base's regions are not known: its statements are then read from the store when
  the first such change needs them).

The tests check that this finds exactly what the whole-graph check finds.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from functools import cache

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.closure import is_schema
from exportgraph.graph.journal import WriteRaced
from exportgraph.graph.queries import bind, load_query
from exportgraph.graph.shacl import shapes_graph
from exportgraph.graph.version_cache import PerVersion
from exportgraph.knowledge.current import of_triples
from exportgraph.knowledge.model import AssertedMapping
from exportgraph.services.standards.equivalence import RULE as MAPPING_RULE
from exportgraph.services.standards.equivalence import Contradiction, find_contradictions
from exportgraph.services.standards.equivalence_regions import Index, build_index
from exportgraph.services.standards.terminology_check import (
    SHAPES,
    CheckResult,
    TerminologyReport,
    asserted_triples,
    record_check,
    recordable,
    recorded_report,
    shape_results,
)
from exportgraph.store import Store

SHAPE_DEPTH = 3
"""The longest chain of statements a terminology shape reads from its focus node."""
# the knowledge index's queries whose answers the mapping check reads (entries, their criteria,
# kinds, units, jurisdictions and the asserted mappings; not risk, products or exceptions)
BOOLEAN = ns.XSD + "boolean"
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
RDF_TYPE = ns.RDF + "type"
SUBCLASS = ns.RDFS + "subClassOf"
MappingKey = tuple[str, str, str]  # subject IRI, relation, object IRI


_IRI = re.compile(r"<([^>\s]+)>")
_PREFIXED = re.compile(r"\b(\w+):([A-Za-z_][\w.-]*\w|[A-Za-z_])")
_PREFIX = re.compile(r"PREFIX\s+(\w*):\s*<([^>]*)>", re.IGNORECASE)


def _named_iris(text: str, prefixes: Mapping[str, str]) -> set[str]:
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
        terms |= _named_iris(_PREFIX.sub("", text), dict(_PREFIX.findall(text)))
    return frozenset(terms - WORDING)


@cache
def shape_terms() -> frozenset[str] | None:
    """Every IRI the terminology shapes name (outside the SHACL vocabulary), including those in
    their SPARQL constraints, plus rdf:type and rdfs:subClassOf; None when a shape is closed
    (it then reads every predicate)."""
    graph = shapes_graph(SHAPES)
    if any(str(o) == "true" for o in graph.objects(None, rdflib.URIRef(ns.SH + "closed"))):
        return None
    prefixes = {prefix: str(namespace) for prefix, namespace in graph.namespaces()}
    terms = {RDF_TYPE, SUBCLASS}
    for triple in graph:
        for term in triple:
            if isinstance(term, rdflib.URIRef) and not str(term).startswith(ns.SH):
                terms.add(str(term))
            elif isinstance(term, rdflib.Literal):  # SPARQL constraints name IRIs in text
                terms |= _named_iris(str(term), prefixes)
    return frozenset(terms)


def read_by_shapes(triple: Triple) -> bool:
    """Whether a terminology shape can read this statement."""
    terms = shape_terms()
    return terms is None or triple.predicate.value in terms


def reads_for_mappings(triple: Triple) -> bool:
    """Whether the mapping check (derived equivalence) reads this statement."""
    if triple.predicate.value == RDF_TYPE:  # concepts are read by any subclass of skos:Concept
        return True
    obj = triple.object
    if isinstance(obj, Literal) and obj.datatype.value == BOOLEAN:  # eg: yes/no concept flags
        return triple.predicate.value.startswith(ns.EG)
    return triple.predicate.value in equivalence_terms()


@dataclass(frozen=True)
class Regions:
    """The entries' regions the mapping check compared in one graph, and the mappings it found
    contradicted, by key."""

    index: Index
    contradictions: Mapping[MappingKey, CheckResult]


class Mappings:
    """What the mapping check reads of the graph of some data versions (no write between them
    touched such a statement) and, when known, the regions it compared. A state read from the
    record of a whole-graph check has neither: the statements are read from the store when a
    change first needs them, and the regions are then those of the changed graph alone."""

    def __init__(
        self,
        projection: frozenset[Triple] | None = None,
        regions: Regions | None = None,
        versions: Iterable[str] = (),
    ) -> None:
        self._projection = projection
        self.regions = regions
        self._versions = set(versions)
        self._lock = threading.Lock()

    def also_of(self, version: str) -> None:
        """The graph of `version` holds the same statements the mapping check reads."""
        with self._lock:
            self._versions.add(version)

    def projection(self, store: Store) -> frozenset[Triple]:
        """The statements the mapping check reads, from the store (at one of the versions) if
        not yet known."""
        with self._lock:
            if self._projection is None:
                version = store.data_version() or ""
                if version not in self._versions:  # another process wrote meanwhile
                    raise WriteRaced("the terminology changed while this was being checked")
                projection = mapping_projection(asserted_triples(store))
                if store.data_version() != version:
                    raise WriteRaced("the terminology changed while this was being checked")
                self._projection = projection
            return self._projection


@dataclass(frozen=True)
class CheckState:
    """The whole-graph report of one graph (the shapes' findings and the contradicted mappings'),
    and what the mapping check read from it."""

    shapes: frozenset[CheckResult]
    contradicted: frozenset[CheckResult]
    mappings: Mappings

    @property
    def report(self) -> TerminologyReport:
        return TerminologyReport.of([*self.shapes, *self.contradicted])


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


def mapping_projection(triples: Iterable[Triple]) -> frozenset[Triple]:
    """The statements of a graph the mapping check reads."""
    return frozenset(t for t in triples if reads_for_mappings(t))


def regions_of(projection: frozenset[Triple]) -> Regions:
    """The regions and contradicted mappings of the graph of these statements, checked whole."""
    index = build_index(of_triples(projection))
    return Regions(index, _contradictions(index))


def _state(
    shapes: Iterable[CheckResult], projection: frozenset[Triple], regions: Regions
) -> CheckState:
    return CheckState(
        frozenset(shapes),
        frozenset(regions.contradictions.values()),
        Mappings(projection, regions),
    )


def whole_state(triples: Collection[Triple]) -> CheckState:
    """The state of a graph of asserted statements, checked whole."""
    projection = mapping_projection(triples)
    return _state(shape_results(list(triples)), projection, regions_of(projection))


def recorded_state(report: TerminologyReport, version: str) -> CheckState:
    """The state of data version `version` whose whole-graph check gave `report` (recorded
    beside the store); the mapping check's regions are read from the store when a change needs
    them."""
    contradicted = frozenset(r for r in report.results if r.rule == MAPPING_RULE)
    shapes = frozenset(r for r in report.results if r.rule != MAPPING_RULE)
    return CheckState(shapes, contradicted, Mappings(versions=[version]))


def _base_state(store: Store) -> CheckState:
    """The state of the store's current version: from the whole-graph check recorded for it
    (by `load`, `check` or the write that produced it), else checked whole and recorded."""
    version = store.data_version() or ""
    kept = recorded_report(store, version)
    if kept is not None:
        return recorded_state(kept.report, version)
    state = whole_state(asserted_triples(store))
    if recordable(state.report) and store.data_version() == version:
        record_check(store, version, state.report)
    return state


_STATE: PerVersion[CheckState] = PerVersion(_base_state)


def state_for(store: Store) -> CheckState:
    """The check state of the store's current data version (computed once per version)."""
    return _STATE.get(store)


def remember(store: Store, version: str, state: CheckState) -> None:
    """Keep `state` as the check state of `version` (the graph a write just produced), in this
    process and beside the store (for the next process)."""
    state.mappings.also_of(version)
    _STATE.seed(store, version, state)
    report = state.report
    if recordable(report):
        record_check(store, version, report)


# ---------------------------------------------------------------------------- the local check


def _iris(terms: Iterable[object]) -> set[str]:
    return {term.value for term in terms if isinstance(term, NamedNode)}


def _values(nodes: Iterable[str]) -> list[dict[str, NamedNode]]:
    return [{"node": NamedNode(node)} for node in sorted(nodes)]


def affected_focus(
    store: Store, added: Collection[Triple], removed: Collection[Triple]
) -> set[str]:
    """The nodes whose verdict under the shapes a change of these statements can alter."""
    changed = [t for t in (*added, *removed) if read_by_shapes(t)]
    subjects = _iris(t.subject for t in changed)
    focus = subjects | _iris(t.object for t in changed)
    frontier = subjects
    for _ in range(SHAPE_DEPTH - 1):
        if not frontier:
            break
        rows = store.select(bind("check_reaching", _values(frontier)))
        reaching = {
            subject.value
            for row in rows
            if isinstance(subject := row.get("s"), NamedNode)
            and read_by_shapes(Triple(subject, row["p"], row["node"]))  # type: ignore[arg-type]
        }
        reaching |= {
            subject
            for t in added
            if read_by_shapes(t) and _iris([t.object]) & frontier
            for subject in _iris([t.subject])
        }
        frontier = reaching - focus
        focus |= reaching
    return focus


class _BlankNodeReached(Exception):
    """A shape would read on through a blank node, which a query cannot name."""


def neighbourhood(
    store: Store, focus: set[str], added: Collection[Triple], removed: Collection[Triple]
) -> set[Triple]:
    """The asserted statements the shapes read of the focus nodes and of the nodes these reach
    within SHAPE_DEPTH - 1 such statements, in the graph after the change."""
    gone = set(removed)
    statements: set[Triple] = set()
    seen: set[str] = set()
    frontier = set(focus)
    for _ in range(SHAPE_DEPTH):
        frontier -= seen
        if not frontier:
            break
        seen |= frontier
        rows = store.select(bind("check_statements", _values(frontier)))
        found = {Triple(row["s"], row["p"], row["o"]) for row in rows}  # type: ignore[arg-type]
        found = (found - gone) | {t for t in added if _iris([t.subject]) & frontier}
        found = {t for t in found if read_by_shapes(t)}
        if any(isinstance(t.object, BlankNode) for t in found):
            raise _BlankNodeReached  # it cannot be named in a query: check the whole graph
        statements |= found
        frontier = _iris(t.object for t in found)
    return statements


def _patched_mappings(
    projection: frozenset[Triple],
    regions: Regions | None,
    added: Collection[Triple],
    removed: Collection[Triple],
) -> tuple[frozenset[Triple], Regions]:
    """The statements the mapping check reads after the change, and its regions and findings:
    of the mappings whose entries' regions changed, or of every mapping when the base's regions
    are not known."""
    after = (projection - set(removed)) | {t for t in added if reads_for_mappings(t)}
    if regions is None:
        return frozenset(after), regions_of(frozenset(after))
    index = build_index(of_triples(after))
    before = {(m.subject, m.relation, m.object) for m in regions.index.asserted}
    kept: dict[MappingKey, CheckResult] = {}
    fresh = []
    for mapping in index.asserted:
        key = (mapping.subject, ns.SKOS + mapping.relation, mapping.object)
        same = (
            (mapping.subject, mapping.relation, mapping.object) in before
            and index.entries.get(mapping.subject) == regions.index.entries.get(mapping.subject)
            and index.entries.get(mapping.object) == regions.index.entries.get(mapping.object)
        )
        if not same:
            fresh.append(mapping)
        elif key in regions.contradictions:
            kept[key] = regions.contradictions[key]
    return frozenset(after), Regions(index, {**kept, **_contradictions(index, fresh)})


def _whole_after(
    store: Store, added: Collection[Triple], removed: Collection[Triple]
) -> CheckState:
    return whole_state((set(asserted_triples(store)) - set(removed)) | set(added))


def check_change(
    store: Store, added: Collection[Triple], removed: Collection[Triple]
) -> CheckState:
    """The check state (and so the report) of the graph the store would hold after removing
    `removed` (asserted statements) and adding `added` (statements not yet asserted)."""
    state = state_for(store)
    changed = (*added, *removed)
    if not changed:
        return state
    if any(is_schema(t) for t in changed):
        return _whole_after(store, added, removed)
    focus = affected_focus(store, added, removed)
    shapes = state.shapes
    if focus:
        try:
            data = neighbourhood(store, focus, added, removed)
        except _BlankNodeReached:
            return _whole_after(store, added, removed)
        hierarchy = {
            Triple(row["s"], row["p"], row["o"])  # type: ignore[arg-type]
            for row in store.select(load_query("check_hierarchy"))
        }
        local = {r for r in shape_results(sorted(data | hierarchy, key=str)) if r.focus in focus}
        shapes = frozenset({r for r in state.shapes if r.focus not in focus} | local)
    if any(reads_for_mappings(t) for t in changed):
        mappings = state.mappings
        projection, regions = _patched_mappings(
            mappings.projection(store), mappings.regions, added, removed
        )
        return _state(shapes, projection, regions)
    # the statements the mapping check reads are those of the base: so are its state and findings
    return CheckState(shapes, state.contradicted, state.mappings)
