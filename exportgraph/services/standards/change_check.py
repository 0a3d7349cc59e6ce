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
  queries read (services/standards/mapping_check.py).

The tests check that this finds exactly what the whole-graph check finds.
"""

from __future__ import annotations

import threading
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cache

import rdflib
from pyoxigraph import BlankNode, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.closure import is_schema
from exportgraph.graph.queries import bind, load_query
from exportgraph.graph.shacl import shapes_graph
from exportgraph.graph.version_cache import PerVersion
from exportgraph.services.standards.equivalence import RULE as MAPPING_RULE
from exportgraph.services.standards.mapping_check import (
    Mappings,
    mapping_projection,
    named_iris,
    reads_for_mappings,
    regions_of,
)
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
RDF_TYPE = ns.RDF + "type"
SUBCLASS = ns.RDFS + "subClassOf"


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
                terms |= named_iris(str(term), prefixes)
    return frozenset(terms)


def read_by_shapes(triple: Triple) -> bool:
    """Whether a terminology shape can read this statement."""
    terms = shape_terms()
    return terms is None or triple.predicate.value in terms


@dataclass(frozen=True)
class CheckState:
    """The whole-graph report of one graph (the shapes' findings and the contradicted mappings'),
    and what the mapping check read from it."""

    shapes: frozenset[CheckResult]
    contradicted: frozenset[CheckResult]
    mappings: Mappings
    checked: dict[tuple[frozenset[Triple], frozenset[Triple]], CheckState] = field(
        default_factory=dict, compare=False, repr=False
    )
    """The states of the last changes checked against this one (see check_change)."""

    @property
    def report(self) -> TerminologyReport:
        return TerminologyReport.of([*self.shapes, *self.contradicted])


def _state(shapes: Iterable[CheckResult], mappings: Mappings) -> CheckState:
    assert mappings.regions is not None
    contradicted = frozenset(mappings.regions.contradictions.values())
    return CheckState(frozenset(shapes), contradicted, mappings)


def whole_state(triples: Collection[Triple]) -> CheckState:
    """The state of a graph of asserted statements, checked whole."""
    projection = mapping_projection(triples)
    regions, scratch = regions_of(projection)
    return _state(shape_results(list(triples)), Mappings(projection, regions, scratch=scratch))


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


def _whole_after(
    store: Store, added: Collection[Triple], removed: Collection[Triple]
) -> CheckState:
    return whole_state((set(asserted_triples(store)) - set(removed)) | set(added))


_KEPT_CHECKS = 8
"""How many checked changes a state keeps (approving a proposal checks what proposing it did)."""
_checked_lock = threading.Lock()


def check_change(
    store: Store, added: Collection[Triple], removed: Collection[Triple]
) -> CheckState:
    """The check state (and so the report) of the graph the store would hold after removing
    `removed` (asserted statements) and adding `added` (statements not yet asserted). Kept with
    the state of the store's version for the last few changes: approving a proposal checks the
    same change against the same graph as proposing it did."""
    state = state_for(store)
    if not added and not removed:
        return state
    key = (frozenset(added), frozenset(removed))
    with _checked_lock:
        found = state.checked.get(key)
    if found is None:
        found = _checked(store, state, added, removed)
        with _checked_lock:
            state.checked[key] = found
            while len(state.checked) > _KEPT_CHECKS:
                del state.checked[next(iter(state.checked))]
    return found


def _checked(
    store: Store, state: CheckState, added: Collection[Triple], removed: Collection[Triple]
) -> CheckState:
    changed = (*added, *removed)
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
        return _state(shapes, state.mappings.after(store, added, removed))
    # the statements the mapping check reads are those of the base: so are its state and findings
    return CheckState(shapes, state.contradicted, state.mappings)
