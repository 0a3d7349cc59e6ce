"""Domain errors; the API maps each to an RFC 9457 problem, the CLI to a message and exit code."""

from __future__ import annotations

from typing import NotRequired

from typing_extensions import TypedDict


class ExportgraphError(Exception):
    """Base of the errors a user can cause; `detail` names the field, line or term."""

    status = 400
    title = "Bad request"
    slug = "bad-request"

    def __init__(self, detail: str, *, field: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field


class InvalidInput(ExportgraphError):
    """Well-formed but unacceptable input: unknown kind, parameter, unit, date …"""

    status = 422
    title = "Invalid input"
    slug = "invalid-input"


class MalformedInput(ExportgraphError):
    """Input that cannot be parsed (bad JSON, bad Turtle)."""

    status = 400
    title = "Malformed input"
    slug = "malformed-input"


class NotFound(ExportgraphError):
    status = 404
    title = "Not found"
    slug = "not-found"


class Unauthorized(ExportgraphError):
    status = 401
    title = "Authentication required"
    slug = "unauthorized"


class Forbidden(ExportgraphError):
    status = 403
    title = "Forbidden"
    slug = "forbidden"


class Conflict(ExportgraphError):
    status = 409
    title = "Conflict"
    slug = "conflict"


class TooLarge(ExportgraphError):
    """A request over a size limit (bytes of the body, items of a batch)."""

    status = 413
    title = "Request too large"
    slug = "too-large"


class QueryRefused(ExportgraphError):
    """A SPARQL request the read-only endpoint will not run (update, SERVICE, LOAD, remote FROM)."""

    status = 400
    title = "Query refused"
    slug = "query-refused"


class QueryTimeout(ExportgraphError):
    status = 503
    title = "Query time limit exceeded"
    slug = "query-timeout"


class QueryTooLarge(ExportgraphError):
    status = 413
    title = "Query result too large"
    slug = "query-too-large"


PROBLEM_TYPE_BASE = "https://w3id.org/exportgraph/problems/"


class Problem(TypedDict):
    """An RFC 9457 problem; `field` names the offending field, line or term."""

    type: str
    title: str
    status: int
    detail: str
    field: NotRequired[str]


def problem_of(error: ExportgraphError) -> Problem:
    """The RFC 9457 problem of an error, as the API answers it (also inside a batch answer,
    where one bad item is reported beside the others)."""
    body: Problem = {
        "type": PROBLEM_TYPE_BASE + error.slug,
        "title": error.title,
        "status": error.status,
        "detail": error.detail,
    }
    if error.field:
        body["field"] = error.field
    return body
