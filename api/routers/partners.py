"""Partners: classify an item (POST /v1/classify) and assess an activity (POST /v1/assess)."""

from __future__ import annotations

import json
from typing import Any, Literal

from fastapi import APIRouter, Body
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field
from starlette.concurrency import run_in_threadpool

from api.deps import ContextDep
from exportgraph.services.assessment import assess
from exportgraph.services.classification import classify

router = APIRouter(tags=["partners"])

ITEM_DESCRIPTION = (
    "An item: `kind` (a harmonized kind notation), `parameters` (each a number in its canonical "
    'unit, `{"value": 800, "unit": "uW"}`, or a string such as `"100 mK"`), optional `facts` '
    '(`{"specially-designed-for-controlled-quantum-computer": true}`); software or technology '
    "items carry `for_kind` and `purpose` (development, production, use)."
)

CLASSIFY_EXAMPLES: dict[str, dict[str, Any]] = {
    "quantum-computer": {
        "summary": "A 120-qubit gate-based quantum computer",
        "value": {
            "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}},
            "jurisdictions": ["US", "EU", "GB"],
            "as_of": "2025-12-01",
        },
    },
    "dilution-refrigerator": {
        "summary": "A dilution refrigerator, units converted through pint",
        "value": {
            "item": {
                "kind": "dilution-refrigerator",
                "parameters": {
                    "cooling-power": {"value": 800, "unit": "uW"},
                    "cooling-power-temperature": "100 mK",
                    "continuous-operation": "168 h",
                },
            },
            "jurisdictions": ["US", "EU"],
        },
    },
    "missing-parameter": {
        "summary": "120 qubits without an error rate: unknown, naming cnot-error",
        "value": {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}}},
    },
    "technology": {
        "summary": "Production technology for qubit devices",
        "value": {
            "item": {"kind": "technology", "for_kind": "qubit-device", "purpose": "production"},
            "jurisdictions": ["US", "EU"],
        },
    },
}

ASSESS_EXAMPLES: dict[str, dict[str, Any]] = {
    "export": {
        "summary": "Export of a 120-qubit machine from Canada to Germany",
        "value": {
            "activity": "export",
            "subject": {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}},
            "from": "CA",
            "to": "DE",
            "recipient": {"name": "Example GmbH", "nationality": "DE"},
            "end_use": "civil-research",
            "project_stage": "applied-research",
            "published": False,
            "intended_for_publication": False,
            "as_of": "2025-12-01",
        },
    },
    "deemed-export": {
        "summary": "A visiting researcher in a US lab shown qubit-chip production technology",
        "value": {
            "activity": "deemed-export",
            "subject": {"technology": {"for_kind": "qubit-device", "purpose": "production"}},
            "from": "US",
            "recipient": {"name": "visiting postdoc", "nationality": "CN"},
            "project_stage": "prototype-development",
            "published": False,
            "intended_for_publication": False,
            "as_of": "2025-12-01",
        },
    },
}


class ClassifyRequest(BaseModel):
    """Contract §2 request."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [example["value"] for example in CLASSIFY_EXAMPLES.values()]},
    )

    item: dict[str, Any] = Field(description=ITEM_DESCRIPTION)
    jurisdictions: list[str] | None = Field(
        default=None, description="Jurisdiction codes (US, EU, GB/UK, CA, JP, AU, CH, FR, DE, IT, ES, NL); default all."
    )
    as_of: str | None = Field(default=None, description="ISO date selecting the rules in force (default today).")


class CriterionAnswer(BaseModel):
    model_config = ConfigDict(extra="allow")
    parameter: str
    comparator: str
    threshold: float
    unit: str
    value: float | None
    satisfied: bool | Literal["unknown"]


class EntryAnswer(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str = Field(examples=["US:4A906.a.2"])
    code: str
    title: str
    criteria: list[CriterionAnswer]
    effective_from: str | None
    sources: list[dict[str, Any]]
    evidence: Literal["primary", "secondary"]
    equivalents: list[str]


class ClassifyResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    jurisdiction: str
    controlled: bool | Literal["unknown"]
    entries: list[EntryAnswer]
    notes: list[str]
    equivalents: list[str]
    missing: list[str] | None = Field(default=None, description="Parameters that could decide an 'unknown'.")
    missing_facts: list[str] | None = None


class ClassifyResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    as_of: str
    data_version: str
    results: list[ClassifyResult]


class AssessRequest(BaseModel):
    """Contract §3 request."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={"examples": [example["value"] for example in ASSESS_EXAMPLES.values()]},
    )

    activity: str = Field(
        description="export, reexport, in-country-transfer, deemed-export, publication, "
        "technical-assistance, researcher-exchange"
    )
    subject: dict[str, Any] = Field(
        description='`{"item": …}`, `{"software": {"for_kind", "purpose"}}` or `{"technology": {…}}`'
    )
    from_: str = Field(alias="from", description="The jurisdiction the activity starts in.")
    to: str | None = Field(default=None, description="Destination country.")
    recipient: dict[str, Any] | None = Field(default=None, description='`{"name", "nationality"}`')
    end_use: str | None = None
    project_stage: str | None = Field(
        default=None,
        description="basic-research, applied-research, prototype-development, fabrication, deployment",
    )
    published: bool | None = None
    intended_for_publication: bool | None = None
    as_of: str | None = None


class ExclusionAnswer(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    applies: bool | Literal["unknown"]
    why: str


class ExceptionAnswer(BaseModel):
    model_config = ConfigDict(extra="allow")
    id: str
    available: bool | Literal["unknown"]
    missing_fact: str | None = None


class AssessResult(BaseModel):
    model_config = ConfigDict(extra="allow")
    jurisdiction: str
    licence_required: bool | Literal["unknown"]
    entries: list[str]
    reasons: list[str]
    exclusions: list[ExclusionAnswer]
    exceptions: list[ExceptionAnswer]
    missing_facts: list[str] | None = None


class AssessResponse(BaseModel):
    model_config = ConfigDict(extra="allow")
    as_of: str
    data_version: str
    results: list[AssessResult]


def _json(content: dict[str, Any]) -> Response:
    return Response(json.dumps(content, ensure_ascii=False).encode(), media_type="application/json")


@router.post(
    "/v1/classify",
    response_class=Response,
    responses={200: {"model": ClassifyResponse, "description": "One result per jurisdiction."}},
    summary="Is this item controlled, and where?",
)
async def post_classify(
    context: ContextDep,
    request: ClassifyRequest = Body(openapi_examples=CLASSIFY_EXAMPLES),  # noqa: B008
) -> Response:
    """Classify an item against every (or the named) jurisdictions' lists in force on `as_of`."""
    answer = await run_in_threadpool(classify, context, request.item, request.jurisdictions, request.as_of)
    return _json(answer)


@router.post(
    "/v1/assess",
    response_class=Response,
    responses={200: {"model": AssessResponse, "description": "One result per governing jurisdiction."}},
    summary="May we do this, and what does it need?",
)
async def post_assess(
    context: ContextDep,
    request: AssessRequest = Body(openapi_examples=ASSESS_EXAMPLES),  # noqa: B008
) -> Response:
    """Assess an activity: licence required (true/false/"unknown"), reasons, exclusions, exceptions."""
    body = request.model_dump(by_alias=True, exclude_none=True)
    answer = await run_in_threadpool(assess, context, body)
    return _json(answer)
