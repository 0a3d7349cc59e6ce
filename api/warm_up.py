"""Warming a served app up in the background: the knowledge index first (what the first reads
need), the classify form's fields (every unit tried against every canonical unit) and the search
index (the first search), then what the first terminology write is checked against, the
restricted-party list's index (the first screening, assessment or agreement naming parties) and
the base of the what-if sandbox (the first review page of a pending change; after writes,
exportgraph.api.after_writes builds it for each new version once they pause). /healthz and
requests are answered meanwhile; a request needing a value in progress waits for it rather than
computing it again (each is built once per data version). Once warm, what was built is moved out
of the cyclic garbage collector's sight (gc.freeze): a full collection walked all of it (740k
objects, 0.4 s with every thread stopped, measured on a warmed server) although it lives on."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable

from exportgraph.api import warm_index
from exportgraph.api.after_writes import AFTER_WRITES
from exportgraph.api.routers.ui.forms import parameter_fields

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.screening import screening_index
from exportgraph.knowledge.search_index import search_index
from exportgraph.services.standards.impact import prepare_what_if
from exportgraph.services.standards.write_warmup import prepare_writes

log = logging.getLogger("exportgraph.warm_up")


class WarmUp:
    """The warm-up of one app: a thread of its own, stopped between steps at shutdown."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="exportgraph-warm-up", daemon=True)

    def _run(self) -> None:
        steps: list[Callable[[], object]] = [
            lambda: warm_index.in_thread(self.context),
            lambda: parameter_fields(current(self.context)),  # the classify form's units
            lambda: search_index(current(self.context), self.context.store),
            lambda: prepare_writes(self.context.store),
            screening_index,
            lambda: prepare_what_if(self.context.store, current(self.context)),
        ]
        try:
            for step in steps:
                if self.stopping.is_set():
                    return
                step()
            gc.freeze()
        except Exception:  # the first request then computes what is missing and reports errors
            if not self.stopping.is_set():  # else the store was closed under it at shutdown
                log.exception("warming up failed; the first requests compute what they need")

    def stop(self, seconds: float) -> None:
        """Skip the steps not started and wait up to `seconds` for the one under way (a shutdown
        does not wait for a whole-graph computation nobody will use)."""
        self.stopping.set()
        AFTER_WRITES.leave(self.context)
        self.thread.join(seconds)


def start(context: Context) -> WarmUp:
    """Start warming `context` up in a thread of its own."""
    warm_up = WarmUp(context)
    warm_up.thread.start()
    AFTER_WRITES.serve(context)
    return warm_up
