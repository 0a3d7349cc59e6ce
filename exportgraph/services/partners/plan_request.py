"""Parse and validate a project plan (contract §11); every error names its field
(`partners[1].country`, `stages[0].until`, `activities[2].date`, `activities[0].to_partner` …).

    {"project": "…", "as_of": "2026-03-01", "model": "capped-points",
     "partners": [{"id": "p1", "name": "…", "country": "US", "type": "university", "verified": true}],
     "stages": [{"stage": "basic-research", "from": "2026-01-01", "until": "2026-12-31"}],
     "activities": [{"id": "a1", "type": "researcher-exchange", "date": "2026-09-01",
                     "until": "2026-12-15", "from_partner": "p1", "to_partner": "p2",
                     "place": "p1", "person_nationality": "DE", "end_use": "civil-research",
                     "published": false, "intended_for_publication": true,
                     "subject": {"technology": {…}}}]}

`place` (a partner id) is where the activity happens: a release at the partner the technology
comes from is a release inside its country (a deemed export where that country has the rule); by
default, activities that release to a person (exchanges, facility access, seminars) happen at
`from_partner`, the others (exports, trials, publication) at `to_partner`. `as_of` is the day the
plan is evaluated on (default today): a licence whose latest date to apply is before it cannot
arrive in time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from exportgraph.errors import ExportgraphError, InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.risk_model import RiskModel
from exportgraph.services.inputs import object_fields, parse_date
from exportgraph.services.partners.items import Item
from exportgraph.services.partners.risk_request import destination, model, subject

MAX_ACTIVITIES = 1000
MAX_PARTNERS = 200
MAX_STAGES = 50
FIELDS = frozenset({"project", "as_of", "model", "partners", "stages", "activities"})
PARTNER_FIELDS = frozenset({"id", "name", "country", "type", "verified"})
STAGE_FIELDS = frozenset({"stage", "from", "until"})
ACTIVITY_FIELDS = frozenset(
    {
        "id",
        "type",
        "date",
        "until",
        "from_partner",
        "to_partner",
        "place",
        "person_nationality",
        "end_use",
        "published",
        "intended_for_publication",
        "subject",
    }
)


class PlanTooLarge(ExportgraphError):
    status = 413
    title = "Plan too large"
    slug = "plan-too-large"


@dataclass(frozen=True)
class Partner:
    id: str
    name: str | None
    country: str
    type: str | None
    verified: bool | None


@dataclass(frozen=True)
class StageSpan:
    stage: str
    start: dt.date
    end: dt.date  # inclusive


@dataclass(frozen=True)
class Activity:
    index: int
    id: str
    type: str
    start: dt.date
    end: dt.date | None
    source: Partner
    target: Partner
    place: Partner
    nationality: str | None
    end_use: str | None
    published: bool | None
    intended_for_publication: bool | None
    subject: Item
    subject_raw: Mapping[str, Any]

    @property
    def field(self) -> str:
        return f"activities[{self.index}]"


@dataclass(frozen=True)
class Plan:
    project: str | None
    as_of: dt.date
    model: RiskModel
    partners: Mapping[str, Partner]
    stages: tuple[StageSpan, ...]
    activities: tuple[Activity, ...]


def _list(raw: Mapping[str, object], name: str, limit: int, *, required: bool) -> list[object]:
    value = raw.get(name)
    if value is None:
        if required:
            raise InvalidInput(f"{name}: a list of {name} is required", field=name)
        return []
    if not isinstance(value, list):
        raise InvalidInput(f"{name}: expected a list", field=name)
    if len(value) > limit:
        raise PlanTooLarge(f"{name}: at most {limit} {name} per plan, got {len(value)}", field=name)
    if required and not value:
        raise InvalidInput(f"{name}: at least one is required", field=name)
    return value


def _text(value: object, where: str, *, required: bool = False, limit: int = 500) -> str | None:
    if value is None:
        if required:
            raise InvalidInput(f"{where}: a value is required", field=where)
        return None
    if not isinstance(value, str) or not value.strip() or len(value) > limit:
        raise InvalidInput(
            f"{where}: expected a non-empty text of at most {limit} characters", field=where
        )
    return value.strip()


def _flag(value: object, where: str) -> bool | None:
    if value is not None and not isinstance(value, bool):
        raise InvalidInput(f"{where}: expected true or false, got {value!r}", field=where)
    return value


def _date(value: object, where: str) -> dt.date:
    if value is None:
        raise InvalidInput(f"{where}: a date (YYYY-MM-DD) is required", field=where)
    if not isinstance(value, str):
        raise InvalidInput(f"{where}: expected an ISO date YYYY-MM-DD, got {value!r}", field=where)
    return parse_date(value, where)


def _partners(knowledge: Knowledge, raw: Mapping[str, object]) -> dict[str, Partner]:
    partners: dict[str, Partner] = {}
    for i, value in enumerate(_list(raw, "partners", MAX_PARTNERS, required=True)):
        where = f"partners[{i}]"
        item = object_fields(value, where, PARTNER_FIELDS)
        partner_id = _text(item.get("id"), f"{where}.id", required=True, limit=100)
        assert partner_id is not None
        if partner_id in partners:
            raise InvalidInput(
                f"{where}.id: partner {partner_id!r} is listed twice", field=f"{where}.id"
            )
        kind = item.get("type")
        partners[partner_id] = Partner(
            id=partner_id,
            name=_text(item.get("name"), f"{where}.name"),
            country=destination(knowledge, item.get("country"), f"{where}.country").code,
            type=None
            if kind is None
            else knowledge.concept(
                "end-user-types", kind, f"{where}.type", "end-user type"
            ).notation,
            verified=_flag(item.get("verified"), f"{where}.verified"),
        )
    return partners


def _stages(knowledge: Knowledge, raw: Mapping[str, object]) -> tuple[StageSpan, ...]:
    spans: list[StageSpan] = []
    for i, value in enumerate(_list(raw, "stages", MAX_STAGES, required=False)):
        where = f"stages[{i}]"
        item = object_fields(value, where, STAGE_FIELDS)
        stage = knowledge.concept(
            "project-stages", item.get("stage"), f"{where}.stage", "project stage"
        ).notation
        start = _date(item.get("from"), f"{where}.from")
        end = _date(item.get("until"), f"{where}.until")
        if end < start:
            raise InvalidInput(
                f"{where}.until: {end.isoformat()} is before the stage starts ({start.isoformat()})",
                field=f"{where}.until",
            )
        if spans and start <= spans[-1].end:
            raise InvalidInput(
                f"{where}.from: {start.isoformat()} is not after the previous stage ends "
                f"({spans[-1].end.isoformat()}): list the stages in order, without overlap",
                field=f"{where}.from",
            )
        spans.append(StageSpan(stage, start, end))
    return tuple(spans)


def _partner(partners: Mapping[str, Partner], value: object, where: str) -> Partner:
    if not isinstance(value, str) or value not in partners:
        raise InvalidInput(
            f"{where}: unknown partner {value!r} (the plan's partners: {', '.join(partners)})",
            field=where,
        )
    return partners[value]


def _activity(
    knowledge: Knowledge, partners: Mapping[str, Partner], i: int, value: object, seen: set[str]
) -> Activity:
    where = f"activities[{i}]"
    item = object_fields(value, where, ACTIVITY_FIELDS)
    activity_id = _text(item.get("id"), f"{where}.id", limit=100) or f"a{i + 1}"
    if activity_id in seen:
        raise InvalidInput(
            f"{where}.id: activity {activity_id!r} is listed twice", field=f"{where}.id"
        )
    seen.add(activity_id)
    kind = knowledge.concept("activities", item.get("type"), f"{where}.type", "activity").notation
    start = _date(item.get("date"), f"{where}.date")
    end = None
    if item.get("until") is not None:
        end = _date(item.get("until"), f"{where}.until")
        if end < start:
            raise InvalidInput(
                f"{where}.until: {end.isoformat()} is before the activity starts ({start.isoformat()})",
                field=f"{where}.until",
            )
    source = _partner(partners, item.get("from_partner"), f"{where}.from_partner")
    target = _partner(partners, item.get("to_partner"), f"{where}.to_partner")
    releases = kind in knowledge.notations("activities", "releasesToPerson")
    place = (
        _partner(partners, item["place"], f"{where}.place")
        if item.get("place") is not None
        else (source if releases else target)
    )
    if place.id not in (source.id, target.id):
        raise InvalidInput(
            f"{where}.place: the activity happens at from_partner or to_partner, not {place.id!r}",
            field=f"{where}.place",
        )
    nationality = item.get("person_nationality")
    end_use = item.get("end_use")
    raw_subject = item.get("subject")
    if raw_subject is None:
        raise InvalidInput(f"{where}.subject: a subject is required", field=f"{where}.subject")
    if not isinstance(raw_subject, Mapping):
        raise InvalidInput(f"{where}.subject: expected an object", field=f"{where}.subject")
    return Activity(
        index=i,
        id=activity_id,
        type=kind,
        start=start,
        end=end,
        source=source,
        target=target,
        place=place,
        nationality=None
        if nationality is None
        else destination(knowledge, nationality, f"{where}.person_nationality").code,
        end_use=None
        if end_use is None
        else knowledge.concept("end-uses", end_use, f"{where}.end_use", "end use").notation,
        published=_flag(item.get("published"), f"{where}.published"),
        intended_for_publication=_flag(
            item.get("intended_for_publication"), f"{where}.intended_for_publication"
        ),
        subject=subject(knowledge, raw_subject, f"{where}.subject"),
        subject_raw=raw_subject,
    )


def parse_plan(knowledge: Knowledge, raw: object) -> Plan:
    """Validate a plan; InvalidInput (422) names the field, PlanTooLarge (413) the list."""
    raw = object_fields(raw, "body", FIELDS)
    partners = _partners(knowledge, raw)
    stages = _stages(knowledge, raw)
    seen: set[str] = set()
    activities = tuple(
        _activity(knowledge, partners, i, value, seen)
        for i, value in enumerate(_list(raw, "activities", MAX_ACTIVITIES, required=True))
    )
    return Plan(
        project=_text(raw.get("project"), "project"),
        as_of=parse_date(raw.get("as_of"), "as_of"),
        model=model(knowledge, raw.get("model")),
        partners=partners,
        stages=stages,
        activities=activities,
    )


def stage_at(stages: Sequence[StageSpan], day: dt.date) -> StageSpan | None:
    """The stage whose span holds the day."""
    return next((s for s in stages if s.start <= day <= s.end), None)
