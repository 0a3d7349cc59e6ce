"""SHACL engines for trusted shape files (shapes/*.ttl), pooled so validations never share one.

pySHACL keeps per-run state on its shapes graph and pyshacl-turbo's Python wrapper is not
documented as thread-safe either, so every validation checks a private compiled copy out of a
pool and returns it afterwards. `turbo` (pyshacl-turbo, Rust) is the default: it passes the same
tests and is two orders of magnitude faster on one agreement (bench/agreements.py); `pyshacl` is
the reference engine.
"""

from __future__ import annotations

import logging
import os
import queue
import re
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any
from typing import Literal as TypingLiteral

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from rdflib.namespace import RDF, SH

from exportgraph import namespaces as ns
from exportgraph.paths import shapes_dir

EngineName = TypingLiteral["turbo", "pyshacl"]
ENGINES: tuple[EngineName, ...] = ("turbo", "pyshacl")
Term = NamedNode | BlankNode | Literal

RULE_ID = rdflib.URIRef(ns.EG + "ruleId")
XSD_STRING = ns.XSD + "string"
SEVERITIES = {SH.Violation: "violation", SH.Warning: "warning", SH.Info: "info"}


class _IllTypedLiteralNoise(logging.Filter):
    """rdflib logs a traceback for every ill-typed literal (e.g. "2025-13-45"^^xsd:date) it
    builds; such literals are expected here (rule AGR-DATES reports them), so drop that noise."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(_IllTypedLiteralNoise())


@dataclass(frozen=True)
class RawResult:
    """One SHACL validation result, engine-neutral."""

    rule: str
    severity: str
    focus: Term
    path: Term | None
    value: Term | None
    message: str
    shape: str


@cache
def shapes_graph(name: str) -> rdflib.Graph:
    """shapes/{name}.ttl (trusted: it ships with the service)."""
    graph = rdflib.Graph()
    graph.parse(shapes_dir() / f"{name}.ttl", format="turtle")
    return graph


def _rule_ids(graph: rdflib.Graph) -> dict[rdflib.term.Node, str]:
    rules = {shape: str(rule) for shape, rule in graph.subject_objects(RULE_ID)}
    for parent, child in graph.subject_objects(SH.property):
        if child not in rules and parent in rules:
            rules[child] = rules[parent]
    return rules


def _to_ox(term: rdflib.term.Node | None) -> Term | None:
    if term is None:
        return None
    if isinstance(term, rdflib.URIRef):
        return NamedNode(str(term))
    if isinstance(term, rdflib.BNode):
        return BlankNode(str(term))
    if isinstance(term, rdflib.Literal):
        if term.language:
            return Literal(str(term), language=term.language)
        if term.datatype:
            return Literal(str(term), datatype=NamedNode(str(term.datatype)))
        return Literal(str(term))
    return None


def rdflib_term(term: Term) -> rdflib.term.Identifier:
    """The rdflib term of a pyoxigraph term (blank-node labels kept)."""
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    if term.datatype.value == XSD_STRING:
        return rdflib.Literal(term.value)
    return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))


def data_graph(triples: Iterable[Triple]) -> rdflib.Graph:
    """An rdflib graph of the triples, blank-node labels kept (so results map back)."""
    graph = rdflib.Graph(bind_namespaces="none")
    for triple in triples:
        obj = triple.object
        assert not isinstance(obj, Triple)
        subject = triple.subject
        assert isinstance(subject, NamedNode | BlankNode)
        graph.add((rdflib_term(subject), rdflib.URIRef(triple.predicate.value), rdflib_term(obj)))
    return graph


class Program:
    """One compiled copy of the shapes for one engine; not shared between threads."""

    def __init__(self, shapes: str, engine: EngineName) -> None:
        self.engine = engine
        graph = rdflib.Graph()
        for triple in shapes_graph(shapes):
            graph.add(triple)
        for prefix, namespace in shapes_graph(shapes).namespaces():
            graph.bind(prefix, namespace)
        self.graph = graph
        self.rules = _rule_ids(graph)
        self._turbo: Any = None
        if engine == "turbo":
            import pyshacl_turbo

            self._turbo = pyshacl_turbo.compile_shapes(graph, advanced=True)  # type: ignore[no-untyped-call]

    def run(self, triples: Iterable[Triple]) -> list[RawResult]:
        """Validate a data graph (agreements and their findings); every result, any severity."""
        if self._turbo is not None:
            from pyshacl_turbo.rdf import Input

            text = "".join(f"{t} .\n" for t in triples)  # library-serialized terms, never raw text
            _, report, _ = self._turbo.validate(
                Input(text, "nt", None, {}), allow_warnings=True, allow_infos=True
            )
        else:
            import pyshacl

            _, report, _ = pyshacl.validate(
                data_graph(triples),
                shacl_graph=self.graph,
                inference="none",
                advanced=True,
                allow_warnings=True,
                allow_infos=True,
            )
        return list(self._results(report))

    def run_many(self, graphs: Sequence[Sequence[Triple]]) -> list[list[RawResult]]:
        """Validate several agreement graphs in one engine call (their nodes renamed apart)."""
        if len(graphs) == 1:
            return [self.run(graphs[0])]
        merged: list[Triple] = []
        for index, triples in enumerate(graphs):
            merged.extend(_rename(triples, index))
        grouped: list[list[RawResult]] = [[] for _ in graphs]
        for result in self.run(merged):
            index, focus = _restore(result.focus)
            grouped[index].append(
                RawResult(
                    rule=result.rule,
                    severity=result.severity,
                    focus=focus,
                    path=result.path,
                    value=_restore(result.value)[1] if result.value is not None else None,
                    message=_BATCH_PREFIX.sub("", result.message),
                    shape=result.shape,
                )
            )
        return grouped

    def _results(self, report: rdflib.Graph) -> Iterable[RawResult]:
        for result in report.subjects(RDF.type, SH.ValidationResult):
            shape = report.value(result, SH.sourceShape)
            focus = _to_ox(report.value(result, SH.focusNode))
            assert focus is not None
            severity = report.value(result, SH.resultSeverity)
            yield RawResult(
                rule=self.rules.get(shape, "UNKNOWN") if shape is not None else "UNKNOWN",
                severity=SEVERITIES.get(severity, "violation")
                if isinstance(severity, rdflib.URIRef)
                else "violation",
                focus=focus,
                path=_to_ox(report.value(result, SH.resultPath)),
                value=_to_ox(report.value(result, SH.value)),
                message=str(report.value(result, SH.resultMessage) or "does not conform"),
                shape=str(shape),
            )


_BATCH = "urn:x-exportgraph-batch:"
_BATCH_PREFIX = re.compile(re.escape(_BATCH) + r"\d+:")
_BATCH_BLANK = re.compile(r"^g(\d+)x(.*)$")


def _rename(triples: Sequence[Triple], index: int) -> Iterable[Triple]:
    """The agreement's own nodes (subjects outside egid:) and blank nodes, made unique to `index`."""
    own = {
        t.subject.value
        for t in triples
        if isinstance(t.subject, NamedNode) and not t.subject.value.startswith(ns.EGID)
    }

    def term(node: Any) -> Any:
        if isinstance(node, NamedNode) and node.value in own:
            return NamedNode(f"{_BATCH}{index}:{node.value}")
        if isinstance(node, BlankNode):
            return BlankNode(f"g{index}x{node.value}")
        return node

    for t in triples:
        yield Triple(term(t.subject), t.predicate, term(t.object))


def _restore(node: Term | None) -> tuple[int, Any]:
    if isinstance(node, NamedNode) and node.value.startswith(_BATCH):
        index, original = node.value[len(_BATCH) :].split(":", 1)
        return int(index), NamedNode(original)
    if isinstance(node, BlankNode):
        match = _BATCH_BLANK.match(node.value)
        if match:
            return int(match.group(1)), BlankNode(match.group(2))
    return 0, node


class Pool:
    """Up to `size` compiled programs; each validation borrows one exclusively."""

    def __init__(self, shapes: str, engine: EngineName, size: int = 4) -> None:
        self.shapes = shapes
        self.engine = engine
        self.size = size
        self._idle: queue.LifoQueue[Program] = queue.LifoQueue()
        self._created = 0
        self._lock = threading.Lock()

    def _borrow(self) -> Program:
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._created < self.size:
                self._created += 1
                return Program(self.shapes, self.engine)
        return self._idle.get()

    def run(self, triples: Iterable[Triple]) -> list[RawResult]:
        return self.run_many([list(triples)])[0]

    def run_many(self, graphs: Sequence[Sequence[Triple]]) -> list[list[RawResult]]:
        program = self._borrow()
        try:
            return program.run_many(graphs)
        finally:
            self._idle.put(program)


_pools: dict[tuple[str, EngineName], Pool] = {}
_pools_lock = threading.Lock()


def default_engine() -> EngineName:
    """EXPORTGRAPH_SHACL_ENGINE (turbo or pyshacl), turbo by default."""
    name = os.environ.get("EXPORTGRAPH_SHACL_ENGINE", "turbo")
    return "pyshacl" if name == "pyshacl" else "turbo"


def pool(shapes: str, engine: EngineName | None = None) -> Pool:
    """The process-wide pool of an engine for shapes/{shapes}.ttl."""
    key = (shapes, engine or default_engine())
    with _pools_lock:
        if key not in _pools:
            _pools[key] = Pool(*key)
        return _pools[key]
