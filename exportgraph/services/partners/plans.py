"""Project plans (contract §11): what will this project need, and when?

    evaluate_plan(context, raw, screener=not_screened) -> PlanAnswer

Per activity: the stage whose dates hold it and the review gate before that stage; the licence
needs per jurisdiction (the activity assessment of contract §3 — an equipment trial is assessed
as what it is under the law, eg:assessedAs); for each licence that is or may be required, the
latest date to apply from the cited processing time of the jurisdiction that issues it (a union's
member state issues the union's licences) or "unknown"; the risk band (contract §10); the stage
criteria it triggers; and conflicts — a licence that cannot arrive before the activity starts,
an activity outside every stage, a prohibited band, releases that rely on a research exclusion
while the results are published only after the research stages end. Plus the deadlines (licence
applications, review gates) and a timeline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, NotRequired

from typing_extensions import TypedDict

from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.risk_model import ProcessingTime
from exportgraph.services.partners.answers import AssessAnswer, AssessResult
from exportgraph.services.partners.assess import assess_in
from exportgraph.services.partners.deadlines import latest_start
from exportgraph.services.partners.plan_request import (
    Activity,
    Plan,
    StageSpan,
    parse_plan,
    stage_at,
)
from exportgraph.services.partners.risk import cite, score_request
from exportgraph.services.partners.risk_answers import SourceCited
from exportgraph.services.partners.risk_request import EndUser, RiskRequest
from exportgraph.services.partners.screening_port import Screener, not_screened

if TYPE_CHECKING:
    from exportgraph.graph.context import Context

Verdict = bool | Literal["unknown"]
CONFLICT_KINDS = (
    "licence-late",
    "licence-may-be-late",
    "outside-stages",
    "prohibited",
    "exclusion-ends-before-publication",
)


class ProcessingTimeShown(TypedDict):
    jurisdiction: str
    kind: str
    duration: int | float
    duration_from: NotRequired[int | float]
    unit: str
    label: str
    covers: str | None
    evidence: str | None
    basis: str | None
    sources: list[SourceCited]


class LicenceNeed(TypedDict):
    jurisdiction: str
    required: Verdict
    entries: list[str]
    reasons: list[str]
    apply_by: str  # ISO date, or "unknown"
    processing_time: ProcessingTimeShown | Literal["unknown"]
    sources: list[SourceCited]
    missing_facts: NotRequired[list[str]]


class Conflict(TypedDict):
    kind: str
    message: str
    jurisdiction: NotRequired[str]
    related: NotRequired[list[str]]


class CriterionHit(TypedDict):
    id: str
    type: str
    criterion: str


class ActivityResult(TypedDict):
    id: str
    type: str
    assessed_as: str
    date: str
    until: str | None
    from_partner: str
    to_partner: str
    place: str
    stage: str | None
    gate: str | None
    gate_date: str | None
    licences: list[LicenceNeed]
    risk: dict[str, Any]
    criteria: list[CriterionHit]
    conflicts: list[Conflict]


class Deadline(TypedDict):
    date: str
    kind: Literal["licence-application", "review-gate"]
    title: str
    activity: NotRequired[str]
    jurisdiction: NotRequired[str]
    stage: NotRequired[str]
    gate: NotRequired[str]
    late: NotRequired[bool]


class TimelineStage(TypedDict):
    stage: str
    label: str
    start: str
    end: str
    gate: str | None


class TimelineActivity(TypedDict):
    id: str
    type: str
    start: str
    end: str | None
    band: str
    conflicts: int


class Timeline(TypedDict):
    start: str
    end: str
    stages: list[TimelineStage]
    activities: list[TimelineActivity]
    deadlines: list[Deadline]


class PlanAnswer(TypedDict):
    project: str | None
    as_of: str
    data_version: str
    model: dict[str, str]
    activities: list[ActivityResult]
    deadlines: list[Deadline]
    timeline: Timeline
    notes: list[str]


# ---------------------------------------------------------------- processing times


def issuing(knowledge: Knowledge, governing: str, origin: str) -> tuple[ProcessingTime | None, str]:
    """The planning figure for a licence of `governing` for a transfer starting in `origin`, and
    whose figure it is: a union's licences are issued by the member state the transfer starts in."""
    risk = knowledge.risk
    own = risk.planning_time(governing)
    if own is not None:
        return own, governing
    found = knowledge.jurisdictions.get(origin)
    if found is not None and governing in found.part_of:
        return risk.planning_time(origin), origin
    return None, governing


def _number(value: object) -> int | float:
    number = float(str(value))
    return int(number) if number.is_integer() else number


def shown_time(knowledge: Knowledge, time: ProcessingTime) -> ProcessingTimeShown:
    assert time.duration is not None and time.unit is not None
    shown: ProcessingTimeShown = {
        "jurisdiction": time.jurisdiction,
        "kind": time.kind,
        "duration": _number(time.duration),
        "unit": time.unit,
        "label": time.label,
        "covers": time.covers,
        "evidence": time.evidence,
        "basis": time.basis,
        "sources": cite(knowledge, time.sources),
    }
    if time.duration_from is not None:
        shown["duration_from"] = _number(time.duration_from)
    return shown


# ---------------------------------------------------------------- one activity


def releases_at_origin(knowledge: Knowledge, activity: Activity) -> bool:
    """A release to a person at the partner the technology comes from: inside its country."""
    releases = activity.type in knowledge.notations("activities", "releasesToPerson")
    return releases and activity.place.id == activity.source.id != activity.target.id


def _assess_request(
    activity: Activity, stage: StageSpan | None, assessed_as: str, releases_here: bool
) -> dict[str, Any]:
    request: dict[str, Any] = {
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
    for name in ("published", "intended_for_publication"):
        value = getattr(activity, name)
        if value is not None:
            request[name] = value
    return request


def _licences(
    knowledge: Knowledge, activity: Activity, answer: AssessAnswer | None, as_of: dt.date
) -> tuple[list[LicenceNeed], list[Conflict]]:
    needs: list[LicenceNeed] = []
    conflicts: list[Conflict] = []
    origin = activity.source.country
    results: Sequence[AssessResult] = answer["results"] if answer else []
    if answer is None:
        needs.append(
            {
                "jurisdiction": origin,
                "required": "unknown",
                "entries": [],
                "reasons": [f"the data has no export-control lists of {origin}"],
                "apply_by": "unknown",
                "processing_time": "unknown",
                "sources": [],
            }
        )
        return needs, conflicts
    for result in results:
        required = result["licence_required"]
        need: LicenceNeed = {
            "jurisdiction": result["jurisdiction"],
            "required": required,
            "entries": result["entries"],
            "reasons": result["reasons"],
            "apply_by": "unknown",
            "processing_time": "unknown",
            "sources": [],
        }
        if result.get("missing_facts"):
            need["missing_facts"] = result["missing_facts"]
        if required is not False:
            time, whose = issuing(knowledge, result["jurisdiction"], origin)
            if time is not None and time.duration is not None and time.unit is not None:
                day = latest_start(activity.start, time.duration, time.unit)
                need["processing_time"] = shown_time(knowledge, time)
                need["sources"] = cite(knowledge, time.sources)
                if day is not None:
                    need["apply_by"] = day.isoformat()
                    if day < as_of:
                        conflicts.append(
                            _late(
                                activity, result["jurisdiction"], whose, time, day, as_of, required
                            )
                        )
            else:
                need["reasons"] = [
                    *need["reasons"],
                    f"no processing time of {result['jurisdiction']} is cited in the data: "
                    "the latest date to apply is unknown",
                ]
        needs.append(need)
    return needs, conflicts


def _late(
    activity: Activity,
    jurisdiction: str,
    whose: str,
    time: ProcessingTime,
    day: dt.date,
    as_of: dt.date,
    required: Verdict,
) -> Conflict:
    unit = (time.unit or "").replace("-", " ")
    figure = f"{_number(time.duration)} {unit}" if time.duration is not None else "?"
    issuer = f" (issued by {whose})" if whose != jurisdiction else ""
    if required is True:
        message = (
            f"The {jurisdiction} licence{issuer} cannot arrive before {activity.id} starts on "
            f"{activity.start.isoformat()}: with {figure} ({time.kind.replace('-', ' ')}), the latest "
            f"date to apply was {day.isoformat()}, before {as_of.isoformat()}."
        )
        kind = "licence-late"
    else:
        message = (
            f"A {jurisdiction} licence{issuer} may be required (the answer is unknown) and could not "
            f"arrive before {activity.start.isoformat()}: the latest date to apply was {day.isoformat()}."
        )
        kind = "licence-may-be-late"
    return {"kind": kind, "message": message, "jurisdiction": jurisdiction}


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
class _Evaluated:
    activity: Activity
    result: ActivityResult
    assess: AssessAnswer | None


def _evaluate_activity(
    context: Context, knowledge: Knowledge, plan: Plan, activity: Activity, screener: Screener
) -> _Evaluated:
    stage = stage_at(plan.stages, activity.start)
    gate = knowledge.risk.gates.get(stage.stage) if stage else None
    assessed_as = knowledge.assessed_as(activity.type)
    answer: AssessAnswer | None = None
    release_here = releases_at_origin(knowledge, activity)
    if activity.source.country in knowledge.jurisdictions:
        # the plan's own knowledge index: a plan under review is evaluated at its data version
        answer = assess_in(knowledge, _assess_request(activity, stage, assessed_as, release_here))
    licences, conflicts = _licences(knowledge, activity, answer, plan.as_of)
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
    risk: dict[str, Any] = {
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
    return _Evaluated(activity, result, answer)


# ---------------------------------------------------------------- across activities


def _relies_on_research_exclusion(knowledge: Knowledge, evaluated: _Evaluated) -> list[str]:
    """Ids of the applied exclusions whose conditions read publication or the stage."""
    if evaluated.assess is None:
        return []
    wanted = {"intended_for_publication", "published", "project_stage"}
    by_id = {e.id: e for e in knowledge.exclusions}
    found = []
    for result in evaluated.assess["results"]:
        for exclusion in result["exclusions"]:
            known = by_id.get(exclusion["id"])
            if (
                exclusion["applies"] is True
                and known
                and {c.field for c in known.conditions} & wanted
            ):
                found.append(exclusion["id"])
    return found


def _publication_conflicts(
    knowledge: Knowledge, plan: Plan, evaluated: Sequence[_Evaluated]
) -> None:
    """Releases relying on a research exclusion whose results are published only after the last
    research stage has ended: at the gate out of research the unpublished results stop being
    research results, before the publication."""
    research = {c.notation for c in knowledge.ordered("project-stages") if c.has("researchStage")}
    research_end = max((s.end for s in plan.stages if s.stage in research), default=None)
    later = [
        s
        for s in plan.stages
        if s.stage not in research and research_end and s.start > research_end
    ]
    if research_end is None or not later:
        return
    gate_stage = later[0]
    for publication in evaluated:
        if publication.activity.type != "publication" or publication.activity.start <= research_end:
            continue
        subject = publication.activity.subject
        for release in evaluated:
            if release is publication or release.activity.subject != subject:
                continue
            if release.activity.start > research_end:
                continue
            exclusions = _relies_on_research_exclusion(knowledge, release)
            if not exclusions:
                continue
            message = (
                f"{release.activity.id} relies on {', '.join(exclusions)} (results intended for "
                f"publication), but {publication.activity.id} publishes them only on "
                f"{publication.activity.start.isoformat()}, after the research stages end "
                f"({research_end.isoformat()}; gate before {gate_stage.stage} on "
                f"{gate_stage.start.isoformat()}): the exclusion ends at that gate, before the publication."
            )
            for side, other in ((release, publication), (publication, release)):
                side.result["conflicts"].append(
                    {
                        "kind": "exclusion-ends-before-publication",
                        "message": message,
                        "related": [other.activity.id],
                    }
                )


def _deadlines(knowledge: Knowledge, plan: Plan, evaluated: Sequence[_Evaluated]) -> list[Deadline]:
    deadlines: list[Deadline] = []
    for stage in plan.stages:
        gate = knowledge.risk.gates.get(stage.stage)
        label = knowledge.scheme("project-stages").get(stage.stage)
        deadline: Deadline = {
            "date": stage.start.isoformat(),
            "kind": "review-gate",
            "title": f"Review gate before {label.label if label and label.label else stage.stage}",
            "stage": stage.stage,
        }
        if gate:
            deadline["gate"] = gate.id
        deadlines.append(deadline)
    for item in evaluated:
        for licence in item.result["licences"]:
            if licence["apply_by"] == "unknown":
                continue
            deadlines.append(
                {
                    "date": licence["apply_by"],
                    "kind": "licence-application",
                    "title": f"Apply for the {licence['jurisdiction']} licence for {item.activity.id} "
                    f"({item.activity.type}, {item.activity.start.isoformat()})",
                    "activity": item.activity.id,
                    "jurisdiction": licence["jurisdiction"],
                    "late": licence["apply_by"] < plan.as_of.isoformat(),
                }
            )
    deadlines.sort(
        key=lambda d: (d["date"], d["kind"], d.get("activity", ""), d.get("jurisdiction", ""))
    )
    return deadlines


def _timeline(
    knowledge: Knowledge, plan: Plan, evaluated: Sequence[_Evaluated], deadlines: list[Deadline]
) -> Timeline:
    days = [
        *(s.start for s in plan.stages),
        *(s.end for s in plan.stages),
        *(e.activity.start for e in evaluated),
        *(e.activity.end for e in evaluated if e.activity.end),
        *(dt.date.fromisoformat(d["date"]) for d in deadlines),
    ]
    stages = knowledge.scheme("project-stages")
    return {
        "start": min(days).isoformat(),
        "end": max(days).isoformat(),
        "stages": [
            {
                "stage": s.stage,
                "label": (stages[s.stage].label if s.stage in stages else None) or s.stage,
                "start": s.start.isoformat(),
                "end": s.end.isoformat(),
                "gate": g.id if (g := knowledge.risk.gates.get(s.stage)) else None,
            }
            for s in plan.stages
        ],
        "activities": [
            {
                "id": e.activity.id,
                "type": e.activity.type,
                "start": e.activity.start.isoformat(),
                "end": e.activity.end.isoformat() if e.activity.end else None,
                "band": e.result["risk"]["band"],
                "conflicts": len(e.result["conflicts"]),
            }
            for e in evaluated
        ],
        "deadlines": deadlines,
    }


def evaluate_parsed(
    context: Context, knowledge: Knowledge, plan: Plan, screener: Screener = not_screened
) -> PlanAnswer:
    """Evaluate a validated plan."""
    evaluated = [_evaluate_activity(context, knowledge, plan, a, screener) for a in plan.activities]
    _publication_conflicts(knowledge, plan, evaluated)
    deadlines = _deadlines(knowledge, plan, evaluated)
    notes = [
        "Latest dates to apply count back from the day each activity starts; working days skip "
        "weekends but not public holidays, and most clocks stop while the authority waits for the "
        "applicant: apply earlier.",
        "A risk band is not a clearance; the licence answers per jurisdiction decide what is required.",
    ]
    return {
        "project": plan.project,
        "as_of": plan.as_of.isoformat(),
        "data_version": knowledge.version,
        "model": {"id": plan.model.id, "version": plan.model.version},
        "activities": [e.result for e in evaluated],
        "deadlines": deadlines,
        "timeline": _timeline(knowledge, plan, evaluated, deadlines),
        "notes": notes,
    }


def evaluate_plan(context: Context, raw: object, screener: Screener = not_screened) -> PlanAnswer:
    """Evaluate a project plan (contract §11); InvalidInput (422) names the field."""
    knowledge = current(context)
    return evaluate_parsed(context, knowledge, parse_plan(knowledge, raw), screener)
