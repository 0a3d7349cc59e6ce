"""How much of each control list is formalized (contract §13, anonymous)."""

from __future__ import annotations

from exportgraph.api.deps import ContextDep, KnowledgeDep
from fastapi import APIRouter
from starlette.concurrency import run_in_threadpool

from exportgraph.services.standards.coverage import CoverageAnswer, coverage

router = APIRouter(tags=["catalogue"])


@router.get(
    "/v1/coverage", summary="Per jurisdiction and category: entries and thresholds formalized"
)
async def coverage_report(context: ContextDep, knowledge: KnowledgeDep) -> CoverageAnswer:
    """Entries, entries with formalized criteria, numeric thresholds the text states and the
    share formalized, per jurisdiction and per category; `counting` says how they are counted."""
    version = await run_in_threadpool(context.data_version)
    return await run_in_threadpool(coverage, knowledge, context.store, version)
