"""The statements each recent write of this process changed: by data version, what a writer that
moved the data version from `before` to `after` deleted and inserted (with their graphs), so that
what is kept per data version (the knowledge index) can follow the write instead of being built
again from the whole store; and by journal state (data version and journal sequence), every
statement each logged write changed, journal and bookkeeping graphs included, so that a copy of
the whole store (the SPARQL workers') follows proposals and reviews as well as approvals.

Only writes this process made are known; a version reached any other way (a load, another
process's write) has no delta, and its readers build from the store as before. A reader that
sees a write of this process between its commit and the moment its delta is recorded waits for
that moment (see `writing`), instead of reading the whole store.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pyoxigraph import Quad

from exportgraph.store.sparql_text import next_version, write_digest

if TYPE_CHECKING:
    from exportgraph.store import Store

KEPT_QUADS = 100_000
"""Deltas are kept per store, newest first, up to this many statements in all (a label approval
is ~30): a reader more writes behind reads the whole store (seconds) instead of following them."""
SETTLE_S = 2.0
"""How long a reader waits for this process's write in progress to record its delta."""


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


class _Kept:
    """The newest deltas of each store, up to KEPT_QUADS statements per store, and each one by
    the version it started from (a path is found without going through them all)."""

    def __init__(self) -> None:
        self.deltas: dict[int, deque[Delta]] = {}
        self.held: dict[int, int] = {}
        self.starting: dict[int, dict[str, Delta]] = {}

    def add(self, store: Store, delta: Delta) -> None:
        kept = self.deltas.setdefault(id(store), deque())
        starting = self.starting.setdefault(id(store), {})
        kept.append(delta)
        starting[delta.before] = delta  # the newest from a version, as a path takes it
        held = self.held.get(id(store), 0) + len(delta.changed)
        while len(kept) > 1 and held > KEPT_QUADS:
            dropped = kept.popleft()
            held -= len(dropped.changed)
            if starting.get(dropped.before) is dropped:
                del starting[dropped.before]
        self.held[id(store)] = held

    def path(self, store: Store, start: str, end: str) -> list[Delta] | None:
        starting = self.starting.get(id(store), {})
        path: list[Delta] = []
        passed: set[str] = set()
        version = start
        while version != end:
            delta = starting.get(version)
            if delta is None or version in passed:  # unknown, or a loop
                return None
            passed.add(version)
            path.append(delta)
            version = delta.after
        return path

    def forget(self, store: Store) -> None:
        self.deltas.pop(id(store), None)
        self.held.pop(id(store), None)
        self.starting.pop(id(store), None)


_lock = threading.Lock()
_settled = threading.Condition(_lock)
_versions = _Kept()  # by data version: the data a write changed
_states = _Kept()  # by journal state: everything a logged write changed
_writing: dict[int, int] = {}  # writes of this process in progress, per store


def chained_version(before: str, operation: str, payload: bytes) -> str:
    """The version a write moves `before` to (what store.sparql_text.chain_version computes)."""
    return next_version(before, write_digest(operation, payload))


def state_of(version: str, sequence: int) -> str:
    """The name of a journal state: a data version and the last logged write's number."""
    return f"{version}@{sequence}"


@contextmanager
def writing(store: Store) -> Iterator[None]:
    """Around a write that records its deltas: readers missing a delta wait until it is over."""
    with _lock:
        _writing[id(store)] = _writing.get(id(store), 0) + 1
    try:
        yield
    finally:
        with _lock:
            left = _writing[id(store)] - 1
            if left:
                _writing[id(store)] = left
            else:
                del _writing[id(store)]
            _settled.notify_all()


def remember(
    store: Store, before: str, after: str, deleted: Sequence[Quad], inserted: Sequence[Quad]
) -> None:
    """Record that a write moved the data version from `before` to `after` by deleting then
    inserting."""
    with _lock:
        _versions.add(store, Delta(before, after, tuple(deleted), tuple(inserted)))


def remember_state(
    store: Store, before: str, after: str, deleted: Sequence[Quad], inserted: Sequence[Quad]
) -> None:
    """Record that a logged write moved the journal state (`state_of`) from `before` to `after`
    by deleting then inserting these statements, in whatever graph."""
    with _lock:
        _states.add(store, Delta(before, after, tuple(deleted), tuple(inserted)))


def _between(kept: _Kept, store: Store, start: str, end: str) -> list[Delta] | None:
    with _lock:
        path = kept.path(store, start, end)
        if path is None and _writing.get(id(store)):
            # until the write in progress has recorded its delta: writers back to back may never
            # leave a moment with no write in progress, and waiting for one (SETTLE_S) then
            # reading the whole store made an approval that followed another take seconds
            _settled.wait_for(
                lambda: kept.path(store, start, end) is not None or not _writing.get(id(store)),
                timeout=SETTLE_S,
            )
            path = kept.path(store, start, end)
    return path


def between(store: Store, start: str, end: str) -> list[Delta] | None:
    """The writes that led from data version `start` to `end`, oldest first; None when not
    known."""
    return _between(_versions, store, start, end)


def between_states(store: Store, start: str, end: str) -> list[Delta] | None:
    """The logged writes that led from journal state `start` to `end`, oldest first, with every
    statement they changed; None when not known."""
    return _between(_states, store, start, end)


def forget(store: Store) -> None:
    """Drop what is recorded for a store (it is being closed or replaced)."""
    with _lock:
        _versions.forget(store)
        _states.forget(store)
