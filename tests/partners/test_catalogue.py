"""Read endpoints: jurisdictions, entries by jurisdiction/kind/date, one entry, 404."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_jurisdictions(client: TestClient) -> None:
    response = client.get("/v1/jurisdictions")
    assert response.status_code == 200
    found = {j["code"]: j for j in response.json()}
    assert found["FR"]["part_of"] == ["EU"]
    assert found["US"]["deemed_export_rule"] is True
    assert found["EU"]["deemed_export_rule"] is False
    assert found["US"]["entries"] > 10


def test_entries_filtered_by_jurisdiction_kind_and_date(client: TestClient) -> None:
    us = client.get("/v1/entries", params={"jurisdiction": "US", "kind": "quantum-computer"}).json()
    codes = [e["id"] for e in us]
    assert "US:4A906.a.2" in codes and "US:4A906" in codes
    assert "US:3A904.a" not in codes
    fr_before = client.get(
        "/v1/entries",
        params={"jurisdiction": "FR", "kind": "quantum-computer", "as_of": "2025-01-01"},
    ).json()
    fr_after = client.get(
        "/v1/entries",
        params={"jurisdiction": "FR", "kind": "quantum-computer", "as_of": "2025-12-01"},
    ).json()
    assert not any(e["id"].startswith("EU:") for e in fr_before)
    assert any(e["id"].startswith("EU:") for e in fr_after)
    assert client.get("/v1/entries", params={"kind": "toaster"}).status_code == 422
    assert client.get("/v1/entries", params={"jurisdiction": "XX"}).status_code == 422


def test_one_entry_with_everything(client: TestClient) -> None:
    response = client.get("/v1/entries/US:4A906.a.2")
    assert response.status_code == 200
    entry = response.json()
    assert entry["parent"] == "US:4A906.a"
    assert entry["effective_from"] == "2024-09-06"
    assert {
        (c["parameter"], c["comparator"], c["threshold"]) for c in entry["alternatives"][0]
    } == {
        ("physical-qubits", ">=", 100),
        ("physical-qubits", "<", 200),
        ("cnot-error", "<=", 0.001),
    }
    assert entry["licence"]["destination_scope"] == "AllDestinations"
    assert entry["exceptions"][0]["eligible_destinations"] == "unknown"
    assert entry["sources"] and entry["evidence"] == "primary"
    assert {"id": "EU:4A506.a.2", "relation": "exactMatch"} in entry["equivalents"]
    assert client.get("/v1/entries/UK:PL9014").json()["id"] == "GB:PL9014"


def test_unknown_entry_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/v1/entries/US:9Z999")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "US:9Z999" in response.json()["detail"]


def test_openapi_documents_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    classify_body = spec["paths"]["/v1/classify"]["post"]["requestBody"]["content"][
        "application/json"
    ]
    assert "quantum-computer" in classify_body["examples"]
    assert "/v1/assess" in spec["paths"] and "/sparql" in spec["paths"]
