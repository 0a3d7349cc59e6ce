"""One process-wide handle on the store, opened and built on first use."""

from __future__ import annotations

import threading
from collections.abc import Callable

from exportgraph.graph.build import build, ensure_built
from exportgraph.settings import Settings
from exportgraph.store import Store, open_store


class Context:
    """The store plus settings; domain services cache their indexes by data version."""

    def __init__(
        self,
        settings: Settings | None = None,
        store: Store | None = None,
        *,
        first_build: Callable[[Store], object] = build,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self.first_build = first_build
        """How an empty store is built on first use: the interfaces give the build that also
        checks the terminology and records the check (services.standards.loading)."""
        self._store = store
        self._ready = False
        self._lock = threading.Lock()

    @property
    def store(self) -> Store:
        """The store, built from the sources if it holds no data yet."""
        if not self._ready:
            with self._lock:
                if self._store is None:
                    self._store = open_store(
                        self.settings.store_uri, update_url=self.settings.update_url
                    )
                if not self._ready:
                    ensure_built(self._store, self.first_build)
                    self._ready = True
        assert self._store is not None
        return self._store

    def data_version(self) -> str:
        version = self.store.data_version()
        assert version is not None
        return version

    def cached_data_version(self) -> str | None:
        """The data version when the store is built and caches it in process, else None (never
        opens, builds or queries the store: safe on an event loop)."""
        if not self._ready or self._store is None:
            return None
        return self._store.cached_data_version()

    def opened_store(self) -> Store | None:
        """The store if it is open and built, else None (never opens or builds it)."""
        return self._store if self._ready else None

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
