"""POST /v1/agreements/validate (contract §4): JSON, JSON-LD or Turtle in; JSON, Turtle or HTML out."""

from __future__ import annotations

from exportgraph.api.deps import ContextDep
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from exportgraph.errors import ExportgraphError
from exportgraph.presentation.negotiation import choose
from exportgraph.services.auditors.agreements import report as reports
from exportgraph.services.auditors.agreements import validator_for

router = APIRouter(tags=["agreements"])

MAX_BODY = 10 * 1024 * 1024
OUTPUTS = ("application/json", "text/html", "text/turtle")  # text/* prefers the page


class NotAcceptable(ExportgraphError):
    status = 406
    title = "Not acceptable"
    slug = "not-acceptable"


class PayloadTooLarge(ExportgraphError):
    status = 413
    title = "Payload too large"
    slug = "payload-too-large"


def negotiate(accept: str | None) -> str:
    """The report's media type for an Accept header (JSON unless Turtle or HTML is preferred)."""
    chosen = choose(
        accept,
        OUTPUTS,
        aliases={"application/problem+json": "application/json"},
        default="application/json",
    )
    if chosen is None:
        raise NotAcceptable(
            f"Accept {accept!r}: the report is available as {', '.join(OUTPUTS)}", field="Accept"
        )
    return chosen


@router.post(
    "/v1/agreements/validate",
    summary="Validate technology-transfer agreements",
    description="Send one agreement (JSON form of contract §4, JSON-LD with the bundled context, or "
    "Turtle) or a JSON array of them. The answer lists every rule result; `conforms` is false exactly "
    "when a result has severity `violation`. Accept: application/json (default), text/turtle (a SHACL "
    "validation report) or text/html (a saveable report).",
    response_model=None,
)
async def validate(request: Request, context: ContextDep) -> Response:
    output = negotiate(request.headers.get("accept"))
    body = await request.body()
    if len(body) > MAX_BODY:
        raise PayloadTooLarge(
            f"the body has {len(body)} bytes; at most {MAX_BODY} are accepted", field="body"
        )
    validator = await run_in_threadpool(validator_for, context)
    found, batch = await run_in_threadpool(
        validator.validate_body, body, request.headers.get("content-type")
    )
    if output == "text/turtle":
        return Response(reports.as_turtle(found), media_type="text/turtle")
    if output == "text/html":
        return HTMLResponse(reports.as_html(found))
    return JSONResponse(reports.as_json(found, batch))
