"""POST /v1/reviews, /decide, GET: the contested answer re-computed at its data version, decided
by another reviewer, recorded as PROV-O."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient
from pyoxigraph import RdfFormat, parse

from tests.terminology.support import XX_COOL, Accounts, propose, version

CLASSIFY = {
    "item": {"kind": "cryogenic-cooling-system", "parameters": {"base-temperature": "50 mK"}},
    "jurisdictions": ["XX"],
    "as_of": "2025-12-01",
}


def _file(client: TestClient, accounts: Accounts, who: str = "erin", **body: Any) -> Any:
    payload = {
        "subject": "classification",
        "request": CLASSIFY,
        "data_version": version(client),
        "grounds": "COOL-1 is meant for coolers below 40 mK.",
        **body,
    }
    return client.post("/v1/reviews", json=payload, headers=accounts.auth(who))


def _raise_threshold(client: TestClient, accounts: Accounts) -> None:
    """An approved change: COOL-1 covers coolers at or below 40 mK instead of 100 mK."""
    proposed = propose(
        client,
        accounts,
        "erin",
        remove=f"{XX_COOL} eg:thresholdValue 100 .",
        add=f"{XX_COOL} eg:thresholdValue 40 .",
    )
    assert proposed.status_code == 201, proposed.text
    approved = client.post(
        f"/v1/changes/{proposed.json()['id']}/approve", headers=accounts.auth("rita")
    )
    assert approved.status_code == 200, approved.text


def test_the_answer_is_recomputed_at_its_data_version_after_the_rules_changed(
    client: TestClient, accounts: Accounts
) -> None:
    given = client.post("/v1/classify", json=CLASSIFY).json()
    assert given["results"][0]["controlled"] is True
    _raise_threshold(client, accounts)
    now = client.post("/v1/classify", json=CLASSIFY).json()
    assert now["data_version"] != given["data_version"]
    assert now["results"][0]["controlled"] is False  # 50 mK > 40 mK now

    filed = _file(client, accounts, data_version=given["data_version"])
    assert filed.status_code == 201, filed.text
    record = filed.json()
    assert filed.headers["Location"] == f"/v1/reviews/{record['id']}"
    assert record["recorded_answer"] == given  # exactly what the API answered then
    assert record["status"] == "open" and record["filed_by"] == "erin"
    assert record["data_version"] == given["data_version"]

    decided = client.post(
        f"/v1/reviews/{record['id']}/decide",
        json={"outcome": "revised", "reason": "COOL-1 now reads 40 mK."},
        headers=accounts.auth("rita"),
    )
    assert decided.status_code == 200, decided.text
    after = decided.json()
    assert after["status"] == "revised"
    assert after["decision"]["by"] == "rita" and after["decision"]["outcome"] == "revised"
    revised = dict(after["revised_answer"])
    assert revised["results"] == now["results"]
    assert after["revised_data_version"] == revised["data_version"]
    assert after["recorded_answer"] == given  # kept beside the revision


def test_the_filer_never_decides_and_a_decision_is_final(
    client: TestClient, accounts: Accounts
) -> None:
    record = _file(client, accounts, who="rita").json()
    own = client.post(
        f"/v1/reviews/{record['id']}/decide",
        json={"outcome": "upheld", "reason": "mine"},
        headers=accounts.auth("rita"),
    )
    assert own.status_code == 403
    assert own.headers["content-type"].startswith("application/problem+json")
    assert "filed by rita" in own.json()["detail"]
    editor = client.post(
        f"/v1/reviews/{record['id']}/decide",
        json={"outcome": "upheld", "reason": "x"},
        headers=accounts.auth("erin"),
    )
    assert editor.status_code == 403  # an editor is not a reviewer
    first = client.post(
        f"/v1/reviews/{record['id']}/decide",
        json={"outcome": "upheld", "reason": "The answer follows the entry as published."},
        headers=accounts.auth("ray"),
    )
    assert first.status_code == 200 and first.json()["status"] == "upheld"
    assert "revised_answer" not in first.json()
    again = client.post(
        f"/v1/reviews/{record['id']}/decide",
        json={"outcome": "revised", "reason": "changed my mind"},
        headers=accounts.auth("ada"),
    )
    assert again.status_code == 409


def test_authentication_is_needed_to_file(client: TestClient) -> None:
    response = client.post("/v1/reviews", json={"subject": "classification"})
    assert response.status_code == 401


def test_bad_input_names_the_field_and_writes_nothing(
    client: TestClient, accounts: Accounts
) -> None:
    before = version(client)
    cases = {
        "subject": {"subject": "opinion"},
        "grounds": {"grounds": "  "},
        "data_version": {"data_version": "0" * 64},
        "request.item": {"request": {"jurisdictions": ["US"]}},
        "request.jurisdictions[0]": {"request": {**CLASSIFY, "jurisdictions": ["ZZ"]}},
        "model_version": {"model_version": "1.0"},
        "colour": {"colour": "red"},
    }
    for field, change in cases.items():
        response = _file(client, accounts, **change)
        assert response.status_code == 422, (field, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
        body = response.json()
        assert body["field"] == field and field in body["detail"], (field, body)
    unknown = _file(client, accounts, data_version="0" * 64).json()["detail"]
    assert before in unknown  # the retrievable versions are named
    broken = client.post(
        "/v1/reviews",
        content=b"{not json",
        headers={**accounts.auth("erin"), "content-type": "application/json"},
    )
    assert broken.status_code == 400
    assert version(client) == before  # nothing was written
    assert client.get("/v1/reviews").json() == []


def test_the_queue_lists_open_first_and_filters(client: TestClient, accounts: Accounts) -> None:
    first = _file(client, accounts).json()
    second = _file(client, accounts, grounds="second").json()
    client.post(
        f"/v1/reviews/{first['id']}/decide",
        json={"outcome": "upheld", "reason": "as published"},
        headers=accounts.auth("rita"),
    )
    queue = client.get("/v1/reviews").json()
    assert [r["id"] for r in queue] == [second["id"], first["id"]]
    assert [r["id"] for r in client.get("/v1/reviews?status=upheld").json()] == [first["id"]]
    assert client.get("/v1/reviews?subject=risk").json() == []
    bad = client.get("/v1/reviews?status=closed")
    assert bad.status_code == 422 and "status" in bad.json()["detail"]
    assert client.get("/v1/reviews/999").status_code == 404


def test_the_record_is_prov_o_in_turtle_and_json_ld(client: TestClient, accounts: Accounts) -> None:
    record = _file(client, accounts).json()
    client.post(
        f"/v1/reviews/{record['id']}/decide",
        json={"outcome": "upheld", "reason": "as published"},
        headers=accounts.auth("rita"),
    )
    turtle = client.get(f"/v1/reviews/{record['id']}", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and turtle.headers["content-type"].startswith("text/turtle")
    triples = {
        (str(q.subject), str(q.predicate), str(q.object))
        for q in parse(turtle.content, RdfFormat.TURTLE)
    }
    prov = "http://www.w3.org/ns/prov#"
    review = f"<{record['iri']}>"
    agent = "<https://w3id.org/exportgraph/id/agent/"
    assert (review, f"<{prov}wasAttributedTo>", agent + "erin>") in triples
    decision = f"<{record['iri']}/decision>"
    assert (decision, f"<{prov}wasAssociatedWith>", agent + "rita>") in triples
    version_node = f"<https://w3id.org/exportgraph/id/data-version/{record['data_version']}>"
    assert (f"<{record['iri']}/recomputation>", f"<{prov}used>", version_node) in triples
    jsonld = client.get(f"/v1/reviews/{record['id']}?format=json-ld")
    assert jsonld.status_code == 200
    assert record["iri"] in jsonld.text
