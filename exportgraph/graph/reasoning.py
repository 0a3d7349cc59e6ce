"""OWL 2 RL materialisation at load time (reasonable; owlrl kept as the reference engine)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from typing import Literal as TypingLiteral

import pyoxigraph
import rdflib
from pyoxigraph import Triple

from exportgraph import namespaces as ns

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


def _from_rdflib_terms(rows: Iterable[tuple[rdflib.term.Node, ...]]) -> list[Triple]:
    lines = []
    for s, p, o in rows:
        if isinstance(s, rdflib.Literal) or not isinstance(p, rdflib.URIRef):
            continue  # owlrl emits literal subjects; they are not RDF triples
        if (
            isinstance(o, rdflib.Literal)
            and o.datatype is not None
            and str(o.datatype) == _XSD_STRING
        ):
            o = rdflib.Literal(str(o), lang=o.language)  # reasonable re-types plain literals
        lines.append(f"{s.n3()} {p.n3()} {o.n3()} .\n")
    return [
        quad.triple for quad in pyoxigraph.parse("".join(lines), pyoxigraph.RdfFormat.N_TRIPLES)
    ]


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


def materialize(triples: list[Triple], engine: Engine = "reasonable") -> Closure:
    """Compute the OWL 2 RL closure of the triples; return only what was added."""
    started = time.perf_counter()
    triples = _swap_blank_nodes(triples)
    if engine == "reasonable":
        from reasonable import PyReasoner

        reasoner = PyReasoner()
        reasoner.from_graph(_to_rdflib(triples))
        output = _from_rdflib_terms(reasoner.reason())
    else:
        import owlrl

        graph = _to_rdflib(triples)
        owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(graph)
        output = _from_rdflib_terms(graph)
    asserted = set(triples)
    inferred = sorted({t for t in output if t not in asserted and not _is_noise(t)}, key=str)
    return Closure(_swap_blank_nodes(inferred), time.perf_counter() - started, engine)
