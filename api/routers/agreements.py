"""POST /v1/agreements/validate (contract §4): JSON, JSON-LD or Turtle in; JSON, Turtle or HTML out."""

from __future__ import annotations

import json
from typing import Any, Literal

from exportgraph.api import limits
from exportgraph.api.deps import ContextDep
from exportgraph.api.json_body import parse_json
from exportgraph.api.problems import responses
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from exportgraph import paths
from exportgraph.context import Context
from exportgraph.errors import ExportgraphError
from exportgraph.services.agreements import AgreementReport, parsing, validator_for
from exportgraph.services.agreements import report as reports
from exportgraph.services.agreements.schema import Agreement

router = APIRouter(tags=["agreements"])

OUTPUTS = ("application/json", "text/turtle", "text/html")
_EXAMPLE = json.loads((paths.static_dir() / "examples" / "agreement.json").read_text("utf-8"))


class ViolationOut(BaseModel):
    """One rule result (contract §4)."""

    model_config = ConfigDict(extra="allow")
    rule: str = Field(examples=["AGR-LICENCE-COVERAGE"])
    severity: Literal["violation", "warning", "info"]
    focus: str
    path: str | None
    message: str
    value: str | None = None


class ReportOut(BaseModel):
    """The report on one agreement."""

    model_config = ConfigDict(extra="allow")
    agreement: str
    conforms: bool
    violations: list[ViolationOut]
    summary: dict[str, int]
    findings: list[dict[str, Any]]
    data_version: str
    engine: str


def _openapi() -> dict[str, Any]:
    """The request body (one agreement or a list, as JSON, JSON-LD or Turtle) and the answers."""
    ref = "#/components/schemas/{model}"
    agreement = Agreement.model_json_schema(by_alias=True, ref_template=ref)
    definitions = agreement.pop("$defs", {})
    one = {"$ref": ref.format(model="Agreement")}
    document = {"oneOf": [one, {"type": "array", "minItems": 1, "items": one}]}
    report = ReportOut.model_json_schema(ref_template=ref)
    definitions.update(report.pop("$defs", {}))
    each = {"$ref": ref.format(model="AgreementReport")}
    answer = {"oneOf": [each, {"type": "array", "items": each}]}
    json_body = {"schema": document, "example": _EXAMPLE}
    return {
        **limits.BATCH,
        "requestBody": {
            "required": True,
            "content": {
                parsing.JSON: json_body,
                parsing.JSON_LD: json_body,
                parsing.TURTLE: {"schema": {"type": "string"}},
            },
        },
        "responses": {
            "200": {
                "description": "One report, or a list of them for a list (or a Turtle document "
                "with several agreements).",
                "content": {
                    "application/json": {"schema": answer},
                    "text/turtle": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                },
            }
        },
        "x-components": {"Agreement": agreement, "AgreementReport": report, **definitions},
    }


class NotAcceptable(ExportgraphError):
    status = 406
    title = "Not acceptable"
    slug = "not-acceptable"


def negotiate(accept: str | None) -> str:
    """The response media type for an Accept header (JSON unless Turtle or HTML is preferred)."""
    ranges = []
    for position, part in enumerate((accept or "*/*").split(",")):
        media, *params = (p.strip() for p in part.split(";"))
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        ranges.append((-q, position, media.lower()))
    for _, _, media in sorted(ranges):
        if media in OUTPUTS:
            return media
        if media in ("*/*", "application/*", "application/problem+json"):
            return "application/json"
        if media == "text/*":
            return "text/html"
    raise NotAcceptable(
        f"Accept {accept!r}: the report is available as {', '.join(OUTPUTS)}", field="Accept"
    )


def _validate(
    context: Context, body: bytes, content_type: str | None
) -> tuple[list[AgreementReport], bool]:
    """Validate a body in the thread pool; JSON is first held to the nesting and item limits."""
    if parsing.media_type(content_type) != parsing.TURTLE and body.strip():
        parse_json(body, context.settings)  # the validator parses it again: cheap beside SHACL
    return validator_for(context).validate_body(body, content_type)


@router.post(
    "/v1/agreements/validate",
    summary="Validate technology-transfer agreements",
    description="Send one agreement (JSON form of contract §4, JSON-LD with the bundled context, or "
    "Turtle) or a JSON array of them. The answer lists every rule result; `conforms` is false exactly "
    "when a result has severity `violation`. Accept: application/json (default), text/turtle (a SHACL "
    "validation report) or text/html (a saveable report).",
    response_model=None,
    responses=responses(400, 406, 413, 415, 422),
    openapi_extra=_openapi(),
)
async def validate(request: Request, context: ContextDep) -> Response:
    output = negotiate(request.headers.get("accept"))
    content_type = request.headers.get("content-type")
    body = await request.body()
    found, batch = await run_in_threadpool(_validate, context, body, content_type)
    if output == "text/turtle":
        return Response(reports.as_turtle(found), media_type="text/turtle")
    if output == "text/html":
        return HTMLResponse(reports.as_html(found))
    return JSONResponse(reports.as_json(found, batch))
