"""Settings from the environment, in one place."""

from __future__ import annotations

import os
from dataclasses import dataclass

from exportgraph import paths

KIB = 1024
MIB = 1024 * KIB


def _int(name: str, default: int) -> int:
    return int(os.environ.get(name, str(default)))


def _positive(name: str, default: float) -> float:
    """A number above 0 from the environment; a clear error naming the variable otherwise."""
    text = os.environ.get(name, str(default))
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise ValueError(f"{name} must be a number above 0, not {text!r}")
    return value


@dataclass(frozen=True)
class Settings:
    """Runtime settings; every field has an EXPORTGRAPH_* environment variable.

    The request limits (contract §7: 413 over a size limit, 422 over a count or depth limit) are
    per kind of route: single-item routes (classify, assess, change sets, releases) take small
    bodies, batch and upload routes (agreement validation, the agreement upload form) large ones,
    and /sparql a bounded query text.
    """

    store_uri: str
    update_url: str | None
    sparql_timeout_s: float
    sparql_max_rows: int
    users_file: str
    max_body_bytes: int = 1 * MIB
    """EXPORTGRAPH_MAX_BODY: the request body of a single-item route."""
    max_batch_body_bytes: int = 16 * MIB
    """EXPORTGRAPH_MAX_BATCH_BODY: the request body of a batch or upload route."""
    max_json_depth: int = 32
    """EXPORTGRAPH_MAX_JSON_DEPTH: arrays and objects nested in a JSON body."""
    max_json_items: int = 1000
    """EXPORTGRAPH_MAX_JSON_ITEMS: entries of one JSON array or object (a batch's own list too)."""
    max_batch_items: int = 1000
    """EXPORTGRAPH_MAX_BATCH_ITEMS: items of one batch request (agreements to validate)."""
    sparql_max_query_bytes: int = 256 * KIB
    """EXPORTGRAPH_SPARQL_MAX_QUERY: the SPARQL query text (GET parameter, form field or body)."""
    sparql_max_memory_mb: int = 2048
    """EXPORTGRAPH_SPARQL_MAX_MEMORY_MB: the memory of one SPARQL worker process."""
    answer_cache_bytes: int = 32 * MIB
    """EXPORTGRAPH_ANSWER_CACHE_BYTES: classification and assessment answers kept in memory."""
    sparql_cache_bytes: int = 32 * MIB
    """EXPORTGRAPH_SPARQL_CACHE_BYTES: SPARQL results kept in memory for the state of the store
    they were computed on (0: none kept)."""
    max_bulk_body_bytes: int = 512 * MIB
    """EXPORTGRAPH_MAX_BULK_BODY: the request body of a classification batch or a what-if corpus
    (POST /v1/classify/batch, POST /v1/impact): a million items fit."""
    max_bulk_items: int = 1_000_000
    """EXPORTGRAPH_MAX_BULK_ITEMS: items of one classification batch or what-if corpus."""
    switch_interval_ms: float = 1.0
    """EXPORTGRAPH_SWITCH_INTERVAL_MS: how long the served app's interpreter lets one thread run
    before another may take over (Python's default is 5 ms). Writes run on threads of their own
    beside the event loop that answers reads; under a full read load every pause of a write
    (a file or store call) waited up to this long to resume, so approvals took 1.5-1.8 s at
    5 ms and 0.5-0.6 s at 1 ms (bench/mixed_load.py), with reads under writes ~0.95x and ~0.75x
    of reads alone. Larger favours reads, smaller favours writes."""

    @classmethod
    def from_env(cls) -> Settings:
        return cls(
            store_uri=os.environ.get("EXPORTGRAPH_STORE") or paths.default_store_uri(),
            update_url=os.environ.get("EXPORTGRAPH_UPDATE_URL") or None,
            sparql_timeout_s=float(os.environ.get("EXPORTGRAPH_SPARQL_TIMEOUT", "5")),
            sparql_max_rows=_int("EXPORTGRAPH_SPARQL_MAX_ROWS", 10000),
            users_file=os.environ.get("EXPORTGRAPH_USERS") or paths.default_users_file(),
            max_body_bytes=_int("EXPORTGRAPH_MAX_BODY", cls.max_body_bytes),
            max_batch_body_bytes=_int("EXPORTGRAPH_MAX_BATCH_BODY", cls.max_batch_body_bytes),
            max_json_depth=_int("EXPORTGRAPH_MAX_JSON_DEPTH", cls.max_json_depth),
            max_json_items=_int("EXPORTGRAPH_MAX_JSON_ITEMS", cls.max_json_items),
            max_batch_items=_int("EXPORTGRAPH_MAX_BATCH_ITEMS", cls.max_batch_items),
            sparql_max_query_bytes=_int("EXPORTGRAPH_SPARQL_MAX_QUERY", cls.sparql_max_query_bytes),
            sparql_max_memory_mb=_int("EXPORTGRAPH_SPARQL_MAX_MEMORY_MB", cls.sparql_max_memory_mb),
            answer_cache_bytes=_int("EXPORTGRAPH_ANSWER_CACHE_BYTES", cls.answer_cache_bytes),
            sparql_cache_bytes=_int("EXPORTGRAPH_SPARQL_CACHE_BYTES", cls.sparql_cache_bytes),
            max_bulk_body_bytes=_int("EXPORTGRAPH_MAX_BULK_BODY", cls.max_bulk_body_bytes),
            max_bulk_items=_int("EXPORTGRAPH_MAX_BULK_ITEMS", cls.max_bulk_items),
            switch_interval_ms=_positive("EXPORTGRAPH_SWITCH_INTERVAL_MS", cls.switch_interval_ms),
        )
