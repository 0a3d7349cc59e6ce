"""The reader's two additions for US 3B993.o.2 ("Equipment designed to heat a semiconductor wafer
to a temperature greater than 1000 °C (1832 °F) for a 'duration' less than 2 ms"): a clause
"for a duration …" is cut from the one before it, and a value in °C may be repeated in °F in
brackets (checked like "958 K (685 °C)": the brackets must give the same value)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders.formalize import unit_iri
from exportgraph.loaders.formalize_clauses import NotRead, ParagraphReader, Phrase
from exportgraph.loaders.formalize_equivalents import equivalent_problem
from exportgraph.loaders.listed_text import TextNode

UNITS = {"°C": unit_iri("qudt:DEG_C"), "ms": unit_iri("qudt:MilliSEC")}
PHRASES = [
    Phrase("9Z999", "Heating a wafer to a temperature {}", "peak", "", None, "", "", 1),
    Phrase("9Z999", "for a duration {}", "duration", "", None, "", "", 2),
]


def _read(words: str) -> set[tuple[str, str, Decimal, str]]:
    node = TextNode("US", "9Z999.a", ("a",), words, (), "9Z999", (), 1)
    reading = ParagraphReader(PHRASES, UNITS).read(node)
    return {
        (c.parameter, c.comparator, c.value, c.unit.rsplit("/", 1)[-1]) for c in reading.criteria
    }


def test_a_duration_clause_and_a_fahrenheit_equivalent() -> None:
    words = "Heating a wafer to a temperature greater than 1000 °C (1832 °F) for a 'duration' less than 2 ms."
    assert _read(words) == {
        ("peak", ">", Decimal("1000"), "DEG_C"),
        ("duration", "<", Decimal("2"), "MilliSEC"),
    }


def test_a_fahrenheit_equivalent_must_repeat_the_value() -> None:
    with pytest.raises(NotRead):
        _read(
            "Heating a wafer to a temperature greater than 1000 °C (1900 °F) for a duration less than 2 ms."
        )
    assert equivalent_problem(Decimal("1000"), unit_iri("qudt:DEG_C"), "1832", "°F", "US") is None
    assert (
        equivalent_problem(Decimal("1000"), unit_iri("qudt:DEG_C"), "1830", "°F", "US") is not None
    )
    # °F after a unit other than °C is not converted
    assert equivalent_problem(Decimal("1000"), unit_iri("qudt:K"), "1832", "°F", "US") is not None


def test_other_words_after_the_duration_are_not_read() -> None:
    with pytest.raises(NotRead):
        _read(
            "Heating a wafer to a temperature greater than 1000 °C for a duration less than 2 ms each time."
        )
