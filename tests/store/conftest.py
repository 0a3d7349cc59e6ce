"""Fixtures: the same suite runs against embedded (RocksDB), memory and a real Oxigraph server."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from exportgraph.store import Store, open_store


def _oxigraph_binary() -> str | None:
    found = shutil.which("oxigraph")
    if found:
        return found
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.exists() else None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@dataclass(frozen=True)
class Server:
    """A running `oxigraph serve` on loopback."""

    base: str

    @property
    def query_url(self) -> str:
        return f"{self.base}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base}/update"

    def reset(self) -> None:
        httpx.post(self.update_url, data={"update": "DROP ALL"}, timeout=10).raise_for_status()


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`oxigraph serve --location <tmp> --bind 127.0.0.1:<free port>`, killed at the end.

    Skipped only when the binary is missing outside CI; under CI a missing binary fails.
    """
    binary = _oxigraph_binary()
    if binary is None:
        message = "the oxigraph server binary is missing (pip install oxigraph)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    port = _free_port()
    location = tmp_path_factory.mktemp("oxigraph-server")
    process = subprocess.Popen(
        [binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    server = Server(f"http://127.0.0.1:{port}")
    try:
        deadline = time.monotonic() + 15
        while True:
            if process.poll() is not None:
                assert process.stderr is not None
                pytest.fail(
                    f"oxigraph serve exited: {process.stderr.read().decode(errors='replace')}"
                )
            try:
                httpx.get(
                    server.query_url, params={"query": "ASK {}"}, timeout=1
                ).raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    pytest.fail("oxigraph serve did not answer within 15 s")
                time.sleep(0.05)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


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
