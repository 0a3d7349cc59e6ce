"""Warming a served app up in the background: the knowledge index first (what the first reads
need), then what the first terminology write is checked against. /healthz and requests are
answered meanwhile; a request needing a value in progress waits for it rather than computing it
again (each is built once per data version)."""

from __future__ import annotations

import logging
import threading

from exportgraph.api import warm_index

from exportgraph.graph.context import Context
from exportgraph.services.standards.write_warmup import prepare_writes

log = logging.getLogger("exportgraph.warm_up")


def _warm(context: Context) -> None:
    try:
        warm_index.in_thread(context)
        prepare_writes(context.store)
    except Exception:  # the first request then computes what is missing and reports any error
        log.exception("warming up failed; the first requests compute what they need")


def start(context: Context) -> threading.Thread:
    """Start warming `context` up in a thread of its own; returns the thread."""
    thread = threading.Thread(
        target=_warm, args=(context,), name="exportgraph-warm-up", daemon=True
    )
    thread.start()
    return thread
