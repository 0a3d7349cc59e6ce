"""Classification by the 3A002 families formalized from the whole lists (families.csv;
tests/lists/test_formalize_h3a_3a002.py reads their values): non-"space-qualified" rubidium
atomic frequency standards (3A002.g.3), real-time signal analysers (3A002.c.4), EU real-time oscilloscopes (3A002.a.7; the US paragraph
stays text), the figures stated "anywhere within" a frequency range (3A002.c.1, d.2, e.1, e.2) — items on both sides of each threshold, in both lists,
and "unknown" naming the fact when a required fact is not stated."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
NOTE_1 = "not-specially-designed-for-other-equipment"  # Note 1 to Category 3, Product Group A
RUBIDIUM = "rubidium-frequency-standard"
STABILITY, POWER = "long-term-frequency-stability", "power-consumption"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_rubidium_standards_on_both_sides_of_each_threshold(
    classify_in: Any, jurisdiction: str
) -> None:
    # 3A002.g.3: non-"space-qualified", a rubidium standard, long-term stability less (better)
    # than 1 × 10^-11/month and total power consumption of less than 1 W
    facts = {"not-space-qualified": True, NOTE_1: True}
    figures = {STABILITY: 5e-12, POWER: "0.5 W"}
    met = classify_in(jurisdiction, _item(RUBIDIUM, facts, **figures), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A002.g.3"]
    milliwatts = classify_in(jurisdiction, _item(RUBIDIUM, facts, **{**figures, POWER: "999 mW"}), ON)  # fmt: skip
    assert milliwatts["controlled"] is True
    for name, at in ((STABILITY, 1e-11), (POWER, "1 W"), (POWER, "1000 mW"), (STABILITY, 2e-11)):
        item = _item(RUBIDIUM, facts, **{**figures, name: at})
        assert classify_in(jurisdiction, item, ON)["controlled"] is False, (name, at)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_rubidium_standards_ask_the_facts(classify_in: Any, jurisdiction: str) -> None:
    figures = {STABILITY: 5e-12, POWER: "0.5 W"}
    # space-qualification not stated: g.1 (space-qualified) and g.3 (non-space-qualified) both open
    asked = classify_in(jurisdiction, _item(RUBIDIUM, {NOTE_1: True}, **figures), ON)
    assert asked["controlled"] == "unknown"
    assert {"space-qualified", "not-space-qualified"} & set(asked["missing_facts"])
    assert f"{jurisdiction}:3A002.g.3" in {e["id"] for e in asked["possible_entries"]}
    # Note 1 to Category 3, Product Group A not stated
    note = classify_in(jurisdiction, _item(RUBIDIUM, {"not-space-qualified": True}, **figures), ON)
    assert note["controlled"] == "unknown" and NOTE_1 in note["missing_facts"]
    # a space-qualified rubidium standard is 3A002.g.1 whatever its figures, not g.3
    space = classify_in(jurisdiction, _item(RUBIDIUM, {"space-qualified": True, NOTE_1: True}, **figures), ON)  # fmt: skip
    assert _ids(space) == [f"{jurisdiction}:3A002.g.1"]
    # a figure missing: unknown, never false
    partial = classify_in(jurisdiction, _item(RUBIDIUM, {"not-space-qualified": True, NOTE_1: True}, **{STABILITY: 5e-12}), ON)  # fmt: skip
    assert partial["controlled"] == "unknown"
    assert f"{jurisdiction}:3A002.g.3" in {e["id"] for e in partial["possible_entries"]}


ANALYSER = "signal-analyser"
CPB = "signal-analyser-not-only-constant-percentage-bandwidth-filters"
RTBW = "signal-analyser-real-time-bandwidth"
POD = "signal-analyser-duration-for-100-percent-probability-of-discovery"
FMT = "signal-analyser-duration-for-100-percent-frequency-mask-trigger"
# a 26.5 GHz analyser: below every other 3A002.c threshold that is formalized (c.3: 90/110 GHz)
BAND = {"frequency-max": "26.5 GHz"}


@pytest.mark.parametrize(
    ("jurisdiction", "wide", "narrow", "short", "long"),
    [
        ("US", "171 MHz", "170 MHz", "15 µs", "15.1 µs"),
        ("EU", "521 MHz", "520 MHz", "8 µs", "8.1 µs"),
    ],
)
def test_real_time_signal_analysers_on_both_sides_of_each_threshold(
    classify_in: Any, jurisdiction: str, wide: str, narrow: str, short: str, long: str
) -> None:
    # 3A002.c.4: 'real-time bandwidth' exceeding 170 MHz (EU 520 MHz) and either 100 %
    # probability of discovery of signals of 15 µs (EU 8 µs) or less, or a 'frequency mask
    # trigger' with 100 % probability of trigger for signals of 15 µs (EU 8 µs) or less
    facts = {CPB: True, NOTE_1: True}
    code = f"{jurisdiction}:3A002.c.4"

    def answer(**figures: str) -> Any:
        return classify_in(jurisdiction, _item(ANALYSER, facts, **{**BAND, **figures}), ON)

    for way in (POD, FMT):
        met = answer(**{RTBW: wide, way: short})
        assert met["controlled"] is True and _ids(met) == [code], way
        assert code not in _ids(answer(**{RTBW: narrow, way: short})), way
        assert code not in _ids(answer(**{RTBW: wide, way: long})), way
    both_long = answer(**{RTBW: wide, POD: long, FMT: long})
    assert code not in _ids(both_long)
    assert code not in {e["id"] for e in both_long["possible_entries"]}
    narrow_only = answer(**{RTBW: narrow})  # fails c.4.a: c.4 not asked, whatever c.4.b
    assert code not in {e["id"] for e in narrow_only["possible_entries"]}
    # one way fails, the other is met: controlled
    assert _ids(answer(**{RTBW: wide, POD: long, FMT: short})) == [code]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_real_time_signal_analysers_ask_the_note_facts(classify_in: Any, jurisdiction: str) -> None:
    code = f"{jurisdiction}:3A002.c.4"
    figures = {**BAND, RTBW: "1 GHz", POD: "1 µs"}
    # the Note to 3A002.c.4 (constant percentage bandwidth filters only) not stated: unknown
    asked = classify_in(jurisdiction, _item(ANALYSER, {NOTE_1: True}, **figures), ON)
    assert asked["controlled"] == "unknown" and CPB in asked["missing_facts"]
    assert code in {e["id"] for e in asked["possible_entries"]}
    octave = classify_in(jurisdiction, _item(ANALYSER, {CPB: False, NOTE_1: True}, **figures), ON)
    assert code not in _ids(octave)
    assert code not in {e["id"] for e in octave["possible_entries"]}
    note = classify_in(jurisdiction, _item(ANALYSER, {CPB: True}, **figures), ON)
    assert note["controlled"] == "unknown" and NOTE_1 in note["missing_facts"]


OSCILLOSCOPE = "real-time-oscilloscope"
NOISE, UPPER = "oscilloscope-vertical-rms-noise-of-full-scale", "oscilloscope-upper-3db-frequency"


def test_eu_real_time_oscilloscopes_on_both_sides_of_each_threshold(classify_in: Any) -> None:
    # EU 3A002.a.7: rms noise less than 2 % of full-scale and 'upper 3dB frequency' greater
    # than 90 GHz on any channel
    figures = {NOISE: "1.5 percent", UPPER: "93 GHz"}
    met = classify_in("EU", _item(OSCILLOSCOPE, {NOTE_1: True}, **figures), ON)
    assert met["controlled"] is True and _ids(met) == ["EU:3A002.a.7"]
    for name, at in ((NOISE, "2 percent"), (UPPER, "90 GHz")):
        item = _item(OSCILLOSCOPE, {NOTE_1: True}, **{**figures, name: at})
        assert classify_in("EU", item, ON)["controlled"] is False, name
    asked = classify_in("EU", _item(OSCILLOSCOPE, None, **figures), ON)
    assert asked["controlled"] == "unknown" and NOTE_1 in asked["missing_facts"]
    partial = classify_in("EU", _item(OSCILLOSCOPE, {NOTE_1: True}, **{UPPER: "93 GHz"}), ON)
    assert partial["controlled"] == "unknown"
    assert "EU:3A002.a.7" in {e["id"] for e in partial["possible_entries"]}


def test_us_real_time_oscilloscopes_are_unknown_never_false(classify_in: Any) -> None:
    # US 3A002.a.7 stays text ("for any input 3dB bandwidth of 60 GHz or greater per channel"):
    # even an oscilloscope the EU paragraph does not control is "unknown" in the US
    figures = {NOISE: "3 percent", UPPER: "50 GHz"}
    result = classify_in("US", _item(OSCILLOSCOPE, {NOTE_1: True}, **figures), ON)
    assert result["controlled"] == "unknown"
    assert "US:3A002.a.7" in {e["id"] for e in result["possible_entries"]}


RBW = "signal-analyser-rbw-within-31-8-to-37-ghz"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_resolution_bandwidth_within_31_8_to_37_ghz(classify_in: Any, jurisdiction: str) -> None:
    # 3A002.c.1: RBW exceeding 40 MHz anywhere within 31.8-37 GHz
    code = f"{jurisdiction}:3A002.c.1"
    band = {"frequency-max": "50 GHz"}  # below c.3 (90/110 GHz)
    met = classify_in(jurisdiction, _item(ANALYSER, {NOTE_1: True}, **band, **{RBW: "80 MHz"}), ON)
    assert code in _ids(met) and met["controlled"] is True
    at = classify_in(jurisdiction, _item(ANALYSER, {NOTE_1: True}, **band, **{RBW: "40 MHz"}), ON)
    assert code not in _ids(at)
    assert code not in {e["id"] for e in at["possible_entries"]}
    # not stated: c.1 stays open, never false
    open_ = classify_in(jurisdiction, _item(ANALYSER, {NOTE_1: True}, **band), ON)
    assert open_["controlled"] == "unknown"
    assert code in {e["id"] for e in open_["possible_entries"]}


GENERATOR = "signal-generator"
CRYSTAL = "signal-generator-output-not-from-crystal-oscillator-frequency-sums"
NETWORK = "network-analyser"
US_RANGE, EU_RANGE = (
    "rf-output-power-within-43-5-to-90-ghz",
    "rf-output-power-within-43-5-to-110-ghz",
)


@pytest.mark.parametrize(("jurisdiction", "power"), [("US", US_RANGE), ("EU", EU_RANGE)])
def test_signal_generator_output_power_within_the_range(
    classify_in: Any, jurisdiction: str, power: str
) -> None:
    # 3A002.d.2: output power exceeding 100 mW (20 dBm) anywhere within 43.5-90 GHz (EU 110)
    code = f"{jurisdiction}:3A002.d.2"
    facts = {CRYSTAL: True, NOTE_1: True}
    band = {"frequency-max": "67 GHz"}  # below d.6 (90/110 GHz)
    met = classify_in(jurisdiction, _item(GENERATOR, facts, **band, **{power: "101 mW"}), ON)
    assert met["controlled"] is True and code in _ids(met)
    at = classify_in(jurisdiction, _item(GENERATOR, facts, **band, **{power: "0.1 W"}), ON)
    assert code not in _ids(at) and code not in {e["id"] for e in at["possible_entries"]}
    # the other list's range is another parameter: it does not decide this paragraph
    other = EU_RANGE if power == US_RANGE else US_RANGE
    elsewhere = classify_in(jurisdiction, _item(GENERATOR, facts, **band, **{other: "1 W"}), ON)
    assert code not in _ids(elsewhere) and code in {e["id"] for e in elsewhere["possible_entries"]}
    # Note 2 to 3A002.d (crystal oscillator frequency sums) not stated: unknown, the fact named
    asked = classify_in(
        jurisdiction, _item(GENERATOR, {NOTE_1: True}, **band, **{power: "1 W"}), ON
    )
    assert asked["controlled"] == "unknown" and CRYSTAL in asked["missing_facts"]


def test_network_analyser_output_power_within_the_ranges(classify_in: Any) -> None:
    band = {"frequency-max": "100 GHz"}  # below e.4 (110 GHz)
    facts = {NOTE_1: True, "not-elsewhere-specified-in-the-ccl": False}  # (not US 3A992.a's)

    def ids(jurisdiction: str, **figures: str) -> list[str]:
        return _ids(classify_in(jurisdiction, _item(NETWORK, facts, **band, **figures), ON))

    # US e.1: exceeding 31.62 mW (15 dBm) anywhere within 43.5-90 GHz
    assert "US:3A002.e.1" in ids("US", **{US_RANGE: "31.7 mW"})
    assert "US:3A002.e.1" not in ids("US", **{US_RANGE: "31.62 mW"})
    # EU e.1: exceeding 100 mW (20 dBm) anywhere within 43.5-110 GHz
    assert "EU:3A002.e.1" in ids("EU", **{EU_RANGE: "101 mW"})
    assert "EU:3A002.e.1" not in ids("EU", **{EU_RANGE: "100 mW"})
    # US e.2: exceeding 1 mW (0 dBm) anywhere within 90-110 GHz
    upper = "rf-output-power-within-90-to-110-ghz"
    assert "US:3A002.e.2" in ids("US", **{upper: "1.1 mW"})
    assert "US:3A002.e.2" not in ids("US", **{upper: "1 mW"})
    # every formalized network analyser paragraph failed: only e.3 (text) stays open
    result = classify_in(
        "US", _item(NETWORK, facts, **band, **{US_RANGE: "10 mW", upper: "0.5 mW"}), ON
    )
    assert result["controlled"] == "unknown"
    assert {e["id"] for e in result["possible_entries"]} == {"US:3A002.e.3"}
