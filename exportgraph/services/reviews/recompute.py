"""Re-computing a contested answer with the services the API answers with, on a given index."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal, TypeAlias

from exportgraph.errors import ExportgraphError, InvalidInput
from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.answers import AssessAnswer, ClassifyAnswer
from exportgraph.services.partners.assess import assess_in
from exportgraph.services.partners.classify import classify_in
from exportgraph.services.partners.plan_answers import PlanAnswer
from exportgraph.services.partners.plan_request import parse_plan
from exportgraph.services.partners.plans import evaluate_parsed
from exportgraph.services.partners.risk import score_risk
from exportgraph.services.partners.risk_answers import RiskAnswer
from exportgraph.services.partners.screening import default_screener

Subject = Literal["classification", "assessment", "risk", "plan"]
SUBJECTS: tuple[Subject, ...] = ("classification", "assessment", "risk", "plan")
ENDPOINTS: dict[Subject, str] = {
    "classification": "POST /v1/classify",
    "assessment": "POST /v1/assess",
    "risk": "POST /v1/risk",
    "plan": "POST /v1/plans/evaluate",
}
_CLASSIFY_FIELDS = ("item", "jurisdictions", "as_of")
Answer: TypeAlias = ClassifyAnswer | AssessAnswer | RiskAnswer | PlanAnswer
"""What the API answers to a contested request (its subject decides which)."""


def _classification(knowledge: Knowledge, request: Mapping[str, Any]) -> ClassifyAnswer:
    unknown = sorted(set(request) - set(_CLASSIFY_FIELDS))
    if unknown:
        raise InvalidInput(f"unknown field {unknown[0]!r}", field=unknown[0])
    item, jurisdictions = request.get("item"), request.get("jurisdictions")
    if not isinstance(item, Mapping):
        raise InvalidInput("item: an object with kind and parameters is required", field="item")
    if jurisdictions is not None and (
        not isinstance(jurisdictions, list) or not all(isinstance(j, str) for j in jurisdictions)
    ):
        raise InvalidInput("jurisdictions: a list of codes is expected", field="jurisdictions")
    as_of = request.get("as_of")
    if as_of is not None and not isinstance(as_of, str):
        raise InvalidInput("as_of: an ISO date (YYYY-MM-DD) is expected", field="as_of")
    return classify_in(knowledge, item, jurisdictions, as_of)


def _relabelled(error: ExportgraphError) -> ExportgraphError:
    """The error of the contested request, its field named inside the review's `request`."""
    inner = error.field or ""
    detail = error.detail.removeprefix("body: ").removeprefix(f"{inner}: ")
    field = "request" if inner in ("", "body") else f"request.{inner}"
    relabelled = type(error).__new__(type(error))
    ExportgraphError.__init__(relabelled, f"{field}: {detail}", field=field, limit=error.limit)
    return relabelled


def recompute(
    context: Context, knowledge: Knowledge, subject: Subject, request: Mapping[str, Any]
) -> Answer:
    """The answer the API gives to `request` (a §2, §3, §10 or §11 request) on `knowledge`;
    errors name the field inside `request`."""
    screener = default_screener(context)
    try:
        if subject == "classification":
            return _classification(knowledge, request)
        if subject == "assessment":
            return assess_in(knowledge, request)
        if subject == "risk":
            return score_risk(knowledge, request, screener)
        return evaluate_parsed(context, knowledge, parse_plan(knowledge, request), screener)
    except ExportgraphError as error:
        raise _relabelled(error) from None
