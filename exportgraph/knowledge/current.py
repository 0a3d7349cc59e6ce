"""The knowledge index of a store's current data version, built once per version and shared:
`current(context)`, `of_store(store)`; `of_triples(triples)` for a graph that is not in a store
(a change set's result, a what-if sandbox). Whether a request may use the index on the event loop
is exportgraph.api.warm_index's question.

After a write of this process (an approval), the new version's index is built from the previous
one and the statements the write changed (exportgraph.knowledge.incremental); otherwise, or if
that fails, from the whole store."""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable

from pyoxigraph import Triple

from exportgraph.graph import deltas
from exportgraph.graph.context import Context
from exportgraph.graph.version_cache import PerVersion
from exportgraph.knowledge.incremental import Indexed, advance, index
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.read import read_knowledge
from exportgraph.store import Store, memory_store_of

log = logging.getLogger("exportgraph.knowledge")


def _follow(store: Store, version: str, previous: Indexed, now: str) -> Indexed | None:
    """The index of version `now` from the previous one, when this process wrote the changes."""
    writes = deltas.between(store, version, now)
    if writes is None:
        return None
    try:
        return advance(previous, store, now, [quad for write in writes for quad in write.changed])
    except Exception:  # never worse than reading the whole store
        log.exception("the index of data version %s could not follow the writes", now[:12])
        return None


# readers keep the previous version's index while one of them builds the new one (no reader
# waits on a rebuild after an approval); each answer carries the version of the index it used
_CURRENT: PerVersion[Indexed] = PerVersion(index, serve_previous=True, step=_follow, shared=True)


def after_write(context: Context) -> Knowledge:
    """The index of the data version a write of this process just produced, built (followed
    from the previous one) before the write is acknowledged: whoever asks after the
    acknowledgement finds it built, and the writer's next question sees its own write."""
    return _CURRENT.get(context.store, wait=True).knowledge


def latest(store: Store) -> Knowledge | None:
    """The index of the newest data version of `store` built so far, if any (never builds or
    queries: safe on an event loop)."""
    indexed = _CURRENT.latest(store)
    return indexed.knowledge if indexed is not None else None


def building(store: Store) -> bool:
    """Whether a thread is building the index of a new data version of `store` right now."""
    return _CURRENT.building(store)


def of_store(store: Store) -> Knowledge:
    """The index of the store's current data version (built once per version, shared)."""
    return _CURRENT.get(store).knowledge


def current(context: Context) -> Knowledge:
    """The index of the context's store (built from the sources on first use)."""
    return _CURRENT.get(context.store).knowledge


def of_triples(triples: Iterable[Triple], sections: Collection[str] | None = None) -> Knowledge:
    """An index of a graph given as triples (not cached); with `sections`, only those (see
    read_knowledge)."""
    scratch = memory_store_of(triples)
    try:
        return read_knowledge(scratch, sections)
    finally:
        scratch.close()
