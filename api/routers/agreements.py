"""POST /v1/agreements/validate (contract §4): JSON, JSON-LD or Turtle in; JSON, Turtle or HTML out."""

from __future__ import annotations

import json

import pyoxigraph
from exportgraph.api import limits
from exportgraph.api.deps import ContextDep
from exportgraph.api.json_body import parse_json
from exportgraph.api.problems import responses
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from exportgraph import paths
from exportgraph.errors import ExportgraphError, Limit, LimitExceeded
from exportgraph.graph.context import Context
from exportgraph.json_types import JsonObject
from exportgraph.presentation.negotiation import choose
from exportgraph.services.auditors.agreements import AgreementReport, parsing, validator_for
from exportgraph.services.auditors.agreements import report as reports
from exportgraph.services.auditors.agreements.answers import ReportsJson
from exportgraph.services.auditors.agreements.schema import Agreement

router = APIRouter(tags=["agreements"])

OUTPUTS = ("application/json", "text/html", "text/turtle")  # text/* prefers the page
_EXAMPLE = json.loads((paths.static_dir() / "examples" / "agreement.json").read_text("utf-8"))


def _openapi() -> JsonObject:
    """The request body (one agreement or a list, as JSON, JSON-LD or Turtle) and the answers."""
    ref = "#/components/schemas/{model}"
    agreement = Agreement.model_json_schema(by_alias=True, ref_template=ref)
    definitions = agreement.pop("$defs", {})
    one = {"$ref": ref.format(model="Agreement")}
    document = {"oneOf": [one, {"type": "array", "minItems": 1, "items": one}]}
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
                    "text/turtle": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                },
            }
        },
        "x-components": {"Agreement": agreement, **definitions},
    }


class NotAcceptable(ExportgraphError):
    status = 406
    title = "Not acceptable"
    slug = "not-acceptable"


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


def validate_within_limits(
    context: Context, body: bytes, content_type: str | None, source: str = "body"
) -> tuple[list[AgreementReport], bool]:
    """Validate agreements (blocking: run it in the thread pool) once the body is held to the
    request limits: JSON to the nesting and item limits, every form to the number of agreements
    in one request. (The validator parses the body again: cheap beside SHACL.)"""
    settings = context.settings
    if parsing.media_type(content_type) == parsing.TURTLE:
        count = _turtle_agreements(body)
    elif body.strip():
        value = parse_json(body, settings, source)
        count = len(value) if isinstance(value, list) else 1
    else:
        count = 0
    limit = Limit("EXPORTGRAPH_MAX_BATCH_ITEMS", settings.max_batch_items, "agreements")
    if count > limit.value:
        raise LimitExceeded(
            f"{source}: {count} agreements; at most {limit.value} are validated in one request (set by "
            f"{limit.setting}): send them in several requests",
            field=source,
            limit=limit,
        )
    return validator_for(context).validate_body(body, content_type, source)


def _turtle_agreements(body: bytes) -> int:
    """How many agreements a Turtle document types (0 when it does not parse: the validator
    then says where it breaks)."""
    try:
        quads = pyoxigraph.parse(body, pyoxigraph.RdfFormat.TURTLE)
        return len(
            {
                q.subject
                for q in quads
                if q.predicate == parsing.RDF_TYPE and q.object == parsing.AGREEMENT
            }
        )
    except SyntaxError:
        return 0


@router.post(
    "/v1/agreements/validate",
    summary="Validate technology-transfer agreements",
    description="Send one agreement (JSON form of contract §4, JSON-LD with the bundled context, or "
    "Turtle) or a JSON array of them. The answer lists every rule result; `conforms` is false exactly "
    "when a result has severity `violation`. Accept: application/json (default), text/turtle (a SHACL "
    "validation report) or text/html (a saveable report).",
    response_model=ReportsJson,
    responses=responses(400, 406, 413, 415, 422),
    openapi_extra=_openapi(),
)
async def validate(request: Request, context: ContextDep) -> ReportsJson | Response:
    output = negotiate(request.headers.get("accept"))
    content_type = request.headers.get("content-type")
    body = await request.body()
    found, batch = await run_in_threadpool(validate_within_limits, context, body, content_type)
    if output == "text/turtle":
        return Response(reports.as_turtle(found), media_type="text/turtle")
    if output == "text/html":
        return HTMLResponse(reports.as_html(found))
    return reports.as_json(found, batch)
