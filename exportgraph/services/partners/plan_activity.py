"""One planned activity evaluated: its stage and review gate, licence needs, risk band, the stage
criteria it triggers and its own conflicts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NotRequired, TypedDict

from exportgraph.json_types import JsonObject
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.answers import AssessAnswer
from exportgraph.services.partners.assess import assess_in
from exportgraph.services.partners.plan_answers import (
    ActivityResult,
    CriterionHit,
    LicenceNeed,
    PlanRisk,
)
from exportgraph.services.partners.plan_licences import licence_needs
from exportgraph.services.partners.plan_request import Activity, Plan, StageSpan, stage_at
from exportgraph.services.partners.risk import score_request
from exportgraph.services.partners.risk_request import EndUser, RiskRequest
from exportgraph.services.partners.screening_port import Screener

if TYPE_CHECKING:
    from exportgraph.graph.context import Context


def releases_at_origin(knowledge: Knowledge, activity: Activity) -> bool:
    """A release to a person at the partner the technology comes from: inside its country."""
    releases = activity.type in knowledge.notations("activities", "releasesToPerson")
    return releases and activity.place.id == activity.source.id != activity.target.id


class Recipient(TypedDict):
    nationality: str
    name: NotRequired[str]


AssessRequest = TypedDict(
    "AssessRequest",
    {
        "activity": str,
        "subject": JsonObject,
        "from": str,
        "recipient": Recipient,
        "as_of": str,
        "to": NotRequired[str],
        "project_stage": NotRequired[str],
        "end_use": NotRequired[str],
        "published": NotRequired[bool],
        "intended_for_publication": NotRequired[bool],
    },
)
"""The assessment request an activity makes (the body of POST /v1/assess)."""


def _assess_request(
    activity: Activity, stage: StageSpan | None, assessed_as: str, releases_here: bool
) -> AssessRequest:
    request: AssessRequest = {
        "activity": assessed_as,
        "subject": dict(activity.subject_raw),
        "from": activity.source.country,
        "recipient": {"nationality": activity.nationality or activity.target.country},
        "as_of": activity.start.isoformat(),
    }
    if activity.target.name:  # screened by name only: a partner's id names nobody
        request["recipient"]["name"] = activity.target.name
    if not releases_here:
        request["to"] = activity.target.country
    if stage is not None:
        request["project_stage"] = stage.stage
    if activity.end_use is not None:
        request["end_use"] = activity.end_use
    if activity.published is not None:
        request["published"] = activity.published
    if activity.intended_for_publication is not None:
        request["intended_for_publication"] = activity.intended_for_publication
    return request


def _criteria(
    knowledge: Knowledge,
    activity: Activity,
    stage: StageSpan | None,
    licences: Sequence[LicenceNeed],
    risk: Mapping[str, Any],
) -> list[CriterionHit]:
    """The stage criteria of the data this activity triggers (by their triggers)."""
    research = {c.notation for c in knowledge.ordered("project-stages") if c.has("researchStage")}
    releases = activity.type in knowledge.notations("activities", "releasesToPerson")
    sensitivity = next(
        (f for f in risk.get("factors", []) if f["factor"] == "item-sensitivity"), None
    )
    controlled = bool(sensitivity and str(sensitivity["input"]).startswith("controlled-at-origin"))
    screening = next(
        (f for f in risk.get("factors", []) if f["factor"] == "end-user-screening"), None
    )
    triggered = {
        "threshold-crossed": controlled and not activity.subject.serving,
        "leaves-research": stage is not None and stage.stage not in research,
        "foreign-person-access": releases
        and activity.subject.serving
        and any(n["required"] is True for n in licences),
        "licence-pending": any(n["required"] is True for n in licences),
        "unresolved-candidate": bool(screening and screening["input"] == "possible-match"),
        "high-band": risk.get("band") == "high",
        "prohibited": risk.get("band") == "prohibited",
        "published": activity.published is True,
        "fundamental-research": activity.intended_for_publication is True
        and activity.published is not True,
    }
    return [
        {"id": c.id, "type": c.type, "criterion": c.text}
        for c in knowledge.risk.criteria
        if triggered.get(c.trigger)
    ]


@dataclass
class Evaluated:
    activity: Activity
    result: ActivityResult
    assess: AssessAnswer | None


def evaluate_activity(
    context: Context, knowledge: Knowledge, plan: Plan, activity: Activity, screener: Screener
) -> Evaluated:
    stage = stage_at(plan.stages, activity.start)
    gate = knowledge.risk.gates.get(stage.stage) if stage else None
    assessed_as = knowledge.assessed_as(activity.type)
    answer: AssessAnswer | None = None
    release_here = releases_at_origin(knowledge, activity)
    if activity.source.country in knowledge.jurisdictions:
        # the plan's own knowledge index: a plan under review is evaluated at its data version
        answer = assess_in(knowledge, _assess_request(activity, stage, assessed_as, release_here))
    licences, conflicts = licence_needs(knowledge, activity, answer, plan.as_of)
    destination_code = (
        (activity.nationality or activity.target.country)
        if release_here
        else activity.target.country
    )
    target = activity.target
    risk_request = RiskRequest(
        subject=activity.subject,
        origin=activity.source.country,
        destination=knowledge.risk.destinations[destination_code],
        end_user=EndUser(target.name, target.country, target.type, target.verified),
        end_use=activity.end_use,
        stage=stage.stage if stage else None,
        model=plan.model,
        as_of=activity.start,
    )
    scored = score_request(knowledge, risk_request, screener)
    risk: PlanRisk = {
        "score": scored["score"],
        "band": scored["band"],
        "model": scored["model"],
        "factors": [
            {"factor": f["factor"], "input": f["input"], "points": f["points"]}
            for f in scored["factors"]
        ],
        "measures": scored["measures"],
    }
    if stage is None:
        conflicts.append(
            {
                "kind": "outside-stages",
                "message": f"{activity.id} on {activity.start.isoformat()} falls in no stage of the plan: "
                "no review gate covers it.",
            }
        )
    if scored["band"] == "prohibited":
        raised = [f["factor"] for f in scored["factors"] if f.get("floor") == "prohibited"]
        conflicts.append(
            {
                "kind": "prohibited",
                "message": f"{activity.id} is in the prohibited band"
                + (f" ({', '.join(raised)})" if raised else "")
                + ": it cannot go ahead as planned.",
            }
        )
    result: ActivityResult = {
        "id": activity.id,
        "type": activity.type,
        "assessed_as": assessed_as,
        "date": activity.start.isoformat(),
        "until": activity.end.isoformat() if activity.end else None,
        "from_partner": activity.source.id,
        "to_partner": activity.target.id,
        "place": activity.place.id,
        "stage": stage.stage if stage else None,
        "gate": gate.id if gate else None,
        "gate_date": stage.start.isoformat() if stage else None,
        "licences": licences,
        "risk": risk,
        "criteria": [],
        "conflicts": conflicts,
    }
    result["criteria"] = _criteria(knowledge, activity, stage, licences, risk)
    return Evaluated(activity, result, answer)
