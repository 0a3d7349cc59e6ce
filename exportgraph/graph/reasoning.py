"""OWL 2 RL materialisation at load time (reasonable; owlrl kept as the reference engine)."""

from __future__ import annotations

import time
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any
from typing import Literal as TypingLiteral

import pyoxigraph
import rdflib
from pyoxigraph import Triple

from exportgraph import namespaces as ns
from exportgraph.graph.shacl import rdflib_term

Engine = TypingLiteral["reasonable", "owlrl"]

_XSD_STRING = ns.XSD + "string"
_OWL_THING = ns.OWL + "Thing"
_OWL_NOTHING = ns.OWL + "Nothing"
_REFLEXIVE_NOISE = {
    ns.OWL + "sameAs",
    ns.RDFS + "subClassOf",
    ns.OWL + "equivalentClass",
    ns.OWL + "equivalentProperty",
    ns.RDFS + "subPropertyOf",
}


@dataclass(frozen=True)
class Closure:
    """The triples a reasoner added, after normalisation, and how long it took."""

    inferred: list[Triple]
    seconds: float
    engine: str


def _to_rdflib(triples: Iterable[Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    data = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
    graph.parse(data=data, format="nt")
    return graph


def _rdflib_rows(triples: Iterable[Triple]) -> list[tuple[rdflib.term.Identifier, ...]]:
    """The triples as rdflib term tuples, built directly (reasonable takes them as they are;
    a text round trip through rdflib's parser costs several times more)."""
    rows: list[tuple[rdflib.term.Identifier, ...]] = []
    for t in triples:
        subject, obj = t.subject, t.object
        if isinstance(subject, Triple) or isinstance(obj, Triple):
            raise ValueError(f"the reasoner cannot read the RDF-star statement {t}")
        rows.append((rdflib_term(subject), rdflib.URIRef(t.predicate.value), rdflib_term(obj)))
    return rows


def _from_rdflib_terms(rows: Iterable[tuple[rdflib.term.Node, ...]]) -> list[Triple]:
    triples = []
    for s, p, o in rows:
        if isinstance(s, rdflib.Literal) or not isinstance(p, rdflib.URIRef):
            continue  # owlrl emits literal subjects; they are not RDF triples
        if (
            isinstance(o, rdflib.Literal)
            and o.datatype is not None
            and str(o.datatype) == _XSD_STRING
        ):
            o = rdflib.Literal(str(o), lang=o.language)  # reasonable re-types plain literals
        subject = _term(s)
        if not isinstance(subject, pyoxigraph.Literal):
            triples.append(Triple(subject, pyoxigraph.NamedNode(str(p)), _term(o)))
    return triples


def _term(
    node: rdflib.term.Node,
) -> pyoxigraph.NamedNode | pyoxigraph.BlankNode | pyoxigraph.Literal:
    """An rdflib term as a pyoxigraph term (directly: a multi-line literal's n3() is not
    N-Triples)."""
    if isinstance(node, rdflib.Literal):
        if node.language:
            return pyoxigraph.Literal(str(node), language=node.language)
        if node.datatype is not None:
            return pyoxigraph.Literal(str(node), datatype=pyoxigraph.NamedNode(str(node.datatype)))
        return pyoxigraph.Literal(str(node))
    if isinstance(node, rdflib.BNode):
        return pyoxigraph.BlankNode(str(node))
    return pyoxigraph.NamedNode(str(node))


def _is_noise(triple: Triple) -> bool:
    if triple.predicate.value in _REFLEXIVE_NOISE and triple.subject == triple.object:
        return True
    obj = triple.object
    if isinstance(obj, pyoxigraph.NamedNode) and obj.value in (_OWL_THING, _OWL_NOTHING):
        return True
    return isinstance(triple.subject, pyoxigraph.NamedNode) and triple.subject.value == _OWL_NOTHING


_SKOLEM = "urn:x-exportgraph-bnode:"


def _skolem(term: Any) -> Any:
    if isinstance(term, pyoxigraph.BlankNode):
        return pyoxigraph.NamedNode(_SKOLEM + term.value)
    if isinstance(term, pyoxigraph.NamedNode) and term.value.startswith(_SKOLEM):
        return pyoxigraph.BlankNode(term.value[len(_SKOLEM) :])
    return term


def _swap_blank_nodes(triples: Iterable[Triple]) -> list[Triple]:
    """Blank nodes to skolem IRIs and back, so their ids survive the trip through rdflib."""
    return [Triple(_skolem(t.subject), t.predicate, _skolem(t.object)) for t in triples]


_AXIOM_PREDICATES = {
    ns.RDFS + "domain",
    ns.RDFS + "range",
    ns.RDFS + "subPropertyOf",
    ns.OWL + "equivalentProperty",
    ns.OWL + "inverseOf",
    ns.OWL + "propertyChainAxiom",
    ns.OWL + "propertyDisjointWith",
    ns.OWL + "onProperty",
    ns.RDF + "first",  # members of property chains and keys
}
_PROPERTY_CHARACTERISTICS = {
    ns.OWL + name
    for name in (
        "FunctionalProperty",
        "InverseFunctionalProperty",
        "SymmetricProperty",
        "AsymmetricProperty",
        "TransitiveProperty",
        "ReflexiveProperty",
        "IrreflexiveProperty",
    )
}
_CLASS_AXIOM_PREDICATES = {
    ns.RDFS + "subClassOf",
    ns.OWL + "equivalentClass",
    ns.OWL + "disjointWith",
    ns.OWL + "complementOf",
    ns.OWL + "someValuesFrom",
    ns.OWL + "allValuesFrom",
    ns.OWL + "onClass",
    ns.OWL + "hasKey",
    ns.RDF + "first",  # members of unions, intersections, enumerations, disjoint sets
}
_SCHEMA_NAMESPACES = (ns.RDF, ns.RDFS, ns.OWL)
_RDF_TYPE = ns.RDF + "type"


def axiom_terms(triples: Iterable[Triple]) -> set[object]:
    """The properties and classes some axiom among `triples` mentions (a domain, range,
    sub-/equivalent/inverse property, characteristic, restriction, chain or key)."""
    axioms = {pyoxigraph.NamedNode(p) for p in _AXIOM_PREDICATES}
    class_axioms = {pyoxigraph.NamedNode(p) for p in _CLASS_AXIOM_PREDICATES}
    characteristics = {pyoxigraph.NamedNode(c) for c in _PROPERTY_CHARACTERISTICS}
    rdf_type = pyoxigraph.NamedNode(_RDF_TYPE)
    active: set[object] = set()
    for t in triples:
        predicate = t.predicate
        if (
            predicate in axioms
            or predicate in class_axioms
            or (predicate == rdf_type and t.object in characteristics)
        ):
            active.add(t.subject)
            active.add(t.object)
    return active


def may_fire(term: object, active: Collection[object]) -> bool:
    """Whether a statement with this predicate (or, for a type statement, this class) can take
    part in an OWL 2 RL rule, given the terms some axiom mentions (`axiom_terms`)."""
    value = term.value if isinstance(term, pyoxigraph.NamedNode) else ""
    return term in active or value.startswith(_SCHEMA_NAMESPACES)


def _reasoned_part(triples: list[Triple]) -> list[Triple]:
    """The triples an OWL 2 RL rule can use. A triple whose predicate no axiom mentions (no
    domain, range, sub-/equivalent/inverse property, characteristic, restriction, chain or key),
    or a type triple whose class no class axiom mentions, fires no rule: it is left out, which
    keeps the ~110,000 triples of the whole lists (eg:officialText …) out of the reasoner. (Not
    covered: owl:sameAs copying such a triple to an equal individual; the data asserts none.)"""
    active = axiom_terms(triples)
    rdf_type = pyoxigraph.NamedNode(_RDF_TYPE)
    decided: dict[object, bool] = {}

    def fires(term: object) -> bool:
        if term not in decided:
            decided[term] = may_fire(term, active)
        return decided[term]

    return [t for t in triples if fires(t.object if t.predicate == rdf_type else t.predicate)]


def materialize(triples: list[Triple], engine: Engine = "reasonable") -> Closure:
    """Compute the OWL 2 RL closure of the triples; return only what was added."""
    started = time.perf_counter()
    reasoned = _swap_blank_nodes(_reasoned_part(triples))
    if engine == "reasonable":
        from reasonable import PyReasoner

        reasoner = PyReasoner()
        reasoner.from_graph(_rdflib_rows(reasoned))
        output = _from_rdflib_terms(reasoner.reason())
    else:
        import owlrl

        graph = _to_rdflib(reasoned)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
        output = _from_rdflib_terms(graph)
    known = set(reasoned)
    new = _swap_blank_nodes([t for t in output if t not in known and not _is_noise(t)])
    asserted = set(triples)  # a triple left out of the reasoner may be derived again
    inferred = sorted({t for t in new if t not in asserted}, key=str)
    return Closure(inferred, time.perf_counter() - started, engine)
