"""Terminology review for editors, reviewers and admins: sign in, propose, review, release.

The bearer token is kept in an HttpOnly, SameSite=Strict cookie; every state-changing form
posts a CSRF token bound to it (common.check_form_post) and is answered with a redirect.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from exportgraph.api import limits
from exportgraph.api.routers.ui.common import (
    SESSION_COOKIE,
    call,
    check_form_post,
    context_of,
    current_user,
    error_page,
    form_field,
    form_user,
    render,
    see_other,
)
from exportgraph.api.routers.ui.impact import pending_impact
from exportgraph.api.writes import write
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from exportgraph.errors import ExportgraphError, Forbidden, Unauthorized
from exportgraph.services import users
from exportgraph.services.standards import changes, releases
from exportgraph.services.standards.diff import diff_rows
from exportgraph.services.standards.terminology_check import ShapesReportJson
from exportgraph.store import Store

router = APIRouter()
STATUSES = ("proposed", "approved", "rejected")


async def _store(request: Request) -> Store:
    """The context's store (opening it may block: in the thread pool)."""
    store: Store = await call(getattr, context_of(request), "store")
    return store


# ---------------------------------------------------------------- sign-in


@router.post("/signin")
async def sign_in(request: Request, token: str = Form("")) -> Response:
    """Check the token and keep it in an HttpOnly cookie; the sign-in form again on failure."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        return await error_page(request, Forbidden("cross-origin sign-in is refused"))
    path = Path(context_of(request).settings.users_file)
    try:
        await call(users.authenticate, path, token.strip())
    except Unauthorized as error:
        detail = "token: " + (
            "enter your token" if not token.strip() else "this token is not valid"
        )
        return await _review_page(request, errors={"token": detail}, status_code=error.status)
    response = see_other("/review")
    response.set_cookie(
        SESSION_COOKIE,
        token.strip(),
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/signout")
async def sign_out(request: Request, csrf: str = Form("")) -> Response:
    """Forget the token."""
    try:
        check_form_post(request, csrf)
    except Forbidden as error:
        return await error_page(request, error)
    response = see_other("/")
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


# ---------------------------------------------------------------- review page


async def _review_page(
    request: Request,
    *,
    errors: dict[str, str] | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
    report: ShapesReportJson | None = None,
) -> HTMLResponse:
    user = await call(current_user, request)
    queue: list[changes.ChangeRecord] = []
    mine: list[changes.ChangeRecord] = []
    version = ""
    if user is not None:
        store = await _store(request)
        every = await call(changes.list_changes, store)
        queue = [c for c in every if c["status"] == "proposed"]
        mine = [c for c in every if c["proposed_by"] == user.name]
        version = await call(context_of(request).data_version)
    return await render(
        request,
        "ui/review.html",
        section="/review",
        title="Terminology review",
        errors=errors or {},
        values=values or {},
        queue=queue,
        mine=mine,
        base_version=version,
        report=report,
        status_code=status_code,
    )


@router.get("/review", response_class=HTMLResponse)
async def review_page(request: Request) -> HTMLResponse:
    """Sign-in form, or: the proposal form (editors), the queue (reviewers), one's own changes."""
    return await _review_page(request)


FIELDS = ("summary", "rationale", "base_version", "add", "remove")


@router.post("/review/changes", openapi_extra=limits.BATCH)  # Turtle, as POST /v1/changes
async def propose_change(
    request: Request,
    csrf: str = Form(""),
    summary: str = Form(""),
    rationale: str = Form(""),
    base_version: str = Form(""),
    add: str = Form(""),
    remove: str = Form(""),
) -> Response:
    """Record a proposal and show it with its shapes report."""
    values = {
        "summary": summary,
        "rationale": rationale,
        "base_version": base_version,
        "add": add,
        "remove": remove,
    }
    try:
        user = await form_user(request, csrf, "editor")
    except ExportgraphError as error:
        return await error_page(request, error)
    try:
        change = await write(
            context_of(request), lambda store: changes.propose(store, user, values)
        )
    except ExportgraphError as error:
        where = form_field(error.field, FIELDS)
        return await _review_page(
            request, errors={where: error.detail}, values=values, status_code=error.status
        )
    return see_other(f"/review/changes/{change['id']}")


async def _change_page(
    request: Request,
    change_id: str,
    *,
    error: str = "",
    status_code: int = 200,
    report: ShapesReportJson | None = None,
) -> HTMLResponse:
    try:
        change = await call(changes.get_change, await _store(request), change_id)
    except ExportgraphError as failure:
        return await error_page(request, failure)
    user = await call(current_user, request)
    may_review = bool(
        user
        and user.may("reviewer")
        and change["status"] == "proposed"
        and change["proposed_by"] != user.name
    )
    impact, impact_error = (
        await pending_impact(request, change_id) if change["status"] == "proposed" else (None, "")
    )
    return await render(
        request,
        "ui/change.html",
        section="/review",
        title=f"Change {change_id}: {change['summary']}",
        change=change,
        report=report or change["report"],
        may_review=may_review,
        own=bool(user and change["proposed_by"] == user.name),
        action_error=error,
        impact=impact,
        impact_error=impact_error,
        status_code=status_code,
    )


@router.get("/review/changes/{change_id}", response_class=HTMLResponse)
async def change_page(request: Request, change_id: str) -> HTMLResponse:
    """One change set: what it adds and removes, its shapes report and its review."""
    return await _change_page(request, change_id)


@router.post("/review/changes/{change_id}/{decision}")
async def review_change(
    request: Request, change_id: str, decision: str, csrf: str = Form(""), comment: str = Form("")
) -> Response:
    """Approve or reject a proposal (reviewers; never one's own)."""
    if decision not in ("approve", "reject"):
        return await error_page(request, Forbidden(f"unknown decision {decision!r}"))
    try:
        user = await form_user(request, csrf, "reviewer")
        act = changes.approve if decision == "approve" else changes.reject
        body = {"comment": comment} if comment.strip() else None
        await write(context_of(request), lambda store: act(store, user, change_id, body))
    except ExportgraphError as error:
        report = error.report if isinstance(error, changes.NotApprovable) else None
        return await _change_page(
            request, change_id, error=error.detail, status_code=error.status, report=report
        )
    return see_other(f"/review/changes/{change_id}")


# ---------------------------------------------------------------- releases


async def _releases(request: Request, **page: Any) -> HTMLResponse:
    """The releases page: every release, with the publish form (its errors and values)."""
    listing = await call(releases.list_releases, await _store(request))
    return await render(
        request, "ui/releases.html", section="/releases", title="Releases", releases=listing, **page
    )


@router.get("/releases", response_class=HTMLResponse)
async def releases_page(request: Request) -> HTMLResponse:
    """Every release; admins publish a new one; pick two versions to see what changed."""
    return await _releases(request, errors={})


@router.post("/releases")
async def publish_release(
    request: Request, csrf: str = Form(""), version: str = Form(""), notes: str = Form("")
) -> Response:
    """Publish the current terminology as a release (admins)."""
    try:
        user = await form_user(request, csrf, "admin")
        body = {k: v for k, v in (("version", version.strip()), ("notes", notes.strip())) if v}
        created = await write(
            context_of(request), lambda store: releases.create_release(store, user, body)
        )
    except ExportgraphError as error:
        field = form_field(error.field, ("version", "notes"))
        return await _releases(
            request,
            errors={field: error.detail},
            values={"version": version, "notes": notes},
            status_code=error.status,
        )
    return see_other(f"/releases/{created['version']}")


@router.get("/releases/diff", response_class=HTMLResponse)
async def release_diff_form(request: Request, a: str = "", b: str = "") -> Response:
    """The diff picker submits here; redirect to the diff's own address."""
    if not a or not b:
        return see_other("/releases")
    return see_other(f"/releases/{a}/diff/{b}")


@router.get("/releases/{version}", response_class=HTMLResponse)
async def release_page(request: Request, version: str) -> HTMLResponse:
    """One release and what changed since the one before it."""
    store = await _store(request)
    try:
        release = await call(releases.get_release, store, version)
    except ExportgraphError as error:
        return await error_page(request, error)
    return await render(
        request, "ui/release.html", section="/releases", title=f"Release {version}", release=release
    )


@router.get("/releases/{a}/diff/{b}", response_class=HTMLResponse)
async def release_diff(request: Request, a: str, b: str) -> HTMLResponse:
    """What changed from release a to release b ("current": the unreleased terminology)."""
    try:
        diff = await call(releases.diff_releases, await _store(request), a, b)
    except ExportgraphError as error:
        return await error_page(request, error)
    return await render(
        request,
        "ui/diff.html",
        section="/releases",
        title=f"Changes from {a} to {b}",
        diff=diff,
        rows=diff_rows(diff),
        a=a,
        b=b,
    )
