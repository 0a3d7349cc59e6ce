"""A SPARQL query asked again of the same state of the store (data version and journal sequence)
is answered from memory instead of running in a worker again: under concurrent writes, every
reader used to run the same query again in a worker. A write moves the state, so the next query
sees it; queries asking for the time or for new values (NOW, RAND, UUID, STRUUID, BNODE) run
every time; results over the row limit are refused every time; the results kept are bounded in
bytes (EXPORTGRAPH_SPARQL_CACHE_BYTES)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from exportgraph.errors import QueryRefused, QueryTooLarge
from exportgraph.graph.context import Context
from exportgraph.graph.journal import conditional_write, read_state
from exportgraph.services.query.kept import repeatable
from exportgraph.services.query.process import WorkerProcess
from exportgraph.services.query.sparql import SparqlPool, close_pool, execute, kept
from exportgraph.settings import Settings
from exportgraph.store import open_store

from .test_sparql_dumps import Watched

S, P = NamedNode("urn:test:s"), NamedNode("urn:test:p")
VALUES = "SELECT ?o WHERE { <urn:test:s> <urn:test:p> ?o } ORDER BY ?o"
JSON = "application/sparql-results+json"


@pytest.fixture
def watched() -> Iterator[Watched]:
    store = Watched()
    store.replace_all([])
    store.apply(insert=[Quad(S, P, Literal(str(n))) for n in range(5)])
    yield store
    store.close()


@pytest.fixture
def pool() -> Iterator[SparqlPool]:
    found = SparqlPool(size=1)
    yield found
    found.close()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The queries sent to a worker."""
    sent: list[str] = []
    send = WorkerProcess.send

    def counted(self: WorkerProcess, message: Any) -> None:
        if isinstance(message, dict) and "max_rows" in message:
            sent.append(message["query"])
        send(self, message)

    monkeypatch.setattr(WorkerProcess, "send", counted)
    return sent


def _context(store: Watched, **settings: Any) -> Context:
    return Context(replace(Settings.from_env(), store_uri="memory:", **settings), store=store)


def _values(pool: SparqlPool, context: Context, text: str = VALUES) -> list[str]:
    _, body = pool.run(context, text, JSON, "text/turtle")
    return [row["o"]["value"] for row in json.loads(body)["results"]["bindings"]]


def test_the_same_query_on_the_same_state_runs_once(
    watched: Watched, pool: SparqlPool, runs: list[str]
) -> None:
    context = _context(watched)
    first = _values(pool, context)
    assert first == ["0", "1", "2", "3", "4"]
    assert _values(pool, context) == first
    assert _values(pool, context) == first
    assert runs == [VALUES]
    other = VALUES.replace("ORDER BY ?o", "ORDER BY DESC(?o)")
    assert _values(pool, context, other) == first[::-1]  # another text is another question
    assert runs == [VALUES, other]


def test_a_write_moves_the_state_and_the_next_query_sees_it(
    watched: Watched, pool: SparqlPool, runs: list[str]
) -> None:
    context = _context(watched)
    assert "new" not in _values(pool, context)
    state = read_state(watched)
    conditional_write(watched, state, "approve", S, [], [Quad(S, P, Literal("new"))])
    assert "new" in _values(pool, context)
    conditional_write(watched, read_state(watched), "approve", S, [Quad(S, P, Literal("new"))], [])
    assert "new" not in _values(pool, context)
    assert len(runs) == 3


@pytest.mark.parametrize(
    "text",
    [
        "SELECT (NOW() AS ?t) WHERE {}",
        "SELECT (rand() AS ?r) WHERE {}",
        "SELECT (STRUUID ( ) AS ?u) WHERE {}",
        "SELECT (UUID() AS ?u) WHERE {}",
        "CONSTRUCT { ?b <urn:test:p> ?o } WHERE { <urn:test:s> <urn:test:p> ?o BIND(BNODE() AS ?b) }",
    ],
)
def test_queries_for_the_time_or_new_values_run_every_time(
    text: str, watched: Watched, pool: SparqlPool, runs: list[str]
) -> None:
    assert not repeatable(text)
    context = _context(watched)
    pool.run(context, text, JSON, "application/n-triples")
    pool.run(context, text, JSON, "application/n-triples")
    assert runs == [text, text]
    assert len(pool.kept) == 0


def test_refused_and_too_large_results_are_refused_every_time(
    watched: Watched, pool: SparqlPool, runs: list[str]
) -> None:
    context = _context(watched, sparql_max_rows=3)
    for _ in range(2):
        with pytest.raises(QueryTooLarge):
            _values(pool, context)
    assert runs == [VALUES, VALUES]
    refused = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    for _ in range(2):
        with pytest.raises(QueryRefused):
            _values(pool, context, refused)
    assert len(pool.kept) == 0


def test_the_results_kept_are_bounded_in_bytes(
    watched: Watched, pool: SparqlPool, runs: list[str]
) -> None:
    budget = 16 * 1024
    context = _context(watched, sparql_cache_bytes=budget)
    texts = [f"{VALUES} LIMIT {n}" for n in range(1, 200)]
    for text in texts:
        _values(pool, context, text)
        assert pool.kept.bytes <= budget
    assert 0 < len(pool.kept) < len(texts)  # kept some, dropped the least recently used
    assert _values(pool, context, texts[-1]) == ["0", "1", "2", "3", "4"]  # the latest is kept
    assert runs.count(texts[-1]) == 1
    assert _values(pool, context, texts[0]) == ["0"]  # the oldest was dropped: it runs again
    assert runs.count(texts[0]) == 2


def test_no_results_are_kept_when_the_budget_is_zero(
    watched: Watched, pool: SparqlPool, runs: list[str]
) -> None:
    context = _context(watched, sparql_cache_bytes=0)
    _values(pool, context)
    _values(pool, context)
    assert runs == [VALUES, VALUES]
    assert len(pool.kept) == 0


def test_concurrent_askers_of_the_same_query_wait_for_one_run(
    watched: Watched, pool: SparqlPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # after a write, every reader of a popular query reached the new state at once and each ran
    # it in a worker; now the first runs it and the others wait for its answer
    sent: list[str] = []
    send = WorkerProcess.send

    def slow(self: WorkerProcess, message: Any) -> None:
        if isinstance(message, dict) and "max_rows" in message:
            sent.append(message["query"])
            time.sleep(0.3)  # every other asker arrives while this one runs
        send(self, message)

    monkeypatch.setattr(WorkerProcess, "send", slow)
    context = _context(watched)
    pool.dump_for(context)  # the state exists before the askers come
    answers: list[list[str]] = []
    askers = [
        threading.Thread(target=lambda: answers.append(_values(pool, context))) for _ in range(8)
    ]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(30)
    assert answers == [["0", "1", "2", "3", "4"]] * 8
    assert sent == [VALUES]


def test_a_result_kept_for_the_current_state_is_found_without_a_query_or_a_thread() -> None:
    # /sparql answers it on the event loop; anything not known without a query goes to a thread
    store = open_store("memory:")
    store.replace_all([])
    store.apply(insert=[Quad(S, P, Literal("kept"))])
    context = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    try:
        assert kept(context, VALUES, JSON, "text/turtle") is None  # never asked
        answer = execute(context, VALUES, JSON, "text/turtle")
        assert kept(context, VALUES, JSON, "text/turtle") == answer
        assert kept(context, VALUES, "text/csv", "text/turtle") is None  # another question
        conditional_write(store, read_state(store), "approve", S, [], [Quad(S, P, Literal("n"))])
        assert kept(context, VALUES, JSON, "text/turtle") is None  # the state is not known yet
        again = execute(context, VALUES, JSON, "text/turtle")
        assert b'"n"' in again[1]
        assert kept(context, VALUES, JSON, "text/turtle") == again
    finally:
        close_pool(context)
        store.close()
