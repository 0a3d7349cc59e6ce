"""Readiness: answers once the store is built."""

from __future__ import annotations

from typing import Literal

from exportgraph.api.deps import ContextDep
from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool
from typing_extensions import TypedDict

router = APIRouter(tags=["operation"])


class Health(TypedDict):
    status: Literal["ok"]
    data_version: str


@router.get("/healthz")
async def healthz(context: ContextDep) -> Health:
    """`{"status": "ok", "data_version": …}` once the store is ready."""
    # the version this process caches needs no thread: under load the shared pool's threads may
    # all be held by readers, and a readiness probe must not wait for them
    version = context.cached_data_version()
    if version is None:
        version = await run_in_threadpool(context.data_version)
    return {"status": "ok", "data_version": version}
