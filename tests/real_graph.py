"""The real data: the project's ontology/ and tables, reasoned, built ONCE per test run (by the
first process that needs it) and handed out as copies (a memory store loaded from that build's N-Quads dump: ~0.4 s instead of a
~15 s rebuild). A copy holds exactly what build() left in the store (every graph, the bookkeeping
graph and so the same data version), so a test may write to its copy without touching another's.

Session fixtures (read-only in tests): a conftest imports those it needs."""

from __future__ import annotations

import fcntl
import functools
import pickle
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

import pyoxigraph
import pytest
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.standards.loading import load_checked
from exportgraph.services.standards.terminology_check import (
    TerminologyReport,
    record_check,
    recordable,
)
from exportgraph.settings import Settings
from exportgraph.store import Store
from exportgraph.store.embedded import EmbeddedStore

S = TypeVar("S", bound=EmbeddedStore)


SHARED: Path | None = None
"""A folder the test processes of one run share (set by tests/conftest.py under xdist): the
first process to need the real graph builds it there, the others read it (~1 s, not ~20 s)."""


def _built() -> tuple[bytes, TerminologyReport]:
    store = EmbeddedStore()
    try:
        loaded = load_checked(store)
        data = store._handle().dump(format=pyoxigraph.RdfFormat.N_QUADS)
    finally:
        store.close()
    assert data is not None
    return data, loaded.check


@functools.cache
def _real_load() -> tuple[bytes, TerminologyReport]:
    """N-Quads of every graph of a store that `exportgraph load` filled from ontology/, and the
    terminology check the load ran on it (once per process; once per run with SHARED)."""
    if SHARED is None:
        return _built()
    SHARED.mkdir(parents=True, exist_ok=True)
    graph, check = SHARED / "real-graph.nq", SHARED / "real-graph-check.pickle"
    with (SHARED / "real-graph.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process building it: wait for it
        if check.exists():  # written last: the graph beside it is whole
            kept: TerminologyReport = pickle.loads(check.read_bytes())
            return graph.read_bytes(), kept
        data, report = _built()
        graph.write_bytes(data)
        check.write_bytes(pickle.dumps(report))
        return data, report


def load_real(store: S) -> S:
    """`store` (new, empty) filled with the real graph as `exportgraph load` leaves it: the
    check recorded for its data version too (beside an on-disk store; in process for a memory
    one), so a copy's first proposal starts from it as a loaded store's does."""
    data, check = _real_load()
    store._handle().load(data, format=pyoxigraph.RdfFormat.N_QUADS)
    if recordable(check):
        record_check(store, store.data_version() or "", check)
    return store


def real_store(path: Path | None = None) -> Store:
    """A new store holding the real graph as build() leaves it (in memory, or on disk at `path`:
    an ``oxigraph:`` store); the caller closes it."""
    return load_real(EmbeddedStore(path))


def real_context(settings: Settings | None = None) -> Context:
    """A context over a new copy of the real graph (settings default to the environment's, on a
    memory store); the caller closes it."""
    chosen = replace(settings or Settings.from_env(), store_uri="memory:")
    return Context(chosen, store=real_store())


def built_context() -> Iterator[Context]:
    """The real ontology/ (reasoned) in a memory store of its own, closed after use (the body of a
    fixture of any scope)."""
    ctx = real_context()
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def context() -> Iterator[Context]:
    """The real ontology/ (reasoned) in a memory store."""
    yield from built_context()


@pytest.fixture(scope="session")
def knowledge(context: Context) -> Knowledge:
    return current(context)


@pytest.fixture(scope="session")
def client(context: Context) -> TestClient:
    return TestClient(create_app(context))
