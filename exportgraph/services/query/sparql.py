"""The read-only SPARQL service (contract §6): check, run with a deadline, serialize.

User SPARQL never runs in the API process. `check_query` tokenizes the text (strings, comments
and IRIs are skipped, so a keyword inside a literal is harmless) and refuses updates, SERVICE,
LOAD and FROM / FROM NAMED naming anything but a graph of this store, before evaluation. Accepted
queries go to a small pool of worker processes (services/query/worker.py), each holding an
in-memory copy of the store: a whole dump (readers keep the previous copy while a new one is
written), then, after each logged write of this process (a proposal, a review, an approval), the
statements it deleted and inserted instead of a new dump (a worker at the previous state applies
only those; services/query/copies.py, graph/deltas.py). A query text
over the size limit is refused before it is read (413); the time limit runs from the moment the
request arrived, checking included, and a query that overruns it is stopped by killing its worker
(503); a worker that needs more memory than its limit dies and the query is answered 413; a
result larger than the row limit is refused (413); the other workers keep serving.

Public API:
- `check_query(text) -> None` (QueryRefused / MalformedInput)
- `check_size(text, max_bytes) -> None` (ContentTooLarge)
- `execute(context, text, results_type, graph_type, started=None) -> (media type, bytes)`
- `run_query_text(context, text, output_format) -> str` (the `exportgraph query` command:
  json, csv or table)
"""

from __future__ import annotations

import atexit
import io
import json
import os
import queue
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from exportgraph import namespaces as ns
from exportgraph.errors import (
    ContentTooLarge,
    InvalidInput,
    Limit,
    MalformedInput,
    QueryRefused,
    QueryTimeout,
    QueryTooLarge,
)
from exportgraph.graph import deltas
from exportgraph.graph.journal import read_state
from exportgraph.services.query import worker as sparql_worker
from exportgraph.services.query.copies import Prepared, followed

if TYPE_CHECKING:
    from exportgraph.graph.context import Context

RESULT_TYPES = tuple(sparql_worker.RESULT_TYPES)
GRAPH_TYPES = tuple(sparql_worker.GRAPH_TYPES)
DEFAULT_WORKERS = 2
_LOAD_TIMEOUT_S = 120.0
LOCAL_GRAPHS = ns.EGID  # FROM may name graphs of this store only

# --------------------------------------------------------------------------- checking

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
    | (?P<var>[?$]\w+)
    | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
    | (?P<bnode>_:[\w.-]+)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UPDATE_WORDS = {"INSERT", "DELETE", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
MAX_NESTING = 64
"""Deepest nesting of brackets (or run of prefix operators) checked queries may have: the parser
recurses on each level, and far deeper queries crash or stall it."""
_OPENING, _CLOSING, _PREFIX_OPERATORS = "{([", "})]", "!^-+"


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def tokens(text: str) -> list[Token]:
    """The significant tokens of a SPARQL text (whitespace and comments dropped)."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            found.append(Token(kind, match.group(), match.start()))
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def query_size_limit(max_bytes: int) -> Limit:
    return Limit("EXPORTGRAPH_SPARQL_MAX_QUERY", max_bytes, "bytes")


def check_size(text: str, max_bytes: int) -> None:
    """Refuse (413) a query text over `max_bytes` of UTF-8, before anything tokenizes it."""
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ContentTooLarge(
            f"query: the query text has {size} bytes; at most {max_bytes} are accepted (set by "
            "EXPORTGRAPH_SPARQL_MAX_QUERY): ask for less at once, or split the query",
            field="query",
            limit=query_size_limit(max_bytes),
        )


def check_query(text: str) -> None:
    """Refuse what the read-only endpoint never runs; raises QueryRefused naming the term and line."""
    if not isinstance(text, str) or not text.strip():
        raise MalformedInput("query: an empty query", field="query")
    found = tokens(text)
    _check_nesting(text, found)
    for index, token in enumerate(found):
        if token.kind != "word":
            continue
        word = token.text.upper()
        where = f"line {_line(text, token.offset)}"
        if word == "SERVICE":
            raise QueryRefused(
                f"query: SERVICE (federated query) is not allowed ({where})", field="query"
            )
        if word == "LOAD":
            raise QueryRefused(
                f"query: LOAD is not allowed: the endpoint is read-only ({where})", field="query"
            )
        if word in _UPDATE_WORDS:
            raise QueryRefused(
                f"query: {word} is an update; the endpoint is read-only ({where})", field="query"
            )
        if word == "FROM":
            _check_from(text, found, index, where)


def _check_nesting(text: str, found: list[Token]) -> None:
    """Refuse brackets nested (or prefix operators repeated) deeper than MAX_NESTING."""
    depth = run = 0
    for token in found:
        symbol = token.text if token.kind == "other" else " "  # one character
        depth += (symbol in _OPENING) - (symbol in _CLOSING)
        run = run + 1 if symbol in _PREFIX_OPERATORS else 0
        if depth > MAX_NESTING or run > MAX_NESTING:
            raise MalformedInput(
                f"query: nested deeper than {MAX_NESTING} levels (line {_line(text, token.offset)})",
                field="query",
            )


def _check_from(text: str, found: list[Token], index: int, where: str) -> None:
    following = found[index + 1 : index + 3]
    if following and following[0].kind == "word" and following[0].text.upper() == "NAMED":
        following = following[1:]
    target = following[0] if following else None
    if target is None or target.kind != "iri" or not target.text[1:-1].startswith(LOCAL_GRAPHS):
        shown = target.text if target else "(nothing)"
        raise QueryRefused(
            f"query: FROM {shown} is not allowed: only graphs of this store (<{LOCAL_GRAPHS}…>) may be "
            f"named ({where})",
            field="query",
        )


# --------------------------------------------------------------------------- the worker pool


class _Worker:
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
        reply = self.receive(_LOAD_TIMEOUT_S)
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


class SparqlPool:
    """Worker processes with a deadline per query; one dump of the store per data version."""

    def __init__(self, size: int = DEFAULT_WORKERS, max_memory_mb: int = 2048) -> None:
        self.size = size
        self.max_memory_mb = max_memory_mb
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()
        self._dumping = threading.Lock()
        self._dir = tempfile.mkdtemp(prefix="exportgraph-sparql-")
        self._prepared: Prepared | None = None
        self._closed = False

    def _acquire(self, timeout: float) -> _Worker:
        """An idle worker, or a new one while the pool is below its size; waits up to `timeout`."""
        give_up = time.monotonic() + timeout
        while True:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                pass
            with self._lock:
                if self._started < self.size:
                    self._started += 1
                    break
            if time.monotonic() >= give_up:
                raise QueryTimeout(
                    "query: every SPARQL worker is busy; try again shortly", field="query"
                )
            try:
                return self._idle.get(timeout=0.05)
            except queue.Empty:
                continue
        try:
            return _Worker(self.max_memory_mb)
        except Exception:
            with self._lock:
                self._started -= 1
            raise

    def _release(self, worker: _Worker) -> None:
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._started -= 1

    def dump_for(self, context: Context) -> Prepared:
        """What a worker must hold to answer for the store as it is now (data version and journal
        sequence): the last whole dump and the statements each write of this process changed
        since (copies.followed), or a new whole dump when those are not known. So /sparql never
        lags a write, and a write costs the workers only what it changed.

        Each dump is written once, by the first request that finds the store moved on; while it
        writes, every other request answers from the previous one (the state it names) instead of
        waiting. Only a request with no dump at all waits for the first one."""
        journal = read_state(context.store)
        state = deltas.state_of(journal.data_version, journal.sequence)
        with self._lock:
            held = self._prepared
        if held is not None and held.state == state:
            return held
        if not self._dumping.acquire(blocking=held is None):
            assert held is not None
            return held  # another request is writing the new dump
        try:
            with self._lock:
                held = self._prepared
            # the state read above may be older than what another request prepared since
            journal = read_state(context.store)
            state = deltas.state_of(journal.data_version, journal.sequence)
            if held is not None and held.state == state:
                return held
            prepared = None if held is None else followed(context.store, held, state)
            if prepared is None:
                path = self._path()
                context.store.dump(path)
                prepared = Prepared(state, path, state)
            with self._lock:
                self._prepared = prepared
        finally:
            self._dumping.release()
        if held is not None:
            for old in held.files() - prepared.files():
                _remove_later(old)
        return prepared

    def _path(self) -> str:
        return os.path.join(self._dir, f"{time.monotonic_ns()}.nq")

    def run(
        self,
        context: Context,
        text: str,
        results_type: str,
        graph_type: str,
        started: float | None = None,
    ) -> tuple[str, bytes]:
        """Check, run and serialize a query within the context's time, size and memory limits;
        the time limit counts from `started` (time.monotonic() when the request arrived)."""
        settings = context.settings
        limit_s = settings.sparql_timeout_s
        deadline = (time.monotonic() if started is None else started) + limit_s
        check_size(text, settings.sparql_max_query_bytes)
        check_query(text)
        # preparing a data version (dumping it, loading it into a worker) is the service's work,
        # not the query's: the query keeps the time it had when that work began
        preparing = time.monotonic()
        prepared = self.dump_for(context)
        deadline += time.monotonic() - preparing
        worker = self._acquire(_left(deadline, limit_s))
        with self._lock:  # a worker brought further meanwhile is never taken back
            if worker.state != prepared.state and self._prepared is not None:
                prepared = self._prepared
        message = {
            **prepared.held(),
            "query": text,
            "results_type": results_type,
            "graph_type": graph_type,
            "max_rows": settings.sparql_max_rows,
        }
        try:
            loading = time.monotonic()
            if worker.load(prepared):
                deadline += time.monotonic() - loading
            worker.send(message)
            reply = worker.receive(max(0.0, deadline - time.monotonic()))
        except TimeoutError:
            self._replace(worker)
            raise _stopped(limit_s) from None
        except (EOFError, OSError):
            out_of_memory = worker.ran_out_of_memory()
            self._replace(worker)
            if out_of_memory:
                raise QueryTooLarge(
                    f"query: stopped: it needed more than the {self.max_memory_mb} MiB of memory a "
                    "SPARQL worker may use (set by EXPORTGRAPH_SPARQL_MAX_MEMORY_MB); ask for fewer "
                    "or smaller results, or sort and group less at once",
                    field="query",
                    limit=Limit("EXPORTGRAPH_SPARQL_MAX_MEMORY_MB", self.max_memory_mb, "MiB"),
                ) from None
            raise QueryTimeout(
                "query: the SPARQL worker stopped; the query was not answered", field="query"
            ) from None
        self._release(worker)
        return _unpack(reply, settings.sparql_max_rows)

    def warm(self, context: Context) -> None:
        """Start every worker and load the current data, so first queries are not slowed down."""
        prepared = self.dump_for(context)
        workers = [self._acquire(60.0) for _ in range(self.size)]
        for worker in workers:
            try:
                worker.load(prepared)
            except (OSError, EOFError):
                self._replace(worker)
                continue
            self._release(worker)

    def close(self) -> None:
        """Stop every worker and remove the dumps."""
        self._closed = True
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                break
        shutil.rmtree(self._dir, ignore_errors=True)


def _left(deadline: float, limit_s: float) -> float:
    """Seconds left before the deadline; QueryTimeout when none are."""
    left = deadline - time.monotonic()
    if left <= 0:
        raise _stopped(limit_s)
    return left


def _stopped(limit_s: float) -> QueryTimeout:
    return QueryTimeout(f"query: stopped after the {limit_s:g} s time limit", field="query")


def _remove_later(path: str) -> None:
    # A worker may still be loading the previous dump; keep it a little while.
    def remove() -> None:
        if os.path.exists(path):
            os.remove(path)

    timer = threading.Timer(60.0, remove)
    timer.daemon = True
    timer.start()


def _unpack(reply: tuple[Any, ...], max_rows: int) -> tuple[str, bytes]:
    status = reply[0]
    if status == "ok":
        return reply[1], reply[2]
    if status == "too-large":
        raise QueryTooLarge(
            f"query: the result has more than {max_rows} rows or triples (set by "
            "EXPORTGRAPH_SPARQL_MAX_ROWS): ask for fewer with LIMIT, or page with OFFSET",
            field="query",
            limit=Limit("EXPORTGRAPH_SPARQL_MAX_ROWS", max_rows, "rows"),
        )
    if status == "syntax":
        raise MalformedInput(f"query: {reply[1]}", field="query")
    raise InvalidInput(f"query: {reply[1]}", field="query")


_POOLS: dict[int, SparqlPool] = {}
_POOLS_LOCK = threading.Lock()


def pool(context: Context) -> SparqlPool:
    """The worker pool of a context (created on first use, stopped at exit)."""
    with _POOLS_LOCK:
        found = _POOLS.get(id(context))
        if found is None:
            found = SparqlPool(max_memory_mb=context.settings.sparql_max_memory_mb)
            _POOLS[id(context)] = found
        return found


def close_pool(context: Context) -> None:
    """Stop the context's workers (tests and shutdown)."""
    with _POOLS_LOCK:
        found = _POOLS.pop(id(context), None)
    if found is not None:
        found.close()


@atexit.register
def _close_all() -> None:
    for found in list(_POOLS.values()):
        found.close()


def execute(
    context: Context,
    text: str,
    results_type: str = RESULT_TYPES[0],
    graph_type: str = GRAPH_TYPES[0],
    started: float | None = None,
) -> tuple[str, bytes]:
    """Run a user query in the context's pool; returns (media type, body). The time limit counts
    from `started` (time.monotonic() when the request arrived; default now)."""
    if results_type not in RESULT_TYPES:
        raise InvalidInput(f"format: unsupported results type {results_type!r}", field="format")
    if graph_type not in GRAPH_TYPES:
        raise InvalidInput(f"format: unsupported graph type {graph_type!r}", field="format")
    return pool(context).run(context, text, results_type, graph_type, started)


# --------------------------------------------------------------------------- the CLI


def run_query_text(context: Context, text: str, output_format: str) -> str:
    """The `exportgraph query` command: json, csv or table; refuses what /sparql refuses."""
    if output_format not in ("json", "csv", "table"):
        raise InvalidInput(
            f"--format: expected json, csv or table, got {output_format!r}", field="format"
        )
    results_type = {"json": RESULT_TYPES[0], "csv": "text/csv", "table": RESULT_TYPES[0]}[
        output_format
    ]
    graph_type = {
        "json": "application/ld+json",
        "csv": "application/n-triples",
        "table": "text/turtle",
    }[output_format]
    runner = SparqlPool(size=1, max_memory_mb=context.settings.sparql_max_memory_mb)
    try:
        media, body = runner.run(context, text, results_type, graph_type)
    finally:
        runner.close()
    decoded = body.decode("utf-8")
    if output_format != "table" or media != RESULT_TYPES[0]:
        return decoded if decoded.endswith("\n") else decoded + "\n"
    return _table(json.loads(decoded))


def _table(results: dict[str, Any]) -> str:
    from rich.console import Console
    from rich.table import Table

    console = Console(record=True, width=200, file=io.StringIO())
    if "boolean" in results:
        return ("true" if results["boolean"] else "false") + "\n"
    names = results["head"]["vars"]
    table = Table(*names)
    for binding in results["results"]["bindings"]:
        table.add_row(*(binding[name]["value"] if name in binding else "" for name in names))
    console.print(table)
    console.print(f"{len(results['results']['bindings'])} row(s)")
    return console.export_text()
