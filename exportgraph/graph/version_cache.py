"""One value derived from a store, kept for the store's current data version."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from exportgraph.store import Store

T = TypeVar("T")


class PerVersion(Generic[T]):
    """Caches `build(store)` until the store's data version moves; concurrent callers of a new
    version build it once. Only the latest (store, version) is kept.

    With `serve_previous`, a caller that finds another thread building the new version gets the
    previous version's value at once instead of waiting (a reader's answer then names the data
    version it was computed from); the caller that builds, and any caller when there is no
    previous value, waits. Without it (values a write is checked against) everyone waits.

    With `step`, the value of a new version is first asked of `step(store, previous version,
    previous value, new version)` (a value that follows the writes since, or None: then
    `build`)."""

    def __init__(
        self,
        build: Callable[[Store], T],
        *,
        serve_previous: bool = False,
        step: Callable[[Store, str, T, str], T | None] | None = None,
    ) -> None:
        self._build = build
        self._step = step
        self._serve_previous = serve_previous
        self._lock = threading.Lock()
        self._entry: tuple[tuple[int, str], T] | None = None

    def get(self, store: Store) -> T:
        key = (id(store), store.data_version() or "")
        entry = self._entry
        if entry is not None and entry[0] == key:
            return entry[1]
        previous = entry is not None and entry[0][0] == key[0] and self._serve_previous
        if not self._lock.acquire(blocking=not previous):
            assert entry is not None
            return entry[1]  # another thread is building this version
        try:
            entry = self._entry
            if entry is None or entry[0] != key:
                stepped = None
                if self._step is not None and entry is not None and entry[0][0] == key[0]:
                    stepped = self._step(store, entry[0][1], entry[1], key[1])
                entry = (key, self._build(store) if stepped is None else stepped)
                self._entry = entry
            return entry[1]
        finally:
            self._lock.release()

    def seed(self, store: Store, version: str, value: T) -> None:
        """Keep `value` as the one for `version` (a writer that just produced that version knows
        it without building it)."""
        with self._lock:
            self._entry = ((id(store), version), value)
