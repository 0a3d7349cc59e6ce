"""Dependencies injected into the routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from exportgraph.graph.context import Context


def get_context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


ContextDep = Annotated[Context, Depends(get_context)]
