"""Approvals interrupted by kill -9 of a real `exportgraph serve` on an on-disk Oxigraph store:
each change is applied whole or not at all, and every acknowledged approval survives."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from exportgraph import namespaces as ns
from exportgraph import paths
from exportgraph.graph.closure import asserted_triples, closure_delta
from exportgraph.graph.journal import read_log, read_state
from exportgraph.services.users import add_user
from exportgraph.store import open_store

from .conftest import fixture_ontology
from .support import XX_COOL

EXPORTGRAPH = Path(sys.executable).parent / "exportgraph"
PAUSED_SERVER = Path(__file__).resolve().parent / "paused_server.py"
CRITERION = XX_COOL.strip("<>")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`exportgraph serve` on a fixture home and an on-disk store, killable with SIGKILL."""

    def __init__(self, home: Path, pause: str | None = None) -> None:
        self.home = home
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.marker = home / "paused"
        self.marker.unlink(missing_ok=True)
        env = {
            **os.environ,
            "EXPORTGRAPH_HOME": str(home),
            "EXPORTGRAPH_USERS": str(home / "users.json"),
        }
        command = [str(EXPORTGRAPH)]
        if pause:  # STAGE:SECONDS
            stage, _, seconds = pause.partition(":")
            command = [sys.executable, str(PAUSED_SERVER), stage, seconds, str(self.marker)]
        self.process = subprocess.Popen(
            [
                *command,
                "serve",
                "--port",
                str(self.port),
                "--store",
                f"oxigraph:{home / 'store'}",
            ],
            cwd=home,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=(home / "server.log").open("ab"),
            start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError((home / "server.log").read_text()[-3000:])
            try:
                if httpx.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("the server did not become ready")

    def kill(self) -> None:
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def home(tmp_path: Path) -> Iterator[Path]:
    root = tmp_path / "home"
    fixture_ontology(root / "ontology")
    for name in ("queries", "shapes"):
        (root / name).symlink_to(paths.project_root() / name)
    yield root


def thresholds(url: str) -> list[str]:
    """The criterion's threshold values in the served graph."""
    graph = httpx.get(f"{url}/v1/graph", headers={"Accept": "application/n-triples"}).text
    return sorted(
        line.split('"')[1]
        for line in graph.splitlines()
        if line.startswith(f"<{CRITERION}> ") and "#thresholdValue>" in line
    )


def propose_threshold(url: str, tokens: dict[str, str], new: str) -> str:
    version = httpx.get(url + "/healthz").json()["data_version"]
    body = {
        "summary": f"XX cooling threshold to {new} mK",
        "rationale": "amended Testland act",
        "base_version": version,
        "remove": f"{XX_COOL} eg:thresholdValue 100 .",
        "add": f"{XX_COOL} eg:thresholdValue {new} .",
    }
    response = httpx.post(
        url + "/v1/changes",
        json=body,
        headers={"Authorization": f"Bearer {tokens['erin']}"},
        timeout=120,
    )
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def approve_in_background(url: str, token: str, change_id: str) -> threading.Thread:
    def call() -> None:
        with contextlib.suppress(httpx.HTTPError):  # the server is killed under it
            httpx.post(
                f"{url}/v1/changes/{change_id}/approve",
                headers={"Authorization": f"Bearer {token}"},
                timeout=120,
            )

    thread = threading.Thread(target=call, daemon=True)
    thread.start()
    return thread


def wait_for(marker: Path) -> None:
    deadline = time.monotonic() + 120
    while not marker.exists():
        assert time.monotonic() < deadline, "the approval never reached the pause"
        time.sleep(0.05)


@pytest.mark.parametrize(("stage", "applied"), [("before", False), ("after", True)])
def test_kill_during_approval_is_all_or_nothing(home: Path, stage: str, applied: bool) -> None:
    tokens = {
        name: add_user(home / "users.json", name, role)
        for name, role in (("erin", "editor"), ("rita", "reviewer"))
    }
    server = Server(home, pause=f"{stage}:120")
    try:
        change_id = propose_threshold(server.url, tokens, "150")
        version_before = httpx.get(server.url + "/healthz").json()["data_version"]
        approve_in_background(server.url, tokens["rita"], change_id)
        wait_for(server.marker)
        server.kill()
    finally:
        server.stop()
    server = Server(home)
    try:
        change = httpx.get(f"{server.url}/v1/changes/{change_id}").json()
        status = change["status"]
        values = thresholds(server.url)
        if applied:
            assert (status, values) == ("approved", ["150"])
            assert (
                change["reviewed_by"] == "rita" and change["applied_on_version"] == version_before
            )
            assert httpx.get(server.url + "/healthz").json()["data_version"] != version_before
        else:
            assert (status, values) == ("proposed", ["100"])
            assert change["reviewed_by"] is None and change["applied_on_version"] is None
            assert httpx.get(server.url + "/healthz").json()["data_version"] == version_before
            # and the change can still be approved, completely
            response = httpx.post(
                f"{server.url}/v1/changes/{change_id}/approve",
                headers={"Authorization": f"Bearer {tokens['rita']}"},
                timeout=120,
            )
            assert response.status_code == 200, response.text
            assert thresholds(server.url) == ["150"]
    finally:
        server.stop()


WRITERS = ("de", "fr", "it")


def _write_until_stopped(
    url: str,
    tokens: dict[str, str],
    language: str,
    stop: threading.Event,
    proposed: dict[str, str],
    acknowledged: dict[str, str],
) -> None:
    """Propose and approve one label change after another until stopped (or the server dies)."""
    editor = {"Authorization": f"Bearer {tokens[f'editor-{language}']}"}
    reviewer = {"Authorization": f"Bearer {tokens[f'reviewer-{language}']}"}
    n = 0
    while not stop.is_set():
        n += 1
        label = f"durability {language} {n}"
        try:
            version = httpx.get(url + "/healthz", timeout=30).json()["data_version"]
            body = {
                "summary": f"label {label}",
                "rationale": "kill -9 test",
                "base_version": version,
                "add": f'parameter:cnot-error skos:altLabel "{label}"@{language} .',
            }
            response = httpx.post(url + "/v1/changes", json=body, headers=editor, timeout=60)
            if response.status_code != 201:
                continue
            change_id = str(response.json()["id"])
            proposed[change_id] = label
            response = httpx.post(
                f"{url}/v1/changes/{change_id}/approve", headers=reviewer, timeout=60
            )
            if response.status_code == 200:
                acknowledged[change_id] = label
        except httpx.HTTPError:
            return  # the server was killed


def test_kill_during_concurrent_approvals_keeps_every_acknowledged_one(home: Path) -> None:
    tokens = {
        f"{role}-{language}": add_user(home / "users.json", f"{role}-{language}", role)
        for language in WRITERS
        for role in ("editor", "reviewer")
    }
    proposed: dict[str, str] = {}
    acknowledged: dict[str, str] = {}
    stop = threading.Event()
    server = Server(home)
    try:
        writers = [
            threading.Thread(
                target=_write_until_stopped,
                args=(server.url, tokens, language, stop, proposed, acknowledged),
                daemon=True,
            )
            for language in WRITERS
        ]
        for thread in writers:
            thread.start()
        deadline = time.monotonic() + 300
        while len(acknowledged) < 6:
            assert time.monotonic() < deadline, f"only {len(acknowledged)} approvals in 300 s"
            time.sleep(0.02)
        time.sleep(random.uniform(0.0, 0.3))  # somewhere in the middle of the next writes
        server.kill()
        stop.set()
        for thread in writers:
            thread.join(timeout=120)
        acknowledged_at_kill = dict(acknowledged)
    finally:
        stop.set()
        server.stop()
    server = Server(home)
    try:
        status = {c["id"]: c["status"] for c in httpx.get(server.url + "/v1/changes").json()}
        graph = httpx.get(
            server.url + "/v1/graph", headers={"Accept": "application/n-triples"}, timeout=60
        ).text
    finally:
        server.stop()
    labels = {label for label in proposed.values() if f'"{label}"@' in graph}
    lost = {c: label for c, label in acknowledged_at_kill.items() if status.get(c) != "approved"}
    assert not lost, f"acknowledged approvals lost: {lost}"
    assert set(acknowledged_at_kill.values()) <= labels
    half = {
        change: (status.get(change), label in labels)
        for change, label in proposed.items()
        if (status.get(change) == "approved") != (label in labels)
    }
    assert not half, f"status and statements disagree: {half}"
    # and the store is consistent: the reasoner's closure is exactly what the approvals left,
    # and every logged write has its own sequence number, the last one in the journal
    with open_store(f"oxigraph:{home / 'store'}") as store:
        asserted = set(asserted_triples(store))
        inferred = set(store.triples(ns.INFERRED_GRAPH))
        assert closure_delta(asserted, inferred, asserted) == ([], [])
        sequences = [entry.sequence for entry in read_log(store)]
        assert sequences == list(range(1, len(sequences) + 1))
        assert read_state(store).sequence == len(sequences)
