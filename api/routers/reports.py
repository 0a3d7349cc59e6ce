"""The impact report (contract §9a): GET /v1/reports/impact?from&to — JSON, CSV or an HTML page
with plots, by Accept or ?format=."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from exportgraph.api.deps import ContextDep, KnowledgeDep
from exportgraph.api.problems import responses
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from exportgraph import paths
from exportgraph.errors import InvalidInput
from exportgraph.presentation.impact_report import report_csv, report_plots
from exportgraph.presentation.negotiation import choose
from exportgraph.services.standards.impact_report import impact_report
from exportgraph.services.standards.impact_report_answers import MOVES, ImpactReport, ImpactRun

router = APIRouter(tags=["terminology"])
templates = Environment(
    loader=FileSystemLoader(paths.templates_dir()), autoescape=select_autoescape(["html"])
)
OFFERED = ("application/json", "text/csv", "text/html")
FORMATS = {"json": "application/json", "csv": "text/csv", "html": "text/html"}


def _media(accept: str | None, format: str | None) -> str:
    if format is not None:
        if format not in FORMATS:
            raise InvalidInput(
                f"format: one of {', '.join(FORMATS)}, got {format!r}", field="format"
            )
        return FORMATS[format]
    chosen = choose(accept, OFFERED)
    if chosen is None:
        raise HTTPException(406, f"Accept: the report is offered as {', '.join(OFFERED)}")
    return chosen


def report_page(run: ImpactRun, query: dict[str, str | list[str]]) -> str:
    """The report as a saveable HTML page with its plots, linking its CSV and JSON (`query`)."""

    def url(format: str) -> str:
        return "/v1/reports/impact?" + urlencode({**query, "format": format}, doseq=True)

    return templates.get_template("reports/impact.html").render(
        r=run.report,
        plots=report_plots(run),
        moves=MOVES,
        csv_url=url("csv"),
        json_url=url("json"),
    )


@router.get(
    "/v1/reports/impact",
    summary="What changed in the rules between two dates or releases, and its effect on the "
    "products",
    response_model=ImpactReport,
    responses={
        200: {
            "description": "The report as JSON, CSV (one row per product and jurisdiction that "
            "moves) or an HTML page with plots",
            "content": {
                "text/csv": {"schema": {"type": "string"}},
                "text/html": {"schema": {"type": "string"}},
            },
        },
        **responses(404, 406, 422),
    },
)
async def get_impact_report(
    request: Request,
    context: ContextDep,
    knowledge: KnowledgeDep,
    start: Annotated[
        str | None, Query(alias="from", description="ISO date, or a release version")
    ] = None,
    end: Annotated[
        str | None,
        Query(alias="to", description="ISO date (default today), a release, or `current`"),
    ] = None,
    jurisdiction: Annotated[list[str] | None, Query(description="repeat for several")] = None,
    format: Annotated[str | None, Query(description="json, csv or html (else Accept)")] = None,
) -> ImpactReport | Response:
    """Entries coming into or out of force between the dates (or entries and criteria changed
    between the releases), the products each newly catches or releases per jurisdiction, and
    the harmonization index on each date classified."""
    media = _media(request.headers.get("accept"), format)
    run = await run_in_threadpool(impact_report, context.store, knowledge, start, end, jurisdiction)
    if media == "text/csv":
        return Response(report_csv(run.report), media_type="text/csv; charset=utf-8")
    if media == "text/html":
        query: dict[str, str | list[str]] = {"from": start or "", "to": end or ""}
        if jurisdiction:
            query["jurisdiction"] = jurisdiction
        return HTMLResponse(await run_in_threadpool(report_page, run, query))
    return run.report
