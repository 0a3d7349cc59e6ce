"""The clause opener "to above" (loaders/formalize_clauses.py ``_CLAUSE_OPENERS``): US 4A101.a
"Rated for continuous operation at temperatures from below 228 K (−45 °C) to above 328 K
(+55 °C)" is two clauses, both required — the range's bottom below −45 °C and its top above
+55 °C. The text and the expected values are those of the CCL in ontology/sources/; the phrases
are made here (the rows of phrases.csv say the same): what is tested is the reader."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_clauses import NotRead, ParagraphReader, Phrase
from exportgraph.loaders.listed_text import TextNode

from exportgraph.paths import ontology_dir

UNITS = formalize.read_units(ontology_dir(), "units.csv")
BAND = "ambient-temperature-rating-max|ambient-temperature-rating-min"
US_4A101_A = (
    "Rated for continuous operation at temperatures from below 228 K (−45 °C) to above 328 K"
    " (+55 °C); or"
)


def _reader(*templates: str) -> ParagraphReader:
    phrases = [Phrase("4A101.a", t, BAND, "", None, "", "", 0) for t in templates]
    return ParagraphReader(phrases, UNITS)


def _node(text: str) -> TextNode:
    return TextNode("US", "4A101.a", ("a",), text, (), "4A101", (), 1)


def test_from_below_to_above_is_both_ends() -> None:
    reader = _reader("Rated for continuous operation at temperatures from {}", "to {}")
    reading = reader.read(_node(US_4A101_A))
    assert not reading.either  # one conjunction: both ends required
    found = {(c.parameter, c.comparator, c.value, c.unit.rsplit("/", 1)[-1]) for c in reading.criteria}  # fmt: skip
    # the degrees in brackets are the thresholds (the kelvins round them: 328 K is 54.85 °C)
    assert found == {
        ("ambient-temperature-rating-min", "<", Decimal("-45"), "DEG_C"),
        ("ambient-temperature-rating-max", ">", Decimal("55"), "DEG_C"),
    }


def test_without_a_phrase_for_the_second_clause_it_is_not_read() -> None:
    # the opener only cuts: the words after it need a phrase of their own
    with pytest.raises(NotRead):
        _reader("Rated for continuous operation at temperatures from {}").read(_node(US_4A101_A))
