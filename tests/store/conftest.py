"""Fixtures: the same suite runs against embedded (RocksDB), memory and a real Oxigraph server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from exportgraph.store import Store, open_store
from tests.conftest import Server


@dataclass
class Backend:
    """How to open (and reopen) one backend under test."""

    id: str
    uri: str
    update_url: str | None = None

    def open(self) -> Store:
        return open_store(self.uri, update_url=self.update_url)

    @property
    def persistent(self) -> bool:
        return self.id != "memory"


BACKENDS = ["embedded", "memory", "remote"]


@pytest.fixture(params=BACKENDS)
def backend(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Backend:
    """One backend, empty at the start of the test."""
    if request.param == "embedded":
        return Backend("embedded", f"oxigraph:{tmp_path / 'store'}")
    if request.param == "memory":
        return Backend("memory", "memory:")
    server: Server = request.getfixturevalue("oxigraph_server")
    server.reset()
    # open_store picks the update URL up from the environment, as in production.
    monkeypatch.setenv("EXPORTGRAPH_UPDATE_URL", server.update_url)
    return Backend("remote", f"sparql:{server.query_url}")


@pytest.fixture
def store(backend: Backend) -> Iterator[Store]:
    opened = backend.open()
    yield opened
    opened.close()


@pytest.fixture
def reopen(backend: Backend) -> Iterator[Callable[[Store], Store]]:
    """Close a store and open the same URI again (a fresh handle, as another process would)."""
    opened: list[Store] = []

    def _reopen(current: Store) -> Store:
        assert backend.persistent, "an in-memory store does not outlive its handle"
        current.close()
        opened.append(backend.open())
        return opened[-1]

    yield _reopen
    for handle in opened:
        handle.close()
