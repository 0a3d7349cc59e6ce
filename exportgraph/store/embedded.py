"""Embedded Oxigraph: ``oxigraph:DIR`` (RocksDB on disk) or ``memory:`` (in process).

Every pyoxigraph ``Store.update`` call is one transaction, so the writes of the base class
(one SPARQL Update request each) are atomic here too. Reads see a consistent snapshot
("repeatable read").

Performance note (measured, see docs/reference toolchain): queries on the RocksDB store are about
5x slower than in memory (300 ms vs 60 ms on a 131k-triple join). That is acceptable here because
callers cache query-derived indexes by data version. Loading 130k triples through one update
takes about 1 s in memory and 3-4 s on disk.

A RocksDB directory can be opened read-write by ONE process at a time (a second open fails with
"lock hold by current process" / "No locks available"). Several API processes sharing one store
need the remote backend (``sparql:URL``).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import cast

import pyoxigraph

from exportgraph.store.base import Store, T
from exportgraph.store.sparql_text import set_version
from exportgraph.store.terms import QueryError, QueryResult, StoreError, Triples, solutions_from

__all__ = ["EmbeddedStore"]


class EmbeddedStore(Store):
    """pyoxigraph ``Store`` in process: on disk when ``path`` is given, else in memory."""

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else None
        self._lock = threading.Lock()
        # This process owns the store exclusively (RocksDB allows one process; memory is ours),
        # so the data version can be cached until our own next write: readers check it per request.
        self._writes = 0
        self._version: str | None = None
        self._generation = 0  # every write, bookkeeping ones too, once it is done
        self._begun = 0  # every write, once it starts (equal to _generation: none under way)
        self._kept: dict[str, tuple[int, object]] = {}
        try:
            if self.path is not None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self._store: pyoxigraph.Store | None = pyoxigraph.Store(str(self.path))
            else:
                self._store = pyoxigraph.Store()
        except OSError as error:
            raise StoreError(
                f"cannot open the Oxigraph store at {self.path}: {error} "
                "(is another process using it? one RocksDB directory allows one writer process)"
            ) from None

    @classmethod
    def holding(
        cls, triples: Sequence[pyoxigraph.Triple], version: str, n_triples: bytes | None = None
    ) -> EmbeddedStore:
        """A memory store holding `triples` in its default graph at data `version`. Parsing
        their N-Triples (`n_triples`, when the caller has them) is ~3x faster than building a
        Python Quad per triple for Oxigraph's bulk insert, but a parsed blank node gets a new
        identifier: with blank nodes (or what might be one) the triples are inserted as given."""
        store = cls()
        if n_triples is None:
            n_triples = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
        if b"_:" in n_triples:  # a blank node, or text that looks like one in a literal
            graph = pyoxigraph.DefaultGraph()
            store._handle().extend(
                pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in triples
            )
        else:
            store._handle().load(n_triples, format=pyoxigraph.RdfFormat.N_TRIPLES)
        store._update(set_version(version))
        return store

    def __repr__(self) -> str:
        where = f"oxigraph:{self.path}" if self.path is not None else "memory:"
        return f"EmbeddedStore({where!r})"

    def _handle(self) -> pyoxigraph.Store:
        store = self._store
        if store is None:
            raise StoreError("the store is closed")
        return store

    def _query(self, sparql: str) -> QueryResult:
        try:
            return solutions_from(self._handle().query(sparql))
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL query: {error}") from None
        except RuntimeError as error:
            raise QueryError(f"query failed: {error}") from None
        except OSError as error:
            raise StoreError(f"query failed: {error}") from None

    def _run_update(self, sparql_update: str) -> None:
        self._begin()
        try:
            self._handle().update(sparql_update)
        except SyntaxError as error:
            raise QueryError(f"invalid SPARQL update: {error}") from None
        except (OSError, ValueError, RuntimeError) as error:
            raise StoreError(f"update failed, nothing was written: {error}") from None
        finally:
            self._wrote()

    def _begin(self) -> None:
        with self._lock:
            self._begun += 1

    def _wrote(self) -> None:
        with self._lock:
            self._generation += 1

    def _quiet_generation(self) -> int | None:
        """The write generation, or None while a write is under way."""
        with self._lock:
            return self._generation if self._begun == self._generation else None

    def triples(self, graph: str | None = None) -> Triples:
        """Every triple of the default graph (or ``graph``), read from Oxigraph's indexes without
        a query (about a fifth less CPU than a CONSTRUCT; one iterator reads one snapshot)."""
        name = pyoxigraph.DefaultGraph() if graph is None else pyoxigraph.NamedNode(graph)
        try:
            quads = self._handle().quads_for_pattern(None, None, None, name)
            return Triples(quad.triple for quad in quads)
        except OSError as error:
            raise StoreError(f"read failed: {error}") from None

    def default_triples_outside(self, graph: str) -> Triples:
        """As the base class, from two reads of the indexes (about half the CPU of the query):
        taken when no write of this process (the store's only writer) began or ended between
        them, else by the query, which reads one snapshot."""
        for _ in range(3):
            before = self._quiet_generation()
            if before is None:
                continue
            outside = set(self.triples(graph))
            found = Triples(t for t in self.triples() if t not in outside)
            if self._quiet_generation() == before:
                return found
        return super().default_triples_outside(graph)

    def until_write(self, name: str, read: Callable[[], T]) -> T:
        """`read()`, kept until this process's next write (it is the store's only writer); a
        write landing while it reads keeps nothing."""
        with self._lock:
            generation, found = self._generation, self._kept.get(name)
        if found is not None and found[0] == generation:
            return cast(T, found[1])
        value = read()
        with self._lock:
            if self._generation == generation:
                self._kept[name] = (generation, value)
        return value

    def peek(self, name: str) -> object | None:
        with self._lock:
            found = self._kept.get(name)
            return found[1] if found is not None and found[0] == self._generation else None

    def _update(self, sparql_update: str) -> None:
        try:
            self._run_update(sparql_update)
        finally:
            with self._lock:
                self._writes += 1
                self._version = None

    def _update_bookkeeping(self, sparql_update: str) -> None:
        """An update that leaves the data version alone: the cached version stays valid."""
        self._run_update(sparql_update)

    bulk_writes = True  # this process is the store's only writer (RocksDB's lock)

    def _insert_named(self, quads: Sequence[pyoxigraph.Quad]) -> None:
        """Oxigraph's bulk loader (no text to build and parse; it writes files straight to disk
        instead of one huge transaction). Not all or nothing: a crash may leave part of the
        graphs, which is why callers write only graphs nothing refers to yet and remove them
        when the update referring to them does not go in."""
        self._begin()
        try:
            self._handle().bulk_extend(quads)
        except (OSError, ValueError, RuntimeError) as error:
            raise StoreError(
                f"bulk insert failed (the caller removes what it wrote): {error}"
            ) from None
        finally:
            self._wrote()

    def graphs_under(self, prefix: str) -> list[str]:
        """From Oxigraph's list of graph names (no scan of the statements)."""
        store = self._handle()
        return sorted(
            g.value
            for g in store.named_graphs()
            if isinstance(g, pyoxigraph.NamedNode)
            and g.value.startswith(prefix)
            and next(iter(store.quads_for_pattern(None, None, None, g)), None) is not None
        )

    def data_version(self) -> str | None:
        """The recorded version, cached until this process's next write. A write that lands
        while it is read makes it read again: the value read may be the one before that write,
        and a reader given it after the writer had moved on built the index of an older version
        over the newer one (twice ~1.5 s of CPU, seen under mixed load)."""
        while True:
            with self._lock:
                cached, writes = self._version, self._writes
            if cached is not None:
                return cached
            version = super().data_version()
            with self._lock:
                if self._writes == writes:  # no write slipped in while we read
                    self._version = version
                    return version

    def cached_data_version(self) -> str | None:
        """The cached version (None until read after the last write): no query, no wait."""
        with self._lock:
            return self._version

    def dump(self, path: str | os.PathLike[str], graphs: Sequence[str] | None = None) -> None:
        """Every graph as N-Quads, written by Oxigraph itself (no Python object per quad; the
        interpreter lock is released meanwhile); some named `graphs` as the base class does."""
        if graphs is not None:
            super().dump(path, graphs)
            return
        try:
            self._handle().dump(str(path), pyoxigraph.RdfFormat.N_QUADS)
        except OSError as error:
            raise StoreError(f"dump failed: {error}") from None

    def close(self) -> None:
        """Flush to disk and release the RocksDB lock (the handle is freed when unreferenced)."""
        with self._lock:
            store, self._store = self._store, None
        if store is not None and self.path is not None:
            with contextlib.suppress(OSError):  # best effort on shutdown
                store.flush()
        del store
