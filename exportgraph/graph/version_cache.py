"""Values derived from a store, kept for its data version: in process (PerVersion) and, for
results worth keeping across processes (a SHACL check), in a file beside an on-disk store — or,
for a store without such a file (memory, remote), in this process by data version."""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
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
    `build`).

    With `shared`, the value of a data version built for one store is also the value for
    another store at that version (a copy): a data version that is a digest names one content,
    as each write chains its own digest onto the version before (store.sparql_text)."""

    def __init__(
        self,
        build: Callable[[Store], T],
        *,
        serve_previous: bool = False,
        step: Callable[[Store, str, T, str], T | None] | None = None,
        shared: bool = False,
    ) -> None:
        self._build = build
        self._step = step
        self._serve_previous = serve_previous
        self._shared = shared
        self._lock = threading.Lock()
        self._entry: tuple[tuple[int, str], T] | None = None
        self._for = 0  # id of the store whose value the lock's holder builds

    def get(self, store: Store, *, wait: bool = False) -> T:
        """The value of the store's current data version; with `wait`, this version's value
        even when another thread is building it (a writer that must see its own write)."""
        key = (id(store), store.data_version() or "")
        entry = self._entry
        if entry is not None and entry[0] == key:
            return entry[1]
        if self._shared and entry is not None and entry[0][1] == key[1] and is_digest(key[1]):
            if self._lock.acquire(blocking=False):  # now this store's (its writes step from it)
                self._entry = (key, entry[1])
                self._lock.release()
            return entry[1]
        previous = entry is not None and entry[0][0] == key[0] and self._serve_previous and not wait
        if not self._lock.acquire(blocking=not previous):
            assert entry is not None
            return entry[1]  # another thread is building this version
        try:
            self._for = key[0]
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

    def latest(self, store: Store) -> T | None:
        """The value of the newest version of `store` built so far, if any (never builds)."""
        entry = self._entry
        return entry[1] if entry is not None and entry[0][0] == id(store) else None

    def building(self, store: Store) -> bool:
        """Whether a thread is building the value of a new version of `store` right now."""
        return self._lock.locked() and self._for == id(store)

    def seed(self, store: Store, version: str, value: T) -> None:
        """Keep `value` as the one for `version` (a writer that just produced that version knows
        it without building it)."""
        with self._lock:
            self._entry = ((id(store), version), value)


def is_digest(version: str) -> bool:
    """Whether a data version is a SHA-256 digest (of sources, or chained over writes)."""
    return len(version) == 64 and all(c in "0123456789abcdef" for c in version)


@dataclass(frozen=True)
class Recorded:
    """A result kept beside the store: for which data and shapes version, computed when."""

    data_version: str
    shapes_version: str
    computed_at: str
    result: object
    """What `json.dumps` wrote (the caller's own TypedDict), read back as JSON."""


_KEPT_IN_PROCESS = 8
"""How many results of stores without a file this process keeps (the newest)."""
_in_process: dict[tuple[str, str, str], Recorded] = {}
_in_process_lock = threading.Lock()


def _keep_in_process(name: str, entry: Recorded) -> None:
    # A data version names one content (each write chains its digest onto the version before),
    # so a result holds for any store at that version; a version that is no digest names nothing.
    if not is_digest(entry.data_version):
        return
    with _in_process_lock:
        key = (name, entry.data_version, entry.shapes_version)
        _in_process.pop(key, None)
        _in_process[key] = entry
        while len(_in_process) > _KEPT_IN_PROCESS:
            del _in_process[next(iter(_in_process))]


def record_path(store: Store) -> Path | None:
    """Where results of `store` are kept for the next process: a file beside an on-disk store
    (None for memory or remote stores, which another process cannot read)."""
    from exportgraph.store.embedded import EmbeddedStore

    if isinstance(store, EmbeddedStore) and store.path is not None:
        return store.path.parent / f"{store.path.name}.results.json"
    return None


def recorded(store: Store, name: str, data_version: str, shapes_version: str) -> Recorded | None:
    """The result `name` recorded for exactly these versions, or None."""
    path = record_path(store)
    if path is None:
        found = _in_process.get((name, data_version, shapes_version))
        return found if found is not None and is_digest(data_version) else None
    try:
        kept = json.loads(path.read_text(encoding="utf-8")).get(name)
    except (OSError, ValueError, AttributeError):
        return None  # none yet, or unreadable: compute afresh
    if (
        not isinstance(kept, dict)
        or kept.get("data_version") != data_version
        or kept.get("shapes_version") != shapes_version
        or not isinstance(kept.get("computed_at"), str)
    ):
        return None
    return Recorded(data_version, shapes_version, kept["computed_at"], kept.get("result"))


def record(
    store: Store, name: str, data_version: str, shapes_version: str, result: object
) -> Recorded:
    """Keep `result` as the one of `name` for these versions (replacing the previous one),
    written whole or not at all (a temporary file renamed over the old one)."""
    entry = Recorded(
        data_version,
        shapes_version,
        datetime.now(UTC).isoformat(timespec="seconds"),
        result,
    )
    path = record_path(store)
    if path is None:
        _keep_in_process(name, entry)
        return entry
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(kept, dict):
            kept = {}
    except (OSError, ValueError):
        kept = {}
    kept[name] = {
        "data_version": data_version,
        "shapes_version": shapes_version,
        "computed_at": entry.computed_at,
        "result": result,
    }
    with contextlib.suppress(OSError):  # a read-only folder: the next process computes again
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(kept), encoding="utf-8")
        os.replace(temporary, path)
    return entry
