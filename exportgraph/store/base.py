"""The store interface: one small abstract class, shared by the embedded and the remote backend.

Every write is expressed as ONE SPARQL 1.1 Update request that also records the new data
version in the store itself (graph :data:`META_GRAPH`), so a write and its version are atomic
and every process sharing a store sees the same version. Backends only have to run a query and
run an update atomically; everything else (parsing, all-or-nothing loads, version bookkeeping,
export) lives here and behaves the same on every backend.

Terms are pyoxigraph terms on every backend (remote SPARQL JSON results are parsed into them).
User values must enter query text only through :func:`sparql_values`.
"""

from __future__ import annotations

import abc
import hashlib
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Self, TypeAlias

import pyoxigraph
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
)

__all__ = [
    "DATA_VERSION",
    "META_GRAPH",
    "STORE_ID",
    "GraphName",
    "LoadError",
    "QueryError",
    "QueryResult",
    "RdfSource",
    "Solutions",
    "Store",
    "StoreError",
    "StoreUnavailableError",
    "Term",
    "Triples",
    "compute_data_version",
    "rdf_format",
    "solutions_from",
    "sparql_term",
    "sparql_values",
    "sparql_values_rows",
]

META_GRAPH = "https://w3id.org/exportgraph/id/graph/meta"
"""Named graph holding store bookkeeping (the data version); never loaded from sources."""
STORE_ID = "https://w3id.org/exportgraph/id/store"
"""Subject of the store bookkeeping triples."""
DATA_VERSION = "https://w3id.org/exportgraph/ontology#dataVersion"
"""Predicate linking :data:`STORE_ID` to the current data version (a hex SHA-256 string)."""

Term: TypeAlias = NamedNode | BlankNode | Literal | Triple
"""An RDF term as the store returns it (pyoxigraph types on every backend)."""
GraphName: TypeAlias = NamedNode | BlankNode | DefaultGraph


class Solutions(list[dict[str, Term]]):
    """SELECT results: one dict per row, variable name (no ``?``) -> term; unbound ones absent."""

    def __init__(self, rows: Iterable[dict[str, Term]] = (), variables: Sequence[str] = ()) -> None:
        super().__init__(rows)
        self.variables: tuple[str, ...] = tuple(variables)
        """The projected variables, in query order (for tables and CSV)."""


class Triples(list[Triple]):
    """CONSTRUCT / DESCRIBE results."""


QueryResult: TypeAlias = Solutions | bool | Triples
"""SELECT -> :class:`Solutions`, ASK -> ``bool``, CONSTRUCT/DESCRIBE -> :class:`Triples`."""


class StoreError(Exception):
    """Any failure of the store layer (the message is meant for operators, never leaks secrets)."""


class LoadError(StoreError):
    """A source could not be parsed; nothing was written.

    ``line`` and ``column`` are 1-based, or ``None`` when the parser gives no position
    (RDF/XML and JSON-LD errors, for example).
    """

    def __init__(
        self, source_name: str, line: int | None, column: int | None, message: str
    ) -> None:
        self.source_name = source_name
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source_name
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class QueryError(StoreError):
    """The store rejected a query or update (syntax error, evaluation error)."""


class StoreUnavailableError(StoreError):
    """The store could not be reached or did not answer in time (remote backends)."""


_PARSER_POSITION = re.compile(r"^Parser error (?:at|between) line [^:]*: ", re.DOTALL)

_ALIASES = {
    "turtle": "ttl",
    "ttl": "ttl",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "nq": "nq",
    "nquads": "nq",
    "n-quads": "nq",
    "trig": "trig",
    "xml": "rdf",
    "rdf": "rdf",
    "rdfxml": "rdf",
    "rdf/xml": "rdf",
    "rdf-xml": "rdf",
    "json-ld": "jsonld",
    "jsonld": "jsonld",
    "n3": "n3",
}


def rdf_format(name: str) -> RdfFormat:
    """The pyoxigraph format for a media type (``text/turtle``), an extension or a short name.

    Raises ``ValueError`` for anything pyoxigraph cannot parse or serialize.
    """
    cleaned = name.strip().lower()
    found = RdfFormat.from_media_type(cleaned) if "/" in cleaned else None
    if found is None:
        alias = _ALIASES.get(cleaned)
        found = RdfFormat.from_extension(alias) if alias else None
    if found is None:
        raise ValueError(f"unsupported RDF format {name!r}")
    return found


@dataclass(frozen=True)
class RdfSource:
    """One RDF document to load: a name (repository-relative path), its bytes, its media type.

    The name takes part in the data version, so pass a stable, relative name
    (``ontology/core.ttl``), not an absolute path that differs between checkouts.
    """

    name: str
    data: bytes
    format: str

    @property
    def path_or_name(self) -> str:
        """Alias of :attr:`name`."""
        return self.name

    @classmethod
    def from_path(
        cls, path: str | Path, *, name: str | None = None, format: str | None = None
    ) -> Self:
        """Read a file; the format defaults to the one its extension implies."""
        file = Path(path)
        media_type = format or rdf_format(file.suffix.lstrip(".") or "?").media_type
        return cls(name if name is not None else str(path), file.read_bytes(), media_type)


def compute_data_version(sources: Iterable[RdfSource]) -> str:
    """Hex SHA-256 over the sources' names and bytes, sorted by name (then bytes).

    Each source contributes ``len(name) || name || len(data) || data`` (lengths as 8-byte
    big-endian integers, name UTF-8), so no two different inputs share a framing. The media type is
    not part of the version.
    """
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: (s.name, s.data)):
        name = source.name.encode("utf-8")
        digest.update(len(name).to_bytes(8, "big"))
        digest.update(name)
        digest.update(len(source.data).to_bytes(8, "big"))
        digest.update(source.data)
    return digest.hexdigest()


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


def _graph_node(value: str) -> NamedNode:
    """A graph name given as a string, validated by pyoxigraph."""
    try:
        return NamedNode(value)
    except ValueError as error:
        raise ValueError(f"invalid graph IRI {value!r}: {error}") from None


def _iri(value: str) -> str:
    """``<iri>`` text for an IRI given as a string."""
    return str(_graph_node(value))


def _graph_text(graph: GraphName) -> str:
    return "DEFAULT" if isinstance(graph, DefaultGraph) else f"GRAPH {sparql_term(graph)}"


def _ntriples(triples: Sequence[Triple]) -> str:
    """N-Triples text (valid inside SPARQL ``INSERT DATA``), serialized by pyoxigraph in Rust."""
    data = pyoxigraph.serialize(triples, format=RdfFormat.N_TRIPLES)
    assert data is not None
    return data.decode("utf-8")


def _quad_block(quads: Iterable[Quad], *, default_graph: GraphName | None = None) -> str:
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
        body = _ntriples(triples)
        parts.append(body if key == "" else f"GRAPH {key} {{\n{body}}}")
    return "\n".join(parts)


_META = f"GRAPH {_iri(META_GRAPH)} {{ {_iri(STORE_ID)} {_iri(DATA_VERSION)} ?v }}"


def _set_version(version: str) -> str:
    value = str(Literal(version))
    return f"DELETE WHERE {{ {_META} }} ;\nINSERT DATA {{ {_META.replace('?v', value)} }}"


def _chain_version(operation: str, payload: bytes) -> str:
    """Update text that moves the version to sha256(old_version + "\\n" + digest), server-side.

    Computing it inside the update keeps concurrent writers from different processes from
    losing each other's version bump.
    """
    digest = hashlib.sha256(operation.encode("utf-8") + b"\n" + payload).hexdigest()
    meta_old = _META.replace("?v", "?old")
    meta_new = _META.replace("?v", "?new")
    return (
        f"DELETE {{ {meta_old} }}\nINSERT {{ {meta_new} }}\n"
        f"WHERE {{ OPTIONAL {{ {meta_old} }} "
        f'BIND(SHA256(CONCAT(COALESCE(STR(?old), ""), "\\n", {Literal(digest)})) AS ?new) }}'
    )


def _parse(source: RdfSource, *, allow_named_graphs: bool) -> list[Quad]:
    """Parse one source completely (pyoxigraph parses lazily); errors become LoadError."""
    try:
        fmt = rdf_format(source.format)
    except ValueError as error:
        raise LoadError(source.name, None, None, str(error)) from None
    try:
        return list(
            pyoxigraph.parse(
                source.data,
                fmt,
                rename_blank_nodes=True,
                without_named_graphs=not allow_named_graphs,
            )
        )
    except SyntaxError as error:
        message = _PARSER_POSITION.sub("", error.msg or str(error))
        raise LoadError(source.name, error.lineno, error.offset, message) from None
    except (ValueError, OSError) as error:
        raise LoadError(source.name, None, None, str(error)) from None


def _is_meta(graph: GraphName) -> bool:
    return isinstance(graph, NamedNode) and graph.value == META_GRAPH


# --------------------------------------------------------------------------- the interface


class Store(abc.ABC):
    """An RDF dataset with SPARQL, all-or-nothing loads and a shared data version.

    Subclasses implement :meth:`_query`, :meth:`_update` (one atomic SPARQL Update request) and
    :meth:`close`. Methods are blocking; call them from a thread pool inside async code.
    """

    # ------------------------------------------------------------------ backend primitives

    @abc.abstractmethod
    def _query(self, sparql: str) -> QueryResult:
        """Run a SELECT/ASK/CONSTRUCT/DESCRIBE query; raise QueryError/StoreError."""

    @abc.abstractmethod
    def _update(self, sparql_update: str) -> None:
        """Run one SPARQL Update request atomically (all operations or none)."""

    @abc.abstractmethod
    def close(self) -> None:
        """Release the store (idempotent). Further calls raise StoreError."""

    # ------------------------------------------------------------------ loading

    def replace_all(
        self,
        sources: Sequence[RdfSource],
        *,
        graph: str | None = None,
        exclude: Collection[Triple] = (),
    ) -> str:
        """Replace the default graph (or the named graph ``graph``) with the sources, atomically.

        Every source is parsed before anything is written; the first syntax error raises
        :class:`LoadError` naming the source, line and column, and the store keeps its previous
        data and version. Statements the sources put in a named graph (N-Quads, TriG) go to that
        graph, which is replaced as well; other named graphs are untouched.

        Returns the new data version. For the default graph that is exactly
        :func:`compute_data_version` of the sources (so identical input gives an identical
        version on every backend); loading into a named graph instead derives the version from
        the previous one and the sources, like every other write.

        ``exclude`` names statements of the sources to leave out of the target graph (approved
        change sets that removed them); they take part in the version as one more source.
        """
        target: GraphName = DefaultGraph() if graph is None else _graph_node(graph)
        if _is_meta(target):
            raise ValueError(f"{META_GRAPH} is reserved for store bookkeeping")
        quads: list[Quad] = []
        replaced: dict[str, GraphName] = {str(target): target}
        for source in sources:
            parsed = _parse(source, allow_named_graphs=True)
            for quad in parsed:
                named = quad.graph_name
                if not isinstance(named, DefaultGraph):
                    if _is_meta(named):
                        raise LoadError(source.name, None, None, f"{META_GRAPH} is reserved")
                    replaced.setdefault(str(named), named)
            quads.extend(parsed)
        if exclude:
            left_out = set(exclude)
            quads = [
                q
                for q in quads
                if not (isinstance(q.graph_name, DefaultGraph) and q.triple in left_out)
            ]
            excluded = _ntriples(sorted(left_out, key=str)).encode()
            sources = [
                *sources,
                RdfSource("(statements left out)", excluded, "application/n-triples"),
            ]
        version = compute_data_version(sources)
        clear = " ;\n".join(
            "CLEAR SILENT DEFAULT"
            if isinstance(g, DefaultGraph)
            else f"DROP SILENT {_graph_text(g)}"
            for g in replaced.values()
        )
        bookkeeping = (
            _set_version(version)
            if graph is None
            else _chain_version(f"replace {graph}", version.encode())
        )
        self._update(
            f"{clear} ;\nINSERT DATA {{\n{_quad_block(quads, default_graph=target)}\n}} ;\n"
            + bookkeeping
        )
        if graph is None:
            return version
        current = self.data_version()
        assert current is not None
        return current

    def add_graph(self, name: str, data: bytes, format: str) -> str:
        """Create or replace the named graph ``name`` with a parsed document (triples only).

        All-or-nothing like :meth:`replace_all`; returns the new data version.
        """
        graph = _graph_node(name)
        if _is_meta(graph):
            raise ValueError(f"{META_GRAPH} is reserved for store bookkeeping")
        quads = _parse(RdfSource(name, data, format), allow_named_graphs=False)
        block = _quad_block(quads, default_graph=graph)
        payload = name.encode() + b"\n" + data
        self._update(
            f"DROP SILENT GRAPH {_iri(name)} ;\nINSERT DATA {{\n{block}\n}} ;\n"
            + _chain_version("add_graph", payload)
        )
        return self._current_version()

    def drop_graph(self, name: str) -> str:
        """Remove the named graph ``name`` (no error if absent); returns the new data version."""
        if name == META_GRAPH:
            raise ValueError(f"{META_GRAPH} is reserved for store bookkeeping")
        self._update(
            f"DROP SILENT GRAPH {_iri(name)} ;\n" + _chain_version("drop_graph", name.encode())
        )
        return self._current_version()

    def apply(self, delete: Iterable[Quad] = (), insert: Iterable[Quad] = ()) -> str:
        """Delete then insert quads in one transaction; returns the new data version.

        Deleted quads must not contain blank nodes (SPARQL cannot name an existing blank node);
        use IRIs for anything a change set may later remove. The bookkeeping graph is off limits.
        """
        deletions = list(delete)
        insertions = list(insert)
        for quad in deletions:
            if any(isinstance(t, BlankNode) for t in (quad.subject, quad.object, quad.graph_name)):
                raise ValueError(f"cannot delete a quad with a blank node: {quad}")
        for quad in (*deletions, *insertions):
            if _is_meta(quad.graph_name):
                raise ValueError(f"{META_GRAPH} is reserved for store bookkeeping")
        payload = "\n".join(
            [
                *(f"- {q}" for q in sorted(map(str, deletions))),
                *(f"+ {q}" for q in sorted(map(str, insertions))),
            ]
        ).encode()
        self._update(
            f"DELETE DATA {{\n{_quad_block(deletions)}\n}} ;\n"
            f"INSERT DATA {{\n{_quad_block(insertions)}\n}} ;\n" + _chain_version("apply", payload)
        )
        return self._current_version()

    def update(self, sparql_update: str) -> str:
        """Run a SPARQL Update written by this code base (never user text), atomically.

        The data version moves on in the same request. Returns the new data version.
        """
        text = sparql_update.rstrip()
        while text.endswith(";"):
            text = text[:-1].rstrip()
        self._update(f"{text}\n;\n" + _chain_version("update", sparql_update.encode()))
        return self._current_version()

    # ------------------------------------------------------------------ reading

    def query(self, sparql: str) -> QueryResult:
        """Run a query: SELECT -> :class:`Solutions` (list of dicts), ASK -> bool,
        CONSTRUCT/DESCRIBE -> :class:`Triples` (list of pyoxigraph Triples).

        Only for query text written by this code base; user values go in via
        :func:`sparql_values`.
        """
        return self._query(sparql)

    def select(self, sparql: str) -> Solutions:
        """:meth:`query` for a SELECT, typed."""
        result = self._query(sparql)
        if not isinstance(result, Solutions):
            raise QueryError("expected a SELECT query")
        return result

    def ask(self, sparql: str) -> bool:
        """:meth:`query` for an ASK, typed."""
        result = self._query(sparql)
        if not isinstance(result, bool):
            raise QueryError("expected an ASK query")
        return result

    def construct(self, sparql: str) -> Triples:
        """:meth:`query` for a CONSTRUCT or DESCRIBE, typed."""
        result = self._query(sparql)
        if not isinstance(result, Triples):
            raise QueryError("expected a CONSTRUCT or DESCRIBE query")
        return result

    def data_version(self) -> str | None:
        """The version recorded by the last write, or ``None`` for a store never loaded."""
        rows = self.select(f"SELECT ?v WHERE {{ {_META} }}")
        values = sorted(v.value for row in rows if isinstance(v := row.get("v"), Literal))
        return values[0] if values else None

    def cached_data_version(self) -> str | None:
        """The data version if known without a query (a store caching it in process), else None."""
        return None

    def _current_version(self) -> str:
        version = self.data_version()
        if version is None:  # pragma: no cover - every write records one
            raise StoreError("the store did not record a data version")
        return version

    def triple_count(self, graph: str | None = None) -> int:
        """Number of triples in the default graph (or in the named graph ``graph``)."""
        pattern = "?s ?p ?o" if graph is None else f"GRAPH {_iri(graph)} {{ ?s ?p ?o }}"
        rows = self.select(f"SELECT (COUNT(*) AS ?n) WHERE {{ {pattern} }}")
        count = rows[0].get("n") if rows else None
        return int(count.value) if isinstance(count, Literal) else 0

    def named_graphs(self) -> list[str]:
        """IRIs of the non-empty named graphs, sorted, without the bookkeeping graph."""
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        names = {g.value for row in rows if isinstance(g := row.get("g"), NamedNode)}
        names.discard(META_GRAPH)
        return sorted(names)

    def triples(self, graph: str | None = None) -> Triples:
        """Every triple of the default graph (or of the named graph ``graph``)."""
        where = "?s ?p ?o" if graph is None else f"GRAPH {_iri(graph)} {{ ?s ?p ?o }}"
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")

    def export(
        self, format: str, graph: str | None = None, *, prefixes: Mapping[str, str] | None = None
    ) -> bytes:
        """Serialize the default graph (or ``graph``) as Turtle, N-Triples, RDF/XML or JSON-LD.

        ``format`` is a media type (``text/turtle``) or a short name (``turtle``, ``nt``, ``xml``,
        ``json-ld``). Triples are written in a stable (sorted) order.
        """
        fmt = rdf_format(format)
        if fmt not in _EXPORT_FORMATS:
            raise ValueError(f"export writes one graph; use a triple format, not {fmt.name}")
        triples = sorted(self.triples(graph), key=str)
        chosen = _EXPORT_PREFIXES if prefixes is None else prefixes
        data = pyoxigraph.serialize(triples, format=fmt, prefixes=_used_prefixes(triples, chosen))
        assert data is not None
        return data

    # ------------------------------------------------------------------ context manager

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

_EXPORT_FORMATS = (
    RdfFormat.TURTLE,
    RdfFormat.N_TRIPLES,
    RdfFormat.RDF_XML,
    RdfFormat.JSON_LD,
    RdfFormat.N3,
)

_EXPORT_PREFIXES = {
    "eg": "https://w3id.org/exportgraph/ontology#",
    "egid": "https://w3id.org/exportgraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "sh": "http://www.w3.org/ns/shacl#",
    "unit": "http://qudt.org/vocab/unit/",
}


def _used_prefixes(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes whose namespace occurs in the triples (keeps exported files uncluttered)."""
    stems: set[str] = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, Literal):
                iri = "" if term.language else term.datatype.value
                iri = "" if iri == _XSD_STRING else iri
            else:
                iri = term.value if isinstance(term, NamedNode) else ""
            cut = max(iri.rfind("#"), iri.rfind("/"))
            if cut > 0:
                stems.add(iri[: cut + 1])
    return {
        prefix: namespace
        for prefix, namespace in prefixes.items()
        if any(stem.startswith(namespace) for stem in stems)
    }


def solutions_from(results: QuerySolutions | QueryBoolean | QueryTriples) -> QueryResult:
    """Materialize pyoxigraph query results into plain Python (shared by both backends)."""
    if isinstance(results, QueryBoolean):
        return bool(results)
    if isinstance(results, QuerySolutions):
        names = [variable.value for variable in results.variables]
        rows = []
        for solution in results:
            row: dict[str, Term] = {}
            for name in names:
                value = solution[name]
                if value is not None:
                    row[name] = value
            rows.append(row)
        return Solutions(rows, names)
    return Triples(results)
