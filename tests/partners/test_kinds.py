"""Kinds the legal texts distinguish: analogue quantum simulators (US 4A906 / EU 4A506 apply to
gate-based and measurement-based computers and not to annealers; they do not name analogue
simulators) and cryogenic HEMT low-noise amplifiers (not parametric amplifiers, so not US 3A901.b /
EU 3A501.b.13)."""

from __future__ import annotations

from typing import Any

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from tests.partners.helpers import ids, possible

# a HEMT amplifier with figures that would meet every 3A901.b threshold if it were parametric
HEMT = {
    "kind": "hemt-amplifier",
    "parameters": {
        "operating-temperature": "0.5 K",
        "frequency-min": "4 GHz",
        "frequency-max": "8 GHz",
        "noise-figure": "0.010 dB",
    },
}
# Notes 1 and 2 to Category 3, Product Group A: a parametric amplifier neither specially designed
# nor programmed for other equipment
TWPA = {
    **HEMT,
    "kind": "twpa",
    "facts": {
        "not-specially-designed-for-other-equipment": True,
        "not-programmed-for-other-equipment": True,
    },
}
SIMULATOR = {"kind": "analogue-quantum-simulator", "parameters": {"physical-qubits": 256}}


def test_a_hemt_amplifier_is_not_a_parametric_amplifier(classify_in: Any) -> None:
    for jurisdiction, parametric in (("US", "US:3A901.b"), ("EU", "EU:3A501.b.13")):
        assert parametric in ids(classify_in(jurisdiction, TWPA))
        hemt = classify_in(jurisdiction, HEMT)
        assert parametric not in ids(hemt) + possible(hemt)


def test_a_hemt_amplifier_depends_on_being_specially_designed(classify_in: Any) -> None:
    # a quantum measurement device specially designed for a controlled quantum computer is 4A906.c
    result = classify_in("US", HEMT)
    assert result["controlled"] == "unknown"
    assert result["missing_facts"] == ["specially-designed-for-controlled-quantum-computer"]
    assert possible(result) == ["US:4A906.c"]
    generic = {**HEMT, "facts": {"specially-designed-for-controlled-quantum-computer": False}}
    assert classify_in("US", generic)["controlled"] is False
    assert classify_in("EU", generic)["controlled"] is False


def test_an_analogue_simulator_is_not_judged_by_the_quantum_computer_bands(
    classify_in: Any,
) -> None:
    for jurisdiction in ("US", "EU", "GB", "CA"):
        result = classify_in(jurisdiction, SIMULATOR)
        assert result["controlled"] is False
        assert result["entries"] == []
    (note,) = classify_in("US", SIMULATOR)["notes"]
    assert "analogue quantum simulator items" in note and "provisional" in note
    # the same figures on a gate-based machine are decided by the bands
    machine = classify_in("US", {**SIMULATOR, "kind": "quantum-computer"})
    assert machine["controlled"] == "unknown" and machine["missing"] == ["cnot-error"]


def test_annealers_are_excluded_by_the_notes_of_both_lists(classify_in: Any) -> None:
    annealer = {"kind": "quantum-annealer", "parameters": {"physical-qubits": 5000}}
    for jurisdiction, top in (("US", "US:4A906"), ("EU", "EU:4A506")):
        result = classify_in(jurisdiction, annealer)
        assert result["controlled"] is False
        assert any(note.startswith(f"{top}:") and "annealing" in note for note in result["notes"])


def test_the_new_kinds_are_skos_concepts_with_owl_classes(context: Context) -> None:
    knowledge = current(context)
    hemt = knowledge.kinds["hemt-amplifier"]
    simulator = knowledge.kinds["analogue-quantum-simulator"]
    for concept in (hemt, simulator):
        assert {"en", "fr", "de", "es", "it", "ja"} <= set(concept.texts["pref"])
        assert concept.pick("note")[0]
    assert knowledge.kinds["quantum-control-component"].iri in hemt.broader
    assert knowledge.kinds["parametric-amplifier"].iri not in knowledge.ancestors_of_kind(hemt.iri)
    assert knowledge.kinds["quantum-computer"].iri not in knowledge.ancestors_of_kind(simulator.iri)
    rows = context.store.select(
        "PREFIX eg: <https://w3id.org/exportgraph/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> "
        "SELECT ?hemt ?disjoint WHERE { "
        "<https://w3id.org/exportgraph/id/kind/hemt-amplifier> eg:kindClass ?hemt . "
        "?hemt rdfs:subClassOf eg:QuantumControlComponent ; owl:disjointWith ?disjoint }"
    )
    assert [str(row["disjoint"].value) for row in rows] == [
        "https://w3id.org/exportgraph/ontology#ParametricAmplifier"
    ]
