"""Answer shapes of a project plan (contract §11): licence needs, conflicts, criteria, deadlines,
timeline.
"""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

from exportgraph.services.partners.risk_answers import ModelRef, SourceCited

Verdict = bool | Literal["unknown"]


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


class PlanFactor(TypedDict):
    """A risk factor of an activity, as the plan shows it (the full factor: POST /v1/risk)."""

    factor: str
    input: str
    points: int


class PlanRisk(TypedDict):
    """An activity's risk score in a plan: score, band, model, factors and measures."""

    score: int
    band: str
    model: ModelRef
    factors: list[PlanFactor]
    measures: list[str]


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
    risk: PlanRisk
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
