"""Independent review (contract §12): contest an answer, decide a review, read the record."""

from __future__ import annotations

from typing import Annotated

from exportgraph.api.auth import ReviewerDep, UserDep
from exportgraph.api.deps import ContextDep
from exportgraph.api.json_body import read_json
from exportgraph.api.problems import responses
from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from exportgraph.json_types import JsonObject
from exportgraph.presentation.negotiation import RDF_MEDIA_TYPES, rdf_media_type
from exportgraph.services import reviews
from exportgraph.services.reviews.records import ReviewRecord
from exportgraph.services.standards.releases import serialize

router = APIRouter(tags=["reviews"])

FILE_EXAMPLE: JsonObject = {
    "subject": "classification",
    "request": {
        "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 34}},
        "jurisdictions": ["US"],
    },
    "data_version": "<data_version of the contested answer>",
    "grounds": "Our machine has 34 qubits; we believe the 34-qubit threshold is not met.",
}
_FILE: JsonObject = {
    "type": "object",
    "additionalProperties": False,
    "required": ["subject", "request", "data_version", "grounds"],
    "properties": {
        "subject": {"enum": ["classification", "assessment", "risk", "plan"]},
        "request": {"type": "object", "description": "the original request, as sent"},
        "data_version": {"type": "string", "description": "data_version of the contested answer"},
        "grounds": {"type": "string", "maxLength": reviews.MAX_TEXT},
        "model_version": {"type": "string", "description": "risk model version (risk, plan)"},
    },
}
_DECIDE: JsonObject = {
    "type": "object",
    "additionalProperties": False,
    "required": ["outcome", "reason"],
    "properties": {
        "outcome": {"enum": ["upheld", "revised"]},
        "reason": {"type": "string", "maxLength": reviews.MAX_TEXT},
    },
}
_BEARER: JsonObject = {"security": [{"bearer": []}]}


def _body(schema: JsonObject, example: JsonObject | None = None) -> JsonObject:
    content: JsonObject = {"schema": schema}
    if example:
        content["example"] = example
    return {**_BEARER, "requestBody": {"required": True, "content": {"application/json": content}}}


@router.post(
    "/v1/reviews",
    status_code=201,
    summary="Contest an answer (any signed-in user)",
    responses=responses(400, 401, 413, 422),
    openapi_extra=_body(_FILE, FILE_EXAMPLE),
)
async def file_review(
    request: Request, response: Response, context: ContextDep, user: UserDep
) -> ReviewRecord:
    """201 with Location and the record: the answer re-computed at the data version (and risk
    model version) it was given at, the grounds, who filed it and when. 422 names the field; an
    unknown data version lists the versions that can be retrieved."""
    body = await read_json(request, context.settings)
    record: ReviewRecord = await run_in_threadpool(reviews.file_review, context, user, body)
    response.headers["Location"] = f"/v1/reviews/{record['id']}"
    return record


@router.post(
    "/v1/reviews/{review_id}/decide",
    summary="Uphold or revise (a reviewer who did not file it)",
    responses=responses(400, 401, 403, 404, 409, 413, 422),
    openapi_extra=_body(_DECIDE),
)
async def decide(
    review_id: str, request: Request, context: ContextDep, user: ReviewerDep
) -> ReviewRecord:
    """A revision records the answer re-computed at the current data version beside the one
    recorded; a review is decided once (409 after)."""
    body = await read_json(request, context.settings)
    record: ReviewRecord = await run_in_threadpool(reviews.decide, context, user, review_id, body)
    return record


@router.get("/v1/reviews", summary="The review queue: open first", responses=responses(422))
async def list_reviews(
    context: ContextDep,
    status: Annotated[str | None, Query(description="open, upheld or revised")] = None,
    subject: Annotated[
        str | None, Query(description="classification, assessment, risk or plan")
    ] = None,
) -> list[ReviewRecord]:
    result: list[ReviewRecord] = await run_in_threadpool(
        reviews.list_reviews, context, status, subject
    )
    return result


@router.get(
    "/v1/reviews/{review_id}",
    summary="One review: JSON, or its PROV-O record as RDF by Accept",
    response_model=ReviewRecord,
    responses={
        200: {
            "description": "The review",
            "content": {media: {"schema": {"type": "string"}} for media in RDF_MEDIA_TYPES},
        },
        **responses(404, 422),
    },
)
async def get_review(
    review_id: str,
    request: Request,
    context: ContextDep,
    format: Annotated[str | None, Query(description="turtle, json-ld, nt or xml")] = None,
) -> ReviewRecord | Response:
    media_type = rdf_media_type(request.headers.get("accept"), format)
    if media_type is None:
        record: ReviewRecord = await run_in_threadpool(reviews.get_review, context, review_id)
        return record
    triples = await run_in_threadpool(reviews.record_triples, context, review_id)
    data = await run_in_threadpool(serialize, triples, media_type)
    charset = "; charset=utf-8" if media_type != "application/rdf+xml" else ""
    return Response(data, media_type=media_type + charset)
