"""A phrase's words are matched around the one shared comparator-number-unit expression
(loaders/formalize_clauses.PhrasePattern) instead of compiling each phrase whole: the same match,
the same groups, on both sides of the words — including where the words after the number begin
with a letter, which the whole pattern's unit lookahead sees and a span's end would hide."""

from __future__ import annotations

import re

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_clauses import ParagraphReader, PhrasePattern

from exportgraph.paths import ontology_dir

READER = ParagraphReader((), formalize.read_units(ontology_dir(), "units.csv"))


def _whole(template: str, expression: str) -> re.Pattern[str]:
    words = [f"(?i:{re.escape(part)})" if part else "" for part in template.split("{}")]
    return re.compile(expression.join(words))


CASES = [
    ("Output wavelength {}", "Output wavelength exceeding 975 nm but not exceeding 1,150 nm"),
    ("Output wavelength {}", "OUTPUT WAVELENGTH less than 150 nm"),
    ("Output wavelength {}", "Output frequency exceeding 975 nm"),
    ("Output energy {} per pulse", "Output energy exceeding 2 J per pulse"),
    ("Output energy {} per pulse", "Output energy exceeding 2 J per shot"),
    ("{} per pulse", "exceeding 2 J per pulse"),
    ("Frequency {}", "Frequency exceeding 2 × 10^9 Hz"),
    ("Noise {}", "Noise less (better) than −150 dBm/Hz"),
    ("Average output power {}", "Average output power 10 W or more"),
    ("{}s long", "exceeding 5 ms long"),  # the words after begin with a letter: compiled whole
    ("{}s long", "exceeding 5 m s long"),
    ("{}", "exceeding 5 ms"),
    ("Rate {} here", "Rate exceeding 5 here"),
]


@pytest.mark.parametrize(("template", "text"), CASES)
def test_the_same_match_as_the_whole_pattern(template: str, text: str) -> None:
    for expression in (READER.expression, READER.counted):
        whole = _whole(template, expression).fullmatch(text)
        split = PhrasePattern(template, expression).fullmatch(text)
        assert (whole is None) == (split is None), (template, text)
        if whole is not None and split is not None:
            assert whole.groupdict() == split.groupdict()


def test_a_unit_running_into_the_next_word_is_not_read() -> None:
    """Reading "5 ms long" with "{}s long" would be 5 m followed by "s long" if the span's end hid
    the "s" from the unit's lookahead."""
    pattern = PhrasePattern("{}s long", READER.expression)
    assert pattern.whole is not None
    assert pattern.fullmatch("exceeding 5 ms long") is None
