"""Python's cyclic garbage collector paused around a bulk computation.

A what-if or a batch over 100,000 items allocates a few hundred thousand containers (rows, parsed
values, verdicts) that live until the answer is written. Allocating them triggers a full
collection, which walks every object of the process — the knowledge index, the store's terms, the
corpus — looking for reference cycles these objects do not form: 0.6–0.75 s of a 2.4 s what-if
(measured with gc.callbacks, bench/impact.py). Reference counting still frees everything as
usual while the collector is paused; the collector runs again, and catches up, when the last
paused computation ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_paused = 0  # computations under way that paused the collector (threads of one server)
_was_enabled = True


@contextmanager
def paused() -> Iterator[None]:
    """Pause the cyclic collector for the block (nested and concurrent blocks share one pause;
    the collector is enabled again when the last one ends, if it was enabled before the first)."""
    global _paused, _was_enabled
    with _lock:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _lock:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()
