"""The risk, model, stage and plan endpoints and pages: answers, problems, HTML."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.risk import score_risk
from exportgraph.services.partners.screening import default_screener

from .conftest import request
from .test_plans import CONTRACT_PLAN

PROBLEM = "application/problem+json"


def test_post_risk_is_the_service_answer(
    client: TestClient, knowledge: Knowledge, context: Context
) -> None:
    body = request(model="dod-matrix")
    response = client.post("/v1/risk", json=body)
    assert response.status_code == 200
    assert response.json() == score_risk(knowledge, body, default_screener(context))


def test_risk_problems(client: TestClient) -> None:
    bad = client.post("/v1/risk", json=request(to="XX"))
    assert bad.status_code == 422 and bad.headers["content-type"].startswith(PROBLEM)
    assert bad.json()["field"] == "to"
    assert client.post("/v1/risk", content=b'{"subject": ').status_code == 400
    assert client.post("/v1/risk", content=b"").status_code == 400
    assert client.post("/v1/risk", content=b"x" * (3 * 1024 * 1024)).status_code == 413


def test_the_models(client: TestClient) -> None:
    listed = client.get("/v1/risk/models").json()
    assert [(m["id"], m["kind"], m["default"]) for m in listed] == [
        ("capped-points", "additive", True),
        ("dod-matrix", "decision-matrix", False),
    ]
    model = client.get("/v1/risk/models/capped-points").json()
    assert model["version"] == "1.0.0" and model["sources"]
    assert sum(f["cap"] for f in model["families"]) == 50
    assert [b["band"] for b in model["bands"]] == ["low", "elevated", "high", "prohibited"]
    assert [b["score_from"] for b in model["bands"]] == [0, 25, 55, None]
    destination = next(f for f in model["factors"] if f["id"] == "destination")
    assert [(lv["id"], lv["points"]) for lv in destination["levels"]] == [
        ("country-group-e", 12),
        ("macau-or-d5", 10),
        ("d1-or-d4", 6),
        ("a5-a6-or-eu001", 0),
        ("other", 1),
    ]
    assert "US-CG-E:1" in destination["levels"][0]["when"]
    matrix = client.get("/v1/risk/models/dod-matrix").json()
    assert {lv["outcome"] for f in matrix["factors"] for lv in f["levels"]} == {
        "not-required",
        "suggested",
        "required",
        "prohibited",
    }
    missing = client.get("/v1/risk/models/nope")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith(PROBLEM)


def test_the_stages(client: TestClient) -> None:
    answer = client.get("/v1/stages").json()
    stages = answer["stages"]
    assert [s["stage"] for s in stages] == [
        "basic-research",
        "applied-research",
        "prototype-development",
        "fabrication",
        "deployment",
    ]
    assert [(s["trl"]["low"], s["trl"]["high"]) for s in stages] == [
        (1, 2),
        (3, 4),
        (5, 7),
        (8, 8),
        (9, 9),
    ]
    for stage in stages:
        assert stage["trl"]["sources"] and stage["gate"]["checks"]
        for check in stage["gate"]["checks"]:
            assert check["basis"] and check["sources"]
    kinds = {c["type"] for c in answer["criteria"]}
    assert kinds == {"escalate", "pause", "de-escalate"}
    triggers = {c["trigger"] for c in answer["criteria"]}
    assert {"threshold-crossed", "party-listed", "published"} <= triggers
    assert all(c["basis"] and c["sources"] for c in answer["criteria"])


def test_the_pages(client: TestClient, knowledge: Knowledge) -> None:
    page = client.get("/risk")
    assert page.status_code == 200 and "How risky is this transfer" in page.text
    answered = client.get(
        "/risk",
        params=[
            ("kind", "quantum-computer"),
            ("p", "physical-qubits"),
            ("v", "120"),
            ("p", "cnot-error"),
            ("v", "8e-4"),
            ("from", "US"),
            ("to", "CN"),
            ("end_use", "civil-research"),
            ("model", "dod-matrix"),
        ],
    )
    assert answered.status_code == 200
    shown = re.search(r'data-score="(\d+)"', answered.text)
    assert shown is not None
    expected = score_risk(
        knowledge,
        {
            "subject": {
                "item": {
                    "kind": "quantum-computer",
                    "parameters": {"physical-qubits": "120", "cnot-error": "8e-4"},
                }
            },
            "from": "US",
            "to": "CN",
            "end_use": "civil-research",
            "model": "dod-matrix",
        },
    )
    assert int(shown.group(1)) == expected["score"]
    wrong = client.get("/risk", params={"kind": "quantum-computer", "from": "US", "to": "QQ"})
    assert wrong.status_code == 422 and "unknown country" in wrong.text
    stages = client.get("/stages")
    assert stages.status_code == 200 and 'data-stage="fabrication"' in stages.text
    assert client.get("/plans").status_code == 200

    evaluated = client.post("/plans", data={"plan": json.dumps(CONTRACT_PLAN)})
    assert evaluated.status_code == 200
    assert "<svg" in evaluated.text and 'data-activity="a2"' in evaluated.text
    broken = client.post("/plans", data={"plan": "{"})
    assert broken.status_code == 400 and "invalid JSON" in broken.text
    calendar = client.post("/plans/deadlines.ics", data={"plan": json.dumps(CONTRACT_PLAN)})
    assert calendar.status_code == 200 and calendar.text.startswith("BEGIN:VCALENDAR")


def test_openapi_documents_the_routes(client: TestClient) -> None:
    paths: dict[str, Any] = client.get("/openapi.json").json()["paths"]
    for path in (
        "/v1/risk",
        "/v1/risk/models",
        "/v1/risk/models/{model_id}",
        "/v1/stages",
        "/v1/plans/evaluate",
    ):
        assert path in paths
    examples = paths["/v1/risk"]["post"]["requestBody"]["content"]["application/json"]["examples"]
    assert examples


def test_the_partners_guide_explains_scores_and_plans() -> None:
    from tests.partners.docs_examples import PAGE, RISK_AND_PLANS, SCREENING

    page = PAGE.read_text(encoding="utf-8")
    assert page.endswith(RISK_AND_PLANS + "\n" + SCREENING)  # regenerating keeps the sections
    assert "The points of the factors add up to the score" in page
