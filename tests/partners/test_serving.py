"""Serving the partner routes fast without blocking: a catalogue known current in memory is answered
on the event loop; anything that needs the store (first use, a write since) goes to the thread pool,
and answers never use a catalogue older than the data. `exportgraph serve` runs uvicorn's C parser
and event loop."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from exportgraph.api import warm_index
from exportgraph.api.app import create_app
from exportgraph.api.routers import partners
from fastapi.testclient import TestClient
from pyoxigraph import Literal, NamedNode, Quad
from typer.testing import CliRunner

from exportgraph.cli import app as cli
from exportgraph.graph import context as context_module
from exportgraph.graph.context import Context
from exportgraph.knowledge import current as current_module
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.classify import classify
from exportgraph.store import QueryResult
from exportgraph.store.embedded import EmbeddedStore
from tests.real_graph import load_real, real_store

QC = {"kind": "quantum-computer", "parameters": {"physical-qubits": 2100, "cnot-error": 5e-4}}
BODY = {"item": QC, "jurisdictions": ["US", "EU", "GB"], "as_of": "2025-12-01"}
UNRELATED = Quad(NamedNode("urn:test:s"), NamedNode("urn:test:p"), Literal("x"))


class CountingStore(EmbeddedStore):
    """A memory store that counts the queries made on it."""

    queries = 0

    def _query(self, sparql: str) -> QueryResult:
        self.queries += 1
        return super()._query(sparql)


@pytest.fixture
def own(context: Context) -> Iterator[tuple[Context, CountingStore]]:
    """A writable copy of the real graph, in a context of its own."""
    store = load_real(CountingStore())
    ctx = Context(replace(context.settings), store=store)
    yield ctx, store
    ctx.close()


def test_the_warm_check_never_queries_the_store(own: tuple[Context, CountingStore]) -> None:
    ctx, store = own
    before = store.queries
    assert warm_index.warm(ctx) is None  # not even opened through the context yet
    assert store.queries == before
    warm_index.in_thread(ctx)  # what a request answered in the thread pool does
    assert warm_index.warm(ctx) is not None
    settled = store.queries
    classify(ctx, {**QC, "parameters": {"physical-qubits": 50}})
    assert warm_index.warm(ctx) is not None
    assert store.queries == settled  # the data version is not asked of the store per request
    store.apply(insert=[UNRELATED])
    written = store.queries
    assert (
        warm_index.warm(ctx) is None
    )  # a write makes it unsure, and finding out is left to others
    assert store.queries == written


def test_inline_when_warm_thread_pool_after_a_write_and_never_stale(
    own: tuple[Context, CountingStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, store = own
    hops: list[str] = []
    real = partners.run_in_threadpool

    async def counting(fn: Callable[..., bytes], *args: Any) -> bytes:
        hops.append(args[1])
        return await real(fn, *args)

    monkeypatch.setattr(partners, "run_in_threadpool", counting)
    client = TestClient(create_app(ctx))
    cold = client.post("/v1/classify", json=BODY)
    assert cold.status_code == 200 and hops == ["classify"]  # first use builds off the loop
    for qubits in (60, 70, 3000):
        body = {**BODY, "item": {**QC, "parameters": {"physical-qubits": qubits}}}
        assert client.post("/v1/classify", json=body).status_code == 200
    assess = {"activity": "export", "subject": {"item": QC}, "from": "CA", "to": "DE"}
    assert client.post("/v1/assess", json=assess).status_code == 200
    bad = client.post("/v1/classify", json={**BODY, "jurisdictions": ["XX"]})
    assert bad.status_code == 422 and "jurisdictions[0]" in bad.json()["detail"]
    assert hops == ["classify"]  # warm: every answer above was computed inline

    store.apply(insert=[UNRELATED])
    after = client.post("/v1/classify", json=BODY)
    assert hops == ["classify", "classify"]  # the rebuild ran in the thread pool
    assert after.json()["data_version"] == store.data_version() != cold.json()["data_version"]
    assert after.json()["results"] == cold.json()["results"]


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/v1/classify", BODY),
        ("GET", "/v1/jurisdictions", None),  # a route taking the index as a dependency
    ],
)
def test_a_write_right_after_the_warm_check_never_builds_the_index_on_the_event_loop(
    own: tuple[Context, CountingStore],
    monkeypatch: pytest.MonkeyPatch,
    method: str,
    path: str,
    body: dict[str, Any] | None,
) -> None:
    ctx, store = own
    client = TestClient(create_app(ctx))
    assert client.request(method, path, json=body).status_code == 200  # the index, in a thread
    checked = warm_index.warm(ctx)
    assert checked is not None and checked.version == store.data_version()
    real = warm_index.warm
    after_write: list[int] = []

    def check_then_write(context: Context) -> Knowledge | None:
        found = real(context)
        if not after_write:  # the data version moves between the check and the use, once
            store.apply(insert=[UNRELATED])
            after_write.append(store.queries)
        return found

    monkeypatch.setattr(warm_index, "warm", check_then_write)
    raced = client.request(method, path, json=body)
    assert raced.status_code == 200
    # answered from the index it checked: no store query, so no index built on the event loop
    assert store.queries == after_write[0]
    assert real(ctx) is None  # the new version's index was not built by the request
    if path != "/v1/jurisdictions":
        assert raced.json()["data_version"] == checked.version != store.data_version()
        fresh = client.request(method, path, json=body)  # the next request builds it, in a thread
        assert fresh.json()["data_version"] == store.data_version()
        assert fresh.json()["results"] == raced.json()["results"]


def test_serve_runs_uvicorn_with_httptools_uvloop_and_no_access_log(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    real_store(tmp_path / "store").close()  # as `exportgraph load` leaves it: serve need not build
    store = f"oxigraph:{tmp_path / 'store'}"
    monkeypatch.setenv("EXPORTGRAPH_STORE", store)  # restored after `serve` sets it
    runs: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: runs.append(options))
    runner = CliRunner()
    assert runner.invoke(cli, ["serve", "--store", store]).exit_code == 0
    assert runner.invoke(cli, ["serve", "--store", store, "--access-log"]).exit_code == 0
    first, second = runs
    assert (first["http"], first["loop"], first["access_log"]) == ("httptools", "uvloop", False)
    assert second["access_log"] is True
    # idle connections outlive a default httpx client's keep-alive (5 s) with room to spare, so
    # such a client never sends a request on a connection the server is closing
    assert first["timeout_keep_alive"] >= 4 * httpx.Limits().keepalive_expiry


def test_serve_on_a_memory_store_leaves_the_build_to_the_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A memory: store lives in the server's process: serve must not build one of its own first
    (it was built twice at every start, ~6 s each)."""
    monkeypatch.setenv("EXPORTGRAPH_STORE", "memory:")
    built: list[object] = []
    monkeypatch.setattr(
        context_module, "ensure_built", lambda store, build_with: built.append(store)
    )
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: None)
    assert CliRunner().invoke(cli, ["serve", "--store", "memory:"]).exit_code == 0
    assert built == []


class HeldAdvance:
    """The build of a new data version's index, held until released (a build under way)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.started, self.release = threading.Event(), threading.Event()
        cache = current_module._CURRENT
        real_build, real_step = cache._build, cache._step

        def held(real: Callable[..., Any]) -> Callable[..., Any]:
            def call(*args: Any) -> Any:
                self.started.set()
                assert self.release.wait(30), "the test never released the build"
                return real(*args)

            return call

        monkeypatch.setattr(cache, "_build", held(real_build))
        if real_step is not None:
            monkeypatch.setattr(cache, "_step", held(real_step))


def test_on_the_event_loop_the_newest_index_answers_while_a_thread_builds_the_next(
    own: tuple[Context, CountingStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, store = own
    old = warm_index.in_thread(ctx)
    hold = HeldAdvance(monkeypatch)
    store.apply(insert=[UNRELATED])
    assert warm_index.warm(ctx) is None  # a write since, and nobody builds its index
    built: list[Knowledge] = []
    builder = threading.Thread(target=lambda: built.append(warm_index.in_thread(ctx)))
    builder.start()
    assert hold.started.wait(30)
    assert warm_index.warm(ctx) is old  # a concurrent reader: the newest index built
    hold.release.set()
    builder.join(30)
    assert built[0].version == store.data_version() != old.version
    assert warm_index.warm(ctx) is built[0]


def test_a_writer_waits_for_its_own_version_s_index_while_another_thread_builds_it(
    own: tuple[Context, CountingStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    ctx, store = own
    old = warm_index.in_thread(ctx)
    hold = HeldAdvance(monkeypatch)
    store.apply(insert=[UNRELATED])
    reader = threading.Thread(target=lambda: warm_index.in_thread(ctx))
    reader.start()
    assert hold.started.wait(30)
    assert warm_index.in_thread(ctx) is old  # a reader does not wait: the previous index
    got: list[Knowledge] = []
    writer = threading.Thread(target=lambda: got.append(current_module.after_write(ctx)))
    writer.start()
    writer.join(0.2)
    assert writer.is_alive() and not got  # the writer does not take the previous index
    hold.release.set()
    writer.join(30)
    reader.join(30)
    assert got[0].version == store.data_version() != old.version
