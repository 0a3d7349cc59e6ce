"""The impact report page (/reports): a form for two dates or releases and the jurisdictions,
answered with the report page of GET /v1/reports/impact (plots, CSV and JSON links); a date or
release that cannot be read is shown beside its field."""

from __future__ import annotations

from typing import Annotated

from exportgraph.api.deps import get_knowledge
from exportgraph.api.routers.reports import report_page
from exportgraph.api.routers.ui.common import (
    answer_form,
    call,
    context_of,
    jurisdiction_choices,
    render,
)
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from exportgraph.services.standards import releases
from exportgraph.services.standards.impact_report import impact_report

router = APIRouter()


def _field_of(named: str | None) -> str:
    """The form field an error names (`jurisdictions[0]` is the jurisdiction boxes)."""
    if named in ("from", "to"):
        return named
    if named and named.startswith("jurisdiction"):
        return "jurisdiction"
    return "general"


@router.get("/reports", response_class=HTMLResponse)
async def reports_page(
    request: Request,
    start: Annotated[str, Query(alias="from")] = "",
    end: Annotated[str, Query(alias="to")] = "",
    jurisdiction: Annotated[list[str] | None, Query()] = None,
) -> HTMLResponse:
    """The form; with `from`, the report itself (or the form with the error beside its field)."""
    knowledge = await get_knowledge(request)
    store = context_of(request).store
    chosen = jurisdiction or []
    query: dict[str, str | list[str]] = {"from": start.strip(), "to": end.strip()}
    if chosen:
        query["jurisdiction"] = chosen
    state = await answer_form(
        request,
        key="from",
        given=start.strip(),
        missing="from: give a date (YYYY-MM-DD) or a release version",
        compute=lambda: call(
            impact_report, store, knowledge, start.strip(), end.strip() or None, chosen or None
        ),
        page=lambda run: call(report_page, run, query),
        field_of=_field_of,
    )
    if isinstance(state, HTMLResponse):
        return state
    return await render(
        request,
        "ui/reports.html",
        section="/reports",
        status_code=state.status,
        title="Impact report",
        errors=state.errors,
        values={"from": start, "to": end},
        chosen=chosen,
        releases=await call(releases.list_releases, store),
        jurisdictions=jurisdiction_choices(knowledge),
    )
