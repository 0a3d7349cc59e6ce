"""Request body size limits per route, enforced while the body streams in (contract §7: 413).

Each route has a body kind: `single` (the default: one item, one change set), `batch` (batch and
upload routes), `bulk` (classification batches and what-if corpora: up to a million items) or
`query` (/sparql). A route other than `single` says so with
`openapi_extra=limits.BATCH` (or `QUERY`), which also documents its limit in the OpenAPI. A body
over the limit is refused before it is read in full: at once when Content-Length says so, else as
soon as the bytes received pass the limit (a Content-Length that lies, or a chunked body).
"""

from __future__ import annotations

from typing import Literal

from exportgraph.api.openapi_document import member, operations
from exportgraph.api.problems import problem, responses
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from exportgraph.errors import ContentTooLarge, Limit
from exportgraph.json_types import JsonObject
from exportgraph.settings import Settings

BodyKind = Literal["single", "batch", "bulk", "query"]
EXTENSION = "x-body-limit"
BATCH: JsonObject = {EXTENSION: "batch"}
BULK: JsonObject = {EXTENSION: "bulk"}
QUERY: JsonObject = {EXTENSION: "query"}

_URL_ENCODED_FACTOR = 3
"""A form-encoded query may take three bytes per byte of query text (%XX)."""
_FORM_OVERHEAD = 4096


def body_limit(settings: Settings, kind: BodyKind) -> Limit:
    """The body size limit of a kind of route, named by its setting."""
    if kind == "batch":
        return Limit("EXPORTGRAPH_MAX_BATCH_BODY", settings.max_batch_body_bytes, "bytes")
    if kind == "bulk":
        return Limit("EXPORTGRAPH_MAX_BULK_BODY", settings.max_bulk_body_bytes, "bytes")
    if kind == "query":
        size = settings.sparql_max_query_bytes * _URL_ENCODED_FACTOR + _FORM_OVERHEAD
        return Limit("EXPORTGRAPH_SPARQL_MAX_QUERY", size, "bytes")
    return Limit("EXPORTGRAPH_MAX_BODY", settings.max_body_bytes, "bytes")


def document(spec: JsonObject, settings: Settings) -> JsonObject:
    """Name every body-taking operation's size limit in the OpenAPI (`x-body-limit`) and its 413."""
    for operation in operations(spec):
        if "requestBody" not in operation:
            continue
        limit = body_limit(settings, _body_kind(operation.get(EXTENSION, "single")))
        operation[EXTENSION] = limit.describe()
        member(operation, "responses").setdefault("413", responses(413)[413])
    return spec


def too_large(limit: Limit, size: int | None = None) -> ContentTooLarge:
    told = f" (Content-Length {size})" if size is not None else ""
    return ContentTooLarge(
        f"body: the request body is larger than this route's limit of {limit.value} bytes{told}; "
        f"send less, or split a batch (the limit is set by {limit.setting})",
        field="body",
        limit=limit,
    )


def _kind_of(scope: Scope) -> BodyKind:
    """The body kind of the route a request was routed to (routing is done when it reads)."""
    extra = getattr(scope.get("route"), "openapi_extra", None) or {}
    return _body_kind(extra.get(EXTENSION, "single"))


def _body_kind(kind: object) -> BodyKind:
    """A route's body kind as its openapi_extra names it."""
    assert kind in ("single", "batch", "bulk", "query"), kind
    return kind


class BodyLimits:
    """ASGI middleware: refuse (413 problem+json) a request body over its route's limit.

    The limit is looked up when the app first reads the body, after routing, from the route's
    `openapi_extra`; a body nobody reads is never checked (nor read)."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit: Limit | None = None
        received = 0
        exceeded: ContentTooLarge | None = None
        started = replaced = False

        async def limited_receive() -> Message:
            nonlocal limit, received, exceeded
            if exceeded is not None:
                raise exceeded
            if limit is None:
                limit = body_limit(self.settings, _kind_of(scope))
                declared = _content_length(scope)
                if declared is not None and declared > limit.value:
                    exceeded = too_large(limit, declared)
                    raise exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit.value:
                    exceeded = too_large(limit)
                    raise exceeded
            return message

        async def guarded_send(message: Message) -> None:
            # Whatever the app answers once the body broke the limit (some parsers turn any read
            # error into a 400), the client gets the 413.
            nonlocal started, replaced
            if replaced:
                return
            if exceeded is not None and not started and message["type"] == "http.response.start":
                replaced = True
                await self._refuse(scope, receive, send, exceeded)
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if exceeded is None or started or replaced:
                raise
            await self._refuse(scope, receive, send, exceeded)

    @staticmethod
    async def _refuse(scope: Scope, receive: Receive, send: Send, error: ContentTooLarge) -> None:
        extra = {"field": error.field, **error.extensions()}
        response = problem(error.status, error.title, error.detail, error.slug, **extra)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    value = Headers(scope=scope).get("content-length")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
