"""Pages for risk scores (/risk), project stages (/stages) and project plans (/plans), over the
same services as the JSON API."""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any

from exportgraph.api.deps import get_knowledge
from exportgraph.api.routers.risk import PLAN_EXAMPLE
from exportgraph.api.routers.ui.common import (
    call,
    context_of,
    error_page,
    jurisdiction_choices,
    render,
)
from exportgraph.api.routers.ui.risk_forms import RiskQuestion, read_risk_form
from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from markupsafe import Markup

from exportgraph.errors import ExportgraphError, MalformedInput
from exportgraph.json_types import JsonObject
from exportgraph.knowledge.index import Knowledge
from exportgraph.presentation.calendar import deadlines_calendar
from exportgraph.presentation.timeline import timeline_svg
from exportgraph.services.partners.plan_answers import PlanAnswer
from exportgraph.services.partners.plans import evaluate_plan
from exportgraph.services.partners.risk import score_risk
from exportgraph.services.partners.risk_answers import RiskAnswer
from exportgraph.services.partners.risk_models import list_models
from exportgraph.services.partners.screening import default_screener
from exportgraph.services.partners.stages import list_stages
from exportgraph.services.standards import comparison as matrix

router = APIRouter()
MAX_PLAN = 2 * 1024 * 1024
EXAMPLE_PLAN: JsonObject = dict(PLAN_EXAMPLE["joint-programme"]["value"] or {})


def _options(knowledge: Knowledge, scheme: str) -> list[tuple[str, str]]:
    return [(c.notation, c.label or c.notation) for c in knowledge.ordered(scheme)]


@router.get("/risk", response_class=HTMLResponse)
async def risk_page(request: Request) -> HTMLResponse:
    """The risk form; once submitted, the score, band, factors, measures and screening."""
    knowledge = await get_knowledge(request)
    form = read_risk_form(request.query_params, request.query_params.multi_items())
    kinds, _ = matrix.axes(knowledge)
    submitted = "kind" in request.query_params
    if not submitted:
        form.values.update(
            {"kind": "quantum-computer", "from": "US", "to": "CN", "end_use": "civil-research"}
        )
        form.parameters[:2] = [("physical-qubits", "120"), ("cnot-error", "8e-4")]
    answer: RiskAnswer | None = None
    sent: RiskQuestion | None = None  # the request answered, for "Contest this answer"
    if submitted:
        kind = knowledge.kinds.get(form.get("kind"))
        serving = bool(kind and knowledge.serves_another_kind(kind.iri))
        try:
            sent = form.request(serving)
            answer = await call(score_risk, knowledge, sent, default_screener(context_of(request)))
        except ExportgraphError as error:
            form.place(error.field, error.detail)
    return await render(
        request,
        "ui/risk.html",
        section="/risk",
        title="How risky is this transfer, and why?",
        form=form,
        kinds=kinds,
        parameters=sorted(
            knowledge.parameters.values(), key=lambda c: (c.label or c.notation).casefold()
        ),
        destinations=sorted(knowledge.risk.destinations.values(), key=lambda d: d.name),
        options={
            "jurisdictions": [
                (code, f"{label} ({code})") for code, label in jurisdiction_choices(knowledge)
            ],
            "end_user_types": _options(knowledge, "end-user-types"),
            "end_uses": _options(knowledge, "end-uses"),
            "stages": _options(knowledge, "project-stages"),
            "purposes": _options(knowledge, "purposes"),
            "models": [
                (m["id"], f"{m['title']} ({m['id']} {m['version']})")
                for m in list_models(knowledge)
            ],
        },
        answer=answer,
        contested=sent,
        status_code=422 if form.errors or form.general else 200,
    )


@router.get("/stages", response_class=HTMLResponse)
async def stages_page(request: Request) -> HTMLResponse:
    """The stages with their TRL range and review gate, and the escalation, pause and
    de-escalation criteria, each with basis and sources."""
    knowledge = await get_knowledge(request)
    answer = list_stages(knowledge)
    groups = {
        kind: [c for c in answer["criteria"] if c["type"] == kind]
        for kind in ("escalate", "pause", "de-escalate")
    }
    return await render(
        request,
        "ui/stages.html",
        section="/stages",
        title="Project stages and their gates",
        stages=answer["stages"],
        groups=groups,
    )


def _plan_body(text: str) -> Any:
    if len(text.encode()) > MAX_PLAN:
        raise MalformedInput(f"plan: at most {MAX_PLAN} bytes", field="plan")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedInput(
            f"plan: invalid JSON on line {error.lineno}, column {error.colno}: {error.msg}",
            field="plan",
        ) from None


@router.get("/plans", response_class=HTMLResponse)
async def plans_page(request: Request) -> HTMLResponse:
    """The plan form, filled with an example."""
    example = {**EXAMPLE_PLAN, "as_of": dt.date.today().isoformat()}
    return await render(
        request,
        "ui/plan.html",
        section="/plans",
        title="What will this project need, and when?",
        plan_text=json.dumps(example, indent=2),
        answer=None,
        error=None,
    )


@router.post("/plans", response_class=HTMLResponse)
async def plans_evaluate(request: Request, plan: Annotated[str, Form()] = "") -> HTMLResponse:
    """The evaluated plan: a timeline, then per activity stage, gate, licences, band, conflicts."""
    context = context_of(request)
    answer: PlanAnswer | None = None
    error: ExportgraphError | None = None
    try:
        answer = await call(evaluate_plan, context, _plan_body(plan), default_screener(context))
    except ExportgraphError as found:
        error = found
    return await render(
        request,
        "ui/plan.html",
        section="/plans",
        title="What will this project need, and when?",
        plan_text=plan,
        answer=answer,
        timeline=Markup(timeline_svg(answer)) if answer else None,
        error=error,
        status_code=error.status if error else 200,
    )


@router.post("/plans/deadlines.ics")
async def plans_calendar(request: Request, plan: Annotated[str, Form()] = "") -> Response:
    """The deadlines of the plan as an iCalendar download."""
    context = context_of(request)
    try:
        answer = await call(evaluate_plan, context, _plan_body(plan), default_screener(context))
    except ExportgraphError as error:
        return await error_page(request, error)
    return Response(
        deadlines_calendar(answer),
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="deadlines.ics"'},
    )
