"""What-if on agreements (contract §9 `agreements`), on the real data: a threshold moved so that
an agreement's item becomes controlled (or no longer is) flips that agreement's conformance, an
unrelated edit flips none; the shipped examples are the default; bad agreements are named and
nothing is written."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from exportgraph.api.routers.impact import whatif_page
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.standards.impact import impact, impact_run
from exportgraph.services.standards.impact_agreements import examples_dir, same_rules

CASES = Path(__file__).parents[1] / "agreements" / "cases"
EXAMPLES = sorted(examples_dir().glob("*.json"))
AS_OF = "2026-06-01"
SMALL = [{"id": "qc", "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 50}}}]


def _document(path: Path) -> dict[str, Any]:
    value: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return value


def _edit(entry: str, threshold: float) -> dict[str, Any]:
    return {"entry": entry, "parameter": "cnot-error", "comparator": "<=", "threshold": threshold}


def _written(context: Context) -> tuple[str | None, int]:
    return context.store.data_version(), context.store.triple_count()


def test_thresholds_moved_flip_exactly_the_agreements_whose_items_they_catch_or_release(
    context: Context, knowledge: Knowledge
) -> None:
    before = _written(context)
    # the CA case lacks the CA licence its 120-qubit, 8e-4 computer needs; the FI example ships a
    # 54-qubit, 1.14e-2 computer without a licence (no EU entry catches it); CH is unrelated
    uncovered = _document(CASES / "agr-licence-coverage.json")
    unlicensed = _document(examples_dir() / "fi-no-licence.json")
    unrelated = _document(examples_dir() / "ch-seco.json")
    body = {
        "change": {
            "edits": [
                _edit("CA:5506.X-QC.2", 5e-4),  # 8e-4 is no longer caught in CA
                _edit("EU:4A506.a.1", 0.02),  # 34-99 qubits up to 2e-2 are caught in the EU
            ]
        },
        "corpus": SMALL,
        "agreements": [uncovered, unlicensed, unrelated],
        "as_of": AS_OF,
    }
    run = impact_run(context.store, knowledge, body, max_items=10)
    answer = run.answer
    assert answer["agreements_assessed"] == {"source": "request", "assessed": 3}
    moves = {move["id"]: move for move in answer["agreements"]}
    assert set(moves) == {uncovered["id"], unlicensed["id"]}
    released, caught = moves[uncovered["id"]], moves[unlicensed["id"]]
    assert (released["conforms_before"], released["conforms_after"]) == (False, True)
    assert released["violated_before"] == ["AGR-LICENCE-COVERAGE"]
    assert released["violated_after"] == []
    assert (caught["conforms_before"], caught["conforms_after"]) == (True, False)
    assert "AGR-LICENCE-COVERAGE" in caught["violated_after"]
    assert _written(context) == before
    page = whatif_page(knowledge, run)
    assert 'data-assessed="3" data-changed="2"' in page
    assert f'data-agreement="{unlicensed["id"]}"' in page
    assert f'data-agreement="{unrelated["id"]}"' not in page


def test_an_unrelated_edit_flips_no_example_agreement(
    context: Context, knowledge: Knowledge
) -> None:
    # tightening the 100-199 qubit band: every example computer there is licensed
    body = {"change": {"edits": [_edit("EU:4A506.a.2", 5e-4)]}, "corpus": SMALL, "as_of": AS_OF}
    answer = impact(context.store, knowledge, body, max_items=10)
    assert answer["agreements_assessed"] == {"source": "examples", "assessed": len(EXAMPLES)}
    assert answer["agreements"] == []
    assert not [note for note in answer["notes"] if "not assessed" in note]


@pytest.mark.parametrize(
    ("agreements", "field"),
    [
        ([{"id": "A-1", "items": [{"id": "i", "kind": 7}]}], "agreements[0].items[0].kind"),
        ([{"id": "A-1"}, {"id": "A-1"}], "agreements[1].id"),
        ({"id": "A-1"}, "agreements"),
        ([{"id": f"A-{n}"} for n in range(1001)], "agreements"),  # EXPORTGRAPH_MAX_BATCH_ITEMS
    ],
)
def test_a_bad_agreement_is_named_and_nothing_is_written(
    client: TestClient, context: Context, agreements: object, field: str
) -> None:
    before = _written(context)
    body = {"change": {"edits": [_edit("EU:4A506.a.2", 5e-4)]}, "agreements": agreements}
    response = client.post("/v1/impact", json=body)
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["field"] == field
    assert field in response.json()["detail"]
    assert _written(context) == before


def test_only_what_agreement_validation_reads_keeps_agreements_from_being_assessed(
    knowledge: Knowledge,
) -> None:
    cnot = knowledge.parameters["cnot-error"]
    texts = {**cnot.texts, "alt": {**cnot.texts.get("alt", {}), "it": ("errore C-NOT",)}}
    translated = {**knowledge.schemes["parameters"], "cnot-error": replace(cnot, texts=texts)}
    assert same_rules(
        knowledge, replace(knowledge, schemes={**knowledge.schemes, "parameters": translated})
    )
    de = knowledge.jurisdictions["DE"]
    outside = {**knowledge.jurisdictions, "DE": replace(de, part_of=())}  # DE leaves the EU
    assert not same_rules(knowledge, replace(knowledge, jurisdictions=outside))
    exclusion = knowledge.exclusions[0]
    fewer = (replace(exclusion, conditions=()), *knowledge.exclusions[1:])
    assert not same_rules(knowledge, replace(knowledge, exclusions=fewer))
