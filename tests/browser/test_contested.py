"""A partner contests a classification from its answer page; another reviewer revises it."""

from __future__ import annotations

import json
import re
from typing import Any

from exportgraph.services import reviews

from .conftest import Server, playwright_expect
from .test_review import _sign_in

expect = playwright_expect()


def test_a_contested_classification_is_recorded_and_decided(
    browser: Any, server: Server, screenshot: Any
) -> None:
    partner = _sign_in(browser, server, server.token("browser-partner", "editor"))
    partner.goto("/classify?kind=quantum-computer&physical-qubits=120&cnot-error=0.0008&j=US")
    expect(partner.locator("#summary-table")).to_be_visible()
    partner.locator("#contest-link").click()
    expect(partner).to_have_url(re.compile(r"/reviews\?subject=classification"))
    contested = json.loads(partner.get_by_label("Original request (JSON)").input_value())
    assert contested["item"]["parameters"]["physical-qubits"] == 120
    partner.get_by_label("Grounds").fill("Our machine's C-NOT error is measured differently.")
    partner.get_by_role("button", name="Contest this answer").click()
    expect(partner).to_have_url(re.compile(r"/reviews/\d+$"))
    review_id = partner.url.rsplit("/", 1)[1]
    expect(partner.locator("#review-status")).to_have_attribute("data-status", "open")
    expect(partner.locator(".notice")).to_contain_text("another reviewer must decide")
    expect(partner.get_by_role("button", name="Record the decision")).to_have_count(0)
    recorded = json.loads(partner.locator("#recorded-answer").inner_text())
    assert recorded["results"][0]["jurisdiction"] == "US"
    assert recorded["results"][0]["controlled"] is True
    screenshot(partner, "20-review-filed")

    reviewer = _sign_in(browser, server, server.token("browser-review-decider", "reviewer"))
    reviewer.goto("/reviews?status=open")
    reviewer.locator(f'#review-queue tr[data-id="{review_id}"]').get_by_role("link").click()
    reviewer.get_by_label("Revised").check()
    reviewer.get_by_label("Reason").fill("Re-computed at the current data version.")
    reviewer.get_by_role("button", name="Record the decision").click()
    expect(reviewer.locator("#review-status")).to_have_attribute("data-status", "revised")
    expect(reviewer.locator("#revised-answer")).to_be_visible()
    screenshot(reviewer, "21-review-revised")
    stored = reviews.get_review(server.context, review_id)
    assert stored["decision"] is not None and stored["decision"]["by"] == "browser-review-decider"
    assert stored["filed_by"] == "browser-partner"


def test_a_broken_request_is_shown_at_its_field(browser: Any, server: Server) -> None:
    partner = _sign_in(browser, server, server.token("browser-partner-2", "editor"))
    partner.goto("/reviews")
    partner.get_by_label("Original request (JSON)").fill("{not json")
    partner.get_by_label("Data version of the answer").fill("abc")
    partner.get_by_label("Grounds").fill("x")
    partner.get_by_role("button", name="Contest this answer").click()
    expect(partner.locator("#request-error")).to_contain_text("request: not JSON")
    expect(partner.get_by_label("Original request (JSON)")).to_have_attribute(
        "aria-invalid", "true"
    )


def test_a_risk_score_is_contested_at_its_model_version(browser: Any, server: Server) -> None:
    partner = _sign_in(browser, server, server.token("browser-partner-3", "editor"))
    partner.goto("/risk")
    partner.get_by_role("button", name="Score").click()
    score = partner.locator("#summary .score").inner_text()
    partner.locator("#contest-link").click()
    expect(partner.get_by_label("Answer contested")).to_have_value("risk")
    model_version = partner.get_by_label(re.compile("Risk model version")).input_value()
    assert model_version
    partner.get_by_label("Grounds").fill("The end user is verified by our export office.")
    partner.get_by_role("button", name="Contest this answer").click()
    expect(partner).to_have_url(re.compile(r"/reviews/\d+$"))
    recorded = json.loads(partner.locator("#recorded-answer").inner_text())
    assert str(recorded["score"]) == score
    assert recorded["model"]["version"] == model_version
