"""The statements each recent write of this process changed, by data version: a writer that moves
the data version from `before` to `after` records what it deleted and inserted (with their
graphs), so that what is kept per data version (the knowledge index, the SPARQL workers' copies)
can follow the write instead of being built again from the whole store.

Only writes this process made are known; a version reached any other way (a load, another
process's write) has no delta, and its readers build from the store as before.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyoxigraph import Quad

from exportgraph.store.sparql_text import next_version, write_digest

if TYPE_CHECKING:
    from exportgraph.store import Store

KEPT_QUADS = 100_000
"""Deltas are kept per store, newest first, up to this many statements in all (a label approval
is ~30): a reader more writes behind reads the whole store (seconds) instead of following them."""


@dataclass(frozen=True)
class Delta:
    """One write: the version it started from and produced; deleted, then inserted, quads."""

    before: str
    after: str
    deleted: tuple[Quad, ...]
    inserted: tuple[Quad, ...]

    @property
    def changed(self) -> tuple[Quad, ...]:
        return self.deleted + self.inserted


_lock = threading.Lock()
_deltas: dict[int, deque[Delta]] = {}
_held: dict[int, int] = {}  # statements in a store's kept deltas


def chained_version(before: str, operation: str, payload: bytes) -> str:
    """The version a write moves `before` to (what store.sparql_text.chain_version computes)."""
    return next_version(before, write_digest(operation, payload))


def remember(
    store: Store, before: str, after: str, deleted: Sequence[Quad], inserted: Sequence[Quad]
) -> None:
    """Record that a write moved the store from `before` to `after` by deleting then inserting."""
    delta = Delta(before, after, tuple(deleted), tuple(inserted))
    with _lock:
        kept = _deltas.setdefault(id(store), deque())
        kept.append(delta)
        held = _held.get(id(store), 0) + len(delta.changed)
        while len(kept) > 1 and held > KEPT_QUADS:
            held -= len(kept.popleft().changed)
        _held[id(store)] = held


def between(store: Store, start: str, end: str) -> list[Delta] | None:
    """The writes that led from version `start` to `end`, oldest first; None when not known."""
    with _lock:
        known = {delta.before: delta for delta in _deltas.get(id(store), ())}
    path: list[Delta] = []
    version = start
    while version != end:
        delta = known.pop(version, None)
        if delta is None:
            return None
        path.append(delta)
        version = delta.after
    return path


def forget(store: Store) -> None:
    """Drop what is recorded for a store (it is being closed or replaced)."""
    with _lock:
        _deltas.pop(id(store), None)
        _held.pop(id(store), None)
