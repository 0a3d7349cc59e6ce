"""Which statements a SPARQL query can read, from its text: the predicates and classes it names,
whether it reads any predicate (a variable predicate not limited by VALUES) or any class, the
classes whose instances it reads every predicate of (`?node a ?class ; ?property ?value` with the
class named or limited by VALUES), and the named graphs it reads. Conservative:
`reads(text).touches(quad)` is False only for a statement that cannot change the query's answer.
Used to rebuild only the parts of the knowledge index a change can affect
(exportgraph.knowledge.incremental)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field
from functools import cache

from pyoxigraph import DefaultGraph, NamedNode, Quad
from rdflib.paths import NegatedPath, Path
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery
from rdflib.plugins.sparql.parserutils import CompValue
from rdflib.term import URIRef, Variable

from exportgraph import namespaces as ns

RDF_TYPE = ns.RDF + "type"
_KEEPS_BINDINGS = {"Join", "BGP", "Project", "Distinct", "Extend", "SelectQuery"}
_PASSES_SOLUTIONS = {"Filter", "Project", "Distinct", "Reduced", "Extend", "OrderBy", "Slice"}

InstanceOf = Callable[[object, Set[str]], bool]
"""Whether a subject (a quad's) is an instance of one of the classes, in the data read."""


def _perhaps(subject: object, classes: Set[str]) -> bool:
    return True


@dataclass
class Reads:
    """What one query can read."""

    names: set[str] = field(default_factory=set)
    """Every IRI the query names (a superset of its predicates and classes)."""
    any_predicate: bool = False
    any_class: bool = False
    graphs: set[str] = field(default_factory=set)
    any_graph: bool = False
    typed: set[str] = field(default_factory=set)
    """Classes whose instances the query reads every predicate of (their classes are in `names`:
    adding or removing such a type statement touches the query)."""

    def touches(self, quad: Quad, instance_of: InstanceOf = _perhaps) -> bool:
        """Whether adding or removing `quad` may change the query's answer; `instance_of` tells
        whether its subject is an instance of some of `typed` in the data after the change (a
        subject that was one before but is not now lost a type statement, which touches)."""
        graph = quad.graph_name
        if not isinstance(graph, DefaultGraph) and not (
            self.any_graph or (isinstance(graph, NamedNode) and graph.value in self.graphs)
        ):
            return False
        if self.any_predicate:
            return True
        if self.typed and instance_of(quad.subject, self.typed):
            return True
        predicate = quad.predicate.value
        if predicate == RDF_TYPE:
            target = quad.object
            return self.any_class or (isinstance(target, NamedNode) and target.value in self.names)
        return predicate in self.names


_parsing = threading.Lock()  # the SPARQL parser is one shared object


@cache
def reads(text: str) -> Reads:
    """What the query `text` can read (parsed once per text)."""
    found = Reads()
    with _parsing:
        algebra = translateQuery(parseQuery(text)).algebra
    _walk(algebra, {}, found)
    return found


def _values(node: CompValue) -> dict[str, set[str]] | None:
    """The constants a VALUES block binds each variable to (None for UNDEF or a literal)."""
    if node.name != "ToMultiSet" or not isinstance(node.p, CompValue) or node.p.name != "values":
        return None
    bound: dict[str, set[str]] = {}
    for row in node.p.res:
        for variable, value in row.items():
            if not isinstance(value, URIRef):
                return None
            bound.setdefault(str(variable), set()).add(str(value))
    return bound


def _certain(node: object) -> dict[str, set[str]]:
    """The constants VALUES binds variables to in every solution of a pattern (the VALUES joined
    in, or in the required part of an OPTIONAL, through projections, filters and binds)."""
    if not isinstance(node, CompValue):
        return {}
    values = _values(node)
    if values is not None:
        return values
    if node.name == "Join":
        return {**_certain(node.p1), **_certain(node.p2)}
    if node.name == "LeftJoin":
        return _certain(node.p1)
    if node.name in _PASSES_SOLUTIONS:
        return _certain(node.p)
    return {}


def _walk(
    node: object, bound: Mapping[str, set[str]], found: Reads, *, substituted: bool = False
) -> None:
    """Note what `node` reads, given the constants VALUES limits variables to (`bound`). Within
    a FILTER's expression (`substituted`), EXISTS patterns are evaluated with each solution's
    bindings in place of its variables, so `bound` holds throughout them."""
    if isinstance(node, CompValue):
        if node.name == "Filter" and not substituted and "p" in node:
            _walk(node.p, {}, found)
            _walk(node.expr, {**_certain(node.p)}, found, substituted=True)
            return
        if node.name == "Join" and not substituted:
            for one, other in ((node.p1, node.p2), (node.p2, node.p1)):
                values = _values(one) if isinstance(one, CompValue) else None
                if values is not None:
                    _walk(one, bound, found)
                    _walk(other, {**bound, **values}, found)
                    return
        if node.name in ("Graph", "GraphGraphPattern"):
            term = node.term
            if isinstance(term, URIRef):
                found.graphs.add(str(term))
            else:
                found.any_graph = True
        if node.name in ("BGP", "TriplesBlock"):
            typed = _typed(node.triples, bound)
            for pattern in node.triples:
                _pattern(list(pattern), bound, typed, found)
        # VALUES limits the patterns it is joined with, not those under OPTIONAL, UNION, MINUS …
        # (a subquery inside EXISTS projects its own variables: assume nothing of them)
        keeps = node.name != "SubSelect" if substituted else node.name in _KEEPS_BINDINGS
        inner = bound if keeps else {}
        for value in node.values():
            _walk(value, inner, found, substituted=substituted)
    elif isinstance(node, list | tuple):
        for value in node:
            _walk(value, bound, found, substituted=substituted)
    elif isinstance(node, URIRef):
        found.names.add(str(node))
    elif isinstance(node, Path):
        _path(node, found)


def _typed(triples: Iterable[object], bound: Mapping[str, set[str]]) -> dict[str, set[str]]:
    """The classes the block's `?subject a <class>` patterns limit subject variables to (the
    class named, or a variable VALUES limits to named classes)."""
    typed: dict[str, set[str]] = {}
    for pattern in triples:
        terms = list(pattern) if isinstance(pattern, list | tuple) else []
        if len(terms) != 3 or not isinstance(terms[0], Variable) or str(terms[1]) != RDF_TYPE:
            continue
        target = terms[2]
        if isinstance(target, URIRef):
            classes = {str(target)}
        elif isinstance(target, Variable) and str(target) in bound:
            classes = bound[str(target)]
        else:
            continue
        typed.setdefault(str(terms[0]), set()).update(classes)
    return typed


def _pattern(
    terms: list[object],
    bound: Mapping[str, set[str]],
    typed: Mapping[str, set[str]],
    found: Reads,
) -> None:
    if len(terms) % 3:  # not plain triples: assume the worst
        found.any_predicate = True
        return
    for index in range(0, len(terms), 3):
        subject, predicate, target = terms[index : index + 3]
        if isinstance(predicate, Variable):
            constants = bound.get(str(predicate))
            classes = typed.get(str(subject)) if isinstance(subject, Variable) else None
            if constants is None and classes is not None:
                found.typed.update(classes)  # any predicate, of instances of these classes only
                found.names.update(classes)
            elif constants is None:
                found.any_predicate = True
            else:
                found.names.update(constants)
                if RDF_TYPE in constants:
                    found.any_class = found.any_class or not _named(target, bound, found)
        elif isinstance(predicate, Path):
            _path(predicate, found)
        elif str(predicate) == RDF_TYPE and not _named(target, bound, found):
            found.any_class = True
        for term in terms[index : index + 3]:
            if isinstance(term, URIRef):
                found.names.add(str(term))


def _named(target: object, bound: Mapping[str, set[str]], found: Reads) -> bool:
    """Whether a class position holds a named class (or a variable VALUES limits to some)."""
    if isinstance(target, URIRef):
        return True
    if isinstance(target, Variable) and str(target) in bound:
        found.names.update(bound[str(target)])
        return True
    return False


def _path(path: Path, found: Reads) -> None:
    if isinstance(path, NegatedPath):
        found.any_predicate = True
    for part in _parts(path):
        if isinstance(part, Path):
            _path(part, found)
        elif isinstance(part, URIRef):
            found.names.add(str(part))
            if str(part) == RDF_TYPE:
                found.any_class = True


def _parts(path: Path) -> Iterable[object]:
    for name in ("args", "path"):
        value = getattr(path, name, None)
        if isinstance(value, list | tuple):
            yield from value
        elif value is not None:
            yield value
