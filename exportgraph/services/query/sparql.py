"""The read-only SPARQL service (contract §6): check, run with a deadline, serialize.

User SPARQL never runs in the API process. The text is checked first (checks.py: no update,
SERVICE, LOAD, or FROM naming another store; a text over the size limit is refused before it is
read), then run by a pool of worker processes (pool.py, process.py, worker.py) that each hold an
in-memory copy of the store (copies.py), within the time, row and memory limits (limits.py).

Public API:
- `check_query(text) -> None` (QueryRefused / MalformedInput)
- `check_size(text, max_bytes) -> None` (ContentTooLarge)
- `execute(context, text, results_type, graph_type, started=None) -> (media type, bytes)`
- `kept(context, text, results_type, graph_type) -> (media type, bytes) | None` (on the event loop)
- `run_once(context, text, results_type, graph_type) -> (media type, bytes)` (one worker, stopped
  after: the `exportgraph query` command, presentation/sparql_text.py)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from exportgraph.errors import InvalidInput
from exportgraph.services.query import worker as sparql_worker
from exportgraph.services.query.checks import check_query, check_size
from exportgraph.services.query.pool import SparqlPool, close_pool, pool

if TYPE_CHECKING:
    from exportgraph.graph.context import Context

__all__ = [
    "GRAPH_TYPES",
    "RESULT_TYPES",
    "SparqlPool",
    "check_query",
    "check_size",
    "close_pool",
    "execute",
    "kept",
    "pool",
    "run_once",
]

RESULT_TYPES = tuple(sparql_worker.RESULT_TYPES)
GRAPH_TYPES = tuple(sparql_worker.GRAPH_TYPES)


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


def kept(
    context: Context, text: str, results_type: str, graph_type: str
) -> tuple[str, bytes] | None:
    """The result of `text` kept for the store's current state, if one is and that state is
    known without a query (safe on an event loop); else None: `execute` it."""
    if len(text) > context.settings.sparql_max_query_bytes:
        return None
    return pool(context).kept_now(context, text, results_type, graph_type)


def run_once(context: Context, text: str, results_type: str, graph_type: str) -> tuple[str, bytes]:
    """Run one query in a pool of its own (one worker, stopped after); refuses what /sparql
    refuses."""
    runner = SparqlPool(size=1, max_memory_mb=context.settings.sparql_max_memory_mb)
    try:
        return runner.run(context, text, results_type, graph_type)
    finally:
        runner.close()
