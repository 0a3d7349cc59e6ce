"""Read-only SPARQL 1.1 Protocol endpoint (contract §6): GET and POST /sparql."""

from __future__ import annotations

from urllib.parse import parse_qs

from exportgraph.api.deps import ContextDep
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from exportgraph.errors import MalformedInput, QueryRefused
from exportgraph.presentation.negotiation import choose
from exportgraph.services.query.sparql import GRAPH_TYPES, RESULT_TYPES, execute

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
    "and FROM naming other than this store's graphs are refused (400); a query over its time limit "
    "is stopped (503), a result over the row limit is refused (413)."
)


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


async def _answer(
    context: ContextDep, request: Request, query: str | None, params: dict[str, list[str]]
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
    formats = negotiate(request.headers.get("accept"))
    if formats is None:
        raise HTTPException(
            406, "Not acceptable: offer SPARQL JSON/XML, CSV, TSV, Turtle, JSON-LD or N-Triples"
        )
    media, body = await run_in_threadpool(execute, context, query, formats[0], formats[1])
    return Response(body, media_type=media, headers={"Vary": "Accept"})


@router.get("/sparql", summary="SPARQL query (GET)", description=_DOC)
async def sparql_get(context: ContextDep, request: Request) -> Response:
    params = parse_qs(request.url.query, keep_blank_values=True)
    return await _answer(context, request, _single(params, "query"), params)


@router.post(
    "/sparql", summary="SPARQL query (POST: form or application/sparql-query)", description=_DOC
)
async def sparql_post(context: ContextDep, request: Request) -> Response:
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = parse_qs(request.url.query, keep_blank_values=True)
    raw = await request.body()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise MalformedInput("body: the request body is not UTF-8", field="body") from None
    if content_type == "application/sparql-query":
        return await _answer(context, request, text, params)
    if content_type == "application/sparql-update":
        raise QueryRefused(
            "body: SPARQL Update is not allowed: the endpoint is read-only", field="body"
        )
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True)
        merged = {**params, **form}
        return await _answer(context, request, _single(merged, "query"), merged)
    raise MalformedInput(
        f"content-type: expected application/sparql-query or application/x-www-form-urlencoded, got "
        f"{content_type or 'none'}",
        field="content-type",
    )
