"""Read-only SPARQL 1.1 Protocol endpoint (contract §6): GET and POST /sparql."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from exportgraph.api import limits
from exportgraph.api.deps import ContextDep
from exportgraph.api.problems import responses
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from exportgraph.errors import MalformedInput, QueryRefused
from exportgraph.graph.context import Context
from exportgraph.json_types import JsonObject
from exportgraph.presentation.negotiation import choose
from exportgraph.services.query.sparql import (
    GRAPH_TYPES,
    RESULT_TYPES,
    check_size,
    execute,
    kept,
)

router = APIRouter(tags=["sparql"])

_DATASET_PARAMETERS = (
    "default-graph-uri",
    "named-graph-uri",
    "using-graph-uri",
    "using-named-graph-uri",
)
_DOC = (
    "SPARQL 1.1 Protocol, read-only. Results by `Accept`: SPARQL JSON (default), XML, CSV, TSV; "
    "Turtle (default), JSON-LD, N-Triples or RDF/XML for CONSTRUCT/DESCRIBE. Updates, SERVICE, LOAD "
    "and FROM naming other than this store's graphs are refused (400); a query text over the size "
    "limit (EXPORTGRAPH_SPARQL_MAX_QUERY, 256 KiB by default) is refused (413); a query over its "
    "time limit, counted from the request's arrival, is stopped (503); a result over the row limit, "
    "or a query needing more than a worker's memory, is refused (413)."
)

_QUERY_TEXT: JsonObject = {
    "type": "string",
    "minLength": 1,
    "description": "A SPARQL 1.1 query (SELECT, ASK, CONSTRUCT or DESCRIBE).",
    "example": "SELECT ?entry WHERE { ?entry a <https://w3id.org/exportgraph/ontology#ControlEntry> } LIMIT 5",
}
_REFUSED_PARAMETERS = [
    {
        "name": name,
        "in": "query",
        "required": False,
        "description": "Refused (400): the endpoint queries this store's own graphs only.",
        "schema": {"type": "string"},
    }
    for name in ("default-graph-uri", "named-graph-uri")
]
_SOLUTIONS_JSON = {
    "type": "object",
    "required": ["head"],
    "properties": {
        "head": {
            "type": "object",
            "properties": {"vars": {"type": "array", "items": {"type": "string"}}},
        },
        "results": {
            "type": "object",
            "required": ["bindings"],
            "properties": {"bindings": {"type": "array", "items": {"type": "object"}}},
        },
        "boolean": {"type": "boolean"},
    },
}
_TEXT = {"schema": {"type": "string"}}
_ANSWERS: dict[int | str, JsonObject] = {
    200: {
        "description": "The results (SELECT, ASK) or the graph (CONSTRUCT, DESCRIBE), by Accept.",
        "content": {
            RESULT_TYPES[0]: {"schema": _SOLUTIONS_JSON},
            **{media: _TEXT for media in RESULT_TYPES[1:]},
            **{media: _TEXT for media in GRAPH_TYPES if media != "application/ld+json"},
            "application/ld+json": {"schema": {}},
        },
    },
    **responses(400, 406, 413, 422, 503),
}
_GET_EXTRA: JsonObject = {
    "parameters": [
        {"name": "query", "in": "query", "required": True, "schema": _QUERY_TEXT},
        *_REFUSED_PARAMETERS,
    ],
}
_POST_EXTRA: JsonObject = {
    **limits.QUERY,
    "parameters": _REFUSED_PARAMETERS,
    "requestBody": {
        "required": True,
        "content": {
            "application/sparql-query": {"schema": _QUERY_TEXT},
            "application/x-www-form-urlencoded": {
                "schema": {
                    "type": "object",
                    "required": ["query"],
                    "properties": {"query": _QUERY_TEXT},
                }
            },
        },
    },
}


_ALIASES = {
    "application/json": RESULT_TYPES[0],
    "application/xml": "application/sparql-results+xml",
    "text/xml": "application/sparql-results+xml",
}


def negotiate(accept: str | None) -> tuple[str, str] | None:
    """(results type, graph type) for an Accept header; None when nothing offered is acceptable
    (the query's form decides which of the two is used)."""
    results = choose(accept, RESULT_TYPES, aliases=_ALIASES)
    graphs = choose(accept, GRAPH_TYPES)
    if results is None and graphs is None:
        return None
    return results or RESULT_TYPES[0], graphs or GRAPH_TYPES[0]


def _single(values: dict[str, list[str]], name: str) -> str | None:
    found = values.get(name) or []
    if len(found) > 1:
        raise MalformedInput(f"{name}: give one {name} parameter, not {len(found)}", field=name)
    return found[0] if found else None


def _parameters(text: str, max_query_bytes: int) -> dict[str, list[str]]:
    """URL-encoded parameters, refusing (413) a text too long to hold a query within the limit."""
    if len(text) > 3 * max_query_bytes + 4096:  # %XX: three characters per byte at most
        check_size(text, max_query_bytes)
    return parse_qs(text, keep_blank_values=True)


async def _answer(
    context: ContextDep,
    request: Request,
    query: str | None,
    params: dict[str, list[str]],
    started: float,
) -> Response:
    if params.get("update"):
        raise QueryRefused(
            "update: SPARQL Update is not allowed: the endpoint is read-only", field="update"
        )
    for name in _DATASET_PARAMETERS:
        if params.get(name):
            raise QueryRefused(f"{name}: protocol dataset parameters are not supported", field=name)
    if query is None:
        raise MalformedInput(
            "query: a SPARQL query is required (query parameter or request body)", field="query"
        )
    check_size(query, context.settings.sparql_max_query_bytes)
    formats = negotiate(request.headers.get("accept"))
    if formats is None:
        raise HTTPException(
            406, "Not acceptable: offer SPARQL JSON/XML, CSV, TSV, Turtle, JSON-LD or N-Triples"
        )
    found = kept(context, query, formats[0], formats[1])  # asked before of this state: no thread
    if found is None:
        found = await run_in_threadpool(execute, context, query, formats[0], formats[1], started)
    media, body = found
    return Response(body, media_type=media, headers={"Vary": "Accept"})


Handler = Callable[[Context, Request], Awaitable[Response]]


def _route(method: str, summary: str, extra: JsonObject) -> Callable[[Handler], Handler]:
    """/sparql for one HTTP method, answering in the media types of _ANSWERS (response_class
    Response: no default application/json)."""
    return router.api_route(
        "/sparql",
        methods=[method],
        summary=summary,
        description=_DOC,
        response_class=Response,
        responses=_ANSWERS,
        openapi_extra=extra,
    )


@_route("GET", "SPARQL query (GET)", _GET_EXTRA)
async def sparql_get(context: ContextDep, request: Request) -> Response:
    started = time.monotonic()
    params = _parameters(request.url.query, context.settings.sparql_max_query_bytes)
    return await _answer(context, request, _single(params, "query"), params, started)


@_route("POST", "SPARQL query (POST: form or application/sparql-query)", _POST_EXTRA)
async def sparql_post(context: ContextDep, request: Request) -> Response:
    started = time.monotonic()
    max_bytes = context.settings.sparql_max_query_bytes
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = _parameters(request.url.query, max_bytes)
    if content_type == "application/sparql-update":
        raise QueryRefused(
            "body: SPARQL Update is not allowed: the endpoint is read-only", field="body"
        )
    if content_type not in ("application/sparql-query", "application/x-www-form-urlencoded"):
        raise MalformedInput(
            "content-type: expected application/sparql-query or application/x-www-form-urlencoded, "
            f"got {content_type or 'none'}",
            field="content-type",
        )
    raw = await request.body()  # at most the route's limit (limits.QUERY)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedInput("body: the request body is not UTF-8", field="body") from None
    if content_type == "application/sparql-query":
        return await _answer(context, request, text, params, started)
    merged = {**params, **_parameters(text, max_bytes)}
    return await _answer(context, request, _single(merged, "query"), merged, started)
