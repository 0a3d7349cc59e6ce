"""Domain errors; the API maps each to an RFC 9457 problem, the CLI to a message and exit code."""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from difflib import get_close_matches
from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.json_types import JsonObject


class LimitJson(TypedDict):
    """A request limit as a problem states it."""

    setting: str
    value: int
    unit: str


@dataclass(frozen=True)
class Limit:
    """A request limit, named by the setting that changes it."""

    setting: str
    value: int
    unit: str

    def describe(self) -> LimitJson:
        return {"setting": self.setting, "value": self.value, "unit": self.unit}


class ExportgraphError(Exception):
    """Base of the errors a user can cause; `detail` names the field, line or term."""

    status = 400
    title = "Bad request"
    slug = "bad-request"

    def __init__(
        self, detail: str, *, field: str | None = None, limit: Limit | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.limit = limit

    def extensions(self) -> JsonObject:
        """Extra members of the problem body (RFC 9457 extensions): the limit broken, if any."""
        return {"limit": self.limit.describe()} if self.limit is not None else {}


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


class ContentTooLarge(ExportgraphError):
    """A request body or query text over its size limit (contract §7: 413)."""

    status = 413
    title = "Content too large"
    slug = "content-too-large"


class LimitExceeded(InvalidInput):
    """A parsed request over a count or nesting limit (422, naming the field and the limit)."""

    title = "Request limit exceeded"
    slug = "limit-exceeded"


def shown(value: object, limit: int = 60) -> str:
    """A value a user sent, as they wrote it in JSON (`true`, `null`, `"fun"`, `{"a": 1}`), cut
    to `limit` characters: error messages quote the request, never a programming language."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=str)
    except (TypeError, ValueError):
        text = str(value)
    if isinstance(value, Decimal):
        text = str(value)
    # a lone surrogate (a broken \ud800 escape) stays visible and can still be encoded
    text = text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text if len(text) <= limit else text[: limit - 3] + "..."


CONCEPTS_LISTED_AT = "GET /v1/concepts?scheme={scheme} lists them"
"""Where a refusal of an unknown concept points to (a scheme's whole list)."""
LISTED_IN_FULL = 40
"""Up to this many known names, a refusal lists them all; beyond, the closest and where to look."""


def unknown_name(
    field: str, what: str, value: object, known: Collection[str], listed_at: str
) -> InvalidInput:
    """The refusal of a name the data does not know: every known name when they are few, else
    the closest ones (a typo's correction) and where the whole list is (`listed_at`)."""
    names = sorted(known)
    if len(names) <= LISTED_IN_FULL:
        return InvalidInput(
            f"{field}: unknown {what} {shown(value)} (known: {', '.join(names)})", field=field
        )
    closest = get_close_matches(value, names, n=5, cutoff=0.6) if isinstance(value, str) else []
    hint = ""
    if closest:
        hint = f"; did you mean {', '.join(closest[:-1])}{' or ' if len(closest) > 1 else ''}{closest[-1]}?"
    return InvalidInput(
        f"{field}: unknown {what} {shown(value)}{hint} (of the {len(names)} known, {listed_at})",
        field=field,
    )


class DataUnavailable(ExportgraphError):
    """The installed data lacks what a question needs (e.g. no restricted-party list)."""

    status = 503
    title = "Data unavailable"
    slug = "data-unavailable"


PROBLEM_TYPE_BASE = "https://w3id.org/exportgraph/problems/"


class Problem(TypedDict):
    """An RFC 9457 problem; `field` names the offending field, line or term."""

    type: str
    title: str
    status: int
    detail: str
    field: NotRequired[str]
    limit: NotRequired[LimitJson]


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
    if error.limit is not None:
        body["limit"] = error.limit.describe()
    return body
