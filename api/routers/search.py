"""Search across the entries of every list (contract §13, anonymous)."""

from __future__ import annotations

from exportgraph.api.deps import ContextDep, KnowledgeDep
from exportgraph.api.problems import responses
from fastapi import APIRouter, Query

from exportgraph.services.reference.search import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    MAX_QUERY,
    SearchAnswer,
    search,
)

router = APIRouter(tags=["catalogue"])


@router.get(
    "/v1/search",
    summary="Search the entries of every list by code, words and terms",
    responses=responses(422),
)
def search_entries(
    context: ContextDep,
    knowledge: KnowledgeDep,
    q: str = Query(
        description=f"words, a term or an entry code (`3A001.a.1`, `US:4A906`); "
        f"at most {MAX_QUERY} characters"
    ),
    jurisdiction: str | None = Query(
        default=None, description="e.g. US, or US,EU; FR includes the EU list"
    ),
    kind: str | None = Query(
        default=None,
        description="an item-kind notation, e.g. magnetometer: entries whose scope covers it",
    ),
    limit: int = Query(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="hits returned"),
) -> SearchAnswer:
    """Entries ranked by relevance: an exact code or id first, then BM25 over code, title,
    official text and notes, the query expanded by the kinds and parameters it names (SKOS labels
    in any language). Highlights are HTML-escaped fragments with the matched words in `<mark>`.
    (Run in the thread pool: the first search of a data version builds its index.)"""
    return search(knowledge, context.store, q, jurisdiction, kind, limit)
