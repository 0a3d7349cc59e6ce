"""The knowledge index a request may use on the event loop, taken once per request.

A check that the index is warm followed by `current(context)` is two looks at the data version: a
write landing between them made `current` build the new version's index on the event loop
(seconds, with every other request and /healthz waiting). Here the check hands back the very
index it checked, so a request answered inline keeps using it whatever the store does meanwhile
(its answer names that index's data version); the index of a new version is only ever built off
the loop, through `in_thread` or exportgraph.knowledge.current.after_write.

While a thread builds the index of a new data version, a request on the event loop answers from
the newest index built, as a request in the thread pool would (PerVersion's serve_previous),
instead of queueing in the pool behind the build. Such a request is concurrent with the write: a
write through this service builds its version's index (api/writes.py) before it is acknowledged,
so whoever asks after the acknowledgement gets that version or a later one."""

from __future__ import annotations

from exportgraph.graph.context import Context
from exportgraph.knowledge import current as indexes
from exportgraph.knowledge.index import Knowledge


def warm(context: Context) -> Knowledge | None:
    """The index to answer with on the event loop: that of the data version the store caches in
    process, or the newest one built while a thread builds the new version's; else None. Never
    opens, builds or queries the store."""
    store = context.opened_store()
    knowledge = indexes.latest(store) if store is not None else None
    if store is None or knowledge is None:
        return None
    if knowledge.version != store.cached_data_version() and not indexes.building(store):
        return None  # a write since (its version not read yet), and nobody builds its index
    return knowledge


def in_thread(context: Context) -> Knowledge:
    """`current(context)`: may build, so call it off the event loop."""
    return indexes.current(context)
