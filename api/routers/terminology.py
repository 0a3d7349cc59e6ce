"""Terminology: change sets, releases and their diffs, graph exports, equivalents, mappings and
concepts (contract §5). Reading is anonymous; writing needs a bearer token with the right role."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from exportgraph.api import limits
from exportgraph.api.auth import AdminDep, EditorDep, ReviewerDep
from exportgraph.api.deps import ContextDep, KnowledgeDep
from exportgraph.api.json_body import read_json
from exportgraph.api.problems import problem, responses
from exportgraph.api.writes import write
from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.concurrency import run_in_threadpool

from exportgraph import paths
from exportgraph.errors import MalformedInput
from exportgraph.graph.context import Context
from exportgraph.json_types import JsonObject
from exportgraph.presentation.negotiation import RDF_MEDIA_TYPES, choose, rdf_media_type
from exportgraph.services.reference import concepts
from exportgraph.services.standards import changes, equivalence, mappings, releases
from exportgraph.services.standards.diff import diff_rows
from exportgraph.services.standards.diff_shapes import ReleaseDiff

router = APIRouter(tags=["terminology"])
_templates = Environment(
    loader=FileSystemLoader(paths.templates_dir()),
    autoescape=select_autoescape(["html"]),
)
TSV = "text/tab-separated-values"
T = TypeVar("T")


async def _write(context: Context, call: Callable[..., T], *args: Any) -> T:
    """`call(store, *args)` for a write (proposal, review, release), on the writers' threads."""
    return await write(context, lambda store: call(store, *args))


CHANGE_EXAMPLE = {
    "summary": "Add the Italian label of the C-NOT error parameter",
    "rationale": "Requested by the Italian authority for its national guidance.",
    "base_version": "<data_version from GET /healthz>",
    "add": 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .',
    "remove": "",
}


_BEARER: JsonObject = {"security": [{"bearer": []}]}
_WRITE = (400, 401, 403, 404, 409, 413, 422)
_CHANGE_SET: JsonObject = {
    "type": "object",
    "additionalProperties": False,
    "required": ["summary", "rationale", "base_version"],
    "properties": {
        "summary": {"type": "string", "maxLength": changes.MAX_SUMMARY},
        "rationale": {"type": "string", "maxLength": changes.MAX_TEXT},
        "base_version": {"type": "string", "maxLength": 200},
        "add": {"type": "string", "description": "Turtle: statements to add"},
        "remove": {"type": "string", "description": "Turtle: statements to remove"},
    },
}
_REVIEW: JsonObject = {
    "type": "object",
    "properties": {"comment": {"type": "string", "maxLength": changes.MAX_TEXT}},
}
_RELEASE: JsonObject = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"version": {"type": "string"}, "notes": {"type": "string"}},
}


def _optional_body(schema: JsonObject) -> JsonObject:
    return {
        **_BEARER,
        "requestBody": {"required": False, "content": {"application/json": {"schema": schema}}},
    }


_RDF = {media: {"schema": {"type": "string"}} for media in RDF_MEDIA_TYPES}


async def _json_body(request: Request, context: Context, *, optional: bool = False) -> Any:
    """The request body as JSON (read only after authentication), within the request limits."""
    return await read_json(request, context.settings, optional=optional)


# ------------------------------------------------------------------------------ change sets


@router.get("/v1/changes", summary="List change sets")
async def list_changes(
    context: ContextDep,
    status: Annotated[str | None, Query(description="proposed, approved or rejected")] = None,
) -> list[changes.ChangeRecord]:
    return await run_in_threadpool(changes.list_changes, context.store, status)


@router.post(
    "/v1/changes",
    status_code=201,
    summary="Propose a change set (editor)",
    responses=responses(*_WRITE),
    openapi_extra={
        **limits.BATCH,  # up to 2 million characters of Turtle each to add and to remove
        **_BEARER,
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _CHANGE_SET, "example": CHANGE_EXAMPLE}},
        },
    },
)
async def propose(
    request: Request, response: Response, context: ContextDep, user: EditorDep
) -> changes.ChangeRecord:
    """201 with Location and {"id", "status": "proposed", "report": {"conforms", "violations"}}:
    the report is the terminology-shapes report of the graph the change would produce."""
    body = await _json_body(request, context)
    change = await _write(context, changes.propose, user, body)
    response.headers["Location"] = f"/v1/changes/{change['id']}"
    return change


@router.get("/v1/changes/{change_id}", summary="One change set", responses=responses(404))
async def get_change(change_id: str, context: ContextDep) -> changes.ChangeRecord:
    return await run_in_threadpool(changes.get_change, context.store, change_id)


@router.post(
    "/v1/changes/{change_id}/approve",
    summary="Approve and apply (reviewer, not the author)",
    response_model=changes.ChangeRecord,
    responses=responses(*_WRITE),
    openapi_extra=_optional_body(_REVIEW),
)
async def approve(
    change_id: str, request: Request, context: ContextDep, user: ReviewerDep
) -> changes.ChangeRecord | Response:
    """Applies the change atomically; 409 on a conflict with a change approved since its base,
    422 with the report when the result violates the terminology shapes."""
    body = await _json_body(request, context, optional=True)
    try:
        change = await _write(context, changes.approve, user, change_id, body)
    except changes.NotApprovable as error:
        return problem(error.status, error.title, error.detail, error.slug, report=error.report)
    return change


@router.post(
    "/v1/changes/{change_id}/reject",
    summary="Reject (reviewer, not the author)",
    responses=responses(*_WRITE),
    openapi_extra=_optional_body(_REVIEW),
)
async def reject(
    change_id: str, request: Request, context: ContextDep, user: ReviewerDep
) -> changes.ChangeRecord:
    body = await _json_body(request, context, optional=True)
    return await _write(context, changes.reject, user, change_id, body)


# ------------------------------------------------------------------------------ releases


@router.post(
    "/v1/releases",
    status_code=201,
    summary="Publish a release (admin)",
    responses=responses(*_WRITE),
    openapi_extra=_optional_body(_RELEASE),
)
async def create_release(
    request: Request, response: Response, context: ContextDep, user: AdminDep
) -> releases.Release:
    """201 {"version", "iri", …}; body optional: {"version": "…", "notes": "…"}."""
    body = await _json_body(request, context, optional=True)
    release = await _write(context, releases.create_release, user, body)
    response.headers["Location"] = f"/v1/releases/{release['version']}"
    return release


@router.get("/v1/releases", summary="List releases")
async def list_releases(context: ContextDep) -> list[releases.Release]:
    return await run_in_threadpool(releases.list_releases, context.store)


def _rdf_response(data: bytes, media_type: str) -> Response:
    charset = "; charset=utf-8" if media_type != "application/rdf+xml" else ""
    return Response(data, media_type=media_type + charset)


@router.get(
    "/v1/releases/{version}",
    summary="A release: JSON description, or RDF by Accept",
    response_model=releases.Release,
    responses={
        200: {"description": "The release", "content": _RDF},
        **responses(404, 422),
    },
)
async def get_release(
    version: str,
    request: Request,
    context: ContextDep,
    format: Annotated[str | None, Query(description="turtle, json-ld, nt or xml")] = None,
) -> releases.Release | Response:
    media_type = rdf_media_type(request.headers.get("accept"), format)
    if media_type is None:
        return await run_in_threadpool(releases.get_release, context.store, version)
    data = await run_in_threadpool(releases.export_release, context, version, media_type)
    return _rdf_response(data, media_type)


@router.get(
    "/v1/releases/{a}/diff/{b}",
    summary="What changed between two releases",
    response_model=ReleaseDiff,
    responses={
        200: {
            "description": "The differences, as JSON or an HTML table",
            "content": {"text/html": {"schema": {"type": "string"}}},
        },
        **responses(400, 404, 422),
    },
)
async def diff(
    a: str,
    b: str,
    request: Request,
    context: ContextDep,
    format: Annotated[str | None, Query(description="json (default) or table (HTML)")] = None,
) -> ReleaseDiff | Response:
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
    return result


# ------------------------------------------------------------------------------ exports


@router.get(
    "/v1/graph",
    summary="The whole current graph (asserted + inferred) by Accept",
    response_class=Response,  # RDF only: no default application/json
    responses={200: {"description": "The graph", "content": _RDF}, **responses(422)},
)
async def graph(
    request: Request,
    context: ContextDep,
    format: Annotated[str | None, Query(description="turtle, json-ld, nt or xml")] = None,
) -> Response:
    media_type = rdf_media_type(request.headers.get("accept"), format) or "text/turtle"
    data = await run_in_threadpool(context.store.export, media_type)
    return _rdf_response(data, media_type)


@router.get(
    "/v1/mappings",
    summary="Mappings as an SSSOM table (or JSON)",
    response_model=list[mappings.MappingRow],
    responses={
        200: {"description": "The mappings", "content": {TSV: {"schema": {"type": "string"}}}},
        **responses(400, 422),
    },
)
async def list_mappings(
    context: ContextDep,
    request: Request,
    source: Annotated[str, Query(description="asserted (default) or derived")] = "asserted",
    format: Annotated[str | None, Query(description="tsv (default) or json")] = None,
) -> list[mappings.MappingRow] | Response:
    if format not in (None, "tsv", "json"):
        raise MalformedInput("format must be tsv or json", field="format")
    chosen = choose(request.headers.get("accept"), (TSV, "application/json"), default=TSV)
    if format == "json" or (format is None and chosen == "application/json"):
        return await run_in_threadpool(mappings.mappings_json, context.store, source)
    table = await run_in_threadpool(mappings.mappings_table, context.store, source)
    return Response(table, media_type=TSV + "; charset=utf-8")


@router.get(
    "/v1/entries/{entry_id}/equivalents",
    summary="Asserted and derived equivalents",
    responses=responses(404),
)
async def equivalents(
    entry_id: str, knowledge: KnowledgeDep, response: Response
) -> list[equivalence.EquivalentRow]:
    """[{"id", "relation", "asserted", "derived", "basis", …}]; when the entry's thresholds
    cannot be compared, the Exportgraph-Derivation header says why."""
    result = await run_in_threadpool(equivalence.equivalents, knowledge, entry_id)
    if result["reason"]:
        response.headers["Exportgraph-Derivation"] = result["reason"]
    return result["equivalents"]


# ------------------------------------------------------------------------------ concepts


@router.get("/v1/concepts", summary="Harmonized SKOS concepts; ?q= searches every language")
async def list_concepts(
    knowledge: KnowledgeDep,
    lang: Annotated[str | None, Query(description="label language, e.g. fr (default en)")] = None,
    q: Annotated[str | None, Query(description="label search in every language")] = None,
    scheme: Annotated[str | None, Query(description="kinds, parameters, facts or purposes")] = None,
) -> list[concepts.ConceptSummary]:
    return concepts.list_concepts(knowledge, lang, q, scheme)


@router.get(
    "/v1/concepts/{notation}",
    summary="One concept with every label by language",
    responses=responses(404, 422),
)
async def get_concept(
    notation: str,
    knowledge: KnowledgeDep,
    lang: Annotated[str | None, Query(description="label language (default en)")] = None,
    scheme: Annotated[str | None, Query(description="disambiguates a notation")] = None,
) -> concepts.ConceptDetail:
    return concepts.get_concept(knowledge, notation, lang, scheme)
