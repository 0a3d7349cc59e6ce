"""A query's limits (time, rows, memory) and what the endpoint answers when one is reached: the
time limit runs from the moment the request arrived and an overrun is 503; a result over the row
limit and a worker that needs more than its memory are 413; a worker's reply becomes the answer
or the error it names."""

from __future__ import annotations

import time
from typing import Any

from exportgraph.errors import InvalidInput, Limit, MalformedInput, QueryTimeout, QueryTooLarge


def left(deadline: float, limit_s: float) -> float:
    """Seconds left before the deadline; QueryTimeout when none are."""
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise stopped(limit_s)
    return remaining


def stopped(limit_s: float) -> QueryTimeout:
    return QueryTimeout(f"query: stopped after the {limit_s:g} s time limit", field="query")


def memory_exceeded(max_memory_mb: int) -> QueryTooLarge:
    return QueryTooLarge(
        f"query: stopped: it needed more than the {max_memory_mb} MiB of memory a "
        "SPARQL worker may use (set by EXPORTGRAPH_SPARQL_MAX_MEMORY_MB); ask for fewer "
        "or smaller results, or sort and group less at once",
        field="query",
        limit=Limit("EXPORTGRAPH_SPARQL_MAX_MEMORY_MB", max_memory_mb, "MiB"),
    )


def unpack(reply: tuple[Any, ...], max_rows: int) -> tuple[str, bytes]:
    """A worker's reply as (media type, body), or the error it names."""
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
