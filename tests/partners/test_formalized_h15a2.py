"""Classification by the Category 3A families of tests/lists/test_formalize_h15a2.py: firing sets
and high-current pulse generators 3A229.b/.c, the 'RF modulation bandwidth' of signal generators
3A002.d.5, neutron generator systems 3A231, EU 3A501.a.16 and 3A502.i, frequency changers 3A225,
the DANL of signal analysers 3A002.c.2, EU 3A232.b, network analysers 3A002.e.3 — items on both sides of each threshold, in both lists,
and "unknown" naming the fact when a required fact is not stated."""

from __future__ import annotations

from typing import Any

import pytest

from exportgraph.errors import InvalidInput
from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
US_HEADING = "firing-set-or-equivalent-pulse-generator-for-3a232-detonators"
RUGGED = "pulser-designed-for-portable-mobile-or-ruggedized-use"
TEMPERATURE = "pulser-specified-for-extended-temperature-range-or-aerospace"


def _facts(jurisdiction: str, *names: str) -> dict[str, bool]:
    heading = (US_HEADING,) if jurisdiction == "US" else ()
    return dict.fromkeys((*heading, *names), True)


PULSER = "modular-electrical-pulse-generator"
DELIVERY, CURRENT = "pulser-energy-delivery-time-below-40-ohm-load", "pulser-output-current"
SIZE, MASS = "pulse-generator-largest-dimension", "pulse-generator-mass"
PULSER_MET = {DELIVERY: "14 µs", CURRENT: "101 A", SIZE: "30 cm", MASS: "29.9 kg"}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_modular_pulse_generators_on_both_sides(classify_in: Any, jurisdiction: str) -> None:
    facts = _facts(jurisdiction, RUGGED, TEMPERATURE)
    met = classify_in(jurisdiction, _item(PULSER, facts, **PULSER_MET), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A229.b"]
    # each threshold just missed: 15 µs, 100 A, a dimension over 30 cm, 30 kg
    for name, at in ((DELIVERY, "15 µs"), (CURRENT, "100 A"), (SIZE, "301 mm"), (MASS, "30 kg")):
        item = _item(PULSER, facts, **{**PULSER_MET, name: at})
        assert classify_in(jurisdiction, item, ON)["controlled"] is False, name
    # a required fact not stated: unknown, the fact named; stated false: not controlled
    for fact in facts:
        asked = {k: v for k, v in facts.items() if k != fact}
        result = classify_in(jurisdiction, _item(PULSER, asked, **PULSER_MET), ON)
        assert result["controlled"] == "unknown", fact
        assert fact in result["missing_facts"], fact
        denied = {**facts, fact: False}
        assert (
            classify_in(jurisdiction, _item(PULSER, denied, **PULSER_MET), ON)["controlled"]
            is False
        ), fact


MICRO = "micro-firing-unit"
VOLTAGE, CAPACITANCE = "micro-firing-unit-voltage-rating", "micro-firing-unit-capacitance"
MICRO_MET = {SIZE: "35 mm", VOLTAGE: "1 kV", CAPACITANCE: "100 nF"}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_micro_firing_units_on_both_sides(classify_in: Any, jurisdiction: str) -> None:
    facts = _facts(jurisdiction)
    met = classify_in(jurisdiction, _item(MICRO, facts, **MICRO_MET), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A229.c"]
    for name, at in ((SIZE, "3.6 cm"), (VOLTAGE, "999 V"), (CAPACITANCE, "0.099 µF")):
        item = _item(MICRO, facts, **{**MICRO_MET, name: at})
        assert classify_in(jurisdiction, item, ON)["controlled"] is False, name
    missing = classify_in(jurisdiction, _item(MICRO, facts, **{SIZE: "20 mm", VOLTAGE: "2 kV"}), ON)
    assert missing["controlled"] == "unknown"
    if jurisdiction == "US":
        # the heading's words: unknown until stated, naming the fact
        asked = classify_in(jurisdiction, _item(MICRO, None, **MICRO_MET), ON)
        assert asked["controlled"] == "unknown" and US_HEADING in asked["missing_facts"]


CRYSTAL = "signal-generator-output-not-from-crystal-oscillator-frequency-sums"
NOTE_1 = "not-specially-designed-for-other-equipment"
RF = "signal-generator-rf-modulation-bandwidth-within-{}-ghz"


@pytest.mark.parametrize(
    ("jurisdiction", "code", "within", "above", "at"),
    [
        ("US", "3A002.d.5.a", "4-8-to-31-8", "2.3 GHz", "2.2 GHz"),
        ("EU", "3A002.d.5.a", "4-8-to-31-8", "2.3 GHz", "2.2 GHz"),
        ("US", "3A002.d.5.b", "31-8-to-37", "551 MHz", "550 MHz"),
        ("EU", "3A002.d.5.b", "31-8-to-37", "551 MHz", "0.55 GHz"),
        ("US", "3A002.d.5.c", "37-to-75", "2.3 GHz", "2.2 GHz"),
        ("EU", "3A002.d.5.c", "37-to-75", "2.3 GHz", "2.2 GHz"),
        ("US", "3A002.d.5.d", "75-to-90", "5.1 GHz", "5 GHz"),
        ("EU", "3A002.d.5.d", "75-to-110", "5.1 GHz", "5 GHz"),
    ],
)
def test_rf_modulation_bandwidth_on_both_sides(
    classify_in: Any, jurisdiction: str, code: str, within: str, above: str, at: str
) -> None:
    facts = {CRYSTAL: True, NOTE_1: True}
    # a generator of 80 GHz at most (below every 3A002.d.6 threshold), no pulse, switching or
    # phase noise paragraph stated: those stay text, so below the range's threshold "unknown"
    base = {"frequency-max": "80 GHz"}
    met = classify_in(jurisdiction, _item("signal-generator", facts, **base, **{RF.format(within): above}), ON)  # fmt: skip
    assert met["controlled"] is True and f"{jurisdiction}:{code}" in _ids(met)
    below = classify_in(jurisdiction, _item("signal-generator", facts, **base, **{RF.format(within): at}), ON)  # fmt: skip
    assert f"{jurisdiction}:{code}" not in _ids(below)
    assert below["controlled"] == "unknown"  # d.1, d.3, d.4 stay text: never false
    # Note 2 (crystal oscillator frequency sums) not stated: unknown, the fact named
    asked = {NOTE_1: True}
    result = classify_in(jurisdiction, _item("signal-generator", asked, **base, **{RF.format(within): above}), ON)  # fmt: skip
    assert result["controlled"] == "unknown" and CRYSTAL in result["missing_facts"]


VACUUM = "neutron-generator-designed-without-external-vacuum-system"
OUTPUT = "neutron-generator-output"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_neutron_generators_on_both_sides(classify_in: Any, jurisdiction: str) -> None:
    dd = "electrostatic-deuterium-deuterium-neutron-generator"
    met = classify_in(jurisdiction, _item(dd, {VACUUM: True}, **{OUTPUT: "3e9 neutrons/s"}), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A231.b.2"]
    weak = classify_in(jurisdiction, _item(dd, {VACUUM: True}, **{OUTPUT: "2.9e9 neutrons/s"}), ON)
    assert weak["controlled"] is False
    asked = classify_in(jurisdiction, _item(dd, None, **{OUTPUT: "1e10 neutrons/s"}), ON)
    assert asked["controlled"] == "unknown" and VACUUM in asked["missing_facts"]
    vacuum = classify_in(
        jurisdiction, _item(dd, {VACUUM: False}, **{OUTPUT: "1e10 neutrons/s"}), ON
    )
    assert vacuum["controlled"] is False
    # tritium-deuterium: whatever the output, the fact decides
    td = "electrostatic-tritium-deuterium-neutron-generator"
    sealed = classify_in(jurisdiction, _item(td, {VACUUM: True}), ON)
    assert sealed["controlled"] is True and _ids(sealed) == [f"{jurisdiction}:3A231.b.1"]
    assert classify_in(jurisdiction, _item(td, {VACUUM: False}), ON)["controlled"] is False
    assert classify_in(jurisdiction, _item(td), ON)["controlled"] == "unknown"


def test_eu_tpp_integrated_circuits_on_both_sides(classify_in: Any) -> None:
    kind, tpp = "digital-processing-integrated-circuit", "total-processing-performance"
    met = classify_in("EU", _item(kind, {NOTE_1: True}, **{tpp: 6000}), ON)
    assert met["controlled"] is True and "EU:3A501.a.16" in _ids(met)
    below = classify_in("EU", _item(kind, {NOTE_1: True}, **{tpp: 5999}), ON)
    assert "EU:3A501.a.16" not in _ids(below)
    asked = classify_in("EU", _item(kind, None, **{tpp: 6000}), ON)
    assert asked["controlled"] == "unknown" and NOTE_1 in asked["missing_facts"]


def test_eu_fpld_assemblies_on_both_sides(classify_in: Any) -> None:
    kind, count = "user-configurable-fpld-electronic-assembly", "fpld-aggregate-lookup-table-input-count"  # fmt: skip
    met = classify_in("EU", _item(kind, **{count: 1800000}), ON)
    assert met["controlled"] is True and _ids(met) == ["EU:3A502.i"]
    below = classify_in("EU", _item(kind, **{count: 1799999}), ON)
    assert below["controlled"] is False


CHANGER = "frequency-changer-or-generator"
POWER, TOP = (
    "frequency-changer-multiphase-output-power",
    "frequency-changer-max-operating-frequency",
)
HANDED_OVER = {  # facts naming another entry: stated false, that entry decides (unknown here)
    "frequency-changer-not-specified-in-0b001-b-13",
    "initiation-system-not-specified-in-1a007",
}
CONTROL = "frequency-changer-frequency-control"
CHANGER_MET = {POWER: "40 VA", TOP: "600 Hz", CONTROL: "0.1 %"}
CHANGER_FACTS = {
    "US": (
        "not-subject-to-nrc-export-licensing",
        "frequency-changer-usable-as-motor-drive",
        "frequency-changer-meets-3a225-under-its-us-notes",
    ),
    "EU": (
        "frequency-changer-not-specified-in-0b001-b-13",
        "frequency-changer-usable-as-motor-drive",
        "frequency-changer-not-excluded-by-eu-note-to-3a225",
    ),
}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_frequency_changers_on_both_sides(classify_in: Any, jurisdiction: str) -> None:
    facts = dict.fromkeys(CHANGER_FACTS[jurisdiction], True)
    met = classify_in(jurisdiction, _item(CHANGER, facts, **CHANGER_MET), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A225"]
    for name, at in ((POWER, "39 VA"), (TOP, "599 Hz"), (CONTROL, "0.2 %")):
        item = _item(CHANGER, facts, **{**CHANGER_MET, name: at})
        assert classify_in(jurisdiction, item, ON)["controlled"] is False, name
    for fact in facts:
        asked = {k: v for k, v in facts.items() if k != fact}
        result = classify_in(jurisdiction, _item(CHANGER, asked, **CHANGER_MET), ON)
        assert result["controlled"] == "unknown" and fact in result["missing_facts"], fact
        denied = {**facts, fact: False}
        answer = classify_in(jurisdiction, _item(CHANGER, denied, **CHANGER_MET), ON)
        # "other than those specified in 0B001.b.13" stated false hands the changer to 0B001
        assert answer["controlled"] == ("unknown" if fact in HANDED_OVER else False), fact


@pytest.mark.parametrize(
    ("jurisdiction", "within", "below", "at"),
    [
        ("US", "43-5-to-90", "-151 dBm/Hz", "-150 dBm/Hz"),
        ("EU", "43-5-to-110", "-161 dBm/Hz", "-160 dBm/Hz"),
    ],
)
def test_displayed_average_noise_level_on_both_sides(
    classify_in: Any, jurisdiction: str, within: str, below: str, at: str
) -> None:
    danl = f"signal-analyser-danl-within-{within}-ghz"
    code = f"{jurisdiction}:3A002.c.2"
    quiet = classify_in(jurisdiction, _item("signal-analyser", {NOTE_1: True}, **{danl: below}), ON)
    assert quiet["controlled"] is True and code in _ids(quiet)
    noisy = classify_in(jurisdiction, _item("signal-analyser", {NOTE_1: True}, **{danl: at}), ON)
    assert code not in _ids(noisy)
    # Note 1 to Category 3 not stated: unknown, the fact named
    asked = classify_in(jurisdiction, _item("signal-analyser", None, **{danl: below}), ON)
    assert asked["controlled"] == "unknown" and NOTE_1 in asked["missing_facts"]


def test_a_noise_level_in_dbm_per_hz_converts_only_into_itself(classify_in: Any) -> None:
    danl = "signal-analyser-danl-within-43-5-to-90-ghz"
    with pytest.raises(InvalidInput, match=r"cannot be converted|unknown unit"):
        classify_in("US", _item("signal-analyser", {NOTE_1: True}, **{danl: "-150 dBm"}), ON)


def test_eu_multipoint_initiation_arrangements_on_both_sides(classify_in: Any) -> None:
    kind = "multipoint-initiation-arrangement"
    area, spread = "initiation-explosive-surface-area", "initiation-timing-spread"
    facts = dict.fromkeys(
        (
            "initiation-system-not-specified-in-1a007",
            "initiation-arrangement-not-excluded-by-eu-note-to-3a232",
        ),
        True,
    )
    met = {area: "5001 mm**2", spread: "2 us"}
    result = classify_in("EU", _item(kind, facts, **met), ON)
    assert result["controlled"] is True and _ids(result) == ["EU:3A232.b"]
    for name, value in ((area, "50 cm**2"), (spread, "2.5 us")):
        outside = classify_in("EU", _item(kind, facts, **{**met, name: value}), ON)
        assert outside["controlled"] is False, name
    for fact in facts:
        asked = classify_in("EU", _item(kind, {k: v for k, v in facts.items() if k != fact}, **met), ON)  # fmt: skip
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"], fact
        denied = classify_in("EU", _item(kind, {**facts, fact: False}, **met), ON)
        # "other than those specified in 1A007" stated false hands the arrangement to 1A007
        assert denied["controlled"] == ("unknown" if fact in HANDED_OVER else False), fact


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_nonlinear_vector_measurement_on_both_sides(classify_in: Any, jurisdiction: str) -> None:
    top, bottom = "nonlinear-vector-measurement-frequency-max", "nonlinear-vector-measurement-frequency-min"  # fmt: skip
    code = f"{jurisdiction}:3A002.e.3"

    def answer(low: str, high: str) -> Any:
        item = _item("network-analyser", {NOTE_1: True}, **{bottom: low, top: high})
        return classify_in(jurisdiction, item, ON)

    assert code in _ids(answer("10 GHz", "67 GHz"))  # within the range from 50 GHz up
    assert code in _ids(answer("110 GHz", "120 GHz"))  # reaches 110 GHz: included
    assert code not in _ids(answer("10 GHz", "50 GHz"))  # 50 GHz not exceeded
    assert code not in _ids(answer("111 GHz", "120 GHz"))  # above 110 GHz only
    no_note = classify_in(jurisdiction, _item("network-analyser", None, **{bottom: "10 GHz", top: "67 GHz"}), ON)  # fmt: skip
    assert no_note["controlled"] == "unknown" and NOTE_1 in no_note["missing_facts"]
