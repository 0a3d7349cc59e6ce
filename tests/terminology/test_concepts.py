"""Multilingual concepts: labels by language, detail, search across languages."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_labels_in_the_requested_language(read_client: TestClient) -> None:
    concepts = read_client.get("/v1/concepts", params={"lang": "fr", "scheme": "kinds"}).json()
    computer = next(c for c in concepts if c["notation"] == "quantum-computer")
    assert (computer["label"], computer["label_language"]) == ("ordinateur quantique", "fr")
    assert computer["labels"]["de"] == "Quantencomputer"
    assert {c["scheme"] for c in concepts} == {"kinds"}
    english = read_client.get("/v1/concepts").json()
    assert (
        next(c for c in english if c["notation"] == "quantum-computer")["label"]
        == "quantum computer"
    )


def test_missing_language_falls_back_to_english(read_client: TestClient) -> None:
    concept = read_client.get("/v1/concepts/quantum-computer", params={"lang": "pt"}).json()
    assert (concept["label"], concept["label_language"]) == ("quantum computer", "en")


def test_detail_has_every_language(read_client: TestClient) -> None:
    concept = read_client.get("/v1/concepts/quantum-computer", params={"lang": "de"}).json()
    assert concept["label"] == "Quantencomputer"
    assert {"en", "fr", "de", "es", "it", "ja"} <= set(concept["labels"])
    assert "calculateur quantique" in concept["alt_labels"]["fr"]
    assert set(concept["narrower"]) >= {"superconducting-quantum-computer"}
    parameter = read_client.get("/v1/concepts/cnot-error").json()
    assert parameter["scheme"] == "parameters" and parameter["canonical_unit"].endswith("UNITLESS")


def test_search_across_languages_ignores_case_and_accents(read_client: TestClient) -> None:
    for query in (
        "Ordinateur Quantique",
        "ordenador cuantico",
        "量子コンピュータ",
        "quantenrechner",
    ):
        found = read_client.get("/v1/concepts", params={"q": query}).json()
        assert found and found[0]["notation"] == "quantum-computer", (query, found[:1])
        assert found[0]["matched"]["label"]
    assert read_client.get("/v1/concepts", params={"q": "no such thing anywhere"}).json() == []


def test_errors(read_client: TestClient) -> None:
    assert read_client.get("/v1/concepts/no-such-concept").status_code == 404
    bad = read_client.get("/v1/concepts", params={"lang": "not a language"})
    assert bad.status_code == 422 and bad.json()["field"] == "lang"
    assert read_client.get("/v1/concepts", params={"q": ""}).status_code == 422
