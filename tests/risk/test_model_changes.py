"""A risk model is data edited through change sets (contract §5, §10): a proposal changes no
score; the approved change does; a broken model edit is refused by the TERM-RISK shapes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.services.users import add_user
from exportgraph.settings import Settings
from tests.real_graph import real_store

from .conftest import request

D5 = "<https://w3id.org/exportgraph/id/risk-model/capped-points/dest-d5>"
POINTS = "<https://w3id.org/exportgraph/ontology#points>"
MODEL = "<https://w3id.org/exportgraph/id/risk-model/capped-points/model>"
VERSION = "<http://www.w3.org/2002/07/owl#versionInfo>"


@pytest.fixture
def editing(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, dict[str, str]]]]:
    """An API client over a writable copy of the real graph, with an editor and a reviewer."""
    users = tmp_path / "users.json"
    tokens = {
        name: add_user(users, name, role)
        for name, role in (("erin", "editor"), ("rita", "reviewer"))
    }
    store = real_store()
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(users))
    with TestClient(create_app(Context(settings, store=store))) as client:
        yield client, {name: {"Authorization": f"Bearer {t}"} for name, t in tokens.items()}


def propose(client: TestClient, who: dict[str, str], add: str, remove: str) -> dict[str, Any]:
    base = client.get("/healthz").json()["data_version"]
    response = client.post(
        "/v1/changes",
        json={
            "summary": "Raise the points of Macau or Country Group D:5",
            "rationale": "Model revision 1.1.0 (test)",
            "base_version": base,
            "add": add,
            "remove": remove,
        },
        headers=who,
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def destination_points(client: TestClient) -> tuple[int, int, str]:
    answer = client.post("/v1/risk", json=request()).json()
    row = next(f for f in answer["factors"] if f["factor"] == "destination")
    return row["points"], answer["score"], answer["model"]["version"]


def test_scores_change_only_after_approval(
    editing: tuple[TestClient, dict[str, dict[str, str]]],
) -> None:
    client, auth = editing
    before = destination_points(client)
    model_before = client.get("/v1/risk/models/capped-points").json()
    change = propose(
        client,
        auth["erin"],
        add=f'{D5} {POINTS} 12 . {MODEL} {VERSION} "1.1.0" .',
        remove=f'{D5} {POINTS} 10 . {MODEL} {VERSION} "1.0.0" .',
    )
    assert change["report"]["conforms"] is True
    assert destination_points(client) == before  # proposed: nothing changes
    approved = client.post(f"/v1/changes/{change['id']}/approve", headers=auth["rita"])
    assert approved.status_code == 200, approved.text
    after = destination_points(client)
    assert after[0] > before[0] and after[1] > before[1]
    assert (before[2], after[2]) == ("1.0.0", "1.1.0")
    model_after = client.get("/v1/risk/models/capped-points").json()
    level = next(
        lv
        for f in model_after["factors"]
        if f["id"] == "destination"
        for lv in f["levels"]
        if lv["id"] == "macau-or-d5"
    )
    assert level["points"] == 12
    assert model_after["data_version"] != model_before["data_version"]


def test_a_broken_model_edit_is_refused(
    editing: tuple[TestClient, dict[str, dict[str, str]]],
) -> None:
    client, auth = editing
    before = destination_points(client)
    change = propose(client, auth["erin"], add="", remove=f"{D5} {POINTS} 10 .")
    assert change["report"]["conforms"] is False
    rules = {v["rule"] for v in change["report"]["violations"]}
    assert "TERM-RISK-CAP" in rules
    refused = client.post(f"/v1/changes/{change['id']}/approve", headers=auth["rita"])
    assert refused.status_code == 422
    assert destination_points(client) == before
