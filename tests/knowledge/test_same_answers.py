"""A data version that answers every classification and assessment as the previous one did (the
change touched only texts the answers do not show) keeps the previous answers: the answer cache
gives them again, naming the new version, and they equal the answers computed afresh. A change
of anything answers show makes them be computed again."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from exportgraph.api.routers import partners

from exportgraph.graph import deltas
from exportgraph.graph.context import Context
from exportgraph.knowledge import incremental
from exportgraph.knowledge.incremental import Indexed
from exportgraph.services.kept_answers import KeptAnswers
from exportgraph.services.partners.classify import classify_in
from exportgraph.settings import Settings
from exportgraph.store import Store
from tests.knowledge.test_incremental import CRITERION, EG, ID, QUBITS, SKOS, XSD, approve

KIND = f"<{ID}kind/quantum-computer>"
QUESTION = {
    "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}},
    "jurisdictions": ["US", "EU", "GB"],
    "as_of": "2026-06-01",
}


@pytest.fixture(scope="module")
def context(store: Store) -> Context:
    return Context(replace(Settings.from_env(), store_uri="memory:"), store=store)


def _followed(indexed: Indexed, store: Store, add: str, remove: str, what: str) -> Indexed:
    before = store.data_version() or ""
    approve(store, add, remove, what)
    after = store.data_version() or ""
    [write] = deltas.between(store, before, after) or []
    return incremental.advance(indexed, store, after, write.changed)


def _answer(context: Context, indexed: Indexed) -> dict[str, object]:
    raw = json.dumps(QUESTION).encode()
    answer: dict[str, object] = json.loads(
        partners._answer(context, indexed.knowledge, "classify", raw)
    )
    return answer


def _fresh(indexed: Indexed) -> dict[str, object]:
    item, codes, on = QUESTION["item"], QUESTION["jurisdictions"], QUESTION["as_of"]
    fresh = classify_in(indexed.knowledge, item, codes, on)  # type: ignore[arg-type]
    return json.loads(json.dumps(fresh))  # type: ignore[no-any-return]


def test_labels_the_answers_do_not_show_keep_the_answers(
    store: Store, context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(partners, "_ANSWERS", KeptAnswers())
    first = incremental.index(store)
    asked = _answer(context, first)
    unseen = [
        (f'{QUBITS} <{SKOS}prefLabel> "aantal fysieke qubits"@nl .', ""),  # English one exists
        (f'{KIND} <{SKOS}altLabel> "QPU-Rechner"@de .', ""),  # alternative labels: not shown
    ]
    indexed = first
    for add, remove in unseen:
        indexed = _followed(indexed, store, add, remove, "a label answers do not show")
        assert indexed.knowledge.version != first.knowledge.version
        assert indexed.knowledge.answers_version == first.knowledge.version
        again = _answer(context, indexed)
        assert again["data_version"] == indexed.knowledge.version
        assert again == _fresh(indexed)
        assert {**again, "data_version": asked["data_version"]} == asked


@pytest.mark.parametrize(
    ("what", "add", "remove"),
    [
        (
            "the English label of the item's kind",
            f'{KIND} <{SKOS}prefLabel> "quantum computing system"@en .',
            f'{KIND} <{SKOS}prefLabel> "quantum computer"@en .',
        ),
        (
            "a threshold of another kind's entry",
            f'{CRITERION} <{EG}thresholdValue> "25"^^<{XSD}decimal> .',
            f'{CRITERION} <{EG}thresholdValue> "20"^^<{XSD}decimal> .',
        ),
    ],
)
def test_what_the_answers_show_or_decide_from_makes_them_new(
    store: Store, what: str, add: str, remove: str
) -> None:
    previous = incremental.index(store)
    indexed = _followed(previous, store, add, remove, what)
    assert indexed.knowledge.answers_version == indexed.knowledge.version
    assert indexed.knowledge.answers_version != previous.knowledge.answers_version
