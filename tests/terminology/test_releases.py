"""Releases: immutable versioned snapshots, RDF exports by Accept, diffs with before/after."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import RdfFormat, parse

from exportgraph import namespaces as ns
from exportgraph.graph.journal import RELEASE_BASE

from .support import XX_COOL, Accounts, propose

FORMATS = {
    "text/turtle": RdfFormat.TURTLE,
    "application/ld+json": RdfFormat.JSON_LD,
    "application/n-triples": RdfFormat.N_TRIPLES,
    "application/rdf+xml": RdfFormat.RDF_XML,
}


def release(client: TestClient, accounts: Accounts, version: str) -> dict[str, str]:
    response = client.post("/v1/releases", json={"version": version}, headers=accounts.auth("ada"))
    assert response.status_code == 201, response.text
    return dict(response.json())


def approve(client: TestClient, accounts: Accounts, **fields: str) -> None:
    change = propose(client, accounts, "erin", **fields).json()
    response = client.post(f"/v1/changes/{change['id']}/approve", headers=accounts.auth("rita"))
    assert response.status_code == 200, response.text


def test_release_is_immutable_and_exportable(client: TestClient, accounts: Accounts) -> None:
    created = release(client, accounts, "1.0")
    assert created["version"] == "1.0" and created["iri"] == RELEASE_BASE + "1.0"
    again = client.post("/v1/releases", json={"version": "1.0"}, headers=accounts.auth("ada"))
    assert again.status_code == 409
    assert [r["version"] for r in client.get("/v1/releases").json()] == ["1.0"]
    description = client.get("/v1/releases/1.0").json()
    assert description["published_by"] == "ada" and description["triples"] > 1000
    counts = set()
    for media_type, fmt in FORMATS.items():
        response = client.get("/v1/releases/1.0", headers={"Accept": media_type})
        assert response.status_code == 200 and response.headers["content-type"].startswith(
            media_type
        )
        triples = {q.triple for q in parse(response.content, fmt)}
        assert any(
            t.predicate.value == ns.OWL + "versionIRI" and t.object.value == RELEASE_BASE + "1.0"
            for t in triples
        )
        assert any(
            t.predicate.value == ns.OWL + "versionInfo" and t.object.value == "1.0" for t in triples
        )
        counts.add(len(triples))
    assert len(counts) == 1  # the same statements in every format
    assert client.get("/v1/releases/9.9").status_code == 404


def test_default_version_and_prior_version(client: TestClient, accounts: Accounts) -> None:
    first = client.post("/v1/releases", headers=accounts.auth("ada")).json()
    second = client.post("/v1/releases", headers=accounts.auth("ada")).json()
    assert second["version"] == first["version"] + ".2"
    assert second["prior_version"] == first["version"]
    bad = client.post("/v1/releases", json={"version": "a b"}, headers=accounts.auth("ada"))
    assert bad.status_code == 422 and bad.json()["field"] == "version"


def test_diff_lists_changes_with_values_before_and_after(
    client: TestClient, accounts: Accounts
) -> None:
    release(client, accounts, "1.0")
    approve(
        client,
        accounts,
        remove=f"{XX_COOL} eg:thresholdValue 100 .",
        add=f"{XX_COOL} eg:thresholdValue 150 .",
    )
    approve(client, accounts, add='parameter:cnot-error skos:altLabel "errore C-NOT"@it .')
    approve(client, accounts, add="US:4A906.a.1 skos:exactMatch EU:4A506.a.1 .")
    release(client, accounts, "1.1")
    diff = client.get("/v1/releases/1.0/diff/1.1").json()
    assert (diff["from"], diff["to"]) == ("1.0", "1.1")
    [criterion] = diff["criteria"]["changed"]
    assert criterion["id"] == "XX:COOL-1 alt/1/base-temperature/le"
    assert criterion["changes"] == [
        {"property": "eg:thresholdValue", "before": ["100"], "after": ["150"]}
    ]
    [label] = diff["labels"]["added"]
    assert (label["id"], label["language"], label["value"]) == ("cnot-error", "it", "errore C-NOT")
    assert diff["mappings"]["added"] == [
        {"subject": "US:4A906.a.1", "object": "EU:4A506.a.1", "relation": "exactMatch"}
    ]
    assert diff["summary"]["entries"] == {"added": 0, "removed": 0, "changed": 0}
    backwards = client.get("/v1/releases/1.1/diff/1.0").json()
    assert backwards["mappings"]["removed"][0]["relation"] == "exactMatch"
    assert client.get("/v1/releases/1.1/diff/current").json()["summary"]["criteria"]["changed"] == 0


@pytest.mark.parametrize(
    "how", [{"headers": {"Accept": "text/html"}}, {"params": {"format": "table"}}]
)
def test_diff_as_a_readable_table(
    client: TestClient, accounts: Accounts, how: dict[str, object]
) -> None:
    release(client, accounts, "1.0")
    approve(
        client,
        accounts,
        remove=f"{XX_COOL} eg:thresholdValue 100 .",
        add=f"{XX_COOL} eg:thresholdValue 150 .",
    )
    response = client.get("/v1/releases/1.0/diff/current", **how)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    assert "<td>eg:thresholdValue</td><td>100</td><td>150</td>" in response.text.replace("\n", "")


def test_whole_graph_export_by_accept(read_client: TestClient) -> None:
    for media_type, fmt in FORMATS.items():
        response = read_client.get("/v1/graph", headers={"Accept": media_type})
        assert response.status_code == 200
        assert len(list(parse(response.content, fmt))) > 1000
    assert read_client.get("/v1/graph").headers["content-type"].startswith("text/turtle")
    assert read_client.get("/v1/graph", params={"format": "yaml"}).status_code == 422
