"""The server side of bench/mixed_load.py: a real `exportgraph serve` started, settled, killed
and restarted, on a free loopback port, with its users file."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from _process_cpu import settle as settle_process
from _process_cpu import tree_cpu_seconds

BIN = Path(sys.executable).parent
EXPORTGRAPH = str(BIN / "exportgraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """`exportgraph serve` on an on-disk store in a scratch folder."""

    def __init__(self, work: Path, env: dict[str, str]) -> None:
        self.work, self.env = work, env
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        log = (self.work / "server.log").open("ab")
        self.process = subprocess.Popen(
            [EXPORTGRAPH, "serve", "--port", str(self.port), "--store", self.env["STORE"]],
            cwd=self.work,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit((self.work / "server.log").read_text()[-3000:])
            try:
                if httpx.get(self.url + "/healthz", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise SystemExit("the server did not become ready")

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=60)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()

    def cpu_seconds(self) -> float:
        """User + system CPU time so far of the server and its live children (the SPARQL
        workers)."""
        assert self.process is not None
        return tree_cpu_seconds(self.process.pid)


def settle(server: Server, quiet: float = 0.1, longest: float = 180.0) -> float:
    """Wait until the idle server is quiet (its background warm-up done); the seconds waited."""
    return settle_process(server.cpu_seconds, quiet, longest)


def users(env: dict[str, str], writers: int) -> dict[str, str]:
    tokens = {}
    for index in range(writers):
        for role in ("editor", "reviewer"):
            name = f"{role}{index}"
            out = subprocess.run(
                [EXPORTGRAPH, "users", "add", name, "--role", role],
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            tokens[name] = out.strip().splitlines()[-1]
    return tokens
