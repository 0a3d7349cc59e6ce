"""RFC 9457 problem+json responses for every error the API returns."""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from exportgraph.errors import PROBLEM_TYPE_BASE, ExportgraphError

PROBLEM = "application/problem+json"
TYPE_BASE = PROBLEM_TYPE_BASE
log = logging.getLogger("exportgraph.api")


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
    extra = {"field": error.field} if error.field else {}
    return problem(error.status, error.title, error.detail, error.slug, **extra)


async def _validation_error(_: Request, error: Exception) -> JSONResponse:
    assert isinstance(error, RequestValidationError)
    errors = [
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
