"""Writes to the graph (proposals, reviews, releases) from the API and the web UI: on threads of
their own, and acknowledged only once the knowledge index of the data version they produced is
built, so every question asked after the acknowledgement is answered from that version or a
later one (exportgraph.api.warm_index)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from exportgraph.api.after_writes import AFTER_WRITES

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import after_write
from exportgraph.store import Store

T = TypeVar("T")

# Writes are serialized by the write lock anyway; their own threads mean they never wait for one
# of the shared pool's threads, which readers (SPARQL, classification) may all hold.
_WRITERS = ThreadPoolExecutor(max_workers=2, thread_name_prefix="graph-write")


async def write(context: Context, call: Callable[[Store], T]) -> T:
    """`call(store)` on the writers' threads, then the new version's index built."""

    def run() -> T:
        done = call(context.store)
        after_write(context)
        AFTER_WRITES.written(context)
        return done

    return await asyncio.get_running_loop().run_in_executor(_WRITERS, run)
