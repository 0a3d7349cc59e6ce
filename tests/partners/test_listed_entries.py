"""GET /v1/entries/{id} and /entries/{id} for a paragraph of a whole list known only as text
(contract §13): its words, tree, notes, licence requirements and source — never a 404, never
criteria it does not have."""

from __future__ import annotations

import hashlib

from fastapi.testclient import TestClient

from exportgraph.paths import ontology_dir


def test_a_paragraph_known_as_text_is_served_with_its_tree_and_source(client: TestClient) -> None:
    answer = client.get("/v1/entries/US:3A001.a.1")
    assert answer.status_code == 200
    entry = answer.json()
    assert entry["id"] == "US:3A001.a.1" and entry["formalized"] is False
    assert entry["official_text"].startswith("Integrated circuits designed or rated as radiation")
    assert "read the official text" in entry["note"]
    assert entry["parent"] == "US:3A001.a"
    assert entry["within"] == ["US:3A001", "US:3A001.a"]
    assert "US:3A001.a.1.a" in entry["sub_entries"]
    assert "alternatives" not in entry and "criteria" not in entry
    # the ECCN's License Requirements and list-based exceptions come with every paragraph of it
    assert {"NS", "MT"} <= {row["reason"] for row in entry["licence_requirements"]}
    assert any(x["code"] == "LVS" for x in entry["licence_exceptions"])
    data = (ontology_dir() / "sources" / "us-ccl-15cfr774-supp1.xml").read_bytes()
    assert entry["source"]["sha256"] == hashlib.sha256(data).hexdigest()


def test_letter_case_and_notes_of_an_eu_entry(client: TestClient) -> None:
    entry = client.get("/v1/entries/eu:4a506").json()
    assert entry["id"] == "EU:4A506"  # curated: its criteria as data
    lasers = client.get("/v1/entries/eu:6a005").json()
    assert lasers["id"] == "EU:6A005" and lasers["jurisdiction"] == "EU"
    assert any(n["heading"] == "N.B." for n in lasers["notes"])
    assert "licence_requirements" not in lasers  # Annex I has no country-chart columns


def test_unknown_paragraph_is_a_404_naming_the_id(client: TestClient) -> None:
    answer = client.get("/v1/entries/US:3A001.zz.9")
    assert answer.status_code == 404
    problem = answer.json()
    assert problem["field"] == "id" and "US:3A001.zz.9" in problem["detail"]


def test_the_page_of_a_paragraph_shows_its_text_and_says_it_is_not_formalized(
    client: TestClient,
) -> None:
    page = client.get("/entries/US:3A001.a.1")
    assert page.status_code == 200
    html = page.text
    assert 'id="not-formalized"' in html and "Integrated circuits designed" in html
    assert 'href="/entries/US:3A001.a.1.a"' in html
    assert client.get("/entries/US:3A001.zz.9").status_code == 404
