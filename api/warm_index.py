"""The knowledge index a request may use on the event loop, taken once per request.

A check that the index is warm followed by `current(context)` is two looks at the data version: a write
landing between them made `current` build the new version's index on the event loop (seconds,
with every other request and /healthz waiting). Here the check hands back the very index it
checked, so a request answered inline keeps using it whatever the store does meanwhile (its answer
names that index's data version); the index of a new version is only ever built off the loop,
through `in_thread`."""

from __future__ import annotations

import weakref

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge

# per context, the last index a thread obtained (one entry per live context, none kept alive)
_SEEN: weakref.WeakKeyDictionary[Context, Knowledge] = weakref.WeakKeyDictionary()


def warm(context: Context) -> Knowledge | None:
    """The index of the data version the store caches in process, if a thread already obtained
    it; else None. Never opens, builds or queries the store (safe on an event loop)."""
    version = context.cached_data_version()
    knowledge = _SEEN.get(context)
    if version is None or knowledge is None or knowledge.version != version:
        return None
    return knowledge


def in_thread(context: Context) -> Knowledge:
    """`current(context)` (which may build: call it off the event loop), remembered for `warm`."""
    knowledge = current(context)
    _SEEN[context] = knowledge
    return knowledge
