"""The terminology report of the graph a change set would produce, computed on what it touches.

The whole-graph report of the current data version is computed once and kept (per version);
a change's report is that report with the findings on the nodes the change can affect replaced
by a check of those nodes alone:

- shapes: a shape reads only the predicates the shapes name (in paths, targets and SPARQL
  constraints, plus rdf:type and the class hierarchy), at most ``SHAPE_DEPTH`` statements from
  its focus node (criterion → parameter → canonical unit → quantity kind). So a change of other
  statements (an alternative label, say) affects no verdict, and otherwise the focus nodes whose
  verdict can change are the changed statements' subjects and objects and every node that
  reaches a changed subject within ``SHAPE_DEPTH - 1`` such statements. They are validated on
  the statements the shapes read within the same depth, plus the class hierarchy. A change of
  the schema itself (a subclass axiom, say) is checked on the whole graph.
- mappings the thresholds contradict: only when the change touches a statement the equivalence
  queries read, and then only for the mappings whose entries' regions changed.

The tests check that this finds exactly what the whole-graph check finds.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.closure import is_schema, vocabulary_for
from exportgraph.graph.queries import bind, load_query
from exportgraph.graph.shacl import shapes_graph
from exportgraph.graph.version_cache import PerVersion
from exportgraph.knowledge.current import of_triples
from exportgraph.knowledge.model import AssertedMapping
from exportgraph.services.standards.equivalence import Contradiction, find_contradictions
from exportgraph.services.standards.equivalence_regions import SECTIONS_READ, Index, build_index
from exportgraph.services.standards.terminology_check import (
    SHAPES,
    CheckResult,
    TerminologyReport,
    asserted_triples,
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
class CheckState:
    """The whole-graph report of one graph, and what the mapping check read from it."""

    shapes: frozenset[CheckResult]
    projection: frozenset[Triple]
    index: Index
    contradictions: Mapping[MappingKey, CheckResult] = field(default_factory=dict)

    @property
    def report(self) -> TerminologyReport:
        return TerminologyReport.of([*self.shapes, *self.contradictions.values()])


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


def whole_state(triples: Collection[Triple]) -> CheckState:
    """The state of a graph of asserted statements, checked whole."""
    projection = frozenset(t for t in triples if reads_for_mappings(t))
    index = build_index(of_triples(projection, SECTIONS_READ))
    return CheckState(
        frozenset(shape_results(list(triples))), projection, index, _contradictions(index)
    )


_STATE: PerVersion[CheckState] = PerVersion(lambda store: whole_state(asserted_triples(store)))


def state_for(store: Store) -> CheckState:
    """The check state of the store's current data version (computed once per version)."""
    return _STATE.get(store)


def remember(store: Store, version: str, state: CheckState) -> None:
    """Keep `state` as the check state of `version` (the graph a write just produced)."""
    _STATE.seed(store, version, state)


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
    state: CheckState, added: Collection[Triple], removed: Collection[Triple]
) -> tuple[frozenset[Triple], Index, dict[MappingKey, CheckResult]]:
    projection = (state.projection - set(removed)) | {t for t in added if reads_for_mappings(t)}
    index = build_index(of_triples(projection, SECTIONS_READ))
    before = {(m.subject, m.relation, m.object) for m in state.index.asserted}
    kept: dict[MappingKey, CheckResult] = {}
    fresh = []
    for mapping in index.asserted:
        key = (mapping.subject, ns.SKOS + mapping.relation, mapping.object)
        same = (
            (mapping.subject, mapping.relation, mapping.object) in before
            and index.entries.get(mapping.subject) == state.index.entries.get(mapping.subject)
            and index.entries.get(mapping.object) == state.index.entries.get(mapping.object)
        )
        if not same:
            fresh.append(mapping)
        elif key in state.contradictions:
            kept[key] = state.contradictions[key]
    return frozenset(projection), index, {**kept, **_contradictions(index, fresh)}


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
        hierarchy = {t for t in vocabulary_for(store).schema if t.predicate.value == SUBCLASS}
        local = {r for r in shape_results(sorted(data | hierarchy, key=str)) if r.focus in focus}
        shapes = frozenset({r for r in state.shapes if r.focus not in focus} | local)
    if any(reads_for_mappings(t) for t in changed):
        projection, index, contradictions = _patched_mappings(state, added, removed)
        return CheckState(shapes, projection, index, contradictions)
    return CheckState(shapes, state.projection, state.index, state.contradictions)
