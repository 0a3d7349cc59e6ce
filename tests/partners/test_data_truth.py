"""The standing of the curated rows as data, said in the answers (issue 14 §6): inferred effective
dates are provisional and say why, a proposal is answered as a proposal, the values of a row come
from a source that holds them (or are marked of lower grade), open questions are shown."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current

QC = {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 0.0005}}


@pytest.mark.parametrize(
    ("entry_id", "basis", "date"),
    [
        ("IT:X-QC", "lower-bound", "2024-07-16"),
        ("ES:X-QC", "adoption-date", "2023-05-31"),
        ("JP:X-QC", "month-only", "2024-09-01"),
        ("JP:X-CRYO-COOLING", "lower-bound", "2025-05-25"),
    ],
)
def test_inferred_dates_are_marked_and_explained(
    client: TestClient, entry_id: str, basis: str, date: str
) -> None:
    entry = client.get(f"/v1/entries/{entry_id}").json()
    assert entry["effective_from"] == date
    assert entry["date_basis"]["basis"] == basis
    assert entry["date_basis"]["provisional"] is True
    assert entry["effective_date_note"] in entry["date_basis"]["why"]


def test_a_date_read_in_the_source_has_no_basis(client: TestClient) -> None:
    entry = client.get("/v1/entries/US:4A906.a.2").json()
    assert "date_basis" not in entry


@pytest.mark.parametrize("jurisdiction", ["IT", "ES", "JP"])
def test_classify_says_the_date_is_provisional(classify_in: Any, jurisdiction: str) -> None:
    result = classify_in(jurisdiction, QC, "2025-01-01")  # before the EU listing decides
    notes = " ".join(result["notes"])
    assert f"effective date of {jurisdiction}:X-QC" in notes
    assert "provisional" in notes
    assert "US:" not in notes  # only the entries the answer rests on


def test_assess_says_the_date_is_provisional(assess_in: Any) -> None:
    request = {"activity": "export", "subject": {"item": QC}, "from": "IT", "to": "CN"}
    results = assess_in({**request, "as_of": "2025-01-01"})
    notes = " ".join(results["IT"].get("notes", []))
    assert "effective date of IT:X-QC (2024-07-16) is provisional" in notes
    assert "lower bound" in notes


def test_the_japanese_cryo_cmos_row_is_a_proposal(client: TestClient, classify_in: Any) -> None:
    entry = client.get("/v1/entries/JP:X-CRYO-CMOS").json()
    assert entry["legal_status"]["status"] == "proposed"
    assert entry["legal_status"]["law"] is False
    assert entry["date_basis"]["basis"] == "assumed"
    result = classify_in("JP", {"kind": "cryo-cmos-ic", "parameters": {"operating-temperature": 4}})
    assert result["controlled"] == "unknown"  # never 'controlled' on a proposal
    assert any("JP:X-CRYO-CMOS is a proposal, not law" in note for note in result["notes"])


def test_a_proposal_never_controls_even_with_complete_criteria(context: Context) -> None:
    knowledge = current(context)
    entry = knowledge.entry("JP:X-CRYO-CMOS")
    assert entry is not None and entry.criteria_complete is False
    assert any("proposed control" in gap for gap in entry.gaps)


def test_uk_2025_amendment_is_an_open_question(client: TestClient, classify_in: Any) -> None:
    for entry_id in ("GB:PL9014", "GB:PL9014.X-QC.2", "GB:PL9013.X-PROBER"):
        entry = client.get(f"/v1/entries/{entry_id}").json()
        assert any("SI 2025/1197" in q for q in entry["open_questions"]), entry_id
    result = classify_in("GB", QC)
    assert result["controlled"] is True
    [question] = [n for n in result["notes"] if n.startswith("Open question on")]
    assert question.startswith("Open question on GB:PL9014.X-QC.2, GB:PL9014.X-QC, GB:PL9014:")


@pytest.mark.parametrize(
    ("entry_id", "cited", "not_cited"),
    [
        ("GB:PL9014.X-QC.2", {"GB:S37"}, {"GB:S18", "GB:S46"}),
        ("FR:X-QC.2", {"FR:S37"}, {"FR:S9", "FR:S36"}),
        ("US:4A906.a.2", {"US:S21"}, {"US:S4"}),
        ("US:4A906.a.1", {"US:S21", "US:S4"}, set()),
    ],
)
def test_band_rows_cite_a_source_that_holds_the_values(
    client: TestClient, entry_id: str, cited: set[str], not_cited: set[str]
) -> None:
    entry = client.get(f"/v1/entries/{entry_id}").json()
    sources = {s["id"] for s in entry["sources"]}
    assert cited <= sources and not (not_cited & sources), sources


def test_secondary_band_values_say_so(client: TestClient) -> None:
    entry = client.get("/v1/entries/GB:PL9014.X-QC.2").json()
    criteria = [c for alt in entry["alternatives"] for c in alt]
    assert criteria and all(c["evidence"] == "secondary" for c in criteria)
    assert all(c["sources"] == ["GB:S37"] for c in criteria)
    us = client.get("/v1/entries/US:4A906.a.2").json()
    assert all("evidence" not in c for alt in us["alternatives"] for c in alt)
