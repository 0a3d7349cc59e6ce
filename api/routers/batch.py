"""Batch classification (contract §9): POST /v1/classify/batch, JSON or CSV in, JSON or NDJSON
out, streamed."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from exportgraph.api.deps import ContextDep, KnowledgeDep
from exportgraph.api.json_body import parse_json
from exportgraph.api.limits import BULK
from fastapi import APIRouter, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import TypeAdapter
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from typing_extensions import TypedDict

from exportgraph.errors import MalformedInput
from exportgraph.json_types import JsonObject
from exportgraph.knowledge.index import Knowledge
from exportgraph.presentation.batch import BatchClosingLine, Checks, json_chunks, ndjson_chunks
from exportgraph.presentation.negotiation import choose
from exportgraph.services.partners.batch import BatchAnswer, BatchItem, BatchRun, json_run
from exportgraph.services.partners.batch_csv import csv_run
from exportgraph.settings import Settings

router = APIRouter(tags=["partners"])
NDJSON = "application/x-ndjson"
CSV = "text/csv"
PROBLEM = "application/problem+json"

JSON_EXAMPLE = {
    "items": [
        {
            "id": "qc-120",
            "item": {
                "kind": "quantum-computer",
                "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
            },
        },
        {
            "id": "qc-no-error",
            "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}},
        },
        {
            "id": "fridge-1",
            "item": {
                "kind": "dilution-refrigerator",
                "parameters": {
                    "cooling-power": {"value": 800, "unit": "uW"},
                    "cooling-power-temperature": "100 mK",
                    "continuous-operation": "168 h",
                },
            },
        },
        {"id": "typo", "item": {"kind": "quantum-computr"}},
    ],
    "jurisdictions": ["US", "EU", "GB"],
    "as_of": "2025-12-01",
}
CSV_EXAMPLE = (
    "id,kind,physical-qubits,cnot-error,cooling-power[uW],cooling-power-temperature[mK],"
    "continuous-operation[h]\n"
    "qc-120,quantum-computer,120,8e-4,,,\n"
    "qc-no-error,quantum-computer,120,,,,\n"
    "fridge-1,dilution-refrigerator,,,800,100,168\n"
)


class BatchRequest(TypedDict, total=False):
    """The JSON body (contract §9). `items` is required."""

    items: list[JsonObject]
    """`[{"id": "…", "item": {…as for POST /v1/classify…}}]`; an id is a non-empty string or an
    integer."""
    jurisdictions: list[str] | None
    as_of: str | None


def _schema(kind: Any) -> JsonObject:
    schema: JsonObject = TypeAdapter(kind).json_schema(ref_template="#/components/schemas/{model}")
    return schema


_NDJSON_SCHEMA = {
    "description": "One JSON value per line: a BatchItem per item, in the order sent, then one "
    "BatchClosingLine.",
    "oneOf": [{"$ref": "#/components/schemas/BatchItem"}, _schema(BatchClosingLine)],
}

OPENAPI = {
    **BULK,
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": _schema(BatchRequest), "example": JSON_EXAMPLE},
            CSV: {
                "schema": {
                    "type": "string",
                    "description": "A header line — `id`, `kind`, optional `for_kind` and "
                    "`purpose`, one column per parameter (a unit in brackets: "
                    "`cooling-power[uW]`; else the canonical unit), one per fact "
                    "(true/false) — then one row per item; an empty cell is not stated. "
                    "Jurisdictions and date come from the query.",
                },
                "example": CSV_EXAMPLE,
            },
        },
    },
}
RESPONSES: dict[int | str, JsonObject] = {
    200: {
        "model": BatchAnswer,
        "description": "One answer per item, in the order sent (a bad item carries its problem "
        "in `error`), and per jurisdiction the count of true, false and unknown. Streamed.",
        "content": {NDJSON: {"schema": _NDJSON_SCHEMA}},
    },
    400: {"description": "The body cannot be parsed (broken JSON, not UTF-8, wrong content type)."},
    406: {"description": "Accept names neither application/json nor application/x-ndjson."},
    413: {"description": "The body is over EXPORTGRAPH_MAX_BULK_BODY."},
    422: {
        "description": "Jurisdictions, date, the body's fields or the CSV header are invalid; "
        "more items than EXPORTGRAPH_MAX_BULK_ITEMS."
    },
}


_ITEM = TypeAdapter(BatchItem)
_CLOSING = TypeAdapter(BatchClosingLine)


def _check_item(item: BatchItem) -> None:
    _ITEM.validate_python(item, strict=True)


def _check_closing(line: BatchClosingLine) -> None:
    _CLOSING.validate_python(line, strict=True)


# The answer streams, so FastAPI cannot check it against BatchAnswer; these check what is written
# (each distinct list of results once: a batch shares them), and a broken one stops the answer.
CHECKS = Checks(item=_check_item, closing=_check_closing)


def _text(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise MalformedInput("the body is not UTF-8 text", field="body") from None


def bulk_json(raw: bytes, settings: Settings) -> object:
    """A bulk JSON body through the one JSON reader: its depth limit, and lists as long as a
    bulk's items may be (the items themselves are counted against EXPORTGRAPH_MAX_BULK_ITEMS)."""
    if not raw.strip():
        raise MalformedInput("body: the request body is empty", field="body")
    most = max(settings.max_json_items, settings.max_bulk_items)
    return parse_json(raw, replace(settings, max_json_items=most))


def _run(
    knowledge: Knowledge,
    media: str,
    raw: bytes,
    settings: Settings,
    jurisdictions: list[str] | None,
    as_of: str | None,
) -> BatchRun:
    limit = settings.max_bulk_items
    if media == CSV:
        return csv_run(
            knowledge, _text(raw), max_items=limit, jurisdictions=jurisdictions, as_of=as_of
        )
    body = bulk_json(raw, settings)
    return json_run(knowledge, body, max_items=limit, jurisdictions=jurisdictions, as_of=as_of)


def content_type(request: Request) -> str:
    """application/json (also when none is given) or text/csv; 400 otherwise."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in ("", "application/json") or media.endswith("+json"):
        return "application/json"
    if media in (CSV, "application/csv"):
        return CSV
    raise MalformedInput(
        f"Content-Type {media!r}: send application/json or text/csv", field="Content-Type"
    )


@router.post(
    "/v1/classify/batch",
    response_class=StreamingResponse,
    responses=RESPONSES,
    summary="Classify many items at once (JSON or CSV; JSON or NDJSON answer)",
    openapi_extra=OPENAPI,
)
async def classify_batch(
    request: Request,
    context: ContextDep,
    knowledge: KnowledgeDep,
    jurisdiction: Annotated[
        list[str] | None,
        Query(description="jurisdiction codes (repeat); for CSV, or instead of the body's"),
    ] = None,
    as_of: Annotated[
        str | None, Query(description="ISO date of the rules (default today); for CSV")
    ] = None,
) -> StreamingResponse:
    """Every item classified in every (or the named) jurisdiction, as POST /v1/classify would
    answer it: `controlled`, the matching entries, and for "unknown" what is missing. A bad item
    is answered with its problem in its own place; the others are answered."""
    accept = choose(request.headers.get("accept"), ["application/json", NDJSON])
    if accept is None:
        raise HTTPException(406, "Accept: application/json or application/x-ndjson")
    media = content_type(request)
    raw = await request.body()  # the body limits (api/limits.py) refuse one over the bulk limit
    run = await run_in_threadpool(
        _run, knowledge, media, raw, context.settings, jurisdiction, as_of
    )
    chunks = ndjson_chunks(run, CHECKS) if accept == NDJSON else json_chunks(run, CHECKS)
    return StreamingResponse(chunks, media_type=accept)
