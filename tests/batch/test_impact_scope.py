"""The what-if decides its "after" side only where a change can move an answer
(exportgraph.services.standards.impact_scope) and keeps the "before" answers elsewhere: on edits
touching one jurisdiction, several, a parameter tested by several entries, a threshold given in
another unit, an entry served by others, an entry's kinds, dates and notes, and an entry an
example agreement cites, the answer is exactly the one of deciding every item and jurisdiction
again — and the shortcut is taken (it does not fall back on the full path)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.sandbox import of_changed
from exportgraph.services.partners.batch_items import Row
from exportgraph.services.partners.synthetic import synthetic_items
from exportgraph.services.standards import impact as impact_module
from exportgraph.services.standards.impact import compare, corpus_rows, current_asserted, impact
from exportgraph.services.standards.impact_agreements import examples_dir
from exportgraph.services.standards.impact_before import Before, decided
from exportgraph.services.standards.impact_scope import scope
from exportgraph.services.standards.whatif import parse_change, sandbox
from tests.batch.test_impact import AS_OF, _corpus

EU_STATES = {
    "DE",
    "ES",
    "EU",
    "FR",
    "IT",
    "NL",
}  # the EU and the member states with lists of theirs


def _edit(entry: str, parameter: str, comparator: str, threshold: float, unit: str) -> object:
    return {
        "entry": entry,
        "parameter": parameter,
        "comparator": comparator,
        "threshold": threshold,
        "unit": unit,
    }


# change, the jurisdictions it can move (None: every one, no shortcut), an item that moves
CHANGES: dict[str, tuple[dict[str, object], set[str] | None, str | None]] = {
    "one jurisdiction (an entry technology serves)": (
        {"edits": [_edit("EU:4A506.a.2", "cnot-error", "<=", 5e-4, "1")]},
        EU_STATES,
        "technology for a 150-qubit machine",
    ),
    "several jurisdictions": (
        {
            "edits": [
                _edit("US:4A906.a.2", "physical-qubits", ">=", 90, "count"),
                _edit("GB:PL9014.X-QC.2", "cnot-error", "<=", 5e-4, "1"),
                _edit("CA:5506.X-QC.2", "physical-qubits", "<", 180, "count"),
            ]
        },
        {"US", "GB", "CA"},
        None,
    ),
    "a parameter tested by several entries": (
        {
            "edits": [
                _edit("EU:4A506.a.1", "physical-qubits", "<", 120, "count"),
                _edit("EU:4A506.a.2", "physical-qubits", ">=", 120, "count"),
                _edit("US:4A906.a.1", "physical-qubits", ">=", 40, "count"),
                _edit("AU:X-QC", "physical-qubits", ">=", 40, "count"),
            ]
        },
        EU_STATES | {"US", "AU"},
        None,
    ),
    "thresholds in other units": (
        {
            "edits": [
                _edit("EU:3A504.a", "cooling-power", ">=", 1, "mW"),
                _edit("EU:3A504.b", "base-temperature", "<", 2000, "mK"),
            ]
        },
        EU_STATES,
        "a 3 K cryocooler",
    ),
    "a criterion removed": (
        {"edits": [{"entry": "US:4A906.a.2", "parameter": "cnot-error", "remove": True}]},
        {"US"},
        None,
    ),
    "an entry an example agreement cites (the CA permit's 120-qubit machine)": (
        {"edits": [_edit("CA:5506.X-QC.2", "cnot-error", "<=", 5e-4, "1")]},
        {"CA"},
        None,
    ),
    "an entry served by software": (
        {"add": "EU:4D001.b.3 eg:servesEntry EU:4A506.a.2 ."},
        EU_STATES,
        "software for a 150-qubit machine",
    ),
    "an entry's kinds": (
        {"add": "US:4A906.a.2 eg:itemKind kind:pulse-tube-cryocooler ."},
        {"US"},
        None,
    ),
    "an entry out of force": (
        {"add": 'JP:X-QC eg:effectiveUntil "2026-01-01"^^xsd:date .'},
        {"JP"},
        "a 150-qubit machine",
    ),
    "a note only": (
        {"add": 'GB:PL9014.X-QC.3 eg:note "a note a reviewer added"@en .'},
        {"GB"},
        None,
    ),
    "the vocabulary": (
        {"add": "kind:quantum-annealer skos:broader kind:quantum-computer ."},
        None,
        None,
    ),
}
ON_150 = {"physical-qubits": 150, "cnot-error": 8e-4}
EXTRA = [
    {"id": "a 150-qubit machine", "item": {"kind": "quantum-computer", "parameters": ON_150}},
    {
        "id": "technology for a 150-qubit machine",
        "item": {
            "kind": "technology",
            "for_kind": "quantum-computer",
            "purpose": "development",
            "parameters": ON_150,
        },
    },
    {
        "id": "software for a 150-qubit machine",
        "item": {"kind": "software", "for_kind": "quantum-computer", "parameters": ON_150},
    },
    {
        "id": "a 3 K cryocooler",
        "item": {
            "kind": "pulse-tube-cryocooler",
            "parameters": {
                "cooling-power": "2 W",
                "cooling-power-temperature": "4 K",
                "base-temperature": "3 K",
            },
        },
    },
]


@pytest.fixture(scope="module")
def rows(knowledge: Knowledge) -> list[Row]:
    """Synthetic items of every kind (software and technology serving others among them), the
    quantum computers around the EU bounds, and the products."""
    corpus: list[dict[str, Any]] = [*synthetic_items(knowledge, 1500, seed=11), *_corpus(), *EXTRA]
    return [*corpus_rows(knowledge, corpus, len(corpus)), *corpus_rows(knowledge, "products", 0)]


@pytest.fixture(scope="module")
def before(knowledge: Knowledge, rows: list[Row]) -> Before:
    """The rows read and decided on the current index, once for every case."""
    return decided(
        knowledge, rows, knowledge.answered_jurisdictions(), dt.date.fromisoformat(AS_OF)
    )


@pytest.fixture(scope="module")
def sandboxes(context: Context, knowledge: Knowledge) -> Callable[[str], Knowledge]:
    """The sandbox of each change of CHANGES, built once."""
    built: dict[str, Knowledge] = {}

    def of(name: str) -> Knowledge:
        if name not in built:
            asserted = current_asserted(context.store, knowledge)
            change = parse_change(knowledge, context.store, asserted, CHANGES[name][0])
            built[name] = sandbox(knowledge, asserted, change)
        return built[name]

    return of


@pytest.mark.parametrize("name", list(CHANGES))
def test_the_shortcut_answers_as_deciding_everything_again(
    knowledge: Knowledge,
    rows: list[Row],
    before: Before,
    sandboxes: Callable[[str], Knowledge],
    name: str,
) -> None:
    _, moving, mover = CHANGES[name]
    after = sandboxes(name)
    codes = knowledge.answered_jurisdictions()
    on = dt.date.fromisoformat(AS_OF)
    found = scope(knowledge, after, codes)
    if moving is None:
        assert found is None
    else:
        assert found is not None and set(found.codes) == moving
    short = compare(knowledge, after, rows, codes, on, decided_before=before)
    full = compare(knowledge, after, rows, codes, on, shortcut=False, decided_before=before)
    assert short == full
    if name != "a note only":
        assert full["migrations"], "the change moves some answers"
    if mover is not None:
        assert mover in {m["id"] for m in full["migrations"]}
    assert {m["jurisdiction"] for m in full["migrations"]} <= (moving or set(codes))


def test_items_of_other_kinds_are_not_decided_again(
    knowledge: Knowledge, sandboxes: Callable[[str], Knowledge]
) -> None:
    """A change of a quantum-computer entry: technology (which can serve a quantum computer) is
    decided again, a cryocooler is not; jurisdictions of other lists never are."""
    after = sandboxes("one jurisdiction (an entry technology serves)")
    found = scope(knowledge, after, ["US", "FR", "EU"])
    assert found is not None and found.codes == ("FR", "EU")
    kind = knowledge.kinds
    assert found.moves((kind["superconducting-quantum-computer"].iri,))
    assert found.moves((kind["technology"].iri, kind["quantum-computer"].iri))
    assert not found.moves((kind["pulse-tube-cryocooler"].iri,))
    assert not found.moves((kind["technology"].iri, kind["pulse-tube-cryocooler"].iri))
    unmoved = scope(knowledge, after, ["US", "JP"])
    assert unmoved is not None and unmoved.codes == ()
    assert not unmoved.moves((kind["quantum-computer"].iri,))


def test_the_whole_what_if_with_agreements_answers_as_without_the_shortcut(
    context: Context, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request as a reviewer sends it (the products, the agreement that cites the entry
    changed): the same answer with the shortcut and without it."""
    change, _, _ = CHANGES[
        "an entry an example agreement cites (the CA permit's 120-qubit machine)"
    ]
    agreement = json.loads((examples_dir() / "ca-permit.json").read_text(encoding="utf-8"))
    body = {"change": change, "corpus": "products", "agreements": [agreement], "as_of": AS_OF}
    short = impact(context.store, knowledge, body, max_items=10_000)
    monkeypatch.setattr(impact_module, "scope", lambda *_: None)
    full = impact(context.store, knowledge, body, max_items=10_000)
    assert short == full
    assert full["agreements_assessed"]["assessed"] == 1


def test_the_sandbox_base_reads_the_graph_as_the_current_index_does(
    context: Context, knowledge: Knowledge, sandboxes: Callable[[str], Knowledge]
) -> None:
    """The what-if's base index (the asserted statements, loaded without the reasoner) has the
    current index's risk data and no problem of its own: what it needs is asserted. (The
    'processing time needs its jurisdiction and kind' warnings of a warm-up come from the
    terminology check's index of the mapping statements only, not from this base.)"""
    sandboxes("a note only")  # the base loaded for this version, as by a what-if
    base = of_changed(knowledge, current_asserted(context.store, knowledge), frozenset(), ())
    assert base is not None
    assert base.problems == knowledge.problems
    assert base.risk == knowledge.risk and base.risk.processing_times
