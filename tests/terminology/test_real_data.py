"""Derived equivalence on the real terminology: the US and EU quantum-computer bands."""

from __future__ import annotations

import pytest

from exportgraph.knowledge.current import of_store
from exportgraph.services.standards import equivalence
from exportgraph.store import Store


def equivalents(store: Store, entry_id: str) -> dict[str, object]:
    return equivalence.equivalents(of_store(store), entry_id)


BANDS = [f"a.{n}" for n in range(1, 9)]


@pytest.mark.parametrize("band", BANDS)
def test_us_and_eu_bands_are_derived_exact_and_agree_with_the_assertion(
    real_store: Store, band: str
) -> None:
    rows = [
        r
        for r in equivalents(real_store, f"US:4A906.{band}")["equivalents"]
        if r["id"] == f"EU:4A506.{band}"
    ]
    assert [(r["relation"], r["derived"], r["contradiction"]) for r in rows] == [
        ("exactMatch", True, False)
    ]
    assert "same thresholds" in rows[0]["basis"]


@pytest.mark.parametrize(("band", "other"), [("a.1", "a.2"), ("a.7", "a.8"), ("a.2", "a.1")])
def test_neighbouring_bands_are_disjoint(real_store: Store, band: str, other: str) -> None:
    ids = {
        r["id"] for r in equivalents(real_store, f"US:4A906.{band}")["equivalents"] if r["derived"]
    }
    assert f"EU:4A506.{other}" not in ids


def test_the_band_groups_are_exact_as_unions(real_store: Store) -> None:
    [row] = [
        r for r in equivalents(real_store, "US:4A906.a")["equivalents"] if r["id"] == "EU:4A506.a"
    ]
    assert row["relation"] == "exactMatch" and row["asserted"] and row["derived"]


def test_real_mappings_have_no_contradiction(real_store: Store) -> None:
    assert [c.message for c in equivalence.contradictions(of_store(real_store))] == []
