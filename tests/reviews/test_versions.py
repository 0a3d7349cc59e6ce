"""Which data versions a contested answer can be re-computed at, and how the index is rebuilt."""

from __future__ import annotations

from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.services.partners.classify import classify_in
from exportgraph.services.reviews.versions import knowledge_at, retrievable
from tests.terminology.support import XX_COOL, Accounts, propose, version

from .test_api import CLASSIFY


def _context(client: TestClient) -> Context:
    context: Context = client.app.state.context  # type: ignore[attr-defined]
    return context


def _approve(client: TestClient, accounts: Accounts, old: str, new: str) -> None:
    proposed = propose(
        client,
        accounts,
        "erin",
        remove=f"{XX_COOL} eg:thresholdValue {old} .",
        add=f"{XX_COOL} eg:thresholdValue {new} .",
    )
    assert proposed.status_code == 201, proposed.text
    response = client.post(
        f"/v1/changes/{proposed.json()['id']}/approve", headers=accounts.auth("rita")
    )
    assert response.status_code == 200, response.text


def test_writes_that_change_no_rule_reuse_the_current_index(
    client: TestClient, accounts: Accounts
) -> None:
    store = _context(client).store
    before = version(client)
    proposed = propose(
        client,
        accounts,
        "erin",
        remove=f"{XX_COOL} eg:thresholdValue 100 .",
        add=f"{XX_COOL} eg:thresholdValue 90 .",
    )
    assert proposed.status_code == 201  # a proposal changes no rule: the data version stays
    assert version(client) == before
    old = knowledge_at(store, before)
    assert old.version == before
    assert old.entries is knowledge_at(store, version(client)).entries  # shared, not rebuilt
    assert retrievable(store)[0] == before


def test_each_approval_since_is_undone_in_turn(client: TestClient, accounts: Accounts) -> None:
    store = _context(client).store
    v100 = version(client)
    _approve(client, accounts, "100", "40")
    v40 = version(client)
    _approve(client, accounts, "40", "70")

    def controlled(at: str) -> object:
        item = {**CLASSIFY["item"], "parameters": {"base-temperature": "50 mK"}}
        answer = classify_in(knowledge_at(store, at), item, ["XX"], "2025-12-01")
        assert answer["data_version"] == at
        return answer["results"][0]["controlled"]

    # 50 mK: inside "<= 100 mK", outside "<= 40 mK", inside "<= 70 mK"
    assert [controlled(v) for v in (v100, v40, version(client))] == [True, False, True]
    assert knowledge_at(store, v40) is knowledge_at(store, v40)  # rebuilt once, then kept


def test_a_released_version_is_retrievable_without_the_write_log(
    client: TestClient, accounts: Accounts
) -> None:
    given = client.post("/v1/classify", json=CLASSIFY).json()
    release = client.post("/v1/releases", json={"version": "r1"}, headers=accounts.auth("ada"))
    assert release.status_code == 201, release.text
    assert release.json()["data_version"] == given["data_version"]
    _approve(client, accounts, "100", "40")
    store = _context(client).store
    store.update(  # an operator pruned the write log: only the release remembers that version
        "DELETE WHERE { GRAPH <https://w3id.org/exportgraph/id/graph/changes> "
        "{ ?e a <https://w3id.org/exportgraph/ontology#WriteLogEntry> ; ?p ?o } }"
    )
    assert given["data_version"] in retrievable(store)
    filed = client.post(
        "/v1/reviews",
        json={
            "subject": "classification",
            "request": CLASSIFY,
            "data_version": given["data_version"],
            "grounds": "released answer",
        },
        headers=accounts.auth("erin"),
    )
    assert filed.status_code == 201, filed.text
    assert filed.json()["recorded_answer"] == given
