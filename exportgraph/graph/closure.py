"""The reasoner's closure after a change set, computed on what the change touches.

An approval must leave the default graph holding the asserted statements plus their OWL 2 RL
closure, and the inferred graph holding that closure. Recomputing the closure of the whole graph
costs time in proportion to the graph; most changes (a label, a threshold, a date) can only
change what is inferred about the nodes they touch. This module decides when that holds and then
reasons over those nodes' statements only.

A statement is *local* when its predicate (with every property it implies through
``rdfs:subPropertyOf``, ``owl:equivalentProperty`` and ``owl:inverseOf``) and the classes it
implies (its ``rdf:type``, the domains and ranges of those properties, and their superclasses)
take part in no "global" axiom: transitive, functional, inverse-functional, (ir)reflexive or
asymmetric properties, property chains, keys, restrictions, class expressions (intersection,
union, complement, enumeration), disjointness. OWL 2 RL rules then derive from a local statement
only local statements about its own subject or object, and every derivation of such a statement
uses statements about the same node (local ones, or global ones already in the closure). So for
a change of local statements that touches no node in ``owl:sameAs`` and no schema statement, the
closure changes exactly as the closure of

    schema + asserted statements about the touched nodes + global inferred statements about them

changes, restricted to local statements about the touched nodes. Anything else (a schema change,
a mapping under a transitive property, a node in ``owl:sameAs``) recomputes the whole closure.
The tests check both paths against the whole recomputation.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.change_statements import held_statements
from exportgraph.graph.queries import bind, load_query
from exportgraph.graph.reasoning import Engine, axiom_terms, materialize, may_fire
from exportgraph.graph.version_cache import PerVersion
from exportgraph.store import GraphName, Store

RDF_TYPE = ns.RDF + "type"
RDF_FIRST, RDF_REST = ns.RDF + "first", ns.RDF + "rest"
ANNOTATIONS = frozenset(
    {
        ns.RDFS + "label",
        ns.RDFS + "comment",
        ns.RDFS + "seeAlso",
        ns.RDFS + "isDefinedBy",
        ns.OWL + "versionInfo",
        ns.OWL + "versionIRI",
        ns.OWL + "priorVersion",
        ns.OWL + "backwardCompatibleWith",
        ns.OWL + "incompatibleWith",
        ns.OWL + "deprecated",
        ns.OWL + "imports",
    }
)
"""Predicates of the RDFS and OWL namespaces that no OWL 2 RL rule reads."""
GLOBAL_CHARACTERISTICS = frozenset(
    ns.OWL + name
    for name in (
        "TransitiveProperty",
        "FunctionalProperty",
        "InverseFunctionalProperty",
        "IrreflexiveProperty",
        "AsymmetricProperty",
        "ReflexiveProperty",
    )
)
GLOBAL_AXIOMS = frozenset(
    ns.OWL + name
    for name in (
        "onProperty",
        "onProperties",
        "someValuesFrom",
        "allValuesFrom",
        "hasValue",
        "hasSelf",
        "onClass",
        "onDataRange",
        "cardinality",
        "minCardinality",
        "maxCardinality",
        "qualifiedCardinality",
        "minQualifiedCardinality",
        "maxQualifiedCardinality",
        "intersectionOf",
        "unionOf",
        "complementOf",
        "oneOf",
        "hasKey",
        "disjointWith",
        "disjointUnionOf",
        "propertyDisjointWith",
        "propertyChainAxiom",
        "members",
        "distinctMembers",
        "sourceIndividual",
        "assertionProperty",
        "targetIndividual",
        "targetValue",
        "sameAs",
        "differentFrom",
    )
)
"""Axioms whose rules join statements about different nodes: every term in them is global."""
_UP_PROPERTY = (ns.RDFS + "subPropertyOf",)
_BOTH_PROPERTY = (ns.OWL + "equivalentProperty", ns.OWL + "inverseOf")
_UP_CLASS = (ns.RDFS + "subClassOf",)
_BOTH_CLASS = (ns.OWL + "equivalentClass",)


def closure_delta(
    asserted_before: set[Triple],
    inferred_before: set[Triple],
    asserted_after: set[Triple],
    engine: Engine = "reasonable",
) -> tuple[list[Quad], list[Quad]]:
    """The quads to delete and insert so that the default graph holds asserted_after plus its
    OWL 2 RL closure and INFERRED_GRAPH holds that closure (used after a change set)."""
    inferred_after = set(materialize(sorted(asserted_after, key=str), engine).inferred)
    inferred_after -= asserted_after
    default_before = asserted_before | inferred_before
    default_after = asserted_after | inferred_after
    graph = NamedNode(ns.INFERRED_GRAPH)

    def quads(triples: set[Triple], name: GraphName) -> list[Quad]:
        return [Quad(t.subject, t.predicate, t.object, name) for t in sorted(triples, key=str)]

    delete = quads(default_before - default_after, DefaultGraph()) + quads(
        inferred_before - inferred_after, graph
    )
    insert = quads(default_after - default_before, DefaultGraph()) + quads(
        inferred_after - inferred_before, graph
    )
    return delete, insert


def asserted_triples(store: Store) -> list[Triple]:
    """The store's default graph less the triples the reasoner added."""
    return list(store.default_triples_outside(ns.INFERRED_GRAPH))


def is_schema(triple: Triple) -> bool:
    """Whether a statement is part of the ontology's axioms (the reasoner's rules read it)."""
    predicate = triple.predicate.value
    if predicate in (RDF_FIRST, RDF_REST):
        return True
    if predicate.startswith((ns.OWL, ns.RDFS)):
        return predicate not in ANNOTATIONS
    if predicate == RDF_TYPE and isinstance(triple.object, NamedNode):
        return triple.object.value.startswith((ns.OWL, ns.RDFS, ns.RDF))
    return False


def _key(term: object) -> str:
    return term.value if isinstance(term, NamedNode | BlankNode) else ""


@dataclass(frozen=True)
class Vocabulary:
    """The ontology's axioms as the local closure needs them (one per data version)."""

    schema: frozenset[Triple]
    global_terms: frozenset[str]
    same_as: frozenset[str]
    implied_properties: Mapping[str, frozenset[str]]
    implied_classes: Mapping[str, frozenset[str]]
    domains_ranges: Mapping[str, frozenset[str]]
    axiom_terms: frozenset[object] = frozenset()
    """The properties and classes some axiom mentions (reasoning.axiom_terms)."""

    def _classes(self, cls: str) -> frozenset[str]:
        return self.implied_classes.get(cls, frozenset({cls}))

    def _local_class(self, cls: str) -> bool:
        return not (self._classes(cls) & self.global_terms)

    def is_local(self, triple: Triple) -> bool:
        """Whether the rules derive from this statement only statements about its own nodes."""
        if is_schema(triple):
            return False
        predicate = triple.predicate.value
        if predicate == RDF_TYPE:
            obj = triple.object
            return isinstance(obj, NamedNode) and self._local_class(obj.value)
        for implied in self.implied_properties.get(predicate, frozenset({predicate})):
            if implied in self.global_terms:
                return False
            if not all(self._local_class(c) for c in self.domains_ranges.get(implied, ())):
                return False
        return True

    def is_inert(self, triple: Triple) -> bool:
        """Whether no OWL 2 RL rule reads or concludes this statement: its predicate is outside
        the RDF, RDFS and OWL vocabularies and no axiom mentions it (no domain, range, sub-,
        equivalent or inverse property, characteristic, restriction, chain or key), and it is
        not a type statement. (Copies through owl:sameAs: `is_local_change` excludes them.)"""
        predicate = triple.predicate
        return predicate.value != RDF_TYPE and not may_fire(predicate, self.axiom_terms)

    def is_local_change(self, triples: Iterable[Triple]) -> bool:
        """Whether the closure after changing these statements can be computed locally."""
        for triple in triples:
            if not self.is_local(triple):
                return False
            nodes = {_key(triple.subject), triple.predicate.value, _key(triple.object)}
            if nodes & self.same_as:
                return False
        return True


def _reach(start: str, up: Mapping[str, set[str]]) -> frozenset[str]:
    seen, stack = {start}, [start]
    while stack:
        for nxt in up.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return frozenset(seen)


def analyse(schema: Collection[Triple], same_as: Iterable[str] = ()) -> Vocabulary:
    """The vocabulary of a set of schema statements (and the nodes in owl:sameAs)."""
    properties: dict[str, set[str]] = {}
    classes: dict[str, set[str]] = {}
    domains_ranges: dict[str, set[str]] = {}
    global_terms: set[str] = {ns.OWL + "Nothing", ns.OWL + "sameAs", ns.OWL + "differentFrom"}
    lists: dict[str, list[str]] = {}
    for triple in schema:
        s, p, o = _key(triple.subject), triple.predicate.value, _key(triple.object)
        if p in _UP_PROPERTY:
            properties.setdefault(s, set()).add(o)
        elif p in _BOTH_PROPERTY:
            properties.setdefault(s, set()).add(o)
            properties.setdefault(o, set()).add(s)
        elif p in _UP_CLASS:
            classes.setdefault(s, set()).add(o)
        elif p in _BOTH_CLASS:
            classes.setdefault(s, set()).add(o)
            classes.setdefault(o, set()).add(s)
        elif p in (ns.RDFS + "domain", ns.RDFS + "range"):
            domains_ranges.setdefault(s, set()).add(o)
        elif p in GLOBAL_AXIOMS:
            global_terms.update(term for term in (s, o) if term)
        elif p == RDF_TYPE and o in GLOBAL_CHARACTERISTICS:
            global_terms.add(s)
        elif p in (RDF_FIRST, RDF_REST):
            lists.setdefault(s, []).append(o)
    # every member of a list (the operands of class expressions, chains, keys) is global
    for members in lists.values():
        global_terms.update(member for member in members if member and member != ns.RDF + "nil")
    return Vocabulary(
        schema=frozenset(schema),
        global_terms=frozenset(global_terms),
        same_as=frozenset(same_as),
        implied_properties={p: _reach(p, properties) for p in properties},
        implied_classes={c: _reach(c, classes) for c in classes},
        domains_ranges={p: frozenset(c) for p, c in domains_ranges.items()},
        axiom_terms=frozenset(axiom_terms(schema)),
    )


def read_vocabulary(store: Store) -> Vocabulary:
    """The asserted schema statements of the store and the nodes in owl:sameAs."""
    schema = [
        Triple(row["s"], row["p"], row["o"])  # type: ignore[arg-type]
        for row in store.select(load_query("closure_schema"))
    ]
    same_as = {
        _key(term)
        for row in store.select(load_query("closure_same_as"))
        for term in (row.get("a"), row.get("b"))
    }
    return analyse([t for t in schema if is_schema(t)], same_as - {""})


_VOCABULARY: PerVersion[Vocabulary] = PerVersion(read_vocabulary, shared=True)


def vocabulary_for(store: Store) -> Vocabulary:
    """The vocabulary of the store's current data version (read once per version)."""
    return _VOCABULARY.get(store)


def remember(store: Store, version: str, vocabulary: Vocabulary) -> None:
    """Keep `vocabulary` for `version` (a local change leaves the schema as it was)."""
    _VOCABULARY.seed(store, version, vocabulary)


# ---------------------------------------------------------------------------- the delta


def quads_in(triples: Iterable[Triple], graph: GraphName) -> list[Quad]:
    """The triples as quads of `graph`, in a stable order."""
    return [Quad(t.subject, t.predicate, t.object, graph) for t in sorted(triples, key=str)]


def _closed(triples: set[Triple], engine: Engine) -> set[Triple]:
    return triples | set(materialize(sorted(triples, key=str), engine).inferred)


def _touches(triple: Triple, nodes: set[str]) -> bool:
    return _key(triple.subject) in nodes or _key(triple.object) in nodes


def whole_delta(
    store: Store,
    added: Collection[Triple],
    removed: Collection[Triple],
    engine: Engine = "reasonable",
) -> tuple[list[Quad], list[Quad]]:
    """The quads to delete and insert for any change: the closure of the whole graph, again."""
    asserted = set(asserted_triples(store))
    inferred = set(store.triples(ns.INFERRED_GRAPH))
    return closure_delta(asserted, inferred, (asserted - set(removed)) | set(added), engine)


def change_delta(
    store: Store,
    added: Collection[Triple],
    removed: Collection[Triple],
    engine: Engine = "reasonable",
    *,
    held: AbstractSet[Triple] | None = None,
) -> tuple[list[Quad], list[Quad], Vocabulary | None]:
    """The quads to delete and insert so that the store holds the closure after the change, and
    the vocabulary after it when the change left the schema alone (else None: read it again).
    `held`: statements the caller read as asserted in the store's present state, among them
    every one of `added` and `removed` the store asserts (else they are read)."""
    vocabulary = vocabulary_for(store)
    if not added and not removed:
        return [], [], vocabulary
    if vocabulary.is_local_change([*added, *removed]):
        delete, insert = local_delta(store, vocabulary, added, removed, engine, held=held)
        return delete, insert, vocabulary
    delete, insert = whole_delta(store, added, removed, engine)
    return delete, insert, None


def _asserted(store: Store, triples: Collection[Triple]) -> set[Triple]:
    """Those of `triples` the store asserts."""
    return held_statements(store, triples)[0]


def local_delta(
    store: Store,
    vocabulary: Vocabulary,
    added: Collection[Triple],
    removed: Collection[Triple],
    engine: Engine = "reasonable",
    *,
    held: AbstractSet[Triple] | None = None,
) -> tuple[list[Quad], list[Quad]]:
    """The quads to delete and insert for a local change (see the module docstring); the caller
    has checked `vocabulary.is_local_change`. `added` and `removed` are asserted statements
    (removed ones present, added ones not yet asserted); `held` as for change_delta."""
    changed = (*added, *removed)
    if all(vocabulary.is_inert(t) for t in changed):
        # a label, a value: the closure changes by the statements themselves, which is all that
        # reasoning over the schema and the nodes' statements would find
        present = _asserted(store, changed) if held is None else held & set(changed)
        return quads_in(set(removed) & present, DefaultGraph()), quads_in(
            set(added) - present, DefaultGraph()
        )
    nodes = {t.subject.value for t in changed if isinstance(t.subject, NamedNode)}
    nodes |= {t.object.value for t in changed if isinstance(t.object, NamedNode)}
    terms = [{"node": NamedNode(n)} for n in sorted(nodes)]
    asserted: set[Triple] = set()
    inferred: set[Triple] = set()
    for row in store.select(bind("closure_incident", terms)):
        triple = Triple(row["s"], row["p"], row["o"])  # type: ignore[arg-type]
        flag = row.get("inferred")
        (inferred if isinstance(flag, Literal) and flag.value == "true" else asserted).add(triple)
    global_inferred = {t for t in inferred if not vocabulary.is_local(t)}
    asserted_after = (asserted - set(removed)) | set(added)
    base = set(vocabulary.schema) | asserted_after | global_inferred

    def star(triples: set[Triple]) -> set[Triple]:
        return {t for t in triples if _touches(t, nodes) and vocabulary.is_local(t)}

    # the store holds the closure before the change: its local statements about the nodes are
    # exactly those the same reasoning derives (see the module docstring)
    before, after = star(asserted | inferred), star(_closed(base, engine))
    inferred_before, inferred_after = before - asserted, after - asserted_after
    graph = NamedNode(ns.INFERRED_GRAPH)
    delete = quads_in(before - after, DefaultGraph()) + quads_in(
        inferred_before - inferred_after, graph
    )
    insert = quads_in(after - before, DefaultGraph()) + quads_in(
        inferred_after - inferred_before, graph
    )
    return delete, insert
