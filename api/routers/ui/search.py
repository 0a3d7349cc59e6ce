"""The search page (/search): every list's entries by code, words and terms, with highlights; the
search box of every page submits here."""

from __future__ import annotations

from exportgraph.api.deps import get_knowledge
from exportgraph.api.routers.ui.common import call, context_of, jurisdiction_choices, render
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from exportgraph.errors import ExportgraphError
from exportgraph.services.reference.search import DEFAULT_LIMIT, SearchAnswer, search

router = APIRouter()


@router.get("/search", response_class=HTMLResponse)
async def search_page(
    request: Request, q: str = "", jurisdiction: str = "", kind: str = "", limit: str = ""
) -> HTMLResponse:
    """The form, and the ranked hits when a query is given (an error is shown beside the form,
    with the status of the JSON API's problem)."""
    knowledge = await get_knowledge(request)
    answer: SearchAnswer | None = None
    error: ExportgraphError | None = None
    if q.strip():
        try:
            answer = await call(
                search,
                knowledge,
                context_of(request).store,
                q,
                jurisdiction or None,
                kind or None,
                limit or DEFAULT_LIMIT,
            )
        except ExportgraphError as found:
            error = found
    return await render(
        request,
        "ui/search.html",
        status_code=error.status if error else 200,
        title=f"Search: {q.strip()}" if q.strip() else "Search the control lists",
        q=q.strip(),
        jurisdiction=jurisdiction,
        kind=kind,
        answer=answer,
        error=error,
        jurisdictions=jurisdiction_choices(knowledge),
        kinds=[(c.notation, c.label or c.notation) for c in knowledge.ordered("kinds")],
    )
