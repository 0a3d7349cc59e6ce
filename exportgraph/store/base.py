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
import os
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from types import TracebackType
from typing import Self, TypeVar

import pyoxigraph
from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    Triple,
)

from exportgraph.store.rdf import (
    EXPORT_FORMATS,
    EXPORT_PREFIXES,
    RdfSource,
    compute_data_version,
    is_meta_graph,
    parse_source,
    rdf_format,
    used_prefixes,
)
from exportgraph.store.sparql_text import (
    META_PATTERN,
    chain_version,
    graph_node,
    graph_text,
    iri_text,
    ntriples_text,
    quad_block,
    set_version,
)
from exportgraph.store.terms import (
    META_GRAPH,
    GraphName,
    LoadError,
    QueryError,
    QueryResult,
    Solutions,
    StoreError,
    Triples,
)

# --------------------------------------------------------------------------- the interface


T = TypeVar("T")


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
        target: GraphName = DefaultGraph() if graph is None else graph_node(graph)
        if is_meta_graph(target):
            raise ValueError(f"{META_GRAPH} is reserved for store bookkeeping")
        quads: list[Quad] = []
        replaced: dict[str, GraphName] = {str(target): target}
        for source in sources:
            parsed = parse_source(source, allow_named_graphs=True)
            for quad in parsed:
                named = quad.graph_name
                if not isinstance(named, DefaultGraph):
                    if is_meta_graph(named):
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
            excluded = ntriples_text(sorted(left_out, key=str)).encode()
            sources = [
                *sources,
                RdfSource("(statements left out)", excluded, "application/n-triples"),
            ]
        version = compute_data_version(sources)
        clear = " ;\n".join(
            "CLEAR SILENT DEFAULT"
            if isinstance(g, DefaultGraph)
            else f"DROP SILENT {graph_text(g)}"
            for g in replaced.values()
        )
        bookkeeping = (
            set_version(version)
            if graph is None
            else chain_version(f"replace {graph}", version.encode())
        )
        self._update(
            f"{clear} ;\nINSERT DATA {{\n{quad_block(quads, default_graph=target)}\n}} ;\n"
            + bookkeeping
        )
        if graph is None:
            return version
        current = self.data_version()
        assert current is not None
        return current

    bulk_writes = False
    """Whether :meth:`insert_graphs` writes through a bulk insert, apart from the following
    update: only where this process is the store's only writer (the embedded store)."""

    def insert_graphs(self, quads: Sequence[Quad]) -> None:
        """Add `quads` (all in named graphs) without moving the data version. Callers write
        graphs nothing refers to yet, then the update referring to them, and remove the graphs
        if that update does not go in (a bulk insert need not be all or nothing)."""
        if any(isinstance(q.graph_name, DefaultGraph) for q in quads):
            raise ValueError("insert_graphs writes named graphs only")
        self._insert_named(quads)

    def _insert_named(self, quads: Sequence[Quad]) -> None:
        """Write quads of named graphs (checked by insert_graphs); a store may load in bulk."""
        self._update_bookkeeping(f"INSERT DATA {{\n{quad_block(quads)}\n}}")

    def drop_graphs(self, names: Iterable[str]) -> None:
        """Remove the named graphs `names` (absent ones are ignored); the version stays."""
        text = " ;\n".join(f"DROP SILENT {graph_text(graph_node(n))}" for n in names)
        if text:
            self._update_bookkeeping(text)

    def graphs_under(self, prefix: str) -> list[str]:
        """Names of the non-empty named graphs whose IRI starts with `prefix`, sorted."""
        return [name for name in self.named_graphs() if name.startswith(prefix)]

    def add_graph(self, name: str, data: bytes, format: str) -> str:
        """Create or replace the named graph ``name`` with a parsed document (triples only).

        All-or-nothing like :meth:`replace_all`; returns the new data version.
        """
        graph = graph_node(name)
        if is_meta_graph(graph):
            raise ValueError(f"{META_GRAPH} is reserved for store bookkeeping")
        quads = parse_source(RdfSource(name, data, format), allow_named_graphs=False)
        block = quad_block(quads, default_graph=graph)
        payload = name.encode() + b"\n" + data
        self._update(
            f"DROP SILENT GRAPH {iri_text(name)} ;\nINSERT DATA {{\n{block}\n}} ;\n"
            + chain_version("add_graph", payload)
        )
        return self._current_version()

    def drop_graph(self, name: str) -> str:
        """Remove the named graph ``name`` (no error if absent); returns the new data version."""
        if name == META_GRAPH:
            raise ValueError(f"{META_GRAPH} is reserved for store bookkeeping")
        self._update(
            f"DROP SILENT GRAPH {iri_text(name)} ;\n" + chain_version("drop_graph", name.encode())
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
            if is_meta_graph(quad.graph_name):
                raise ValueError(f"{META_GRAPH} is reserved for store bookkeeping")
        payload = "\n".join(
            [
                *(f"- {q}" for q in sorted(map(str, deletions))),
                *(f"+ {q}" for q in sorted(map(str, insertions))),
            ]
        ).encode()
        self._update(
            f"DELETE DATA {{\n{quad_block(deletions)}\n}} ;\n"
            f"INSERT DATA {{\n{quad_block(insertions)}\n}} ;\n" + chain_version("apply", payload)
        )
        return self._current_version()

    def update(self, sparql_update: str, *, bookkeeping: bool = False, guard: str = "") -> str:
        """Run a SPARQL Update written by this code base (never user text), atomically.

        The data version moves on in the same request, unless the update is ``bookkeeping``:
        one that writes only named graphs no answer is derived from (change sets, the write
        log, releases), so every cache keyed by the data version stays valid. A ``guard`` (a
        group graph pattern, e.g. the log entry a conditional update inserts) makes the version
        move only if it matches after the update, so a refused conditional write moves nothing.
        Returns the data version after the update.
        """
        if bookkeeping:
            self._update_bookkeeping(sparql_update)
            return self._current_version()
        text = sparql_update.rstrip()
        while text.endswith(";"):
            text = text[:-1].rstrip()
        chain = chain_version("update", sparql_update.encode(), guard)
        self._update(f"{text}\n;\n" + chain)
        return self._current_version()

    def _update_bookkeeping(self, sparql_update: str) -> None:
        """Run an update that leaves the data version as it is (see :meth:`update`); a backend
        caching the version may keep it."""
        self._update(sparql_update)

    def until_write(self, name: str, read: Callable[[], T]) -> T:
        """`read()` — kept under `name` until the store's next write by a backend that sees
        every write (one process owns it); read again every time by the others."""
        return read()

    def peek(self, name: str) -> object | None:
        """What `until_write` keeps under `name` while it is valid, else None (never reads)."""
        return None

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
        rows = self.select(f"SELECT ?v WHERE {{ {META_PATTERN} }}")
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
        pattern = "?s ?p ?o" if graph is None else f"GRAPH {iri_text(graph)} {{ ?s ?p ?o }}"
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
        where = "?s ?p ?o" if graph is None else f"GRAPH {iri_text(graph)} {{ ?s ?p ?o }}"
        return self.construct(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}")

    def default_triples_outside(self, graph: str) -> Triples:
        """The triples of the default graph that the named graph ``graph`` does not hold, read
        from one state of the store."""
        return self.construct(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o "
            f"FILTER NOT EXISTS {{ GRAPH {iri_text(graph)} {{ ?s ?p ?o }} }} }}"
        )

    def export(
        self, format: str, graph: str | None = None, *, prefixes: Mapping[str, str] | None = None
    ) -> bytes:
        """Serialize the default graph (or ``graph``) as Turtle, N-Triples, RDF/XML or JSON-LD.

        ``format`` is a media type (``text/turtle``) or a short name (``turtle``, ``nt``, ``xml``,
        ``json-ld``). Triples are written in a stable (sorted) order.
        """
        fmt = rdf_format(format)
        if fmt not in EXPORT_FORMATS:
            raise ValueError(f"export writes one graph; use a triple format, not {fmt.name}")
        triples = sorted(self.triples(graph), key=str)
        chosen = EXPORT_PREFIXES if prefixes is None else prefixes
        data = pyoxigraph.serialize(triples, format=fmt, prefixes=used_prefixes(triples, chosen))
        assert data is not None
        return data

    def dump(self, path: str | os.PathLike[str], graphs: Sequence[str] | None = None) -> None:
        """Write every graph (the default graph, the named graphs and the bookkeeping graph), or
        only the named `graphs`, to `path` as N-Quads, for a copy of the store elsewhere (the
        SPARQL workers load one)."""
        names: list[GraphName] = [NamedNode(name) for name in graphs or ()]
        if graphs is None:
            names = [DefaultGraph(), NamedNode(META_GRAPH)]
            names += [NamedNode(name) for name in self.named_graphs()]
        quads = [
            Quad(t.subject, t.predicate, t.object, graph)
            for graph in names
            for t in (self.triples(None if isinstance(graph, DefaultGraph) else graph.value))
        ]
        pyoxigraph.serialize(quads, str(path), pyoxigraph.RdfFormat.N_QUADS)

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
