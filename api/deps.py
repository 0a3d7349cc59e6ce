"""Dependencies injected into the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from exportgraph.graph.context import Context
from exportgraph.knowledge import current
from exportgraph.knowledge.index import Knowledge


def get_context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


async def get_knowledge(request: Request) -> Knowledge:
    """The knowledge index of the current data version; built (store work) in the thread pool
    when it is not already in memory."""
    context = get_context(request)
    if current.is_warm(context):
        return current.current(context)
    return await run_in_threadpool(current.current, context)


ContextDep = Annotated[Context, Depends(get_context)]
KnowledgeDep = Annotated[Knowledge, Depends(get_knowledge)]
