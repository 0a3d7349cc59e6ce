"""Reading the catalogue: jurisdictions, entries and one entry (contract §5, anonymous)."""

from __future__ import annotations

from typing import Any

from exportgraph.api.deps import ContextDep
from exportgraph.api.problems import responses
from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from exportgraph.services.catalogue import get_entry, list_entries, list_jurisdictions

router = APIRouter(tags=["catalogue"])


@router.get("/v1/jurisdictions", summary="Every jurisdiction, its unions and deemed-export rule")
async def jurisdictions(context: ContextDep) -> list[dict[str, Any]]:
    """Jurisdictions with the unions they are part of (FR → EU) and their number of entries."""
    return await run_in_threadpool(list_jurisdictions, context)


@router.get(
    "/v1/entries",
    summary="Control entries, filtered by jurisdiction, kind and date",
    responses=responses(422),
)
async def entries(
    context: ContextDep,
    jurisdiction: str | None = Query(default=None, description="e.g. US; FR includes the EU list"),
    kind: str | None = Query(
        default=None, description="an item-kind notation, e.g. quantum-computer"
    ),
    as_of: str | None = Query(default=None, description="ISO date: only entries in force then"),
) -> list[dict[str, Any]]:
    """Entries in list order; a kind filter keeps entries whose scope (or a sub-entry's) covers it."""
    return await run_in_threadpool(list_entries, context, jurisdiction, kind, as_of)


@router.get(
    "/v1/entries/{entry_id}",
    summary="One entry: criteria, notes, sources, dates, licence",
    responses=responses(404, 422),
)
async def entry(context: ContextDep, entry_id: str) -> dict[str, Any]:
    """An entry by public id (`US:4A906.a.2`); 404 problem for an unknown id."""
    return await run_in_threadpool(get_entry, context, entry_id)
