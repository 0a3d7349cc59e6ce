"""The SPARQL workers' copy of the store: one dump per state of the store (data version and
journal sequence), written once however many requests need it, and never a reason for a reader
to wait while another request writes the next one."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from exportgraph.graph.context import Context
from exportgraph.graph.journal import CHANGES_GRAPH, conditional_write, read_state
from exportgraph.services.query.sparql import SparqlPool, close_pool, execute
from exportgraph.settings import Settings
from exportgraph.store import JOURNAL_SEQUENCE, META_GRAPH, Store, open_store

S, P = NamedNode("urn:test:s"), NamedNode("urn:test:p")


class Watched(Store):
    """A memory store that counts its dumps; a dump may be held until `release` is set."""

    def __init__(self) -> None:
        self.inner = open_store("memory:")
        self.dumps = 0
        self.partial: list[bool] = []
        self.state_reads = 0
        self.hold = False
        self.release = threading.Event()
        self.dumping = threading.Event()
        self._count = threading.Condition()

    def _query(self, sparql: str):  # type: ignore[no-untyped-def]
        if "journalSequence" in sparql:
            with self._count:
                self.state_reads += 1
                self._count.notify_all()
        return self.inner._query(sparql)

    def _update(self, sparql_update: str) -> None:
        self.inner._update(sparql_update)

    def dump(self, path, graphs=None):  # type: ignore[no-untyped-def]
        with self._count:
            self.dumps += 1
            self.partial.append(graphs is not None)
        self.dumping.set()
        if self.hold:
            assert self.release.wait(30), "the test never released the dump"
        self.inner.dump(path, graphs)

    def wait_for_state_reads(self, count: int) -> bool:
        with self._count:
            return self._count.wait_for(lambda: self.state_reads >= count, timeout=30)

    def close(self) -> None:
        self.inner.close()


@pytest.fixture
def watched() -> Iterator[Watched]:
    store = Watched()
    store.replace_all([])
    yield store
    store.close()


def _context(store: Store) -> Context:
    return Context(replace(Settings.from_env(), store_uri="memory:"), store=store)


def test_concurrent_first_queries_make_one_dump(watched: Watched) -> None:
    pool, callers = SparqlPool(size=1), 6
    watched.hold = True
    got: list[tuple[str, str]] = []

    def ask() -> None:
        got.append(pool.dump_for(_context(watched)))

    threads = [threading.Thread(target=ask) for _ in range(callers)]
    try:
        for thread in threads:
            thread.start()
        assert watched.dumping.wait(30)
        # every caller has read the state (so each one is past its "is there a dump?" check)
        # before the first dump is let through
        assert watched.wait_for_state_reads(callers)
        watched.release.set()
        for thread in threads:
            thread.join(30)
        assert watched.dumps == 1
        assert len(got) == callers and len(set(got)) == 1
        assert Path(got[0].dump).stat().st_size > 0
    finally:
        pool.close()


def test_readers_answer_from_the_previous_dump_while_the_next_is_written(
    watched: Watched,
) -> None:
    pool, ctx = SparqlPool(size=1), _context(watched)
    try:
        first = pool.dump_for(ctx)
        watched.apply(insert=[Quad(S, P, Literal("new"))])
        watched.hold = True
        watched.dumping.clear()
        writer = threading.Thread(target=pool.dump_for, args=(ctx,))
        writer.start()
        assert watched.dumping.wait(30)
        assert pool.dump_for(ctx) == first  # no wait: the dump being written is not needed
        watched.release.set()
        writer.join(30)
        second = pool.dump_for(ctx)
        assert second != first and watched.dumps == 2
        assert "new" in Path(second.dump).read_text(encoding="utf-8")
    finally:
        pool.close()


def test_a_write_that_keeps_the_data_version_reaches_sparql_without_a_dump(
    watched: Watched,
) -> None:
    ctx = _context(watched)
    query = f"SELECT ?o WHERE {{ GRAPH <{CHANGES_GRAPH}> {{ <urn:test:s> <urn:test:p> ?o }} }}"
    try:
        assert json.loads(execute(ctx, query)[1])["results"]["bindings"] == []
        before = watched.data_version()
        proposal = Quad(S, P, Literal("proposed"), NamedNode(CHANGES_GRAPH))
        conditional_write(watched, read_state(watched), "propose", S, insert=[proposal])
        assert watched.data_version() == before  # a bookkeeping write
        rows = json.loads(execute(ctx, query)[1])["results"]["bindings"]
        assert [row["o"]["value"] for row in rows] == ["proposed"]
        # the worker applied the statements the write changed: nothing was dumped again
        assert watched.partial == [False]
        journal = f"SELECT ?n WHERE {{ GRAPH <{META_GRAPH}> {{ ?s <{JOURNAL_SEQUENCE}> ?n }} }}"
        rows = json.loads(execute(ctx, journal)[1])["results"]["bindings"]
        assert [row["n"]["value"] for row in rows] == [str(read_state(watched).sequence)]
        watched.apply(insert=[Quad(S, P, Literal("data"))])  # a write the journal does not log
        data = "SELECT ?o WHERE { <urn:test:s> <urn:test:p> ?o }"
        rows = json.loads(execute(ctx, data)[1])["results"]["bindings"]
        assert [row["o"]["value"] for row in rows] == ["data"]
        rows = json.loads(execute(ctx, query)[1])["results"]["bindings"]
        assert [row["o"]["value"] for row in rows] == ["proposed"]  # still there after a reload
        assert watched.partial == [False, False]
    finally:
        close_pool(ctx)
