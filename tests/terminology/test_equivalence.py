"""Equivalence derived from thresholds, beside asserted mappings; contradictions flagged."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import NotFound
from exportgraph.knowledge.current import of_store, of_triples
from exportgraph.services.standards import equivalence, equivalence_regions
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.store import Store

from .support import XX_COOL


def equivalents(store: Store, entry_id: str) -> dict[str, Any]:
    return equivalence.equivalents(of_store(store), entry_id)


def contradictions(graph: Store | list[Triple]) -> list[equivalence.Contradiction]:
    knowledge = of_store(graph) if isinstance(graph, Store) else of_triples(graph)
    return equivalence.contradictions(knowledge)


def rows_for(store: Store, entry_id: str, other: str) -> list[dict[str, Any]]:
    return [row for row in equivalents(store, entry_id)["equivalents"] if row["id"] == other]


def derived(store: Store, entry_id: str, other: str) -> str | None:
    found = [row["relation"] for row in rows_for(store, entry_id, other) if row["derived"]]
    assert len(found) <= 1
    return found[0] if found else None


@pytest.mark.parametrize("band", ["a.1", "a.2"])
def test_identical_us_and_eu_bands_are_exact_matches(fixture_store: Store, band: str) -> None:
    assert derived(fixture_store, f"US:4A906.{band}", f"EU:4A506.{band}") == "exactMatch"
    assert derived(fixture_store, f"EU:4A506.{band}", f"US:4A906.{band}") == "exactMatch"


def test_different_us_and_eu_bands_do_not_match(fixture_store: Store) -> None:
    assert rows_for(fixture_store, "US:4A906.a.1", "EU:4A506.a.2") == []


def test_asserted_and_derived_side_by_side(fixture_store: Store) -> None:
    [row] = rows_for(fixture_store, "US:4A906.a.2", "EU:4A506.a.2")
    assert row["relation"] == "exactMatch" and row["asserted"] and row["derived"]
    assert "same thresholds" in row["basis"] and "ManualMappingCuration" in row["basis"]
    # the mapping is asserted one way only; read from the other side it is still asserted
    [back] = rows_for(fixture_store, "EU:4A506.a.2", "US:4A906.a.2")
    assert back["asserted"] and back["derived"]


def test_constructed_broad_and_narrow_pair(fixture_store: Store) -> None:
    # XX:QC-WIDE: >= 34 qubits and C-NOT error <= 0.001 contains US band a.1 (34-100, <= 1e-4)
    assert derived(fixture_store, "US:4A906.a.1", "XX:QC-WIDE") == "broadMatch"
    assert derived(fixture_store, "XX:QC-WIDE", "US:4A906.a.1") == "narrowMatch"
    [row] = rows_for(fixture_store, "US:4A906.a.1", "XX:QC-WIDE")
    assert (
        "cnot-error <= 0.0001 in US:4A906.a.1 vs cnot-error <= 0.001 in XX:QC-WIDE" in row["basis"]
    )


def test_a_narrower_kind_makes_a_narrower_region(fixture_store: Store) -> None:
    # YY:SC-QC has XX:QC-WIDE's thresholds but only for superconducting quantum computers
    assert derived(fixture_store, "YY:SC-QC", "XX:QC-WIDE") == "broadMatch"
    [row] = rows_for(fixture_store, "YY:SC-QC", "XX:QC-WIDE")
    assert "kinds differ" in row["basis"] and "same thresholds" in row["basis"]


def test_overlapping_regions(fixture_store: Store) -> None:
    # YY:QC-OVER (>= 150 qubits, <= 0.002) overlaps band a.2 (100-200, <= 0.001): same kinds
    assert derived(fixture_store, "US:4A906.a.2", "YY:QC-OVER") == "closeMatch"
    # ... and with different kinds the overlap is only related
    assert derived(fixture_store, "US:4A906.a.2", "YY:SC-QC") == "relatedMatch"


def test_units_are_converted_before_comparing(fixture_store: Store) -> None:
    # XX: base temperature <= 100 mK; YY: <= 0.1 K
    assert derived(fixture_store, "XX:COOL-1", "YY:COOL-A") == "exactMatch"


def test_incomplete_criteria_cannot_be_derived(fixture_store: Store) -> None:
    result = equivalents(fixture_store, "XX:QC-PARTIAL")
    assert result["derivable"] is False and "incomplete" in result["reason"]
    [row] = result["equivalents"]  # only the asserted closeMatch from EU:4A506.a.1
    assert row["id"] == "EU:4A506.a.1" and row["asserted"] and not row["derived"]
    assert "derivation not possible for XX:QC-PARTIAL" in row["basis"]


def test_entry_without_criteria_says_why(fixture_store: Store) -> None:
    result = equivalents(fixture_store, "US:4A906.b")  # qubit devices: a kind and a fact only
    assert result["derivable"] is False and "no numeric criteria" in result["reason"]
    grouping = equivalents(fixture_store, "US:4A906")
    assert grouping["derivable"] is False and "sub-entry US:4A906.b" in grouping["reason"]


def test_grouping_entry_unites_its_sub_entries(fixture_store: Store) -> None:
    # 4A906.a and 4A506.a have no criteria of their own: each is the union of its bands
    assert derived(fixture_store, "US:4A906.a", "EU:4A506.a") == "exactMatch"
    assert derived(fixture_store, "US:4A906.a", "EU:4A506.a.1") == "narrowMatch"
    [row] = rows_for(fixture_store, "US:4A906.a", "EU:4A506.a")
    assert "union of its sub-entries US:4A906.a.1, US:4A906.a.2" in row["basis"]


def test_unknown_entry(fixture_store: Store) -> None:
    with pytest.raises(NotFound):
        equivalents(fixture_store, "US:NOPE")


def wrong_exact_match(store: Store) -> list[Triple]:
    mapping = Triple(
        ns.entry_iri("US", "4A906.a.1"),
        ns.iri(ns.SKOS, "exactMatch"),
        ns.entry_iri("XX", "QC-WIDE"),
    )
    return [*asserted_triples(store), mapping]


def us_to_xx(relation: str) -> Triple:
    return Triple(
        ns.entry_iri("US", "4A906.a.1"), ns.iri(ns.SKOS, relation), ns.entry_iri("XX", "QC-WIDE")
    )


def test_a_wrong_exact_match_is_flagged(fixture_store: Store) -> None:
    assert contradictions(fixture_store) == []
    [found] = contradictions([*asserted_triples(fixture_store), us_to_xx("exactMatch")])
    assert (found.subject, found.object, found.asserted, found.derived) == (
        "US:4A906.a.1",
        "XX:QC-WIDE",
        "exactMatch",
        "broadMatch",
    )
    assert found.severity == "violation" and found.path == ns.SKOS + "exactMatch"
    assert "cnot-error" in found.message


def test_consistent_weaker_mappings_are_not_flagged(fixture_store: Store) -> None:
    weaker = [*asserted_triples(fixture_store), us_to_xx("broadMatch"), us_to_xx("closeMatch")]
    assert contradictions(weaker) == []
    inverted = [*asserted_triples(fixture_store), us_to_xx("narrowMatch")]
    assert [c.derived for c in contradictions(inverted)] == ["broadMatch"]


def test_equivalents_endpoint(read_client: TestClient) -> None:
    response = read_client.get("/v1/entries/US:4A906.a.2/equivalents")
    assert response.status_code == 200
    rows = response.json()
    assert {"id", "relation", "asserted", "derived", "basis"} <= set(rows[0])
    assert {
        "id": "EU:4A506.a.2",
        "relation": "exactMatch",
        "asserted": True,
        "derived": True,
    }.items() <= next(r for r in rows if r["id"] == "EU:4A506.a.2").items()
    missing = read_client.get("/v1/entries/US:NOPE/equivalents")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")
    grouping = read_client.get("/v1/entries/US:4A906.b/equivalents")
    assert (
        grouping.status_code == 200
        and "no numeric criteria" in grouping.headers["exportgraph-derivation"]
    )


def test_an_absurd_threshold_cannot_be_compared_rather_than_hang(fixture_store: Store) -> None:
    criterion, value = NamedNode(XX_COOL.strip("<>")), ns.eg("thresholdValue")
    triples = [
        t for t in asserted_triples(fixture_store) if (t.subject, t.predicate) != (criterion, value)
    ]
    tiny = Literal("1e-999999999", datatype=ns.iri(ns.XSD, "decimal"))  # kept as written
    entries = equivalence_regions.build_index(
        of_triples([*triples, Triple(criterion, value, tiny)])
    ).entries
    entry = entries[ns.entry_iri("XX", "COOL-1").value]
    assert entry.boxes == () and entry.problem is not None  # not derived, and no 10**999999999
