"""Releases: immutable versioned snapshots, RDF exports by Accept, diffs with before/after."""

from __future__ import annotations

import json
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import RdfFormat, parse

from exportgraph import namespaces as ns
from exportgraph.graph.closure import asserted_triples
from exportgraph.graph.journal import RELEASE_BASE, RELEASE_STORAGE_GRAPH
from exportgraph.graph.queries import load_query
from exportgraph.services.standards import releases
from exportgraph.store import Store

from . import release_scenario
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


def quad_count(store: Store) -> int:
    return store.triple_count() + sum(store.triple_count(g) for g in store.named_graphs())


def test_exports_and_diffs_are_those_of_whole_copies() -> None:
    """The frozen scenario gives byte for byte the exports (in every format) and the diffs the
    release code gave when every release copied the whole terminology."""
    golden = json.loads((release_scenario.FIXTURE / "golden.json").read_text(encoding="utf-8"))
    with release_scenario.fixture_store() as store:
        assert release_scenario.run(store) == golden


def test_a_release_stores_only_its_difference_from_the_prior_one() -> None:
    with release_scenario.fixture_store() as store:
        ada = release_scenario.ADA
        releases.create_release(store, ada, {"version": "1.0"})
        size = quad_count(store)
        for n in range(1, 31):  # releases of unchanged data cost (almost) nothing
            releases.create_release(store, ada, {"version": f"1.0.{n}"})
        per_release = (quad_count(store) - size) / 30
        assert per_release <= 25, per_release  # description and log entry, not ~1000 statements
        statements = set(releases.release_triples(store, "1.0"))
        assert len(statements) > 900
        assert set(releases.release_triples(store, "1.0.30")) == statements
        # a changed terminology stores what changed
        release_scenario.run_changes(store, release_scenario.CHANGES["1.1"])
        before = quad_count(store)
        releases.create_release(store, ada, {"version": "1.1"})
        assert quad_count(store) - before < 40
        assert set(releases.release_triples(store, "1.1")) == set(asserted_triples(store))


def test_whole_copies_come_back_when_differences_outgrow_the_release() -> None:
    """Once the differences since the last whole copy exceed the release, it is stored whole
    again, so reading a release never replays more than about its own size."""
    with release_scenario.fixture_store() as store:
        ada = release_scenario.ADA
        releases.create_release(store, ada, {"version": "1"})
        whole = len(releases.release_triples(store, "1"))
        previous = ""
        for n in range(2, 6):  # each time a third of the release replaced by new statements
            body = " ".join(
                f'parameter:cnot-error skos:altLabel "label {n}-{i}"@en .'
                for i in range(whole // 3)
            )
            release_scenario.run_changes(store, [{"add": body, "remove": previous}])
            previous = body
            releases.create_release(store, ada, {"version": str(n)})
        storage = {
            row["release"].value.rsplit("/", 1)[-1]: "content" in row  # type: ignore[union-attr]
            for row in store.select(load_query("releases_storage"))
        }
        assert storage["1"] and not storage["2"] and not storage["3"]
        assert storage["4"] and not storage["5"]  # a whole copy again, then differences
        for version in ("1", "2", "3", "4", "5"):
            count = releases.get_release(store, version)["triples"]
            assert len(releases.release_triples(store, version)) == count


def test_a_release_stored_whole_by_earlier_code_is_still_read() -> None:
    with release_scenario.fixture_store() as store:
        ada = release_scenario.ADA
        releases.create_release(store, ada, {"version": "1.0"})
        release_scenario.run_changes(store, release_scenario.CHANGES["1.1"])
        releases.create_release(store, ada, {"version": "1.1"})
        expected = {v: set(releases.release_triples(store, v)) for v in ("1.0", "1.1")}
        # earlier code kept no storage description: a release was its named graph
        store.update(
            f"DELETE WHERE {{ GRAPH <{RELEASE_STORAGE_GRAPH}> {{ <{RELEASE_BASE}1.0> ?p ?o }} }}",
            bookkeeping=True,
        )
        assert {v: set(releases.release_triples(store, v)) for v in expected} == expected


def test_publishing_keeps_the_data_version(client: TestClient, accounts: Accounts) -> None:
    version = client.get("/healthz").json()["data_version"]
    release(client, accounts, "1.0")
    assert client.get("/healthz").json()["data_version"] == version


def test_two_releases_of_one_chain_are_read_with_one_whole_copy(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A diff reads both releases: the later one is the earlier one and the differences between
    them, so the whole copy they share is read once (and the answer is that of separate reads)."""
    with release_scenario.fixture_store() as store:
        ada = release_scenario.ADA
        releases.create_release(store, ada, {"version": "1.0"})
        for version in ("1.1", "1.3"):
            release_scenario.run_changes(store, release_scenario.CHANGES[version])
            releases.create_release(store, ada, {"version": version})
        separately = [set(releases.release_triples(store, v)) for v in ("1.0", "1.3", "1.1")]
        read: list[str | None] = []
        whole = store.triples

        def counted(graph: str | None = None) -> Any:
            read.append(graph)
            return whole(graph)

        monkeypatch.setattr(store, "triples", counted)
        together = releases.releases_triples(store, ["1.0", "1.3", "1.1"])
        assert [set(t) for t in together] == separately
        assert separately[0] != separately[1] != separately[2]
        assert read.count(f"{RELEASE_BASE}1.0") == 1
        assert sorted(g.rsplit("/", 1)[-1] for g in read if g and g != f"{RELEASE_BASE}1.0") == [
            "added",
            "added",
            "removed",
            "removed",
        ]
