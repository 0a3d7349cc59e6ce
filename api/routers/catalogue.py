"""Reading the reference data: jurisdictions, entries and one entry (contract §5, anonymous)."""

from __future__ import annotations

from exportgraph.api.deps import ContextDep, KnowledgeDep
from exportgraph.api.problems import responses
from fastapi import APIRouter, Query

from exportgraph.services.reference.entries import (
    EntryDetail,
    EntryListed,
    JurisdictionShown,
    list_entries,
    list_jurisdictions,
)
from exportgraph.services.reference.listed_entries import ListedEntryDetail, any_entry

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
    summary="One entry: criteria, notes, sources, dates, licence — or a paragraph's official text",
    responses=responses(404, 422),
)
async def entry(
    knowledge: KnowledgeDep, context: ContextDep, entry_id: str
) -> EntryDetail | ListedEntryDetail:
    """An entry by public id (`US:4A906.a.2`): a curated entry with its criteria as data, or a
    paragraph of a whole list (`US:3A001.a.1`) with its official text, notes, licence
    requirements and source; 404 problem for an unknown id."""
    return any_entry(knowledge, context.store, entry_id)
