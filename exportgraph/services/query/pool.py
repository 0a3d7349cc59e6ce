"""The pool of SPARQL worker processes: a deadline per query, one dump of the store per data version.

Accepted queries go to a small pool of worker processes (services/query/worker.py), each holding an
in-memory copy of the store: a whole dump (readers keep the previous copy while a new one is
written), then, after each logged write of this process (a proposal, a review, an approval), the
statements it deleted and inserted instead of a new dump (a worker at the previous state applies
only those; services/query/copies.py, graph/deltas.py). A query that overruns
its time is stopped by killing its worker; a worker that needs more memory than its limit dies;
the other workers keep serving, and a replacement is started and loaded at once, in the
background, so the next query does not wait for a process to start and load the data.
"""

from __future__ import annotations

import atexit
import logging
import os
import queue
import shutil
import tempfile
import threading
import time
from typing import TYPE_CHECKING

from exportgraph.errors import QueryTimeout
from exportgraph.graph import deltas
from exportgraph.graph.journal import known_state, read_state
from exportgraph.services.kept_answers import Kept
from exportgraph.services.query.checks import check_query, check_size
from exportgraph.services.query.copies import Prepared, followed
from exportgraph.services.query.footprint import footprint, touched
from exportgraph.services.query.kept import Flights, KeptResults, Key, repeatable
from exportgraph.services.query.limits import left, memory_exceeded, stopped, unpack
from exportgraph.services.query.process import WorkerProcess

if TYPE_CHECKING:
    from exportgraph.graph.context import Context
    from exportgraph.settings import Settings

DEFAULT_WORKERS = 2
log = logging.getLogger("exportgraph.sparql")


class SparqlPool:
    """Worker processes with a deadline per query; one dump of the store per data version."""

    def __init__(self, size: int = DEFAULT_WORKERS, max_memory_mb: int = 2048) -> None:
        self.size = size
        self.max_memory_mb = max_memory_mb
        self._idle: queue.Queue[WorkerProcess] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()
        self._dumping = threading.Lock()
        self._dir = tempfile.mkdtemp(prefix="exportgraph-sparql-")
        self._prepared: Prepared | None = None
        self._closed = False
        self.kept = KeptResults()
        """Results of this pool's queries by the state they were computed on (Settings.
        sparql_cache_bytes): a query asked again before the store moves on is not run again."""
        self._flights = Flights()

    def _acquire(self, timeout: float) -> WorkerProcess:
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
            return WorkerProcess(self.max_memory_mb)
        except Exception:
            with self._lock:
                self._started -= 1
            raise

    def _release(self, worker: WorkerProcess) -> None:
        self._idle.put(worker)

    def _replace(self, worker: WorkerProcess) -> None:
        """Kill `worker` and start its replacement in the background (it counts as started at
        once, so a request waits for it, or for another idle worker, instead of starting one)."""
        worker.kill()
        with self._lock:
            if self._closed:
                self._started -= 1
                return
        threading.Thread(target=self._start_replacement, name="sparql-worker", daemon=True).start()

    def _start_replacement(self) -> None:
        try:
            worker = WorkerProcess(self.max_memory_mb)
        except Exception:
            log.exception("a SPARQL worker could not be started; the next query starts one")
            with self._lock:
                self._started -= 1
            return
        with self._lock:
            prepared = self._prepared
        try:
            if prepared is not None:
                worker.load(prepared)
        except (OSError, EOFError, TimeoutError):
            worker.kill()
            with self._lock:
                self._started -= 1
            return
        with self._lock:
            if not self._closed:
                self._idle.put(worker)
                return
        worker.stop()

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
        # preparing a data version (dumping it, loading it into a worker) is the service's work,
        # not the query's: the query keeps the time it had when that work began
        preparing = time.monotonic()
        prepared = self.dump_for(context)
        deadline += time.monotonic() - preparing
        key = _key(prepared.state, text, results_type, graph_type, settings)
        found = self.kept.get(key) or self._carried(prepared, key, settings)
        if found is not None:  # kept only after the text passed check_query and ran
            return found
        check_query(text)
        keeps = settings.sparql_cache_bytes > 0 and repeatable(text)
        running = self._flights.lead(key) if keeps else None
        if running is not None:  # the same question on the same state is being answered
            running.wait(left(deadline, limit_s))
            found = self.kept.get(key)
            if found is not None:
                return found
            keeps = False  # it was not answered (an error, or another state): run it here
        try:
            return self._answer(context, prepared, text, results_type, graph_type, deadline, keeps)
        finally:
            if keeps:
                self._flights.land(key)

    def kept_now(
        self, context: Context, text: str, results_type: str, graph_type: str
    ) -> Kept | None:
        """The result kept for the store's current state, when that state is known without a
        query and a result is kept for it; else None (never queries, never waits on a worker:
        safe on an event loop)."""
        store = context.opened_store()
        known = None if store is None else known_state(store)
        if known is None:
            return None
        state = deltas.state_of(known.data_version, known.sequence)
        return self.kept.get(_key(state, text, results_type, graph_type, context.settings))

    def _carried(self, prepared: Prepared, key: Key, settings: Settings) -> Kept | None:
        """The result kept for the same question at an earlier state, when no statement written
        since can change it (footprint.py); it is then kept for this state too."""
        question = key[1:]
        earlier = self.kept.latest(question)
        if earlier is None or earlier == prepared.state:
            return None
        found = self.kept.get((earlier, *question))
        if found is None:
            return None
        shape = footprint(key[1])
        changed = None if shape is None else prepared.changed_since(earlier)
        if shape is None or changed is None or touched(shape, changed):
            return None
        self.kept.put(key, found, settings.sparql_cache_bytes)
        return found

    def _answer(
        self,
        context: Context,
        prepared: Prepared,
        text: str,
        results_type: str,
        graph_type: str,
        deadline: float,
        keep: bool,
    ) -> tuple[str, bytes]:
        """Run a checked query in a worker brought to `prepared` (or further), keeping its
        result when `keep`."""
        settings = context.settings
        limit_s = settings.sparql_timeout_s
        worker = self._acquire(left(deadline, limit_s))
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
            raise stopped(limit_s) from None
        except (EOFError, OSError):
            out_of_memory = worker.ran_out_of_memory()
            self._replace(worker)
            if out_of_memory:
                raise memory_exceeded(self.max_memory_mb) from None
            raise QueryTimeout(
                "query: the SPARQL worker stopped; the query was not answered", field="query"
            ) from None
        self._release(worker)
        answer = unpack(reply, settings.sparql_max_rows)
        if keep:
            key = _key(prepared.state, text, results_type, graph_type, settings)
            self.kept.put(key, answer, settings.sparql_cache_bytes)
        return answer

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


def _key(state: str, text: str, results_type: str, graph_type: str, settings: Settings) -> Key:
    return (state, text, results_type, graph_type, settings.sparql_max_rows)


def _remove_later(path: str) -> None:
    # A worker may still be loading the previous dump; keep it a little while.
    def remove() -> None:
        if os.path.exists(path):
            os.remove(path)

    timer = threading.Timer(60.0, remove)
    timer.daemon = True
    timer.start()


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
