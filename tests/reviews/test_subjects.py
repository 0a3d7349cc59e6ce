"""Reviews of risk scores, plans and assessments on the real graph: the recorded answer is the
one the API gave, at its data version and risk model version, also after the model was edited."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from exportgraph.api.app import create_app
from exportgraph.api.routers.partners import ASSESS_EXAMPLES
from exportgraph.api.routers.risk import PLAN_EXAMPLE, RISK_EXAMPLES
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.services.users import add_user
from exportgraph.settings import Settings
from tests.real_graph import real_store

D5 = "<https://w3id.org/exportgraph/id/risk-model/capped-points/dest-d5>"
POINTS = "<https://w3id.org/exportgraph/ontology#points>"
MODEL = "<https://w3id.org/exportgraph/id/risk-model/capped-points/model>"
VERSION = "<http://www.w3.org/2002/07/owl#versionInfo>"
Auth = dict[str, dict[str, str]]


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Auth]]:
    """An API client over a writable real graph (built once for this module)."""
    users = tmp_path_factory.mktemp("reviews-real") / "users.json"
    tokens = {
        name: add_user(users, name, role)
        for name, role in (("erin", "editor"), ("rita", "reviewer"))
    }
    store = real_store()
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(users))
    with TestClient(create_app(Context(settings, store=store))) as client:
        yield client, {name: {"Authorization": f"Bearer {t}"} for name, t in tokens.items()}


def _file(
    client: TestClient, auth: Auth, subject: str, request: Any, answer: Any, **more: Any
) -> Any:
    body = {
        "subject": subject,
        "request": request,
        "data_version": answer["data_version"],
        "grounds": f"We contest this {subject} answer.",
        **more,
    }
    return client.post("/v1/reviews", json=body, headers=auth["erin"])


@pytest.mark.parametrize(
    ("subject", "path", "request_body"),
    [
        ("assessment", "/v1/assess", ASSESS_EXAMPLES["export"]["value"]),
        ("plan", "/v1/plans/evaluate", PLAN_EXAMPLE["joint-programme"]["value"]),
    ],
)
def test_assessments_and_plans_are_recorded_as_answered(
    real: tuple[TestClient, Auth], subject: str, path: str, request_body: Any
) -> None:
    client, auth = real
    given = client.post(path, json=request_body)
    assert given.status_code == 200, given.text
    filed = _file(client, auth, subject, copy.deepcopy(request_body), given.json())
    assert filed.status_code == 201, filed.text
    assert filed.json()["recorded_answer"] == given.json()
    assert filed.json()["subject"] == subject


def test_a_risk_score_is_recomputed_at_its_model_version_after_the_model_changed(
    real: tuple[TestClient, Auth],
) -> None:
    client, auth = real
    request = RISK_EXAMPLES["us-to-cn"]["value"]
    given = client.post("/v1/risk", json=request).json()
    assert given["model"] == {"id": "capped-points", "version": "1.0.0"}
    base = client.get("/healthz").json()["data_version"]
    change = client.post(
        "/v1/changes",
        json={
            "summary": "Country Group D:5 scores 12",
            "rationale": "Model revision 1.1.0 (test)",
            "base_version": base,
            "add": f'{D5} {POINTS} 12 . {MODEL} {VERSION} "1.1.0" .',
            "remove": f'{D5} {POINTS} 10 . {MODEL} {VERSION} "1.0.0" .',
        },
        headers=auth["erin"],
    ).json()
    approved = client.post(f"/v1/changes/{change['id']}/approve", headers=auth["rita"])
    assert approved.status_code == 200, approved.text
    now = client.post("/v1/risk", json=request).json()
    assert now["model"]["version"] == "1.1.0" and now["score"] != given["score"]

    wrong = _file(client, auth, "risk", request, given, model_version="1.1.0")
    assert wrong.status_code == 422 and wrong.json()["field"] == "model_version"
    assert "1.0.0" in wrong.json()["detail"]
    filed = _file(client, auth, "risk", request, given, model_version="1.0.0")
    assert filed.status_code == 201, filed.text
    record = filed.json()
    assert record["recorded_answer"] == given
    assert record["model_version"] == "1.0.0"

    decided = client.post(
        f"/v1/reviews/{record['id']}/decide",
        json={"outcome": "revised", "reason": "Model 1.1.0 scores Country Group D:5 higher."},
        headers=auth["rita"],
    )
    assert decided.status_code == 200, decided.text
    revised = decided.json()["revised_answer"]
    assert (revised["score"], revised["model"]) == (now["score"], now["model"])
    assert client.get("/v1/reviews?subject=risk").json()[0]["id"] == record["id"]
