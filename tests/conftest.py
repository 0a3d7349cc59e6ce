"""Fixtures shared by every suite: a real `oxigraph serve` on loopback for remote-store tests."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.response_guard import guard_responses  # noqa: F401  (autouse: no response drops a member)

# Files whose tests take the most time of one worker (installs, whole-graph approvals and
# reasoning, schemathesis, impact over the product corpus), longest first: collected first, and
# under `-n 2 --dist loadfile` handed out in that order (tests/xdist_schedule.py), so that they
# start at once and a long file never starts last (the run's tail).
LONG_FILES = (  # by their summed time in a whole quiet run (2026-12-06, 0cc752a)
    "packaging/test_installs.py",  # 148 s
    "browser/",  # ~80 s, one unit (tests/xdist_schedule.py): its warmed server is started once
    "knowledge/test_incremental.py",  # 60 s
    "terminology/test_end_to_end.py",  # 53 s
    "batch/test_impact.py",  # 44 s
    "knowledge/test_cli_data.py",  # 36 s
    "knowledge/test_reasoning.py",  # 29 s
    "api/test_schemathesis.py",  # 23 s
    "partners/test_wording.py",  # 22 s
    "batch/test_equivalence.py",  # 22 s
    "terminology/test_durability.py",  # 17 s
    "partners/test_non_finite_thresholds.py",  # 15 s
    "partners/test_engines.py",  # 14 s
)


@pytest.hookimpl(trylast=True)  # after the tmp_path plugin's
def pytest_configure(config: pytest.Config) -> None:
    """Under xdist, the processes of this run share one build of the real graph (tests/
    real_graph.py), in the run's temporary folder (pytest keeps the last three runs' folders)."""
    if hasattr(config, "workerinput"):
        from tests import real_graph

        basetemp = config._tmp_path_factory.getbasetemp()  # type: ignore[attr-defined]
        real_graph.SHARED = basetemp.parent / "shared-real-graph"


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log: Any) -> Any:
    """Under `--dist loadfile`, the files in the collection's order (see tests/xdist_schedule.py)."""
    if config.getvalue("dist") != "loadfile":
        return None
    from tests.xdist_schedule import LongFilesFirst

    return LongFilesFirst(config, log)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long files first (in LONG_FILES order), every other test after them as collected."""
    here = Path(__file__).resolve().parent

    def rank(item: pytest.Item) -> int:
        name = Path(str(item.fspath)).resolve().relative_to(here).as_posix()
        for position, long in enumerate(LONG_FILES):  # a file, or a folder ending in "/"
            if name == long or (long.endswith("/") and name.startswith(long)):
                return position
        return len(LONG_FILES)

    items.sort(key=rank)  # stable: the order inside a file (and of the rest) is kept


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
