"""RFC 9457 problem+json responses for every error the API returns."""

from __future__ import annotations

import json
import logging
from typing import Any

from exportgraph.api.openapi_document import member, operations
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException
from typing_extensions import TypedDict

from exportgraph.errors import PROBLEM_TYPE_BASE, ExportgraphError, LimitJson
from exportgraph.json_types import JsonObject

PROBLEM = "application/problem+json"
TYPE_BASE = PROBLEM_TYPE_BASE
log = logging.getLogger("exportgraph.api")


class FieldError(TypedDict):
    field: str
    message: str


class Problem(BaseModel):
    """An RFC 9457 problem, as every error of the API is answered."""

    model_config = ConfigDict(extra="allow", title="Problem")
    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str = Field(description="What is wrong, naming the field, line or term.")
    field: str | None = Field(default=None, description="The offending field or parameter.")
    errors: list[FieldError] | None = Field(
        default=None, description="Every schema error, for 422 on a request body."
    )
    limit: LimitJson | None = Field(
        default=None, description="The limit broken (setting, value, unit), for 413 and 422."
    )


TITLES = {
    400: "Malformed input (unparseable body, query refused)",
    401: "Authentication required (Authorization: Bearer <token>)",
    403: "The token's role may not do this",
    404: "Not found",
    406: "No acceptable representation",
    409: "Conflict",
    413: "Content too large (body, query text or result over its limit)",
    415: "Unsupported media type",
    422: "Invalid input (schema, rules or a count or depth limit)",
    503: "Query time limit exceeded, worker stopped, or the data a question needs is not installed",
}


def responses(*statuses: int) -> dict[int | str, JsonObject]:
    """OpenAPI responses for the problem statuses a route may answer (for `responses=`)."""
    return {
        status: {
            "description": TITLES[status],
            "content": {PROBLEM: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


def document(spec: JsonObject) -> JsonObject:
    """Complete an OpenAPI document: the Problem schema, problem+json for every 422 (FastAPI
    documents its own validation error shape, which this API never sends) and bearer auth."""
    components = member(spec, "components")
    schemas = member(components, "schemas")
    schemas["Problem"] = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    member(components, "securitySchemes")["bearer"] = {
        "type": "http",
        "scheme": "bearer",
        "description": "A token from `exportgraph user add`; editor, reviewer or admin role.",
    }
    for operation in operations(spec):
        answers = member(operation, "responses")
        if "422" in answers:
            answers["422"] = responses(422)[422]
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    return spec


class ProblemResponse(JSONResponse):
    """JSON that also renders a lone surrogate echoed from the input (as a \\u escape)."""

    media_type = PROBLEM

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, allow_nan=False, separators=(",", ":")).encode()


def problem(status: int, title: str, detail: str, slug: str, **extra: Any) -> JSONResponse:
    """A problem+json response; `detail` names the offending field, line or term."""
    body = {"type": TYPE_BASE + slug, "title": title, "status": status, "detail": detail, **extra}
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return ProblemResponse(body, status_code=status, headers=headers)


def _field_path(location: tuple[Any, ...]) -> str:
    parts = [str(part) for part in location if part not in ("body", "query", "path")]
    return ".".join(parts) or "body"


async def _domain_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, ExportgraphError)
    extra: JsonObject = {"field": error.field} if error.field else {}
    extra.update(error.extensions())
    return problem(error.status, error.title, error.detail, error.slug, **extra)


async def _validation_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors: list[FieldError] = [
        {"field": _field_path(tuple(item.get("loc", ()))), "message": item.get("msg", "")}
        for item in error.errors()
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "invalid request"
    return problem(422, "Invalid input", detail, "invalid-input", errors=errors)


async def _http_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, StarletteHTTPException)
    return problem(
        error.status_code, str(error.detail), str(error.detail), f"http-{error.status_code}"
    )


async def _unexpected(_: Request, error: Exception) -> JSONResponse:
    log.exception("unexpected error", exc_info=error)
    return problem(
        500, "Internal error", "an unexpected error occurred; it has been logged", "internal"
    )


def install(app: FastAPI) -> None:
    """Register the handlers on the app."""
    app.add_exception_handler(ExportgraphError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)
