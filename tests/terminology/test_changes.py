"""Change sets: proposal with a shapes report, review by someone else, conflicts, atomic
application with the reasoner's closure and PROV-O."""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from pyoxigraph import Triple

from exportgraph import namespaces as ns
from exportgraph.graph.journal import PROVENANCE_GRAPH
from exportgraph.knowledge.current import of_store
from exportgraph.services.standards import equivalence_regions
from exportgraph.store import Store

from .support import ITALIAN_LABEL, XX_COOL, Accounts, propose, threshold, version

US_A1_EXACT_EU_A1 = "US:4A906.a.1 skos:exactMatch EU:4A506.a.1 ."


def test_proposal_is_201_with_location_and_report(client: TestClient, accounts: Accounts) -> None:
    response = propose(client, accounts, "erin", add=ITALIAN_LABEL, summary="Italian label")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "proposed" and body["report"] == {"conforms": True, "violations": []}
    assert response.headers["location"] == f"/v1/changes/{body['id']}"
    fetched = client.get(response.headers["location"]).json()
    assert fetched["summary"] == "Italian label" and fetched["proposed_by"] == "erin"
    listed = client.get("/v1/changes", params={"status": "proposed"}).json()
    assert [c["id"] for c in listed] == [body["id"]]
    assert client.get("/v1/changes", params={"status": "approved"}).json() == []
    assert client.get("/v1/changes", params={"status": "maybe"}).status_code == 422
    assert client.get("/v1/changes/999").status_code == 404


def test_bad_input_names_the_line_or_field_and_writes_nothing(
    client: TestClient, accounts: Accounts
) -> None:
    before = version(client)
    bad_turtle = propose(
        client, accounts, "erin", add='kind:x skos:prefLabel "a"@en .\nkind:y skos:prefLabel "b .\n'
    )
    assert bad_turtle.status_code == 400
    assert bad_turtle.json()["field"] == "add" and "line 2" in bad_turtle.json()["detail"]
    cases = {
        "blank node": dict(add='[] skos:prefLabel "x"@en .'),
        "nothing": dict(add="", remove=""),
        "not in graph": dict(remove='kind:quantum-computer skos:prefLabel "nope"@en .'),
        "deleting a concept": dict(remove="kind:quantum-computer a skos:Concept ."),
        "unknown base": dict(add=ITALIAN_LABEL, base="0" * 64),
    }
    for name, fields in cases.items():
        response = propose(client, accounts, "erin", **fields)
        assert response.status_code == 422, (name, response.text)
        assert response.headers["content-type"].startswith("application/problem+json")
    assert (
        "deprecated"
        in propose(
            client, accounts, "erin", remove="kind:quantum-computer a skos:Concept ."
        ).json()["detail"]
    )
    headers = {**accounts.auth("erin"), "Content-Type": "application/json"}
    broken = client.post("/v1/changes", content=b'{"summary": "x",\n "add": }', headers=headers)
    assert broken.status_code == 400 and "line 2" in broken.json()["detail"]
    unknown = client.post(
        "/v1/changes", json={"summary": "x", "colour": "red"}, headers=accounts.auth("erin")
    )
    assert unknown.status_code == 422 and unknown.json()["field"] == "colour"
    assert version(client) == before
    assert client.get("/v1/changes").json() == []


def test_nobody_approves_their_own_change(client: TestClient, accounts: Accounts) -> None:
    change = propose(client, accounts, "ada", add=ITALIAN_LABEL).json()  # ada is an admin
    own = client.post(f"/v1/changes/{change['id']}/approve", headers=accounts.auth("ada"))
    assert own.status_code == 403 and "ada" in own.json()["detail"]
    assert (
        client.post(f"/v1/changes/{change['id']}/reject", headers=accounts.auth("ada")).status_code
        == 403
    )
    approved = client.post(f"/v1/changes/{change['id']}/approve", headers=accounts.auth("rita"))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert approved.json()["reviewed_by"] == "rita"
    again = client.post(f"/v1/changes/{change['id']}/approve", headers=accounts.auth("rita"))
    assert again.status_code == 409


def test_rejection_changes_nothing_in_the_terminology(
    client: TestClient, accounts: Accounts
) -> None:
    change = propose(client, accounts, "erin", add=ITALIAN_LABEL).json()
    before = client.get("/v1/graph", headers={"Accept": "application/n-triples"}).content
    rejected = client.post(
        f"/v1/changes/{change['id']}/reject",
        json={"comment": "use the official term"},
        headers=accounts.auth("rita"),
    )
    assert rejected.status_code == 200
    assert (
        rejected.json()["status"] == "rejected"
        and rejected.json()["review_comment"] == "use the official term"
    )
    assert client.get("/v1/graph", headers={"Accept": "application/n-triples"}).content == before
    assert (
        client.post(
            f"/v1/changes/{change['id']}/approve", headers=accounts.auth("rita")
        ).status_code
        == 409
    )


def test_conflicting_changes_on_the_same_base(client: TestClient, accounts: Accounts) -> None:
    base = version(client)
    first = propose(
        client,
        accounts,
        "erin",
        base=base,
        remove=f"{XX_COOL} eg:thresholdValue 100 .",
        add=f"{XX_COOL} eg:thresholdValue 150 .",
        summary="first",
    ).json()
    second = propose(
        client,
        accounts,
        "eddie",
        base=base,
        remove=f"{XX_COOL} eg:thresholdValue 100 .",
        add=f"{XX_COOL} eg:thresholdValue 120 .",
        summary="second",
    ).json()
    unrelated = propose(
        client, accounts, "eddie", base=base, add=ITALIAN_LABEL, summary="unrelated"
    ).json()
    assert (
        client.post(f"/v1/changes/{first['id']}/approve", headers=accounts.auth("rita")).status_code
        == 200
    )
    refused = client.post(f"/v1/changes/{second['id']}/approve", headers=accounts.auth("rita"))
    assert refused.status_code == 409, refused.text
    assert (
        f"change {first['id']}" in refused.json()["detail"]
        and "thresholdValue" in refused.json()["detail"]
    )
    assert threshold(client, XX_COOL) == ["150"]  # never applied over the first
    assert client.get(f"/v1/changes/{second['id']}").json()["status"] == "proposed"
    # a change on the same base that touches other statements still applies
    assert (
        client.post(
            f"/v1/changes/{unrelated['id']}/approve", headers=accounts.auth("rita")
        ).status_code
        == 200
    )


def test_a_change_that_violates_the_shapes_cannot_be_approved(
    client: TestClient, accounts: Accounts
) -> None:
    wrong = "US:4A906.a.1 skos:exactMatch <https://w3id.org/exportgraph/id/entry/XX/QC-WIDE> ."
    response = propose(client, accounts, "erin", add=wrong)
    assert response.status_code == 201
    report = response.json()["report"]
    assert report["conforms"] is False
    [flag] = [v for v in report["violations"] if v["rule"] == "TERM-MAPPING-THRESHOLDS"]
    assert "broadMatch" in flag["message"]
    refused = client.post(
        f"/v1/changes/{response.json()['id']}/approve", headers=accounts.auth("rita")
    )
    assert refused.status_code == 422 and refused.json()["report"]["conforms"] is False
    assert client.get(f"/v1/changes/{response.json()['id']}").json()["status"] == "proposed"


def test_approval_applies_the_closure_and_records_provenance(
    client: TestClient, accounts: Accounts, fresh_store: Store
) -> None:
    before = version(client)
    change = propose(client, accounts, "erin", add=US_A1_EXACT_EU_A1, summary="map band a.1").json()
    approved = client.post(
        f"/v1/changes/{change['id']}/approve", headers=accounts.auth("rita")
    ).json()
    assert approved["applied_on_version"] is not None and version(client) != before
    us, eu = ns.entry_iri("US", "4A906.a.1"), ns.entry_iri("EU", "4A506.a.1")
    exact = ns.iri(ns.SKOS, "exactMatch")
    inferred = set(fresh_store.triples(ns.INFERRED_GRAPH))
    default = set(fresh_store.triples())
    assert (
        Triple(eu, exact, us) in default and Triple(eu, exact, us) in inferred
    )  # symmetric, inferred
    assert Triple(us, exact, eu) in default and Triple(us, exact, eu) not in inferred  # asserted
    prov = {
        (str(t.subject).strip("<>"), t.predicate.value, getattr(t.object, "value", ""))
        for t in fresh_store.triples(PROVENANCE_GRAPH)
    }
    activity = f"{ns.EGID}change/{change['id']}/activity"
    assert (activity, ns.RDF + "type", ns.PROV + "Activity") in prov
    assert {
        (activity, ns.PROV + "wasAssociatedWith", f"{ns.EGID}agent/{who}")
        for who in ("erin", "rita")
    } <= prov
    assert (activity, ns.PROV + "used", f"{ns.EGID}change/{change['id']}") in prov
    assert (activity, ns.DCTERMS + "description", change["rationale"]) in prov
    assert {p for s, p, _ in prov if s == activity} >= {
        ns.PROV + "startedAtTime",
        ns.PROV + "endedAtTime",
    }
    # removing the asserted mapping removes what the reasoner had inferred from it
    undo = propose(client, accounts, "eddie", remove=US_A1_EXACT_EU_A1, summary="unmap").json()
    assert (
        client.post(f"/v1/changes/{undo['id']}/approve", headers=accounts.auth("rita")).status_code
        == 200
    )
    default = set(fresh_store.triples())
    assert Triple(eu, exact, us) not in default and Triple(us, exact, eu) not in default
    assert Triple(eu, exact, us) not in set(fresh_store.triples(ns.INFERRED_GRAPH))


def test_deprecation_keeps_the_concept(client: TestClient, accounts: Accounts) -> None:
    add = (
        "kind:trapped-ion-quantum-computer owl:deprecated true ;"
        " dcterms:isReplacedBy kind:quantum-computer ."
    )
    change = propose(client, accounts, "erin", add=add, summary="deprecate").json()
    assert (
        client.post(
            f"/v1/changes/{change['id']}/approve", headers=accounts.auth("rita")
        ).status_code
        == 200
    )
    concept = client.get("/v1/concepts/trapped-ion-quantum-computer").json()
    assert concept["deprecated"] is True and concept["replaced_by"] == ["quantum-computer"]
    assert concept["labels"]["en"] == "trapped-ion quantum computer"


def test_text_with_a_lone_surrogate_is_invalid_input(
    client: TestClient, accounts: Accounts
) -> None:
    before = version(client)
    headers = {**accounts.auth("erin"), "Content-Type": "application/json"}
    for field in ("summary", "add"):
        body = {"summary": "s", "rationale": "r", "base_version": before, "add": ITALIAN_LABEL}
        body[field] = "\ud800"  # json.dumps writes the escape; json.loads gives the surrogate back
        response = client.post("/v1/changes", content=json.dumps(body), headers=headers)
        assert response.status_code == 422, response.text
        assert response.json()["field"] == field
    assert version(client) == before


def test_numbers_no_service_could_use_are_refused(client: TestClient, accounts: Accounts) -> None:
    # INF once overflowed the equivalence index (500), 1e-999999999 made it compute 10**999999999
    before = version(client)
    for literal in ('"INF"^^xsd:double', '"1e-999999999"^^xsd:decimal', '"sNaN"^^xsd:decimal'):
        for side in ("add", "remove"):
            statement = f"{XX_COOL} eg:thresholdValue {literal} ."
            response = propose(client, accounts, "erin", **{side: statement})
            assert response.status_code == 422, (side, literal, response.text)
            assert response.json()["field"] == side and "finite number" in response.json()["detail"]
    assert version(client) == before


def test_a_change_the_graph_already_holds_applies_as_nothing(
    client: TestClient, accounts: Accounts
) -> None:
    before = version(client)
    first = propose(client, accounts, "erin", add=ITALIAN_LABEL).json()
    assert client.post(
        f"/v1/changes/{first['id']}/approve", headers=accounts.auth("rita")
    ).is_success
    after_first = version(client)
    assert after_first != before
    again = propose(client, accounts, "eddie", add=ITALIAN_LABEL)
    assert again.status_code == 201 and again.json()["report"]["conforms"] is True
    approved = client.post(
        f"/v1/changes/{again.json()['id']}/approve", headers=accounts.auth("rita")
    )
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert version(client) == after_first  # nothing in the graph changed


def test_proposals_reviews_and_releases_keep_every_cache_of_the_data_version(
    client: TestClient, accounts: Accounts, fresh_store: Store
) -> None:
    before = version(client)
    index = equivalence_regions.index_for(of_store(fresh_store))
    proposed = propose(client, accounts, "erin", add=ITALIAN_LABEL).json()
    assert client.post(f"/v1/changes/{proposed['id']}/reject", headers=accounts.auth("rita"))
    other = propose(client, accounts, "eddie", add=ITALIAN_LABEL).json()
    assert client.post("/v1/releases", json={"version": "9"}, headers=accounts.auth("ada"))
    assert fresh_store.cached_data_version() == before  # known without asking the store again
    assert version(client) == before
    assert equivalence_regions.index_for(of_store(fresh_store)) is index  # not rebuilt
    # an approval changes the graph, and so the version
    client.post(f"/v1/changes/{other['id']}/approve", headers=accounts.auth("rita"))
    assert version(client) != before
    assert equivalence_regions.index_for(of_store(fresh_store)) is not index
