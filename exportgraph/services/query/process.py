"""One SPARQL worker process (services/query/worker.py), spoken to over its stdin and stdout."""

from __future__ import annotations

import select
import signal
import subprocess
import sys
from typing import Any

from exportgraph.services.query import worker as sparql_worker
from exportgraph.services.query.copies import Prepared

LOAD_TIMEOUT_S = 120.0


class WorkerProcess:
    """One worker process (`python sparql_worker.py`), spoken to over its stdin and stdout."""

    def __init__(self, max_memory_mb: int) -> None:
        self.process = subprocess.Popen(
            [sys.executable, sparql_worker.__file__, str(max_memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            bufsize=0,
            close_fds=True,
        )
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in = self.process.stdin.fileno()
        self._out = self.process.stdout.fileno()
        self.state: str | None = None

    def send(self, message: Any) -> None:
        sparql_worker.write_frame(self._in, message)

    def receive(self, timeout: float) -> Any:
        """The next reply, or raise TimeoutError when none comes within `timeout` seconds."""
        ready, _, _ = select.select([self._out], [], [], max(0.0, timeout))
        if not ready:
            raise TimeoutError
        return sparql_worker.read_frame(self._out)

    def load(self, prepared: Prepared) -> bool:
        """Make the worker hold `prepared` (loading a dump can take a moment; no deadline);
        True when it had to load anything."""
        if self.state == prepared.state:
            return False
        self.send({**prepared.message(self.state), "query": None})
        reply = self.receive(LOAD_TIMEOUT_S)
        if reply[0] != "loaded":
            raise OSError(f"the SPARQL worker could not load the data: {reply[1]}")
        self.state = prepared.state
        return True

    def ran_out_of_memory(self) -> bool:
        """Whether the worker died of its memory limit (a failed allocation aborts it)."""
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return False
        return code in (-signal.SIGABRT, -signal.SIGKILL, sparql_worker.OUT_OF_MEMORY)

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=5)
        self._close_pipes()

    def stop(self) -> None:
        try:
            self.send(None)
            self.process.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait(timeout=2)
        self._close_pipes()

    def _close_pipes(self) -> None:
        for stream in (self.process.stdin, self.process.stdout):
            if stream is not None:
                stream.close()
