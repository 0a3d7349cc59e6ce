"""Classification by US 3A991.a.2, .e, .f.1, .h, .m, .n and 3A001.b.8 (both lists): both sides of
each threshold, and the facts asked (not controlled by 3A001; the Note to 3A001.b.8)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _item

ON = "2026-12-01"
NOT_3A001 = {"not-controlled-by-3a001": True}


def _ids(result: dict[str, Any]) -> list[str]:
    return [e["id"] for e in result["entries"]]


@pytest.mark.parametrize(
    ("kind", "facts", "parameter", "met", "unmet", "code"),
    [
        ("microprocessor-microcircuit", {}, "microprocessor-clock-frequency", "26 MHz", "25 MHz", "3A991.a.2"),
        ("fft-processor", {}, "fft-1024-point-complex-execution-time", "0.9 ms", "1 ms", "3A991.e"),
        ("custom-integrated-circuit", {"custom-ic-function-or-equipment-status-unknown-to-manufacturer": True}, "ic-terminal-count", 145, 144, "3A991.f.1"),
        ("flexible-waveguide", {}, "frequency-max", "40.1 GHz", "40 GHz", "3A991.h"),
        ("hydrogen-thyratron", {}, "thyratron-rated-peak-current", "500 A", "499 A", "3A991.m"),
        ("compound-semiconductor-digital-integrated-circuit", {"digital-ic-not-described-in-3a001-a-3-to-a-10-or-a-12": True, "not-specially-designed-for-other-equipment": True}, "ic-equivalent-gate-count", 301, 300, "3A991.n"),
    ],
)  # fmt: skip
def test_us_3a991_both_sides(
    classify_in: Any, kind: str, facts: dict[str, bool], parameter: str, met: Any, unmet: Any,
    code: str,
) -> None:  # fmt: skip
    facts = {**NOT_3A001, **facts}
    controlled = classify_in("US", _item(kind, facts, **{parameter: met}), ON)
    assert f"US:{code}" in _ids(controlled) and controlled["controlled"] is True
    below = classify_in("US", _item(kind, facts, **{parameter: unmet}), ON)
    assert f"US:{code}" not in _ids(below)
    asked = classify_in("US", _item(kind, {k: v for k, v in facts.items() if k != "not-controlled-by-3a001"}, **{parameter: met}), ON)  # fmt: skip
    assert asked["controlled"] == "unknown" and "not-controlled-by-3a001" in asked["missing_facts"]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_3a001_b_8_microwave_power_amplifiers(classify_in: Any, jurisdiction: str) -> None:
    facts = {
        "amplifier-contains-vacuum-electronic-device-of-3a001-b-1": True,
        "equipment-not-for-itu-radiocommunication-bands": True,
        "not-specially-designed-for-other-equipment": True,
    }
    kind = "vacuum-electronic-device-microwave-power-amplifier"
    figures = {
        "frequency-min": "6 GHz",
        "frequency-max": "18 GHz",
        "amplifier-average-output-power-to-mass-ratio": "100 W/kg",
        "amplifier-volume": "350 cm^3",
    }
    met = classify_in(jurisdiction, _item(kind, facts, **figures), ON)
    assert met["controlled"] is True and f"{jurisdiction}:3A001.b.8" in _ids(met)
    big = classify_in(jurisdiction, _item(kind, facts, **{**figures, "amplifier-volume": "400 cm^3"}), ON)  # fmt: skip
    assert f"{jurisdiction}:3A001.b.8" not in _ids(big)
    itu = classify_in(
        jurisdiction,
        _item(kind, {**facts, "equipment-not-for-itu-radiocommunication-bands": False}, **figures),
        ON,
    )
    assert f"{jurisdiction}:3A001.b.8" not in _ids(itu)


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_3a001_b_1_vacuum_electronic_devices(classify_in: Any, jurisdiction: str) -> None:
    facts = {
        "vacuum-electronic-device-not-excluded-by-notes-to-3a001-b-1": True,
        "not-specially-designed-for-other-equipment": True,
    }
    gain = classify_in(jurisdiction, _item("crossed-field-amplifier", facts, **{"ved-gain": "18 dB"}), ON)  # fmt: skip
    assert gain["controlled"] is True and f"{jurisdiction}:3A001.b.1.b" in _ids(gain)
    low = classify_in(jurisdiction, _item("crossed-field-amplifier", facts, **{"ved-gain": "17 dB"}), ON)  # fmt: skip
    assert f"{jurisdiction}:3A001.b.1.b" not in _ids(low)
    itu = classify_in(
        jurisdiction,
        _item(
            "crossed-field-amplifier",
            {**facts, "vacuum-electronic-device-not-excluded-by-notes-to-3a001-b-1": False},
            **{"ved-gain": "18 dB"},
        ),
        ON,
    )  # e.g. rated for a band allocated by the ITU for radio-communications, below 31.8 GHz
    assert f"{jurisdiction}:3A001.b.1.b" not in _ids(itu)
    twt = _item("travelling-wave-vacuum-electronic-device", facts, **{"frequency-min": "33 GHz", "frequency-max": "36 GHz"})  # fmt: skip
    met = classify_in(jurisdiction, twt, ON)
    assert met["controlled"] is True and f"{jurisdiction}:3A001.b.1.a.1" in _ids(met)
    # below 31.8 GHz the TWT's other paragraphs (coupled cavity, helix, beams) are text: unknown
    ku = _item("travelling-wave-vacuum-electronic-device", facts, **{"frequency-min": "12 GHz", "frequency-max": "18 GHz", "ved-cathode-heater-turn-on-time": "60 s"})  # fmt: skip
    assert classify_in(jurisdiction, ku, ON)["controlled"] == "unknown"
    cathode = {"not-specially-designed-for-other-equipment": True}
    hot = _item("thermionic-cathode", cathode, **{"cathode-emission-current-density": "6 A/cm^2"})
    assert classify_in(jurisdiction, hot, ON)["controlled"] is True
    cool = _item(
        "thermionic-cathode",
        cathode,
        **{
            "cathode-emission-current-density": "5 A/cm^2",
            "cathode-pulsed-current-density": "10 A/cm^2",
        },
    )
    assert classify_in(jurisdiction, cool, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_3a001_a_2_ambient_temperature_ratings(classify_in: Any, jurisdiction: str) -> None:
    facts = {
        "ic-not-designed-for-civil-automobile-or-railway-applications": True,
        "not-specially-designed-for-other-equipment": True,
        "not-controlled-by-3a001": False,
    }

    def sram(low: str, high: str) -> dict[str, Any]:
        return _item(
            "static-random-access-memory",
            facts,
            **{"ambient-temperature-rating-min": low, "ambient-temperature-rating-max": high},
        )

    def ids(low: str, high: str) -> set[str]:
        return {i for i in _ids(classify_in(jurisdiction, sram(low, high), ON)) if "3A001.a.2" in i}

    j = jurisdiction
    assert ids("-55 degC", "125 degC") == {f"{j}:3A001.a.2", f"{j}:3A001.a.2.c"}  # military range
    assert ids("-40 degC", "85 degC") == set()  # industrial range
    assert ids("4 K", "300 K") == {f"{j}:3A001.a.2", f"{j}:3A001.a.2.b"}  # cryogenic
    assert ids("-40 degC", "150 degC") == {f"{j}:3A001.a.2", f"{j}:3A001.a.2.a"}
    assert ids("-40 degC", "125 degC") == set()  # automotive grade: not above +125 °C
    assert ids("-55 degC", "124 degC") == set()  # not the entire range
    assert ids("-54 degC", "125 degC") == set()  # not the entire range
    civil = _item(
        "static-random-access-memory",
        {**facts, "ic-not-designed-for-civil-automobile-or-railway-applications": False},
        **{"ambient-temperature-rating-min": "4 K", "ambient-temperature-rating-max": "300 K"},
    )
    assert not [i for i in _ids(classify_in(j, civil, ON)) if "3A001.a.2" in i]
