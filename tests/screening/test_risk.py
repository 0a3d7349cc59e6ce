"""Risk scoring and plans screen the end user against the real lists (screening_port.
default_screener): a listed party raises the end-user-screening factor by the points the model's
data give its state, a clean name scores the model's "clear" level, a name scoring just below the
threshold is a possible match (never clear), and without a list the end user is "not screened"."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from exportgraph.api.routers.risk import PLAN_EXAMPLE, RISK_EXAMPLES
from fastapi.testclient import TestClient

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.screening import CANDIDATE_FLOOR, DEFAULT_THRESHOLD, screening_index
from exportgraph.services.partners.risk import score_risk
from exportgraph.services.partners.screening import screened_hits

LISTED = "Origin Quantum Computing Technology (Hefei) Co., Ltd."


def risk_body(name: str, country: str = "CN", **changes: Any) -> dict[str, Any]:
    body: dict[str, Any] = copy.deepcopy(RISK_EXAMPLES["us-to-cn"]["value"])
    body["end_user"] = {**body["end_user"], "name": name, "country": country}
    body.update(changes)
    return body


def screening_factor(answer: dict[str, Any]) -> dict[str, Any]:
    (row,) = [f for f in answer["factors"] if f["factor"] == "end-user-screening"]
    found: dict[str, Any] = row
    return found


def model_points(knowledge: Knowledge, answer: dict[str, Any], state: str) -> int:
    """The points (before scaling to the model's families) the answer's model gives a screening
    state, read from the data."""
    (model,) = [m for m in knowledge.risk.models.values() if m.id == answer["model"]["id"]]
    (factor,) = [f for f in model.factors if f.id == "end-user-screening"]
    (level,) = [level for level in factor.levels if state in level.values]
    assert level.points is not None
    return int(level.points)


def test_a_listed_end_user_raises_the_factor_as_the_model_says(
    client: TestClient, knowledge: Knowledge
) -> None:
    listed = client.post("/v1/risk", json=risk_body(LISTED))
    clean = client.post("/v1/risk", json=risk_body("Example University"))
    assert listed.status_code == clean.status_code == 200, listed.text
    hit, plain = listed.json(), clean.json()
    row, clear = screening_factor(hit), screening_factor(plain)
    assert row["input"] == "listed-all-items" and clear["input"] == "clear"
    assert row["raw_points"] == model_points(knowledge, hit, "listed-all-items")
    assert clear["raw_points"] == model_points(knowledge, plain, "clear")
    assert row["points"] > clear["points"] and hit["score"] > plain["score"]
    best = hit["screening"][0]
    assert best["list"] == "EL" and best["name"] == LISTED and best["matched"]
    assert best["score"] >= DEFAULT_THRESHOLD and best["federal_register"] == "89 FR 41888"
    assert best["entry"].startswith("EL:")
    assert plain["screening"] == [] and "no candidate" in clear["why"]


def test_a_name_just_below_the_threshold_is_a_possible_match(knowledge: Knowledge) -> None:
    index = screening_index()
    assert index is not None
    name = "Siemens AG"  # an unlisted name of the case file scoring between floor and threshold
    best = index.search(index.keys.key(name), CANDIDATE_FLOOR, limit=1)[0].score
    assert CANDIDATE_FLOOR <= best < DEFAULT_THRESHOLD
    hits = screened_hits(knowledge, name, "DE")
    assert hits and not any(hit.matched for hit in hits)
    answer = score_risk(knowledge, risk_body(name, "DE", to="DE"), lambda n, c: hits)
    assert screening_factor(answer)["input"] == "possible-match"


def test_without_a_list_the_end_user_is_not_screened(
    client: TestClient, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("exportgraph.services.partners.screening.screening_index", lambda: None)
    answer = client.post("/v1/risk", json=risk_body(LISTED)).json()
    row = screening_factor(answer)
    assert row["input"] == "not-screened" and "not screened" in row["why"]
    assert row["raw_points"] == model_points(knowledge, answer, "not-screened") > 0
    assert answer["screening"] == []
    problem = client.get("/v1/screening", params={"name": LISTED})
    assert problem.status_code == 503
    assert problem.headers["content-type"].startswith("application/problem+json")
    assert "restricted-party list" in problem.json()["detail"]


def test_a_plan_scores_a_listed_partner_with_its_listing(client: TestClient) -> None:
    body = copy.deepcopy(PLAN_EXAMPLE["joint-programme"]["value"])
    body["partners"][1].update(name=LISTED, country="CN")
    response = client.post("/v1/plans/evaluate", json=body)
    assert response.status_code == 200, response.text
    (export,) = [a for a in response.json()["activities"] if a["id"] == "a2"]
    (row,) = [f for f in export["risk"]["factors"] if f["factor"] == "end-user-screening"]
    assert row["input"] == "listed-all-items"
