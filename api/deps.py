"""Dependencies injected into the routers."""

from __future__ import annotations

from typing import Annotated

from exportgraph.api import warm_index
from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge


def get_context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


async def _context(request: Request) -> Context:
    """`get_context` as a dependency: a coroutine, so FastAPI calls it on the event loop. A plain
    function dependency is run in the shared thread pool, where every request using it (a write
    too) queued behind the readers' work holding the pool's threads (SPARQL, classification)."""
    return get_context(request)


async def get_knowledge(request: Request) -> Knowledge:
    """The knowledge index of the current data version; built (store work) in the thread pool
    when it is not already in memory."""
    context = get_context(request)
    knowledge = warm_index.warm(context)  # the index checked is the index used (no build here)
    if knowledge is not None:
        return knowledge
    return await run_in_threadpool(warm_index.in_thread, context)


ContextDep = Annotated[Context, Depends(_context)]
KnowledgeDep = Annotated[Knowledge, Depends(get_knowledge)]
