"""The microwave power devices of 3A001.b.2 (MMIC amplifiers), b.3 (discrete transistors) and b.4
(solid state amplifiers) as both official texts state them: "at any frequency exceeding X up to
and including Y" is read as an overlap of the item's rated band with the range (frequency-max
above X, frequency-min at or below Y), each sub-paragraph one way, so that the Notes' "lowest peak
saturated power output control threshold" of the ranges a band reaches into is met exactly when
one way is. The expected values were written from ontology/sources/, not from the formalizer;
the reader's new words (the dBm equivalent in brackets, "up to and including") are tested on
their own."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_equivalents import equivalent_problem
from exportgraph.loaders.formalize_words import sign, stated_thresholds

from tests.lists.formal import Criterion, ways

BOTH = ("US", "EU")
QUDT = "http://qudt.org/vocab/unit/"
POWER, FBW = "peak-saturated-power-output", "fractional-bandwidth"
Found = dict[tuple[str, str], formalize.FormalEntry]


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith("3A001.b.")}


def _c(parameter: str, comparator: str, value: str, unit: str) -> Criterion:
    return (parameter, comparator, Decimal(value), unit)


def _range(low: str, high: str | None = None) -> set[Criterion]:
    """The item's band reaches into (low, high] GHz: its top above low, its bottom at most high."""
    top = {_c("frequency-max", ">", low, "GigaHZ")}
    return top if high is None else top | {_c("frequency-min", "<=", high, "GigaHZ")}


def _p(value: str, unit: str = "W") -> set[Criterion]:
    return {_c(POWER, ">", value, unit)}


def _fbw(value: str) -> set[Criterion]:
    return {_c(FBW, ">", value, "PERCENT")}


_B2A, _B2B = _range("2.7", "6.8") | _fbw("15"), _range("6.8", "16") | _fbw("10")
_B3A, _B3B = _range("2.7", "6.8"), _range("6.8", "31.8")
_B4A, _B4B, _B4E = _range("2.7", "6.8") | _fbw("15"), _range("6.8", "31.8") | _fbw("10"), _range("43.5")  # fmt: skip
EXPECTED: dict[str, list[set[Criterion]]] = {
    "3A001.b.2.a": [
        _B2A | _p("75") | _range("2.7", "2.9"),
        _B2A | _p("55") | _range("2.9", "3.2"),
        _B2A | _p("40") | _range("3.2", "3.7"),
        _B2A | _p("20") | _range("3.7", "6.8"),
    ],
    "3A001.b.2.b": [_B2B | _p("10") | _range("6.8", "8.5"), _B2B | _p("5") | _range("8.5", "16")],
    "3A001.b.2.c": [_p("3") | _range("16", "31.8") | _fbw("10")],
    "3A001.b.2.d": [_p("0.1", "NanoW") | _range("31.8", "37")],
    "3A001.b.2.e": [_p("1") | _range("37", "43.5") | _fbw("10")],
    "3A001.b.2.f": [_p("31.62", "MilliW") | _range("43.5", "75") | _fbw("10")],
    "3A001.b.2.g": [_p("10", "MilliW") | _range("75", "90") | _fbw("5")],
    "3A001.b.2.h": [_p("0.1", "NanoW") | _range("90")],
    "3A001.b.3.a": [
        _B3A | _p("400") | _range("2.7", "2.9"),
        _B3A | _p("205") | _range("2.9", "3.2"),
        _B3A | _p("115") | _range("3.2", "3.7"),
        _B3A | _p("60") | _range("3.7", "6.8"),
    ],
    "3A001.b.3.b": [
        _B3B | _p("50") | _range("6.8", "8.5"),
        _B3B | _p("15") | _range("8.5", "12"),
        _B3B | _p("40") | _range("12", "16"),
        _B3B | _p("7") | _range("16", "31.8"),
    ],
    "3A001.b.3.c": [_p("0.5") | _range("31.8", "37")],
    "3A001.b.3.d": [_p("1") | _range("37", "43.5")],
    "3A001.b.3.e": [_p("0.1", "NanoW") | _range("43.5")],
    "3A001.b.4.a": [
        _B4A | _p("500") | _range("2.7", "2.9"),
        _B4A | _p("270") | _range("2.9", "3.2"),
        _B4A | _p("200") | _range("3.2", "3.7"),
        _B4A | _p("90") | _range("3.7", "6.8"),
    ],
    "3A001.b.4.b": [
        _B4B | _p("70") | _range("6.8", "8.5"),
        _B4B | _p("50") | _range("8.5", "12"),
        _B4B | _p("30") | _range("12", "16"),
        _B4B | _p("20") | _range("16", "31.8"),
    ],
    "3A001.b.4.c": [_p("0.5") | _range("31.8", "37")],
    "3A001.b.4.d": [_p("2") | _range("37", "43.5") | _fbw("10")],
    "3A001.b.4.e": [
        _B4E | _p("0.2") | _range("43.5", "75") | _fbw("10"),
        _B4E | _p("20", "MilliW") | _range("75", "90") | _fbw("5"),
        _B4E | _p("0.1", "NanoW") | _range("90"),
    ],
}
KINDS = {
    "3A001.b.2": "mmic-amplifier",
    "3A001.b.3": "discrete-microwave-transistor",
    "3A001.b.4": "microwave-solid-state-amplifier",
}


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_each_paragraph_reads_the_values_its_text_states(
    found: Found, jurisdiction: str, code: str
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None, entry.text_only
    assert ways(entry) == {frozenset(way) for way in EXPECTED[code]}
    assert entry.kinds == (KINDS[code[:9]],)
    # Notes 1 and 2 to Category 3, Product Group A (Note 3 to 3A001.b.2 recalls them)
    assert "not-specially-designed-for-other-equipment" in entry.requires_facts


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_the_transistors_other_than_those_above_stay_text(found: Found, jurisdiction: str) -> None:
    # 3A001.b.3.f: "Other than those specified by 3A001.b.3.a to 3A001.b.3.e" and a power "at all
    # frequencies exceeding 8.5 GHz up to and including 31.8 GHz": not read, never false
    entry = found[(jurisdiction, "3A001.b.3.f")]
    assert entry.text_only is not None and not entry.ways


def test_up_to_and_including_closes_a_range_and_is_counted() -> None:
    assert sign("up to and including") == "<="
    assert stated_thresholds("at any frequency exceeding 2.7 GHz up to and including 2.9 GHz") == 2
    assert stated_thresholds("a peak saturated power output greater than 75 W (48.75 dBm)") == 1


@pytest.mark.parametrize(
    ("value", "unit", "dbm"),
    [("75", "W", "48,75"), ("50", "W", "47"), ("0.1", "NanoW", "−70"), ("31.62", "MilliW", "15"),
     ("5", "W", "37,0"), ("400", "W", "56")],
)  # fmt: skip
def test_a_dbm_equivalent_in_brackets_must_be_the_power_to_the_digits_written(
    value: str, unit: str, dbm: str
) -> None:
    assert equivalent_problem(Decimal(value), f"{QUDT}{unit}", dbm, "dBm", "EU") is None


@pytest.mark.parametrize(
    ("value", "unit", "dbm"),
    [("75", "W", "47"), ("50", "W", "47.5"), ("5", "W", "37.1"), ("3", "GigaHZ", "34.77")],
)
def test_an_equivalent_that_is_not_the_value_is_refused(value: str, unit: str, dbm: str) -> None:
    assert equivalent_problem(Decimal(value), f"{QUDT}{unit}", dbm, "dBm", "US") is not None


@pytest.mark.parametrize(("kelvin", "celsius"), [("398", "+125"), ("218", "−55"), ("218", "-55")])
def test_a_temperature_s_celsius_equivalent_in_brackets(kelvin: str, celsius: str) -> None:
    assert equivalent_problem(Decimal(kelvin), f"{QUDT}K", celsius, "°C", "US") is None
    assert equivalent_problem(Decimal(kelvin) + 2, f"{QUDT}K", celsius, "°C", "US") is not None
