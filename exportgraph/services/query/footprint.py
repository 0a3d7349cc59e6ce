"""Which statements a SPARQL query can read, to keep its result across writes that change none
of them: a result kept for one state of the store still answers at a later state when no
statement deleted or inserted in between matches a triple pattern of the query (a label approval
does not change a list of entries). Only IRIs are compared; literals, blank nodes and variables
match anything, a property path matches any statement whose predicate is one of its IRIs (a
negated path matches every statement), patterns inside GRAPH match every named graph, and a
query naming its own dataset (FROM) matches every graph. A query read otherwise (DESCRIBE, a
text the parser does not take, a long text) has no footprint: every write renews it."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from pyoxigraph import DefaultGraph, NamedNode, Quad
from rdflib import BNode, URIRef, Variable
from rdflib.paths import (
    AlternativePath,
    InvPath,
    MulPath,
    Path,
    SequencePath,
    ZeroOrMore,
    ZeroOrOne,
)
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue

MAX_TEXT = 4096
"""Characters of a query text read for its footprint (reading is pure Python: ~20 ms for a
short query, done once per text)."""

_GRAPH_NODES = frozenset({"Graph", "GraphGraphPattern"})


@dataclass(frozen=True)
class Pattern:
    """What one triple pattern can match: an IRI or None (anything) per position, and where."""

    subject: str | None
    predicate: str | None
    object: str | None
    graphs: str
    """"default" (the default graph), "named" (inside GRAPH) or "any" (the query's own FROM)."""

    def matches(self, quad: Quad) -> bool:
        in_default = isinstance(quad.graph_name, DefaultGraph)
        if self.graphs == "default" and not in_default:
            return False
        if self.graphs == "named" and in_default:
            return False
        return all(
            wanted is None or (isinstance(term, NamedNode) and term.value == wanted)
            for wanted, term in (
                (self.subject, quad.subject),
                (self.predicate, quad.predicate),
                (self.object, quad.object),
            )
        )


Footprint = tuple[Pattern, ...]

REMEMBERED = 256
_KNOWN: OrderedDict[str, Footprint | None] = OrderedDict()
# one reading at a time: after a write, every reader of a popular query asked for its footprint
# at once, and each read the text again (pure Python, under the interpreter lock)
_READING = threading.Lock()


def footprint(text: str) -> Footprint | None:
    """The patterns of a query (remembered per text, unbounded ones too), or None when it
    cannot be bounded."""
    if len(text) > MAX_TEXT:
        return None
    with _READING:
        if text in _KNOWN:
            _KNOWN.move_to_end(text)
            return _KNOWN[text]
        found = _KNOWN[text] = _read(text)
        while len(_KNOWN) > REMEMBERED:
            _KNOWN.popitem(last=False)
        return found


def touched(found: Footprint, quads: Iterable[Quad]) -> bool:
    """True when one of `quads` can change the result of a query with this footprint."""
    return any(pattern.matches(q) for q in quads for pattern in found)


def _read(text: str) -> Footprint | None:
    try:
        algebra = translateQuery(parseQuery(text)).algebra
    except Exception:  # any text rdflib does not take: no footprint, never an error here
        return None
    if algebra.name == "DescribeQuery":
        return None
    graphs = "any" if algebra.get("datasetClause") else "default"
    try:
        return tuple(dict.fromkeys(_patterns(algebra, graphs)))
    except _Unbounded:
        return None


class _Unbounded(Exception):
    pass


def _patterns(node: Any, graphs: str) -> Iterator[Pattern]:
    if isinstance(node, CompValue):
        inner = graphs
        if node.name in _GRAPH_NODES and graphs == "default":
            inner = "named"
        triples = node.get("triples")
        if isinstance(triples, list):
            for triple in triples:
                yield from _of_triple(triple, inner)
        for key, value in node.items():
            if key != "triples" and not key.startswith("_"):
                yield from _patterns(value, inner)
    elif isinstance(node, (list, tuple)):
        for value in node:
            yield from _patterns(value, graphs)


def _of_triple(triple: Any, graphs: str) -> Iterator[Pattern]:
    if not isinstance(triple, (list, tuple)) or len(triple) != 3:
        raise _Unbounded  # a block whose triples are not read here
    subject, predicate, obj = triple
    if isinstance(predicate, Path):
        iris = list(_path_iris(predicate))
        if any(iri is None for iri in iris):
            yield Pattern(None, None, None, graphs)
            return
        for iri in iris:
            yield Pattern(None, iri, None, graphs)
        return
    if not isinstance(predicate, (URIRef, Variable, BNode)):  # a path left as parsed
        yield Pattern(None, None, None, graphs)
        return
    yield Pattern(_iri(subject), _iri(predicate), _iri(obj), graphs)


def _path_iris(path: Any) -> Iterator[str | None]:
    """The IRIs of a property path; None for a part that can match any statement: a negated
    path, or a path that may have length zero (`*`, `?`: it binds every node of the graph)."""
    if isinstance(path, URIRef):
        yield str(path)
    elif isinstance(path, MulPath) and path.mod in (ZeroOrMore, ZeroOrOne):
        yield None
    elif isinstance(path, (AlternativePath, SequencePath)):
        for part in path.args:
            yield from _path_iris(part)
    elif isinstance(path, MulPath):
        yield from _path_iris(path.path)
    elif isinstance(path, InvPath):
        yield from _path_iris(path.arg)
    else:  # a negated path, or one not read here
        yield None


def _iri(term: Any) -> str | None:
    return str(term) if isinstance(term, URIRef) else None
