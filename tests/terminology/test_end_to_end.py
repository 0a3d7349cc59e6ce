"""The whole walk on the real terminology and an on-disk store: an editor proposes (with a shapes
report), cannot approve it herself, a reviewer approves, an admin releases, the diff against the
previous release shows the change, and `exportgraph export --release` writes the release."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from exportgraph.api.app import create_app
from fastapi.testclient import TestClient
from pyoxigraph import RdfFormat, parse
from typer.testing import CliRunner

from exportgraph.cli import app as cli
from exportgraph.graph.context import Context
from exportgraph.services.users import add_user
from exportgraph.settings import Settings
from tests import real_graph

LABEL = 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .'
MAPPING = "CA:5506.X-QC.2 skos:relatedMatch US:4A906.a.2 ."


def test_editor_to_release_to_export(tmp_path: Path) -> None:
    users = tmp_path / "users.json"
    tokens = {
        n: add_user(users, n, r)
        for n, r in (("erin", "editor"), ("rita", "reviewer"), ("ada", "admin"))
    }
    auth = {n: {"Authorization": f"Bearer {t}"} for n, t in tokens.items()}
    store_uri = f"oxigraph:{tmp_path / 'store'}"
    settings = replace(Settings.from_env(), store_uri=store_uri, users_file=str(users))

    # the real graph as `exportgraph load` leaves it
    store = real_graph.real_store(tmp_path / "store")
    with TestClient(create_app(Context(settings, store=store))) as client:
        first = client.post("/v1/releases", json={"version": "2026.1"}, headers=auth["ada"])
        assert first.status_code == 201 and first.json()["iri"].endswith("/release/2026.1")

        base = client.get("/healthz").json()["data_version"]
        proposal = client.post(
            "/v1/changes",
            json={
                "summary": "Italian label for C-NOT error; relate CA band 2 to US band 2",
                "rationale": "Requested by the Italian authority; CA relation for cross-reference.",
                "base_version": base,
                "add": f"{LABEL}\n{MAPPING}\n",
                "remove": "",
            },
            headers=auth["erin"],
        )
        assert proposal.status_code == 201, proposal.text
        change = proposal.json()
        assert change["status"] == "proposed" and change["report"]["conforms"] is True
        location = proposal.headers["location"]

        own = client.post(f"{location}/approve", headers=auth["erin"])
        assert own.status_code == 403
        approved = client.post(f"{location}/approve", headers=auth["rita"])
        assert approved.status_code == 200 and approved.json()["status"] == "approved"
        assert client.get("/healthz").json()["data_version"] != base

        related = client.get("/v1/entries/US:4A906.a.2/equivalents").json()
        ca = [r for r in related if r["id"] == "CA:5506.X-QC.2"]
        assert {(r["relation"], r["asserted"], r["derived"]) for r in ca} == {
            ("relatedMatch", True, False),
            ("exactMatch", False, True),
        }
        found = client.get("/v1/concepts", params={"q": "errore c-not"}).json()
        assert "cnot-error" in [c["notation"] for c in found]

        second = client.post("/v1/releases", json={"version": "2026.2"}, headers=auth["ada"])
        assert second.status_code == 201 and second.json()["prior_version"] == "2026.1"
        diff = client.get("/v1/releases/2026.1/diff/2026.2").json()
        assert diff["labels"]["added"] == [
            {
                "iri": "https://w3id.org/exportgraph/id/parameter/cnot-error",
                "id": "cnot-error",
                "property": "skos:altLabel",
                "language": "it",
                "value": "errore C-NOT",
            }
        ]
        assert diff["mappings"]["added"] == [
            {"subject": "CA:5506.X-QC.2", "object": "US:4A906.a.2", "relation": "relatedMatch"}
        ]
        table = client.get("/v1/releases/2026.1/diff/2026.2", headers={"Accept": "text/html"})
        assert "errore C-NOT" in table.text
        served = client.get(
            "/v1/releases/2026.2", headers={"Accept": "application/n-triples"}
        ).content

    exported = CliRunner().invoke(
        cli, ["export", "--release", "2026.2", "--format", "nt", "--store", store_uri]
    )
    assert exported.exit_code == 0, exported.output
    assert {q.triple for q in parse(exported.stdout_bytes, RdfFormat.N_TRIPLES)} == {
        q.triple for q in parse(served, RdfFormat.N_TRIPLES)
    }
    missing = CliRunner().invoke(cli, ["export", "--release", "9.9", "--store", store_uri])
    assert missing.exit_code != 0
