"""A SPARQL worker stopped for overrunning its time is replaced at once, in the background: the
replacement starts and loads the data without waiting for a query, and the next query is answered
by it instead of starting (and loading) a process of its own."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import replace

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from exportgraph.errors import QueryTimeout
from exportgraph.graph.context import Context
from exportgraph.services.query import pool as pool_module
from exportgraph.services.query.sparql import close_pool, execute
from exportgraph.settings import Settings
from exportgraph.store import open_store

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
QUERY = "SELECT ?o WHERE { <urn:test:s0> <urn:test:p> ?o }"


@pytest.fixture
def context() -> Iterator[Context]:
    store = open_store("memory:")
    store.replace_all([])
    store.apply(
        insert=[
            Quad(NamedNode(f"urn:test:s{i}"), NamedNode("urn:test:p"), Literal(str(i)))
            for i in range(300)
        ]
    )
    settings = replace(Settings.from_env(), store_uri="memory:", sparql_timeout_s=0.5)
    ctx = Context(settings, store=store)
    try:
        yield ctx
    finally:
        close_pool(ctx)
        store.close()


def _started(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Every worker process the pool starts from now on."""
    started: list[object] = []
    real = pool_module.WorkerProcess

    def counting(*args: int) -> object:
        worker = real(*args)
        started.append(worker)
        return worker

    monkeypatch.setattr(pool_module, "WorkerProcess", counting)
    return started


def _stop_one_worker(
    context: Context, monkeypatch: pytest.MonkeyPatch
) -> tuple[pool_module.SparqlPool, list[object]]:
    """A warmed pool one of whose workers a runaway query got stopped, and the processes the
    pool starts after that."""
    workers = pool_module.pool(context)
    workers.warm(context)
    started = _started(monkeypatch)
    with pytest.raises(QueryTimeout):
        execute(context, RUNAWAY)
    return workers, started


def test_a_stopped_worker_is_replaced_and_loaded_before_the_next_query(
    context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    workers, started = _stop_one_worker(context, monkeypatch)
    give_up = time.monotonic() + 60  # a bound on waiting, not a measure of speed
    while workers._idle.qsize() < workers.size and time.monotonic() < give_up:
        time.sleep(0.05)
    assert len(started) == 1, "one replacement, started without a query"
    idle = list(workers._idle.queue)
    assert len(idle) == workers.size
    assert workers._prepared is not None
    assert all(w.state == workers._prepared.state for w in idle), "it holds the data already"
    rows = execute(context, QUERY)[1]
    assert b'"0"' in rows
    assert len(started) == 1, "the next query started no process of its own"


def test_a_replacement_finishing_after_close_is_stopped(
    context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    workers, started = _stop_one_worker(context, monkeypatch)
    close_pool(context)
    give_up = time.monotonic() + 60
    while (not started or started[0].process.poll() is None) and time.monotonic() < give_up:  # type: ignore[attr-defined]
        time.sleep(0.05)
    assert started and started[0].process.poll() is not None  # type: ignore[attr-defined]
    assert workers._idle.qsize() == 0
