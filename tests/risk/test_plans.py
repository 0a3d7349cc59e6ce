"""Project plans (contract §11): licence needs per activity from the assessment, latest dates to
apply from cited processing times, conflicts, deadlines, the iCalendar export, bad input."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from exportgraph.api.routers.risk import PLAN_EXAMPLE
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st
from icalendar import Calendar

from exportgraph.errors import ExportgraphError
from exportgraph.graph.context import Context
from exportgraph.services.partners.assess import assess
from exportgraph.services.partners.deadlines import latest_start
from exportgraph.services.partners.plans import evaluate_plan

from .conftest import QC_120 as QC_ITEM

QC_120 = {"item": QC_ITEM}
PRODUCTION_TECH = {"technology": {"for_kind": "qubit-device", "purpose": "production"}}
CONTRACT_PLAN: dict[str, Any] = PLAN_EXAMPLE["joint-programme"]["value"]  # contract §11


def plan(**changes: Any) -> dict[str, Any]:
    body = copy.deepcopy(CONTRACT_PLAN)
    body.update(copy.deepcopy(changes))
    return body


def activity(answer: dict[str, Any], activity_id: str) -> dict[str, Any]:
    found: dict[str, Any] = next(a for a in answer["activities"] if a["id"] == activity_id)
    return found


def licence(row: dict[str, Any], jurisdiction: str) -> dict[str, Any]:
    found: dict[str, Any] = next(n for n in row["licences"] if n["jurisdiction"] == jurisdiction)
    return found


def export(origin: str, date: str, **extra: Any) -> dict[str, Any]:
    """A one-activity plan: a controlled 120-qubit machine from a partner in `origin` to Japan."""
    return plan(
        partners=[
            {"id": "p1", "name": "Maker", "country": origin, "type": "company"},
            {"id": "p2", "name": "Buyer", "country": "JP", "type": "university"},
        ],
        activities=[
            {
                "id": "x",
                "type": "export",
                "date": date,
                "from_partner": "p1",
                "to_partner": "p2",
                "subject": QC_120,
                **extra,
            }
        ],
    )


# ---------------------------------------------------------------- the answer


def test_the_contract_example(context: Context) -> None:
    answer = evaluate_plan(context, plan())
    assert answer["project"] == "Joint qubit-control programme" and answer["as_of"] == "2026-08-01"
    a1, a2 = answer["activities"]
    assert (a1["stage"], a1["gate"], a1["gate_date"]) == (
        "basic-research",
        "before-basic-research",
        "2026-01-01",
    )
    assert (a2["stage"], a2["gate"]) == ("prototype-development", "before-prototype-development")
    us = licence(a2, "US")
    assert us["required"] is True and "US:4A906.a.2" in us["entries"]
    # the licence needs are the assessment's, not a copy of its logic
    assessed = assess(
        context,
        {
            "activity": "export",
            "subject": QC_120,
            "from": "US",
            "to": "DE",
            "as_of": "2027-03-01",
            "project_stage": "prototype-development",
            "recipient": {"name": "Example Lab", "nationality": "DE"},
        },
    )
    assert [(r["jurisdiction"], r["licence_required"]) for r in assessed["results"]] == [
        (n["jurisdiction"], n["required"]) for n in a2["licences"]
    ]
    # 90 calendar days, the statutory total clock of 15 CFR 750.4(a)(1)
    assert us["apply_by"] == (dt.date(2027, 3, 1) - dt.timedelta(days=90)).isoformat()
    time = us["processing_time"]
    assert isinstance(time, dict)
    assert (time["kind"], time["duration"], time["unit"], time["evidence"]) == (
        "statutory-deadline",
        90,
        "calendar-days",
        "primary",
    )
    assert "750.4" in time["sources"][0]["citation"]
    assert a2["risk"]["band"] in ("low", "elevated", "high", "prohibited") and isinstance(
        a2["risk"]["score"], int
    )
    assert {d["kind"] for d in answer["deadlines"]} == {"licence-application", "review-gate"}
    assert [d["date"] for d in answer["deadlines"]] == sorted(
        d["date"] for d in answer["deadlines"]
    )
    assert answer["timeline"]["start"] == "2026-01-01" and answer["timeline"]["end"] == "2027-12-31"
    assert a2["conflicts"] == []  # applied by 2026-12-01, evaluated on 2026-08-01


def test_a_licence_that_cannot_arrive_in_time_is_a_conflict(context: Context) -> None:
    answer = evaluate_plan(context, plan(as_of="2027-01-15"))
    conflicts = activity(answer, "a2")["conflicts"]
    assert [c["kind"] for c in conflicts] == ["licence-late"]
    assert "2026-12-01" in conflicts[0]["message"] and conflicts[0]["jurisdiction"] == "US"
    late = [d for d in answer["deadlines"] if d.get("activity") == "a2"]
    assert late and all(d["late"] for d in late)
    assert any(c["id"] == "licence-pending" for c in activity(answer, "a2")["criteria"])


def test_a_union_licence_is_timed_by_the_member_state_that_issues_it(context: Context) -> None:
    answer = evaluate_plan(context, export("FR", "2027-03-31"))
    row = activity(answer, "x")
    eu = licence(row, "EU")
    assert eu["required"] is True
    time = eu["processing_time"]
    assert isinstance(time, dict) and time["jurisdiction"] == "FR" and time["unit"] == "months"
    assert eu["apply_by"] == "2027-02-28"  # one month before, clamped to the end of February


def test_working_days_skip_weekends(context: Context) -> None:
    row = activity(evaluate_plan(context, export("DE", "2028-06-30")), "x")
    eu = licence(row, "EU")
    time = eu["processing_time"]
    assert isinstance(time, dict) and (time["duration"], time["unit"]) == (281, "working-days")
    day = dt.date.fromisoformat(eu["apply_by"])
    between = [day + dt.timedelta(days=n) for n in range(1, (dt.date(2028, 6, 30) - day).days + 1)]
    assert sum(1 for d in between if d.weekday() < 5) == 281 and day.weekday() < 5


def test_no_cited_processing_time_is_unknown(context: Context) -> None:
    row = activity(evaluate_plan(context, export("CH", "2027-03-01")), "x")
    ch = licence(row, "CH")
    assert ch["required"] is not False  # "unknown": the Swiss band text was not read
    assert ch["apply_by"] == "unknown" and ch["processing_time"] == "unknown"
    assert any("no processing time of CH is cited" in r for r in ch["reasons"])


def test_an_equipment_trial_is_assessed_as_the_export_it_is(context: Context) -> None:
    trial = export("US", "2027-03-01")
    trial["activities"][0]["type"] = "equipment-trial"
    row = activity(evaluate_plan(context, trial), "x")
    exported = activity(evaluate_plan(context, export("US", "2027-03-01")), "x")
    assert row["assessed_as"] == "export"
    assert row["licences"] == exported["licences"]


def test_an_activity_outside_every_stage(context: Context) -> None:
    late = export("US", "2029-01-10")
    row = activity(evaluate_plan(context, late), "x")
    assert row["stage"] is None and row["gate"] is None
    assert "outside-stages" in [c["kind"] for c in row["conflicts"]]


def exchange_then_publication(publication_date: str) -> dict[str, Any]:
    return plan(
        partners=[
            {"id": "p1", "name": "Example University", "country": "US", "type": "university"},
            {"id": "p2", "name": "Visiting lab", "country": "CN", "type": "university"},
        ],
        stages=[
            {"stage": "basic-research", "from": "2026-01-01", "until": "2026-12-31"},
            {"stage": "fabrication", "from": "2027-01-01", "until": "2027-12-31"},
        ],
        activities=[
            {
                "id": "visit",
                "type": "researcher-exchange",
                "date": "2026-06-01",
                "until": "2026-08-31",
                "from_partner": "p1",
                "to_partner": "p2",
                "person_nationality": "CN",
                "intended_for_publication": True,
                "subject": PRODUCTION_TECH,
            },
            {
                "id": "paper",
                "type": "publication",
                "date": publication_date,
                "from_partner": "p1",
                "to_partner": "p2",
                "subject": PRODUCTION_TECH,
            },
        ],
    )


def test_results_published_only_after_the_research_stages_end(context: Context) -> None:
    answer = evaluate_plan(context, exchange_then_publication("2027-04-01"))
    visit, paper = activity(answer, "visit"), activity(answer, "paper")
    # the visit is a deemed export in the US, excluded as fundamental research
    assert visit["place"] == "p1" and licence(visit, "US")["required"] is False
    for row, other in ((visit, "paper"), (paper, "visit")):
        found = [c for c in row["conflicts"] if c["kind"] == "exclusion-ends-before-publication"]
        assert found and found[0]["related"] == [other]
        assert "US:fundamental-research" in found[0]["message"]
    assert any(c["id"] == "leaves-research" for c in paper["criteria"])
    # published within the research stage: no conflict
    early = evaluate_plan(context, exchange_then_publication("2026-11-01"))
    assert all(not a["conflicts"] for a in early["activities"])


# ---------------------------------------------------------------- iCalendar


def test_the_deadlines_as_icalendar(client: TestClient) -> None:
    body = plan()
    response = client.post("/v1/plans/evaluate", json=body, headers={"Accept": "text/calendar"})
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/calendar"
    )
    events = Calendar.from_ical(response.content).walk("VEVENT")
    deadlines = client.post("/v1/plans/evaluate", json=body).json()["deadlines"]
    assert sorted(e.decoded("dtstart").isoformat() for e in events) == [
        d["date"] for d in deadlines
    ]
    uids = [str(e["uid"]) for e in events]
    assert len(set(uids)) == len(uids)
    again = Calendar.from_ical(
        client.post("/v1/plans/evaluate", json=body, headers={"Accept": "text/calendar"}).content
    )
    assert sorted(uids) == sorted(str(e["uid"]) for e in again.walk("VEVENT"))
    assert (
        client.post("/v1/plans/evaluate", json=body, headers={"Accept": "image/png"}).status_code
        == 406
    )


# ---------------------------------------------------------------- bad input


def _set(body: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    node: Any = body
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return body


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("activities", 1, "date"), "2027-13-01", "activities[1].date"),
        (("activities", 0, "until"), "2026-08-01", "activities[0].until"),
        (("activities", 1, "to_partner"), "p9", "activities[1].to_partner"),
        (("activities", 0, "type"), "smuggling", "activities[0].type"),
        (("activities", 0, "place"), "p7", "activities[0].place"),
        (
            ("activities", 1, "subject"),
            {"item": {"kind": "warp-drive"}},
            "activities[1].subject.item.kind",
        ),
        (("activities", 0, "person_nationality"), "ZZ", "activities[0].person_nationality"),
        (("stages", 0, "until"), "2025-12-31", "stages[0].until"),
        (("stages", 1, "from"), "2026-06-01", "stages[1].from"),
        (("stages", 1, "stage"), "mass-production", "stages[1].stage"),
        (("partners", 1, "country"), "QQ", "partners[1].country"),
        (("partners", 1, "id"), "p1", "partners[1].id"),
        (("partners", 0, "type"), "alien", "partners[0].type"),
        (("model",), "nope", "model"),
        (("activities",), [], "activities"),
        (("colour",), "red", "colour"),
    ],
)
def test_bad_plans_name_the_field(
    client: TestClient, path: tuple[Any, ...], value: Any, field: str
) -> None:
    response = client.post("/v1/plans/evaluate", json=_set(plan(), path, value))
    assert response.status_code == 422, response.text
    problem = response.json()
    assert response.headers["content-type"].startswith("application/problem+json")
    assert problem["field"] == field and problem["detail"].startswith(field)


def test_malformed_and_oversized_plans(client: TestClient) -> None:
    assert client.post("/v1/plans/evaluate", content=b"{nope").status_code == 400
    huge = plan(activities=[CONTRACT_PLAN["activities"][1]] * 1001)
    response = client.post("/v1/plans/evaluate", json=huge)  # within the body size limit
    assert response.status_code == 422 and response.json()["field"] == "activities"
    assert "1000" in response.json()["detail"]


def test_bad_plans_raise_domain_errors(context: Context) -> None:
    with pytest.raises(ExportgraphError):
        evaluate_plan(context, ["not", "an", "object"])


# ---------------------------------------------------------------- dates


def naive_working_days_before(day: dt.date, count: int) -> dt.date:
    """Day by day: from the last working day on or before `day`, count working days back."""
    found = day
    while found.weekday() >= 5:
        found -= dt.timedelta(days=1)
    while count:
        found -= dt.timedelta(days=1)
        if found.weekday() < 5:
            count -= 1
    return found


def granted(applied: dt.date, count: int) -> dt.date:
    """The count-th working day after the application."""
    day = applied
    while count:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            count -= 1
    return day


@given(
    day=st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 1, 1)),
    count=st.integers(min_value=0, max_value=400),
)
def test_working_days_match_a_day_by_day_count(day: dt.date, count: int) -> None:
    assert latest_start(day, Decimal(count), "working-days") == naive_working_days_before(
        day, count
    )


def test_calendar_units() -> None:
    day = dt.date(2027, 3, 31)
    assert latest_start(day, Decimal(1), "months") == dt.date(2027, 2, 28)
    assert latest_start(day, Decimal(12), "weeks") == day - dt.timedelta(days=84)
    assert latest_start(day, Decimal("0.5"), "weeks") == day - dt.timedelta(days=4)
    assert latest_start(day, Decimal(90), "calendar-days") == dt.date(2026, 12, 31)
    assert latest_start(day, Decimal(1), "fortnights") is None
