"""Readiness: answers once the store is built."""

from __future__ import annotations

from exportgraph.api.deps import ContextDep
from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

router = APIRouter(tags=["operation"])


@router.get("/healthz")
async def healthz(context: ContextDep) -> dict[str, str]:
    """`{"status": "ok", "data_version": …}` once the store is ready."""
    version = await run_in_threadpool(context.data_version)
    return {"status": "ok", "data_version": version}
