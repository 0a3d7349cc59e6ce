"""5E001.d, technology for the development or production of MMIC amplifiers specially designed
for telecommunications, as both official texts state it: a technology entry whose criteria are
the served MMIC's figures (eg:servesKind), read as necessary conditions (no note says how a band
reaching beyond a range is read: never answered true from the figures). Expected values written
from ontology/sources/."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize_tree
from exportgraph.loaders.tables import Row, SourceDataError

from tests.lists.formal import Criterion, Found, ways

TELECOM = "mmic-specially-designed-for-telecommunications"
US_ONLY = "additional-technology-required-for-telecommunications"


def _range(low: str, high: str | None) -> set[Criterion]:
    ends = {("frequency-max", ">", Decimal(low), "GigaHZ")}
    if high is not None:
        ends.add(("frequency-min", "<=", Decimal(high), "GigaHZ"))
    return ends


def _power(value: str, unit: str) -> Criterion:
    return ("peak-saturated-power-output", ">", Decimal(value), unit)


def _fbw(value: str) -> Criterion:
    return ("fractional-bandwidth", ">", Decimal(value), "PERCENT")


EXPECTED = {
    "5E001.d.3": {frozenset({_power("3", "W"), _fbw("10"), *_range("16", "31.8")})},
    "5E001.d.4": {frozenset({_power("0.1", "NanoW"), *_range("31.8", "37")})},
    "5E001.d.6": {frozenset({_power("31.62", "MilliW"), _fbw("10"), *_range("43.5", "75")})},
    "5E001.d.7": {frozenset({_power("10", "MilliW"), _fbw("5"), *_range("75", "90")})},
    "5E001.d.8": {frozenset({_power("0.1", "NanoW"), *_range("90", None)})},
    "5E001.d.2": {
        frozenset({*_range("6.8", "16"), _fbw("10"), _power("10", "W"), *_range("6.8", "8.5")}),
        frozenset({*_range("6.8", "16"), _fbw("10"), _power("5", "W"), *_range("8.5", "16")}),
    },
}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_the_figures_of_the_served_mmic(found: Found, jurisdiction: str, code: str) -> None:
    entry = found[(jurisdiction, code)]
    assert ways(entry) == EXPECTED[code]
    assert entry.kinds == ("technology",) and entry.serves_kinds == ("mmic-amplifier",)
    assert set(entry.purposes) == {"development", "production"}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_every_sub_paragraph_is_a_necessary_condition_with_its_facts(
    found: Found, jurisdiction: str
) -> None:
    codes = [f"5E001.d.{n}" for n in range(1, 9)]
    for code in codes:
        entry = found[(jurisdiction, code)]
        # read, but incomplete: an MMIC meeting the figures is "unknown", never controlled
        assert entry.ways and entry.text_only is not None and "at any frequency" in entry.text_only
        facts = {TELECOM, US_ONLY} if jurisdiction == "US" else {TELECOM}
        assert set(entry.requires_facts) == facts
    assert len(found[(jurisdiction, "5E001.d.1")].ways) == 4  # d.1.a to d.1.d


def test_only_software_or_technology_families_name_purposes_or_served_kinds() -> None:
    cells = {"code": "3A001.b.2", "kind": "mmic-amplifier", "notes_read": "x"}
    for column, value in (("serves_kinds", "mmic-amplifier"), ("purposes", "development")):
        with pytest.raises(SourceDataError, match=f"only a family of kind .* has {column}"):
            formalize_tree._family(Row("families.csv", 7, {**cells, column: value}))
    served = Row(
        "families.csv", 8, {**cells, "kind": "technology", "serves_kinds": "mmic-amplifier"}
    )
    assert formalize_tree._family(served).serves_kinds == ("mmic-amplifier",)
