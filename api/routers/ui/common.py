"""Shared plumbing of the web UI: templates, page rendering, sign-in cookie, CSRF, services."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool

from exportgraph import paths
from exportgraph.errors import ExportgraphError, Forbidden
from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services import users

TEMPLATES_DIR = paths.templates_dir()
STATIC_DIR = paths.static_dir()
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))
COMPARATORS = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "="}
PLAIN_UNITS = {"", "1", "count", "dimensionless", "NUM", "UNITLESS"}


def _comparator(value: object) -> str:
    return COMPARATORS.get(str(value), str(value))


def _unit(value: object) -> str:
    """A unit after a number: nothing for counts and pure numbers, else a space and the unit."""
    text = "" if value is None else str(value)
    return "" if text in PLAIN_UNITS else f" {text}"


def _urlpath(value: object) -> str:
    """A value as one path segment (entry ids keep their colon and dots)."""
    return quote(str(value), safe=":.-_~")


templates.env.filters["comparator"] = _comparator
templates.env.filters["urlpath"] = _urlpath
templates.env.filters["unit"] = _unit

SESSION_COOKIE = "eg_session"
NAV = (
    ("/classify", "Classify"),
    ("/compare", "Compare"),
    ("/products", "Products"),
    ("/risk", "Risk"),
    ("/plans", "Plans"),
    ("/stages", "Stages"),
    ("/concepts", "Concepts"),
    ("/agreements", "Check an agreement"),
    ("/review", "Review"),
    ("/reviews", "Contested answers"),
    ("/releases", "Releases"),
    ("/whatif", "What if"),
    ("/reports", "Impact report"),
)


def jurisdiction_choices(knowledge: Knowledge) -> list[tuple[str, str]]:
    """(code, label) of every jurisdiction the service answers for, for a form's choices."""
    return [
        (code, knowledge.jurisdictions[code].label) for code in knowledge.answered_jurisdictions()
    ]


def context_of(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


async def call(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run a blocking service function in the thread pool."""
    return await run_in_threadpool(fn, *args, **kwargs)


# ---------------------------------------------------------------- sign-in


def csrf_token(session: str) -> str:
    """The form token bound to a session: HMAC of a fixed label under the session token."""
    return hmac.new(session.encode(), b"exportgraph-ui-csrf", hashlib.sha256).hexdigest()


def session_token(request: Request) -> str | None:
    return request.cookies.get(SESSION_COOKIE) or None


def current_user(request: Request) -> users.User | None:
    """The signed-in account, or None (no cookie, or a token no longer valid)."""
    token = session_token(request)
    if not token:
        return None
    try:
        return users.authenticate(Path(context_of(request).settings.users_file), token)
    except ExportgraphError:
        return None


def check_form_post(request: Request, csrf: str) -> str:
    """The session token of a state-changing form post, after the CSRF checks; else Forbidden."""
    token = session_token(request)
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host", ""):
        raise Forbidden("cross-origin form posts are refused", field="origin")
    if not token:
        raise Forbidden("sign in first", field="token")
    if not hmac.compare_digest(csrf_token(token), csrf or ""):
        raise Forbidden("the form is stale or forged (CSRF check failed); reload it", field="csrf")
    return token


async def form_user(request: Request, csrf: str, right: users.Role | None = None) -> users.User:
    """The account behind a form post, after the CSRF checks, holding `right` (if one is named)."""
    token = check_form_post(request, csrf)
    path = Path(context_of(request).settings.users_file)
    user = await run_in_threadpool(users.authenticate, path, token)
    return user if right is None else users.require(user, right)


# ---------------------------------------------------------------- rendering


async def render(
    request: Request, template: str, *, section: str = "", status_code: int = 200, **values: Any
) -> HTMLResponse:
    """A page of the UI: the template with the navigation, the user and the data version."""
    context = context_of(request)
    user = await run_in_threadpool(current_user, request)
    try:
        version: str | None = await run_in_threadpool(context.data_version)
    except Exception:  # the footer must not take a page down
        version = None
    token = session_token(request)
    page = {
        "request": request,
        "nav": NAV,
        "section": section,
        "user": user,
        "csrf": csrf_token(token) if token and user else "",
        "data_version": version[:12] if version else None,
        **values,
    }
    return templates.TemplateResponse(request, template, page, status_code=status_code)


async def error_page(request: Request, error: ExportgraphError) -> HTMLResponse:
    """A domain error as an HTML page with its status (the JSON API keeps problem+json)."""
    return await render(
        request,
        "ui/error.html",
        status_code=error.status,
        title=error.title,
        error=error,
    )


def see_other(url: str) -> RedirectResponse:
    """The answer to a form post that worked: go to `url` (303 See Other)."""
    return RedirectResponse(url, status_code=303)


def form_field(named: str | None, fields: Iterable[str]) -> str:
    """The form field an error names (`request.x` and `request[0]` are `request`), or
    "general" when it names none of `fields`."""
    name = (named or "").split(".", 1)[0].split("[", 1)[0]
    return name if name in fields else "general"


# ---------------------------------------------------------------- forms answered by a page

T = TypeVar("T")


@dataclass
class FormState:
    """A form shown again: the errors beside their fields and the page's status."""

    errors: dict[str, str] = field(default_factory=dict)
    status: int = 200


async def answer_form(
    request: Request,
    *,
    key: str,
    given: str,
    missing: str,
    compute: Callable[[], Awaitable[T]],
    page: Callable[[T], Awaitable[str]],
    field_of: Callable[[str | None], str],
) -> HTMLResponse | FormState:
    """A GET form whose answer is a page of its own: with `key` given, the page of what
    `compute` finds (or its error beside the field `field_of` names); with `key` sent empty,
    `missing` beside it (422); the form, unsent, otherwise."""
    state = FormState()
    if given:
        try:
            found = await compute()
        except ExportgraphError as error:
            state.errors[field_of(error.field)] = error.detail
            state.status = error.status
        else:
            return HTMLResponse(await page(found))
    elif key in request.query_params:
        state.errors[key] = missing
        state.status = 422
    return state
