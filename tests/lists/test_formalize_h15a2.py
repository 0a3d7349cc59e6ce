"""Category 3A nuclear-related and test-equipment families read from the official texts
(families.csv, phrases.csv): firing sets and high-current pulse generators 3A229.b/.c. Each
paragraph's criteria are the comparators, values and units its own words state, in each list's
spelling; the expected values below were written from ontology/sources/, not from the
formalizer. Also the reader: a phrase whose words negate its threshold ("No dimension {}") is read
with the opposite sign only when its row says so (comparator ``not``)."""

from __future__ import annotations

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.formalize_clauses import NEGATE, NotRead, ParagraphReader, Phrase

from exportgraph.paths import ontology_dir
from tests.lists.formal import Found, criterion, ways

ROOTS = ("3A229",)
BOTH = ("US", "EU")
UNITS = formalize.read_units(ontology_dir(), "units.csv")
US_HEADING = "firing-set-or-equivalent-pulse-generator-for-3a232-detonators"
RUGGED = "pulser-designed-for-portable-mobile-or-ruggedized-use"
TEMPERATURE = "pulser-specified-for-extended-temperature-range-or-aerospace"


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith(ROOTS)}


def _negated(template: str, parameter: str, comparator: str) -> Phrase:
    return Phrase("3A229", template, parameter, comparator, None, "", "", 0)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_no_dimension_greater_than_is_a_largest_dimension_at_most(
    ccl: CommerceControlList, annex: AnnexI, jurisdiction: str
) -> None:
    # 3A229.c.1 "No dimension greater than 35 mm;": the largest dimension is at most 35 mm
    entries = ccl.entries if jurisdiction == "US" else annex.entries
    node = next(e.tree for e in entries if e.code == "3A229").find("3A229.c.1")
    assert node is not None
    read = ParagraphReader([_negated("No dimension {}", "largest", NEGATE)], UNITS).read(node)
    assert [(c.parameter, c.comparator, str(c.value)) for c in read.criteria] == [
        ("largest", "<=", "35")
    ]
    # without the row saying so, the negated words are never read with the sign they write
    with pytest.raises(NotRead, match="negate"):
        ParagraphReader([_negated("No dimension {}", "largest", "")], UNITS).read(node)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_modular_pulse_generators_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    # 3A229.b: "Capable of delivering their energy in less than 15 µs [EU μs] into loads of less
    # than 40 Ω (ohms) [EU 40 ohms]; Having an output greater than 100 A; No dimension greater
    # than 30 cm; Weight less than 30 kg"; b.1 and b.6 are facts
    entry = found[(jurisdiction, "3A229.b")]
    assert entry.text_only is None
    assert entry.kinds == ("modular-electrical-pulse-generator",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("pulser-energy-delivery-time-below-40-ohm-load", "<", "15", "MicroSEC"),
                criterion("pulser-output-current", ">", "100", "A"),
                criterion("pulse-generator-largest-dimension", "<=", "30", "CentiM"),
                criterion("pulse-generator-mass", "<", "30", "KiloGM"),
            }
        )
    }
    heading = (US_HEADING,) if jurisdiction == "US" else ()
    assert entry.requires_facts == (*heading, RUGGED, TEMPERATURE)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_micro_firing_units_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    # 3A229.c: "No dimension greater than 35 mm; Voltage rating of equal to or greater than 1 kV;
    # and Capacitance of equal to or greater than 100 nF."
    entry = found[(jurisdiction, "3A229.c")]
    assert entry.text_only is None
    assert entry.kinds == ("micro-firing-unit",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("pulse-generator-largest-dimension", "<=", "35", "MilliM"),
                criterion("micro-firing-unit-voltage-rating", ">=", "1", "KiloV"),
                criterion("micro-firing-unit-capacitance", ">=", "100", "NanoFARAD"),
            }
        )
    }
    assert entry.requires_facts == ((US_HEADING,) if jurisdiction == "US" else ())
