"""GET /v1/screening: the contract's fields, the versions and the note in every answer, and
problem+json naming the field for bad input."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

CONTRACT = {"name", "list", "country", "score", "entity_number", "licence_requirement", "sources"}


def test_matches_carry_the_contract_fields_and_the_headers_the_rest(client: TestClient) -> None:
    response = client.get("/v1/screening", params={"name": "Kaspersky Lab JSC", "country": "RU"})
    assert response.status_code == 200, response.text
    matches = response.json()
    assert isinstance(matches, list) and matches
    best = matches[0]
    assert set(best) >= CONTRACT and best["name"] == "AO Kaspersky Lab"
    assert best["list_code"] == "EL" and best["federal_register"] == "89 FR 52362"
    assert (
        best["explanations"]["name"]["matched"]
        and best["explanations"]["country"]["agreement"] == "match"
    )
    headers = response.headers
    assert len(headers["exportgraph-data-version"]) == 64
    assert "sha256" in headers["exportgraph-source"] and headers["exportgraph-threshold"] == "85"
    assert "not a clearance" in headers["exportgraph-note"]


def test_an_empty_answer_still_names_versions_and_says_it_is_no_clearance(
    client: TestClient,
) -> None:
    response = client.get("/v1/screening", params={"name": "Stanford University"})
    assert response.status_code == 200 and response.json() == []
    assert "not a clearance" in response.headers["exportgraph-note"]
    assert response.headers["exportgraph-data-version"]


def test_threshold_and_limit_are_honoured(client: TestClient) -> None:
    loose = client.get("/v1/screening", params={"name": "Huawei", "threshold": 80, "limit": 3})
    assert loose.status_code == 200 and 0 < len(loose.json()) <= 3
    assert all(m["score"] >= 80 for m in loose.json())
    assert loose.headers["exportgraph-threshold"] == "80"


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({}, "name"),
        ({"name": ""}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": "Origin", "country": "ZZ"}, "country"),
        ({"name": "Origin", "threshold": "high"}, "threshold"),
        ({"name": "Origin", "threshold": "0"}, "threshold"),
        ({"name": "Origin", "threshold": "nan"}, "threshold"),
        ({"name": "Origin", "threshold": "150"}, "threshold"),
        ({"name": "Origin", "limit": "1000"}, "limit"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(
    client: TestClient, params: dict[str, str], field: str
) -> None:
    response = client.get("/v1/screening", params=params)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in response.json()["detail"]
