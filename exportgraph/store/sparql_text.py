"""SPARQL text from RDF terms: the only sanctioned way to put values into a query (terms
serialized by pyoxigraph, variables checked), update blocks, and the data-version bookkeeping."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
)

from exportgraph.store.terms import DATA_VERSION, META_GRAPH, STORE_ID, GraphName, Term

# --------------------------------------------------------------------------- SPARQL text helpers

_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def sparql_term(term: Term) -> str:
    """SPARQL/N-Triples text for a pyoxigraph term (pyoxigraph escapes literals and checks IRIs)."""
    if isinstance(term, Triple):
        inner = " ".join(sparql_term(t) for t in (term.subject, term.predicate, term.object))
        return f"<<( {inner} )>>"
    if isinstance(term, NamedNode | BlankNode | Literal):
        return str(term)
    raise TypeError(f"not an RDF term: {type(term).__name__}")


def _values_term(term: Term | None) -> str:
    if term is None:
        return "UNDEF"
    if isinstance(term, NamedNode | Literal):
        return str(term)
    if isinstance(term, BlankNode | Triple):
        raise ValueError("blank nodes and triple terms cannot appear in a VALUES block")
    raise TypeError(
        f"VALUES accepts only pyoxigraph NamedNode or Literal, got {type(term).__name__}; "
        "wrap user text in pyoxigraph.Literal(...) or NamedNode(...)"
    )


def _variables(names: Iterable[str]) -> list[str]:
    checked = []
    for name in names:
        bare = name[1:] if name[:1] in "?$" else name
        if not _VARNAME.match(bare):
            raise ValueError(f"invalid SPARQL variable name {name!r}")
        checked.append(bare)
    return checked


def sparql_values(bindings: Mapping[str, Term]) -> str:
    """A one-row ``VALUES (?a ?b) { (<iri> "text") }`` block from pyoxigraph terms.

    This (or :func:`sparql_values_rows`) is the only sanctioned way to put user values into
    query text: terms are serialized by pyoxigraph (literals escaped, IRIs validated on
    construction), variable names are checked, and anything that is not a pyoxigraph
    ``NamedNode``/``Literal`` is refused (``TypeError`` for plain strings, ``ValueError`` for
    blank nodes, which SPARQL does not allow in VALUES).
    """
    names = list(bindings)
    return sparql_values_rows(names, [[bindings[name] for name in names]])


def sparql_values_rows(variables: Sequence[str], rows: Iterable[Sequence[Term | None]]) -> str:
    """A multi-row VALUES block; ``None`` in a row becomes ``UNDEF``."""
    names = _variables(variables)
    if not names:
        raise ValueError("a VALUES block needs at least one variable")
    lines = []
    for row in rows:
        if len(row) != len(names):
            raise ValueError(f"VALUES row has {len(row)} terms for {len(names)} variables")
        lines.append("  (" + " ".join(_values_term(term) for term in row) + ")")
    head = " ".join("?" + name for name in names)
    return f"VALUES ({head}) {{\n" + "\n".join(lines) + ("\n}" if lines else "}")


def graph_node(value: str) -> NamedNode:
    """A graph name given as a string, validated by pyoxigraph."""
    try:
        return NamedNode(value)
    except ValueError as error:
        raise ValueError(f"invalid graph IRI {value!r}: {error}") from None


def iri_text(value: str) -> str:
    """``<iri>`` text for an IRI given as a string."""
    return str(graph_node(value))


def graph_text(graph: GraphName) -> str:
    return "DEFAULT" if isinstance(graph, DefaultGraph) else f"GRAPH {sparql_term(graph)}"


def ntriples_text(triples: Sequence[Triple]) -> str:
    """N-Triples text (valid inside SPARQL ``INSERT DATA``), serialized by pyoxigraph in Rust."""
    data = pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES)
    assert data is not None
    return data.decode("utf-8")


def quad_block(quads: Iterable[Quad], *, default_graph: GraphName | None = None) -> str:
    """The body of ``INSERT DATA { … }`` / ``DELETE DATA { … }`` for quads, grouped by graph.

    Quads in the default graph go to ``default_graph`` when one is given.
    """
    default_key = (
        ""
        if default_graph is None or isinstance(default_graph, DefaultGraph)
        else sparql_term(default_graph)
    )
    groups: dict[str, list[Triple]] = {}
    for quad in quads:
        graph = quad.graph_name
        key = default_key if isinstance(graph, DefaultGraph) else sparql_term(graph)
        groups.setdefault(key, []).append(quad.triple)
    parts = []
    for key, triples in groups.items():
        body = ntriples_text(triples)
        parts.append(body if key == "" else f"GRAPH {key} {{\n{body}}}")
    return "\n".join(parts)


META_PATTERN = (
    f"GRAPH {iri_text(META_GRAPH)} {{ {iri_text(STORE_ID)} {iri_text(DATA_VERSION)} ?v }}"
)


def set_version(version: str) -> str:
    value = str(Literal(version))
    return f"DELETE WHERE {{ {META_PATTERN} }} ;\nINSERT DATA {{ {META_PATTERN.replace('?v', value)} }}"


def write_digest(operation: str, payload: bytes) -> str:
    """The digest of one write that moves the data version (see chain_version)."""
    return hashlib.sha256(operation.encode("utf-8") + b"\n" + payload).hexdigest()


def next_version(before: str, digest: str) -> str:
    """The data version a write of `digest` moves `before` to: what chain_version's update
    computes in the store."""
    return hashlib.sha256(f"{before}\n{digest}".encode()).hexdigest()


def chain_version(operation: str, payload: bytes, guard: str = "") -> str:
    """Update text that moves the version to sha256(old_version + "\\n" + digest), server-side.

    Computing it inside the update keeps concurrent writers from different processes from
    losing each other's version bump. With a ``guard`` (a group graph pattern) the version
    moves only when the guard matches once the update's earlier operations have run.
    """
    digest = write_digest(operation, payload)
    meta_old = META_PATTERN.replace("?v", "?old")
    meta_new = META_PATTERN.replace("?v", "?new")
    condition = f"FILTER EXISTS {{ {guard} }} " if guard else ""
    return (
        f"DELETE {{ {meta_old} }}\nINSERT {{ {meta_new} }}\n"
        f"WHERE {{ OPTIONAL {{ {meta_old} }} {condition}"
        f'BIND(SHA256(CONCAT(COALESCE(STR(?old), ""), "\\n", {Literal(digest)})) AS ?new) }}'
    )
