"""Terminology: change sets, releases and their diffs, graph exports, equivalents, mappings and
concepts (contract §5). Reading is anonymous; writing needs a bearer token with the right role."""

from __future__ import annotations

from typing import Annotated, Any

from exportgraph.api.auth import AdminDep, EditorDep, ReviewerDep
from exportgraph.api.bodies import json_body
from exportgraph.api.deps import ContextDep, KnowledgeDep
from exportgraph.api.problems import problem
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from exportgraph import paths
from exportgraph.errors import MalformedInput
from exportgraph.presentation.negotiation import choose, rdf_media_type
from exportgraph.services.reference import concepts
from exportgraph.services.standards import changes, equivalence, mappings, releases
from exportgraph.services.standards.diff import diff_rows

router = APIRouter(tags=["terminology"])
_templates = Environment(
    loader=FileSystemLoader(paths.templates_dir()),
    autoescape=select_autoescape(["html"]),
)
TSV = "text/tab-separated-values"

CHANGE_EXAMPLE = {
    "summary": "Add the Italian label of the C-NOT error parameter",
    "rationale": "Requested by the Italian authority for its national guidance.",
    "base_version": "<data_version from GET /healthz>",
    "add": 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .',
    "remove": "",
}


async def _json_body(request: Request, *, optional: bool = False) -> Any:
    """The request body as JSON (read only after authentication); errors name line and column."""
    return await json_body(request, optional=optional)


# ------------------------------------------------------------------------------ change sets


@router.get("/v1/changes", summary="List change sets")
async def list_changes(
    context: ContextDep,
    status: Annotated[str | None, Query(description="proposed, approved or rejected")] = None,
) -> list[dict[str, Any]]:
    return await run_in_threadpool(changes.list_changes, context.store, status)


@router.post(
    "/v1/changes",
    status_code=201,
    summary="Propose a change set (editor)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"example": CHANGE_EXAMPLE}},
        }
    },
)
async def propose(request: Request, context: ContextDep, user: EditorDep) -> JSONResponse:
    """201 with Location and {"id", "status": "proposed", "report": {"conforms", "violations"}}:
    the report is the terminology-shapes report of the graph the change would produce."""
    body = await _json_body(request)
    change = await run_in_threadpool(changes.propose, context.store, user, body)
    return JSONResponse(
        change, status_code=201, headers={"Location": f"/v1/changes/{change['id']}"}
    )


@router.get("/v1/changes/{change_id}", summary="One change set")
async def get_change(change_id: str, context: ContextDep) -> dict[str, Any]:
    return await run_in_threadpool(changes.get_change, context.store, change_id)


@router.post(
    "/v1/changes/{change_id}/approve", summary="Approve and apply (reviewer, not the author)"
)
async def approve(
    change_id: str, request: Request, context: ContextDep, user: ReviewerDep
) -> JSONResponse:
    """Applies the change atomically; 409 on a conflict with a change approved since its base,
    422 with the report when the result violates the terminology shapes."""
    body = await _json_body(request, optional=True)
    try:
        change = await run_in_threadpool(changes.approve, context.store, user, change_id, body)
    except changes.NotApprovable as error:
        return problem(error.status, error.title, error.detail, error.slug, report=error.report)
    return JSONResponse(change)


@router.post("/v1/changes/{change_id}/reject", summary="Reject (reviewer, not the author)")
async def reject(
    change_id: str, request: Request, context: ContextDep, user: ReviewerDep
) -> dict[str, Any]:
    body = await _json_body(request, optional=True)
    return await run_in_threadpool(changes.reject, context.store, user, change_id, body)


# ------------------------------------------------------------------------------ releases


@router.post("/v1/releases", status_code=201, summary="Publish a release (admin)")
async def create_release(request: Request, context: ContextDep, user: AdminDep) -> JSONResponse:
    """201 {"version", "iri", …}; body optional: {"version": "…", "notes": "…"}."""
    body = await _json_body(request, optional=True)
    release = await run_in_threadpool(releases.create_release, context.store, user, body)
    return JSONResponse(
        release, status_code=201, headers={"Location": f"/v1/releases/{release['version']}"}
    )


@router.get("/v1/releases", summary="List releases")
async def list_releases(context: ContextDep) -> list[dict[str, Any]]:
    return await run_in_threadpool(releases.list_releases, context.store)


def _rdf_response(data: bytes, media_type: str) -> Response:
    charset = "; charset=utf-8" if media_type != "application/rdf+xml" else ""
    return Response(data, media_type=media_type + charset)


@router.get("/v1/releases/{version}", summary="A release: JSON description, or RDF by Accept")
async def get_release(
    version: str,
    request: Request,
    context: ContextDep,
    format: Annotated[str | None, Query(description="turtle, json-ld, nt or xml")] = None,
) -> Response:
    media_type = rdf_media_type(request.headers.get("accept"), format)
    if media_type is None:
        return JSONResponse(await run_in_threadpool(releases.get_release, context.store, version))
    data = await run_in_threadpool(releases.export_release, context, version, media_type)
    return _rdf_response(data, media_type)


@router.get("/v1/releases/{a}/diff/{b}", summary="What changed between two releases")
async def diff(
    a: str,
    b: str,
    request: Request,
    context: ContextDep,
    format: Annotated[str | None, Query(description="json (default) or table (HTML)")] = None,
) -> Response:
    """Added, removed and changed entries, criteria, concepts, labels and mappings with values
    before and after; `b` (or `a`) may be `current` for the unreleased terminology."""
    result = await run_in_threadpool(releases.diff_releases, context.store, a, b)
    if format not in (None, "json", "table"):
        raise MalformedInput("format must be json or table", field="format")
    offered = ("application/json", "text/html")
    wants_html = format == "table" or (
        format is None and choose(request.headers.get("accept"), offered) == "text/html"
    )
    if wants_html:
        html = _templates.get_template("terminology/diff.html").render(
            diff=result, rows=diff_rows(result)
        )
        return HTMLResponse(html)
    return JSONResponse(result)


# ------------------------------------------------------------------------------ exports


@router.get("/v1/graph", summary="The whole current graph (asserted + inferred) by Accept")
async def graph(
    request: Request,
    context: ContextDep,
    format: Annotated[str | None, Query(description="turtle, json-ld, nt or xml")] = None,
) -> Response:
    media_type = rdf_media_type(request.headers.get("accept"), format) or "text/turtle"
    data = await run_in_threadpool(context.store.export, media_type)
    return _rdf_response(data, media_type)


@router.get("/v1/mappings", summary="Mappings as an SSSOM table (or JSON)")
async def list_mappings(
    context: ContextDep,
    request: Request,
    source: Annotated[str, Query(description="asserted (default) or derived")] = "asserted",
    format: Annotated[str | None, Query(description="tsv (default) or json")] = None,
) -> Response:
    if format not in (None, "tsv", "json"):
        raise MalformedInput("format must be tsv or json", field="format")
    chosen = choose(request.headers.get("accept"), (TSV, "application/json"), default=TSV)
    if format == "json" or (format is None and chosen == "application/json"):
        rows = await run_in_threadpool(mappings.mappings_json, context.store, source)
        return JSONResponse(rows)
    table = await run_in_threadpool(mappings.mappings_table, context.store, source)
    return Response(table, media_type=TSV + "; charset=utf-8")


@router.get("/v1/entries/{entry_id}/equivalents", summary="Asserted and derived equivalents")
async def equivalents(entry_id: str, knowledge: KnowledgeDep) -> JSONResponse:
    """[{"id", "relation", "asserted", "derived", "basis", …}]; when the entry's thresholds
    cannot be compared, the Exportgraph-Derivation header says why."""
    result = await run_in_threadpool(equivalence.equivalents, knowledge, entry_id)
    headers = {"Exportgraph-Derivation": result["reason"]} if result["reason"] else None
    return JSONResponse(result["equivalents"], headers=headers)


# ------------------------------------------------------------------------------ concepts


@router.get("/v1/concepts", summary="Harmonized SKOS concepts; ?q= searches every language")
async def list_concepts(
    knowledge: KnowledgeDep,
    lang: Annotated[str | None, Query(description="label language, e.g. fr (default en)")] = None,
    q: Annotated[str | None, Query(description="label search in every language")] = None,
    scheme: Annotated[str | None, Query(description="kinds, parameters, facts or purposes")] = None,
) -> list[dict[str, Any]]:
    return concepts.list_concepts(knowledge, lang, q, scheme)


@router.get("/v1/concepts/{notation}", summary="One concept with every label by language")
async def get_concept(
    notation: str,
    knowledge: KnowledgeDep,
    lang: Annotated[str | None, Query(description="label language (default en)")] = None,
    scheme: Annotated[str | None, Query(description="disambiguates a notation")] = None,
) -> dict[str, Any]:
    return concepts.get_concept(knowledge, notation, lang, scheme)
