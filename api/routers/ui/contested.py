"""Contested answers in the web UI: the review queue (/reviews), a form to contest an answer
(signed in), a review's record page and the decision form (reviewers who did not file it).

Forms post with the CSRF token bound to the sign-in cookie (common.check_form_post) and are
answered with a redirect; the services are those of POST /v1/reviews and /decide."""

from __future__ import annotations

import json

from exportgraph.api.routers.ui.common import (
    call,
    context_of,
    current_user,
    error_page,
    form_field,
    form_user,
    render,
    see_other,
)
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from exportgraph.errors import ExportgraphError
from exportgraph.json_types import JsonObject
from exportgraph.services import reviews
from exportgraph.services.reviews.recompute import ENDPOINTS, SUBJECTS

router = APIRouter()
FORM_FIELDS = ("subject", "request", "data_version", "grounds", "model_version")


async def _queue_page(
    request: Request,
    *,
    values: dict[str, str],
    errors: dict[str, str] | None = None,
    status_code: int = 200,
) -> HTMLResponse:
    status = request.query_params.get("status") or None
    subject = request.query_params.get("filter_subject") or None
    context = context_of(request)
    try:
        queue = await call(reviews.list_reviews, context, status, subject)
    except ExportgraphError as error:
        return await error_page(request, error)
    return await render(
        request,
        "ui/reviews.html",
        section="/reviews",
        title="Contested answers",
        queue=queue,
        values=values,
        errors=errors or {},
        subjects=SUBJECTS,
        endpoints=ENDPOINTS,
        statuses=reviews.STATUSES,
        status=status or "",
        filter_subject=subject or "",
        status_code=status_code,
    )


@router.get("/reviews", response_class=HTMLResponse)
async def queue_page(request: Request) -> HTMLResponse:
    """The queue (open first) with filters; the form to contest an answer, prefilled from the
    "contest this answer" links (subject, request, data_version)."""
    values = {name: request.query_params.get(name, "") for name in FORM_FIELDS}
    return await _queue_page(request, values=values)


@router.post("/reviews")
async def contest(
    request: Request,
    csrf: str = Form(""),
    subject: str = Form(""),
    body: str = Form("", alias="request"),
    data_version: str = Form(""),
    grounds: str = Form(""),
    model_version: str = Form(""),
) -> Response:
    """File a review from the form; the form again, with the field at fault, on bad input."""
    values = {
        "subject": subject,
        "request": body,
        "data_version": data_version,
        "grounds": grounds,
        "model_version": model_version,
    }
    try:
        user = await form_user(request, csrf, None)
    except ExportgraphError as error:
        return await error_page(request, error)
    try:
        parsed = json.loads(body) if body.strip() else None
    except json.JSONDecodeError as error:
        detail = f"request: not JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        return await _queue_page(
            request, values=values, errors={"request": detail}, status_code=400
        )
    payload: JsonObject = {
        "subject": subject,
        "request": parsed,
        "data_version": data_version,
        "grounds": grounds,
    }
    if model_version.strip():
        payload["model_version"] = model_version.strip()
    try:
        record = await call(reviews.file_review, context_of(request), user, payload)
    except ExportgraphError as error:
        return await _queue_page(
            request,
            values=values,
            errors={form_field(error.field, FORM_FIELDS): error.detail},
            status_code=error.status,
        )
    return see_other(f"/reviews/{record['id']}")


async def _record_page(
    request: Request, review_id: str, *, error: str = "", status_code: int = 200
) -> HTMLResponse:
    try:
        record = await call(reviews.get_review, context_of(request), review_id)
    except ExportgraphError as failure:
        return await error_page(request, failure)
    user = await call(current_user, request)
    own = bool(user and record["filed_by"] == user.name)
    may_decide = bool(user and user.may("reviewer") and record["status"] == "open" and not own)
    return await render(
        request,
        "ui/review_record.html",
        section="/reviews",
        title=f"Review {review_id}: a contested {record['subject']} answer",
        record=record,
        recorded=json.dumps(record["recorded_answer"], indent=2, ensure_ascii=False),
        contested=json.dumps(record["request"], indent=2, ensure_ascii=False),
        revised=json.dumps(record.get("revised_answer"), indent=2, ensure_ascii=False),
        endpoint=ENDPOINTS.get(record["subject"], ""),
        may_decide=may_decide,
        own=own,
        action_error=error,
        status_code=status_code,
    )


@router.get("/reviews/{review_id}", response_class=HTMLResponse)
async def record_page(request: Request, review_id: str) -> HTMLResponse:
    """One review: the grounds, the answer recorded at its data version, the decision."""
    return await _record_page(request, review_id)


@router.post("/reviews/{review_id}/decide")
async def decide(
    request: Request,
    review_id: str,
    csrf: str = Form(""),
    outcome: str = Form(""),
    reason: str = Form(""),
) -> Response:
    """Uphold or revise (reviewers; never the filer)."""
    try:
        user = await form_user(request, csrf, "reviewer")
        body = {"outcome": outcome, "reason": reason}
        await call(reviews.decide, context_of(request), user, review_id, body)
    except ExportgraphError as error:
        return await _record_page(request, review_id, error=error.detail, status_code=error.status)
    return see_other(f"/reviews/{review_id}")
