"""Risk scores, project plans and stages in a real browser: the page shows the service's answer,
the timeline is drawn, every field is labelled, errors are shown next to their field."""

from __future__ import annotations

import json
from typing import Any

from exportgraph.knowledge.current import current
from exportgraph.services.partners.plans import evaluate_plan
from exportgraph.services.partners.risk import score_risk
from exportgraph.services.partners.screening import default_screener

from .conftest import Server, playwright_expect

expect = playwright_expect()


def test_score_a_transfer(page: Any, server: Server, screenshot: Any) -> None:
    page.goto("/risk")
    page.get_by_label("Kind of item", exact=True).select_option("quantum-computer")
    page.locator("#p-name-0").select_option("physical-qubits")
    page.locator("#p-value-0").fill("120")
    page.locator("#p-name-1").select_option("cnot-error")
    page.locator("#p-value-1").fill("8e-4")
    page.get_by_label("From (where the transfer starts)").select_option("US")
    page.get_by_label("To (destination country)").fill("CN")
    page.get_by_label("End-user type", exact=True).select_option("university")
    page.get_by_label("End use", exact=True).select_option("civil-research")
    page.get_by_label("Project stage", exact=True).select_option("basic-research")
    page.get_by_role("button", name="Score").click()
    expect(page.locator("#factors")).to_be_visible()
    expected = score_risk(
        current(server.context),
        {
            "subject": {
                "item": {
                    "kind": "quantum-computer",
                    "parameters": {"physical-qubits": "120", "cnot-error": "8e-4"},
                }
            },
            "from": "US",
            "to": "CN",
            "end_user": {"type": "university"},
            "end_use": "civil-research",
            "project_stage": "basic-research",
        },
    )
    expect(page.locator("#summary .score")).to_have_text(str(expected["score"]))
    expect(page.locator("#summary .band")).to_have_text(expected["band"])
    rows = page.locator("#factors tbody tr")
    expect(rows).to_have_count(len(expected["factors"]))
    for row in expected["factors"]:
        expect(page.locator(f'#factors tr[data-factor="{row["factor"]}"] .points')).to_have_text(
            str(row["points"])
        )
    expect(page.locator("#measures li").first).to_be_visible()
    screenshot(page, "risk-answer")


def test_a_wrong_country_is_shown_next_to_its_field(page: Any) -> None:
    page.goto("/risk")
    page.get_by_label("To (destination country)").fill("QQ")
    page.get_by_role("button", name="Score").click()
    expect(page.locator("#to-error")).to_contain_text("unknown country")
    expect(page.get_by_label("To (destination country)")).to_have_attribute("aria-invalid", "true")


def test_evaluate_a_plan_and_see_its_timeline(page: Any, server: Server, screenshot: Any) -> None:
    page.goto("/plans")
    page.get_by_role("button", name="Evaluate").click()
    timeline = page.locator("#timeline svg")
    expect(timeline).to_be_visible()
    plan_text = page.locator("#plan").input_value()
    # the page screens the partners as the API does
    expected = evaluate_plan(
        server.context, json.loads(plan_text), default_screener(server.context)
    )
    for activity in expected["activities"]:
        bar = timeline.locator(f'g.activity[data-activity="{activity["id"]}"]')
        expect(bar).to_have_attribute("data-band", activity["risk"]["band"])
        expect(page.locator(f'section[data-activity="{activity["id"]}"]')).to_be_visible()
    expect(timeline.locator("g.stage")).to_have_count(len(expected["timeline"]["stages"]))
    expect(page.locator("#deadlines tbody tr")).to_have_count(len(expected["deadlines"]))
    screenshot(page, "plan-timeline")


def test_stages_page_lists_gates_and_criteria(page: Any) -> None:
    page.goto("/stages")
    expect(page.locator("#stages tbody tr")).to_have_count(5)
    expect(page.locator('ul.criteria[data-type="escalate"] li').first).to_be_visible()
    expect(page.locator('ul.criteria[data-type="de-escalate"] li').first).to_be_visible()


def test_every_field_of_the_new_pages_has_a_label(page: Any) -> None:
    for path in ("/risk", "/plans", "/stages"):
        page.goto(path)
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                 .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label'))
                 .map(el => el.id || el.name)"""
        )
        assert unlabelled == [], (path, unlabelled)
