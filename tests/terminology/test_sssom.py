"""SSSOM: the writer produces tables the reader reads back; GET /v1/mappings serves them."""

from __future__ import annotations

from exportgraph.loaders.sssom import Mapping, read_sssom, write_sssom
from fastapi.testclient import TestClient

from exportgraph import namespaces as ns

US = ns.EGID + "entry/US/"
EU = ns.EGID + "entry/EU/"


def test_round_trip() -> None:
    mappings = [
        Mapping(
            US + "4A906.a.2",
            "exactMatch",
            EU + "4A506.a.2",
            "semapv:ManualMappingCuration",
            0.95,
            "same\tband",
            "ann",
        ),
        Mapping(
            US + "4A906.a.1",
            "broadMatch",
            EU + "4A506.a",
            "semapv:ManualMappingCuration",
            None,
            "",
            "",
        ),
    ]
    text = write_sssom(
        mappings, {"US": US, "EU": EU}, {"mapping_set_id": "https://example.org/set"}
    )
    assert text.startswith("#")
    assert "US:4A906.a.2\tskos:exactMatch\tEU:4A506.a.2" in text
    curie_map, back = read_sssom(text, "written")
    assert curie_map["US"] == US
    assert [(m.subject, m.predicate, m.object, m.confidence) for m in back] == [
        (m.subject, m.predicate, m.object, m.confidence) for m in mappings
    ]
    assert back[0].comment == "same band"  # tabs cannot live inside a cell


def test_mappings_endpoint_serves_sssom_that_reads_back(read_client: TestClient) -> None:
    response = read_client.get("/v1/mappings")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    _, mappings = read_sssom(response.text, "served")
    pairs = {(m.subject, m.predicate, m.object) for m in mappings}
    assert (US + "4A906.a.2", "exactMatch", EU + "4A506.a.2") in pairs
    assert all(not m.subject.endswith(m.object) for m in mappings)
    # the reasoner's symmetric copy is not an asserted mapping
    assert (EU + "4A506.a.2", "exactMatch", US + "4A906.a.2") not in pairs
    rows = read_client.get("/v1/mappings", params={"format": "json"}).json()
    assert len(rows) == len(mappings)


def test_derived_mappings_table(read_client: TestClient) -> None:
    response = read_client.get("/v1/mappings", params={"source": "derived"})
    _, mappings = read_sssom(response.text, "derived")
    found = {(m.subject, m.predicate, m.object) for m in mappings}
    assert (EU + "4A506.a.1", "exactMatch", US + "4A906.a.1") in found
    assert all(m.justification == "semapv:LogicalReasoning" for m in mappings)
    assert read_client.get("/v1/mappings", params={"source": "guessed"}).status_code == 422
