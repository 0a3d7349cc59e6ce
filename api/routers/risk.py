"""Risk scoring, risk models, project stages and project plans (contract §10, §11)."""

from __future__ import annotations

from exportgraph.api.deps import ContextDep, KnowledgeDep
from exportgraph.api.json_body import read_json
from exportgraph.api.problems import responses
from fastapi import APIRouter, Request
from fastapi.openapi.models import Example
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from exportgraph.errors import ExportgraphError
from exportgraph.json_types import JsonObject
from exportgraph.knowledge.screening import is_loaded as screening_loaded
from exportgraph.presentation.calendar import deadlines_calendar
from exportgraph.presentation.negotiation import choose
from exportgraph.services.partners.plan_answers import PlanAnswer
from exportgraph.services.partners.plans import evaluate_plan
from exportgraph.services.partners.risk import score_risk
from exportgraph.services.partners.risk_answers import ModelShown, ModelSummary, RiskAnswer
from exportgraph.services.partners.risk_models import get_model, list_models
from exportgraph.services.partners.screening import default_screener
from exportgraph.services.partners.stages import StagesAnswer, list_stages

router = APIRouter(tags=["risk and plans"])

CALENDAR = "text/calendar"
PLAN_OUTPUTS = ("application/json", CALENDAR)

RISK_EXAMPLES: dict[str, Example] = {
    "us-to-cn": {
        "summary": "A 120-qubit machine from the United States to a university in China",
        "value": {
            "subject": {
                "item": {
                    "kind": "quantum-computer",
                    "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
                }
            },
            "from": "US",
            "to": "CN",
            "end_user": {
                "name": "Example University",
                "country": "CN",
                "type": "university",
                "verified": True,
            },
            "end_use": "civil-research",
            "project_stage": "basic-research",
            "as_of": "2026-06-01",
        },
    },
    "matrix": {
        "summary": "The same transfer under the DoD-style decision matrix",
        "value": {
            "subject": {"technology": {"for_kind": "qubit-device", "purpose": "production"}},
            "from": "US",
            "to": "DE",
            "end_user": {"name": "Example GmbH", "country": "DE", "type": "company"},
            "end_use": "civil-commercial",
            "project_stage": "prototype-development",
            "model": "dod-matrix",
            "stated": {"end-user-screening": "clear"},
        },
    },
}

PLAN_EXAMPLE: dict[str, Example] = {
    "joint-programme": {
        "summary": "A researcher exchange, then the export of a prototype",
        "value": {
            "project": "Joint qubit-control programme",
            "as_of": "2026-08-01",
            "partners": [
                {"id": "p1", "name": "Example University", "country": "US", "type": "university"},
                {"id": "p2", "name": "Example Lab", "country": "DE", "type": "government-lab"},
            ],
            "stages": [
                {"stage": "basic-research", "from": "2026-01-01", "until": "2026-12-31"},
                {"stage": "prototype-development", "from": "2027-01-01", "until": "2027-12-31"},
            ],
            "activities": [
                {
                    "id": "a1",
                    "type": "researcher-exchange",
                    "date": "2026-09-01",
                    "until": "2026-12-15",
                    "from_partner": "p1",
                    "to_partner": "p2",
                    "person_nationality": "DE",
                    "subject": {
                        "technology": {"for_kind": "quantum-computer", "purpose": "development"}
                    },
                },
                {
                    "id": "a2",
                    "type": "export",
                    "date": "2027-03-01",
                    "from_partner": "p1",
                    "to_partner": "p2",
                    "subject": {
                        "item": {
                            "kind": "quantum-computer",
                            "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
                        }
                    },
                },
            ],
        },
    }
}


class EndUserModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2 code")
    type: str | None = Field(
        default=None, description="university, company, government-lab, military, individual"
    )
    verified: bool | None = None


class RiskRequestModel(BaseModel):
    """Contract §10 request (documentation; the service validates and names the field)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    subject: JsonObject = Field(
        description='`{"item": …}`, `{"software": {"for_kind", "purpose"}}`, `{"technology": {…}}` '
        'or `{"entry": "US:3A001.a.1"}` (an entry the user has already classified)'
    )
    from_: str = Field(alias="from", description="The jurisdiction the transfer starts in.")
    to: str = Field(description="Destination country (ISO 3166-1 alpha-2).")
    end_user: EndUserModel | None = None
    end_use: str | None = Field(
        default=None, description="civil-research, civil-commercial, surveillance, military, wmd"
    )
    project_stage: str | None = None
    model: str | None = Field(
        default=None, description="A risk model id (default: the default model)."
    )
    as_of: str | None = None
    stated: dict[str, str] | None = Field(
        default=None,
        description='A factor\'s input stated directly, e.g. `{"end-user-screening": "clear"}`.',
    )


class PartnerModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    name: str | None = None
    country: str = Field(description="ISO 3166-1 alpha-2 code")
    type: str | None = Field(default=None, description="an end-user type")
    verified: bool | None = None


class StageModel(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)
    stage: str = Field(description="basic-research … deployment")
    from_: str = Field(alias="from", description="ISO date")
    until: str = Field(description="ISO date (inclusive)")


class ActivityModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str | None = None
    type: str = Field(
        description="export, deemed-export, researcher-exchange, facility-access, seminar, "
        "equipment-trial, publication, …"
    )
    date: str
    until: str | None = None
    from_partner: str
    to_partner: str
    place: str | None = Field(default=None, description="the partner where it happens")
    person_nationality: str | None = None
    end_use: str | None = None
    published: bool | None = None
    intended_for_publication: bool | None = None
    subject: JsonObject


class PlanRequestModel(BaseModel):
    """Contract §11 request (documentation; the service validates and names the field)."""

    model_config = ConfigDict(extra="forbid")
    project: str | None = None
    as_of: str | None = Field(default=None, description="the day the plan is evaluated on")
    model: str | None = None
    partners: list[PartnerModel]
    stages: list[StageModel] = []
    activities: list[ActivityModel]


class NotAcceptable(ExportgraphError):
    status = 406
    title = "Not acceptable"
    slug = "not-acceptable"


def _body(model: type[BaseModel], examples: dict[str, Example]) -> JsonObject:
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": model.model_json_schema(), "examples": examples}
            },
        }
    }


@router.post(
    "/v1/risk",
    summary="How risky is this transfer, and why?",
    description="A score 0–100 from a versioned risk model (data in the graph), its band, each "
    "factor's input, points, maximum, basis and sources (the points add up to the score), the "
    "measures the band and the levels require, and the screening result. A low score is not a "
    "clearance.",
    openapi_extra=_body(RiskRequestModel, RISK_EXAMPLES),
    responses=responses(400, 413, 422),
)
async def post_risk(request: Request, knowledge: KnowledgeDep, context: ContextDep) -> RiskAnswer:
    body = await read_json(request, context.settings)
    if screening_loaded():
        return score_risk(knowledge, body, default_screener(context))
    # the first screening of an end user reads the restricted-party lists (seconds)
    return await run_in_threadpool(score_risk, knowledge, body, default_screener(context))


@router.get("/v1/risk/models", summary="The risk models of the data")
async def risk_models(knowledge: KnowledgeDep) -> list[ModelSummary]:
    """Every risk model (id, version, kind), the default first."""
    return list_models(knowledge)


@router.get(
    "/v1/risk/models/{model_id}", summary="One risk model in full", responses=responses(404)
)
async def risk_model(knowledge: KnowledgeDep, model_id: str) -> ModelShown:
    """Families and caps, factors and levels (points or outcomes, conditions), bands and their
    measures, each with its basis and sources."""
    return get_model(knowledge, model_id)


@router.get("/v1/stages", summary="Project stages, review gates and escalation criteria")
async def stages(knowledge: KnowledgeDep) -> StagesAnswer:
    """The stages (basic research … deployment) with their TRL ranges and the review gate before
    each, and the published criteria for escalating, pausing and de-escalating a project."""
    return list_stages(knowledge)


@router.post(
    "/v1/plans/evaluate",
    summary="What will this project need, and when?",
    description="Per activity: the licence needs per jurisdiction, the latest date to apply from "
    'cited processing times ("unknown" where none is cited), the risk band, the stage gate it '
    "falls under, the stage criteria it triggers and conflicts; plus the deadlines and a "
    "timeline. `Accept: text/calendar` gives the deadlines as iCalendar.",
    openapi_extra={
        **_body(PlanRequestModel, PLAN_EXAMPLE),
        "responses": {"200": {"content": {CALENDAR: {"schema": {"type": "string"}}}}},
    },
    response_model=PlanAnswer,
    responses=responses(400, 406, 413, 422),
)
async def post_plan(request: Request, context: ContextDep) -> PlanAnswer | Response:
    chosen = choose(
        request.headers.get("accept"),
        PLAN_OUTPUTS,
        aliases={"application/problem+json": "application/json"},
        default="application/json",
    )
    if chosen is None:
        raise NotAcceptable(
            f"Accept: the plan is available as {', '.join(PLAN_OUTPUTS)}", field="Accept"
        )
    body = await read_json(request, context.settings)
    answer: PlanAnswer = await run_in_threadpool(
        evaluate_plan, context, body, default_screener(context)
    )
    if chosen == CALENDAR:
        data = deadlines_calendar(answer)
        return Response(
            data,
            media_type=f"{CALENDAR}; charset=utf-8",
            headers={"Content-Disposition": 'attachment; filename="deadlines.ics"'},
        )
    return answer
