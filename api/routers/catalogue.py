"""Reading the reference data: jurisdictions, entries and one entry (contract §5, anonymous)."""

from __future__ import annotations

from exportgraph.api.deps import KnowledgeDep
from exportgraph.api.problems import responses
from fastapi import APIRouter, Query

from exportgraph.services.reference.entries import (
    EntryDetail,
    EntryListed,
    JurisdictionShown,
    get_entry,
    list_entries,
    list_jurisdictions,
)

router = APIRouter(tags=["catalogue"])


@router.get("/v1/jurisdictions", summary="Every jurisdiction, its unions and deemed-export rule")
async def jurisdictions(knowledge: KnowledgeDep) -> list[JurisdictionShown]:
    """Jurisdictions with the unions they are part of (FR → EU) and their number of entries."""
    return list_jurisdictions(knowledge)


@router.get(
    "/v1/entries",
    summary="Control entries, filtered by jurisdiction, kind and date",
    responses=responses(422),
)
async def entries(
    knowledge: KnowledgeDep,
    jurisdiction: str | None = Query(default=None, description="e.g. US; FR includes the EU list"),
    kind: str | None = Query(
        default=None, description="an item-kind notation, e.g. quantum-computer"
    ),
    as_of: str | None = Query(default=None, description="ISO date: only entries in force then"),
) -> list[EntryListed]:
    """Entries in list order; a kind filter keeps entries whose scope (or a sub-entry's) covers it."""
    return list_entries(knowledge, jurisdiction, kind, as_of)


@router.get(
    "/v1/entries/{entry_id}",
    summary="One entry: criteria, notes, sources, dates, licence",
    responses=responses(404, 422),
)
async def entry(knowledge: KnowledgeDep, entry_id: str) -> EntryDetail:
    """An entry by public id (`US:4A906.a.2`); 404 problem for an unknown id."""
    return get_entry(knowledge, entry_id)
