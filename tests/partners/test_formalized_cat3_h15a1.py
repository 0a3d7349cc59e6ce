"""Classification by the remaining Category 3 electronics paragraphs the h15a1 families read
(both lists unless marked): both sides of each threshold, and "unknown" naming the fact when a
required fact is not stated."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _item

ON = "2026-12-01"
BOTH = ["US", "EU"]
OTHER_EQUIPMENT = "not-specially-designed-for-other-equipment"
SINGLE_FUNCTION = "acoustic-wave-device-not-limited-to-a-single-filtering-or-resonating-function"


def _ids(result: dict[str, Any]) -> list[str]:
    return [e["id"] for e in result["entries"]]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_bulk_acoustic_wave_device_both_sides(classify_in: Any, jurisdiction: str) -> None:
    facts = {SINGLE_FUNCTION: True, OTHER_EQUIPMENT: True}
    code = f"{jurisdiction}:3A001.c.2"
    met = classify_in(jurisdiction, _item("bulk-acoustic-wave-device", facts, **{"frequency-max": "6.5 GHz"}), ON)  # fmt: skip
    assert met["controlled"] is True and code in _ids(met)
    at = classify_in(jurisdiction, _item("bulk-acoustic-wave-device", facts, **{"frequency-max": "6 GHz"}), ON)  # fmt: skip
    assert code not in _ids(at)  # "exceeding 6 GHz"
    unsaid = {OTHER_EQUIPMENT: True}
    asked = classify_in(jurisdiction, _item("bulk-acoustic-wave-device", unsaid, **{"frequency-max": "8 GHz"}), ON)  # fmt: skip
    assert asked["controlled"] == "unknown" and SINGLE_FUNCTION in asked["missing_facts"]
    single = {SINGLE_FUNCTION: False, OTHER_EQUIPMENT: True}  # a single band pass filter
    out = classify_in(jurisdiction, _item("bulk-acoustic-wave-device", single, **{"frequency-max": "8 GHz"}), ON)  # fmt: skip
    assert code not in _ids(out)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_solar_array_both_sides(classify_in: Any, jurisdiction: str) -> None:
    kind, parameter = "space-solar-cell-or-array", "solar-minimum-average-efficiency-am0"
    facts = {"space-qualified": True, OTHER_EQUIPMENT: True}
    code = f"{jurisdiction}:3A001.e.4"
    met = classify_in(jurisdiction, _item(kind, facts, **{parameter: "29.5 %"}), ON)
    assert met["controlled"] is True and code in _ids(met)
    at = classify_in(jurisdiction, _item(kind, facts, **{parameter: "20 %"}), ON)
    assert code not in _ids(at)  # "exceeding 20%"
    unsaid = classify_in(jurisdiction, _item(kind, {OTHER_EQUIPMENT: True}, **{parameter: "30 %"}), ON)  # fmt: skip
    assert unsaid["controlled"] == "unknown" and "space-qualified" in unsaid["missing_facts"]
    ground = {"space-qualified": False, OTHER_EQUIPMENT: True}
    terrestrial = classify_in(jurisdiction, _item(kind, ground, **{parameter: "30 %"}), ON)
    assert code not in _ids(terrestrial)


VED_NOTES = "vacuum-electronic-device-not-excluded-by-notes-to-3a001-b-1"
BEAMS = "ved-annular-non-axisymmetric-or-multiple-electron-beams"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_coupled_cavity_travelling_wave_tube_both_sides(
    classify_in: Any, jurisdiction: str
) -> None:
    kind, code = "coupled-cavity-travelling-wave-vacuum-electronic-device", f"{jurisdiction}:3A001.b.1.a.3"  # fmt: skip
    facts = {VED_NOTES: True, OTHER_EQUIPMENT: True, BEAMS: False}
    band = {"frequency-min": "8 GHz", "frequency-max": "10 GHz", "ved-cathode-heater-turn-on-time": "200 s"}  # fmt: skip
    below = {**band, "fractional-bandwidth": "7 %", "ved-peak-power": "2.5 kW"}
    out = classify_in(jurisdiction, _item(kind, facts, **below), ON)
    assert code not in _ids(out)  # "more than 7%", "exceeding 2.5 kW"
    wide = classify_in(jurisdiction, _item(kind, facts, **{**below, "fractional-bandwidth": "7.5 %"}), ON)  # fmt: skip
    assert wide["controlled"] is True and code in _ids(wide)
    strong = classify_in(jurisdiction, _item(kind, facts, **{**below, "ved-peak-power": "3 kW"}), ON)  # fmt: skip
    assert strong["controlled"] is True and code in _ids(strong)
    unsaid = {OTHER_EQUIPMENT: True, BEAMS: False}
    asked = classify_in(jurisdiction, _item(kind, unsaid, **{**below, "ved-peak-power": "3 kW"}), ON)  # fmt: skip
    assert asked["controlled"] == "unknown" and VED_NOTES in asked["missing_facts"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_travelling_wave_tube_with_special_beams_both_sides(
    classify_in: Any, jurisdiction: str
) -> None:
    kind, code = "travelling-wave-vacuum-electronic-device", f"{jurisdiction}:3A001.b.1.a.5"
    facts = {VED_NOTES: True, OTHER_EQUIPMENT: True, BEAMS: True}
    band = {"frequency-min": "8 GHz", "frequency-max": "10 GHz", "ved-cathode-heater-turn-on-time": "200 s"}  # fmt: skip
    met = classify_in(jurisdiction, _item(kind, facts, **{**band, "fractional-bandwidth": "10 %"}), ON)  # fmt: skip
    assert met["controlled"] is True and code in _ids(met)  # "greater than or equal to 10%"
    narrow = classify_in(jurisdiction, _item(kind, facts, **{**band, "fractional-bandwidth": "9.9 %"}), ON)  # fmt: skip
    assert code not in _ids(narrow)
    plain = classify_in(jurisdiction, _item(kind, {**facts, BEAMS: False}, **{**band, "fractional-bandwidth": "20 %"}), ON)  # fmt: skip
    assert code not in _ids(plain)  # a single axisymmetric beam
    unsaid = {VED_NOTES: True, OTHER_EQUIPMENT: True}
    asked = classify_in(jurisdiction, _item(kind, unsaid, **{**band, "fractional-bandwidth": "20 %"}), ON)  # fmt: skip
    assert asked["controlled"] == "unknown" and BEAMS in asked["missing_facts"]


def test_tunable_filters_both_sides(classify_in: Any) -> None:
    kind = "tunable-band-pass-or-band-stop-filter"
    facts = {OTHER_EQUIPMENT: True}
    time = "tunable-filter-tuning-time-across-1-5-to-1-band"
    band_pass = {
        "tunable-filter-resonator-count": 6,
        time: "5 us",
        "tunable-filter-band-pass-bandwidth-fraction": "1 %",
        "tunable-filter-band-stop-bandwidth-fraction": "2 %",
    }
    for jurisdiction in BOTH:
        code = f"{jurisdiction}:3A001.b.5.a"
        met = classify_in(jurisdiction, _item(kind, facts, **band_pass), ON)
        assert met["controlled"] is True and code in _ids(met)
        five = classify_in(jurisdiction, _item(kind, facts, **{**band_pass, "tunable-filter-resonator-count": 5}), ON)  # fmt: skip
        assert five["controlled"] is False  # "more than 5 tunable resonators"
        narrow = {**band_pass, "tunable-filter-band-pass-bandwidth-fraction": "0.5 %"}
        assert classify_in(jurisdiction, _item(kind, facts, **narrow), ON)["controlled"] is False
        notch = {**narrow, "tunable-filter-band-stop-bandwidth-fraction": "0.4 %"}
        stop = classify_in(jurisdiction, _item(kind, facts, **notch), ON)
        assert stop["controlled"] is True and f"{jurisdiction}:3A001.b.5.b" in _ids(stop)
        unsaid = classify_in(jurisdiction, _item(kind, {}, **band_pass), ON)
        assert unsaid["controlled"] == "unknown" and OTHER_EQUIPMENT in unsaid["missing_facts"]
    # US "in less than 10 ms", EU "in less than 10 μs": a filter tuning in 5 ms
    slow = {**band_pass, time: "5 ms"}
    assert classify_in("US", _item(kind, facts, **slow), ON)["controlled"] is True
    assert classify_in("EU", _item(kind, facts, **slow), ON)["controlled"] is False
    us = classify_in("US", _item(kind, facts, **{**band_pass, time: "10 ms"}), ON)
    assert us["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_frequency_synthesizer_both_sides(classify_in: Any, jurisdiction: str) -> None:
    kind, facts = "frequency-synthesizer-electronic-assembly", {OTHER_EQUIPMENT: True}
    code = f"{jurisdiction}:3A001.b.11.a"
    fast = classify_in(jurisdiction, _item(kind, facts, **{"frequency-switching-time": "100 ps"}), ON)  # fmt: skip
    assert fast["controlled"] is True and code in _ids(fast)
    # at 143 ps b.11.a is not met; b.11.b to g are text: "unknown", never "not controlled"
    slow = classify_in(jurisdiction, _item(kind, facts, **{"frequency-switching-time": "143 ps"}), ON)  # fmt: skip
    assert code not in _ids(slow) and slow["controlled"] == "unknown"
    unsaid = classify_in(jurisdiction, _item(kind, {}, **{"frequency-switching-time": "100 ps"}), ON)  # fmt: skip
    assert unsaid["controlled"] == "unknown" and OTHER_EQUIPMENT in unsaid["missing_facts"]


def test_converters_both_sides(classify_in: Any) -> None:
    facts = {OTHER_EQUIPMENT: True}
    generator, analyser = "signal-generator-range-extender", "network-analyser-range-extender"
    us_low, us_high = "extended-output-power-within-43-5-to-90-ghz", "extended-output-power-within-90-to-110-ghz"  # fmt: skip
    eu = "extended-output-power-within-43-5-to-110-ghz"
    met = classify_in("US", _item(generator, facts, **{us_low: "101 mW"}), ON)
    assert met["controlled"] is True and "US:3A001.b.7.b.2" in _ids(met)
    at = classify_in("US", _item(generator, facts, **{us_low: "100 mW"}), ON)
    assert "US:3A001.b.7.b.2" not in _ids(at)  # "greater than 100 mW (20 dBm)"
    assert at["controlled"] == "unknown"  # b.7.b.1 "Beyond 90 GHz" is text
    vna = classify_in("US", _item(analyser, facts, **{us_low: "40 mW", us_high: "0 W"}), ON)
    assert vna["controlled"] is True and "US:3A001.b.7.c.2" in _ids(vna)
    low = classify_in("US", _item(analyser, facts, **{us_low: "31.62 mW", us_high: "1.5 mW"}), ON)
    assert _ids(low).count("US:3A001.b.7.c.3") == 1 and "US:3A001.b.7.c.2" not in _ids(low)
    eu_met = classify_in("EU", _item(analyser, facts, **{eu: "150 mW"}), ON)
    assert eu_met["controlled"] is True and "EU:3A001.b.7.c.2" in _ids(eu_met)
    eu_at = classify_in("EU", _item(analyser, facts, **{eu: "100 mW"}), ON)
    assert "EU:3A001.b.7.c.2" not in _ids(eu_at)
    unsaid = classify_in("EU", _item(generator, {}, **{eu: "150 mW"}), ON)
    assert unsaid["controlled"] == "unknown" and OTHER_EQUIPMENT in unsaid["missing_facts"]


def test_us_acoustic_wave_devices_of_1_ghz_or_less_both_sides(classify_in: Any) -> None:
    kind, code = "surface-acoustic-wave-device", "US:3A991.i.2"
    facts = {"not-controlled-by-3a001": True}
    quiet = {
        "saw-carrier-frequency": "900 MHz",
        "saw-frequency-side-lobe-rejection": "55 dB",
        "saw-delay-bandwidth-product": 100,
        "saw-dispersive-delay": "10 us",
    }
    assert classify_in("US", _item(kind, facts, **quiet), ON)["controlled"] is False
    for name, value in (
        ("saw-frequency-side-lobe-rejection", "56 dB"),
        ("saw-delay-bandwidth-product", 101),
        ("saw-dispersive-delay", "11 us"),
    ):
        met = classify_in("US", _item(kind, facts, **{**quiet, name: value}), ON)
        assert met["controlled"] is True and code in _ids(met), name
    asked = classify_in("US", _item(kind, {}, **{**quiet, "saw-dispersive-delay": "11 us"}), ON)
    assert asked["controlled"] == "unknown" and "not-controlled-by-3a001" in asked["missing_facts"]


def test_us_integrated_circuits_nes_both_sides(classify_in: Any) -> None:
    kind = "digital-processing-integrated-circuit"
    facts = {"not-controlled-by-3a001": True, "not-elsewhere-specified-in-the-ccl": True}
    rate = "ic-aggregate-transfer-rate-to-ics-other-than-volatile-memories"
    quiet = {"ic-processing-performance-tops": "7.9 TOPS", rate: "149 GB/s"}
    below = classify_in("US", _item(kind, facts, **quiet), ON)
    assert "US:3A991.p.1" not in _ids(below) and "US:3A991.p.2" not in _ids(below)
    tops = classify_in("US", _item(kind, facts, **{**quiet, "ic-processing-performance-tops": 8}), ON)  # fmt: skip
    assert tops["controlled"] is True and "US:3A991.p.1" in _ids(tops)  # "8 TOPS or more"
    fast = classify_in("US", _item(kind, facts, **{**quiet, rate: "150 GB/s"}), ON)
    assert fast["controlled"] is True and "US:3A991.p.2" in _ids(fast)
    asked = classify_in("US", _item(kind, {"not-controlled-by-3a001": True}, **{**quiet, rate: "200 GB/s"}), ON)  # fmt: skip
    assert asked["controlled"] == "unknown"
    assert "not-elsewhere-specified-in-the-ccl" in asked["missing_facts"]
    assert classify_in("EU", _item(kind, facts, **{**quiet, rate: "200 GB/s"}), ON)["entries"] == []


def test_us_microprocessors_by_gflops_both_sides(classify_in: Any) -> None:
    kind, code = "microprocessor-microcircuit", "US:3A991.a.1"
    facts = {"not-controlled-by-3a001": True}
    met = {"microprocessor-performance-speed": "5 GFLOPS", "alu-access-width": "32 bit"}
    answer = classify_in("US", _item(kind, facts, **met), ON)
    assert answer["controlled"] is True and code in _ids(answer)
    mflops = classify_in("US", _item(kind, facts, **{**met, "microprocessor-performance-speed": "4999 MFLOPS"}), ON)  # fmt: skip
    assert code not in _ids(mflops)
    narrow = classify_in("US", _item(kind, facts, **{**met, "alu-access-width": "16 bit"}), ON)
    assert code not in _ids(narrow)
    asked = classify_in("US", _item(kind, {}, **met), ON)
    assert asked["controlled"] == "unknown" and "not-controlled-by-3a001" in asked["missing_facts"]


def test_us_digital_oscilloscopes_both_sides(classify_in: Any) -> None:
    kind, code = "digital-oscilloscope-or-transient-recorder", "US:3A992.g"
    facts = {"not-controlled-by-3a002": True}
    met = {
        "transient-sampling-interval": "0.5 ns",
        "transient-digitizing-resolution": "8 bit",
        "transient-stored-sample-count": 256,
    }
    answer = classify_in("US", _item(kind, facts, **met), ON)
    assert answer["controlled"] is True and _ids(answer) == [code]
    for name, value in (
        ("transient-sampling-interval", "1 ns"),
        ("transient-digitizing-resolution", "7 bit"),
        ("transient-stored-sample-count", 255),
    ):
        outside = classify_in("US", _item(kind, facts, **{**met, name: value}), ON)
        assert outside["controlled"] is False, name
    asked = classify_in("US", _item(kind, {}, **met), ON)
    assert asked["controlled"] == "unknown" and "not-controlled-by-3a002" in asked["missing_facts"]


def test_us_coupled_cavity_tubes_below_3a001_are_3a991_g_1(classify_in: Any) -> None:
    kind = "coupled-cavity-travelling-wave-vacuum-electronic-device"
    facts = {VED_NOTES: True, OTHER_EQUIPMENT: True, BEAMS: False}
    quiet = {
        "frequency-min": "8 GHz",
        "frequency-max": "10 GHz",
        "ved-cathode-heater-turn-on-time": "200 s",
        "fractional-bandwidth": "5 %",
        "ved-peak-power": "1 kW",
    }
    below = classify_in("US", _item(kind, {**facts, "not-controlled-by-3a001": True}, **quiet), ON)
    assert below["controlled"] is True and _ids(below) == ["US:3A991.g.1"]
    asked = classify_in("US", _item(kind, facts, **quiet), ON)
    assert asked["controlled"] == "unknown" and "not-controlled-by-3a001" in asked["missing_facts"]
    assert classify_in("EU", _item(kind, facts, **quiet), ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_transmit_receive_modules_by_their_band(classify_in: Any, jurisdiction: str) -> None:
    kind, code = "transmit-receive-module-or-mmic", f"{jurisdiction}:3A001.b.12"
    low = classify_in(jurisdiction, _item(kind, {}, **{"frequency-min": "1 GHz", "frequency-max": "2.7 GHz"}), ON)  # fmt: skip
    assert low["controlled"] is False  # "above 2.7 GHz"
    x_band = classify_in(jurisdiction, _item(kind, {}, **{"frequency-min": "8 GHz", "frequency-max": "12 GHz"}), ON)  # fmt: skip
    assert x_band["controlled"] == "unknown"
    assert code in {e["id"] for e in x_band.get("possible_entries", [])}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_microwave_power_modules_both_sides(classify_in: Any, jurisdiction: str) -> None:
    kind, code = "microwave-power-module", f"{jurisdiction}:3A001.b.9"
    volume = "mpm-volume-less-than-10-cm3-per-rated-watt"
    facts = {volume: True, OTHER_EQUIPMENT: True}
    ku = {
        "frequency-min": "6 GHz",
        "frequency-max": "18 GHz",
        "instantaneous-bandwidth-octaves": "1.58",
        "mpm-turn-on-time": "8 s",
        "mpm-rf-output-power": "150 W",
    }
    met = classify_in(jurisdiction, _item(kind, facts, **ku), ON)
    assert met["controlled"] is True and code in _ids(met)
    weak = classify_in(jurisdiction, _item(kind, facts, **{**ku, "mpm-rf-output-power": "100 W"}), ON)  # fmt: skip
    assert weak["controlled"] is False  # up to 18 GHz: "greater than 100 W"
    high = {**ku, "frequency-max": "18.5 GHz", "mpm-rf-output-power": "50 W"}
    assert classify_in(jurisdiction, _item(kind, facts, **high), ON)["controlled"] is True
    octave = classify_in(jurisdiction, _item(kind, facts, **{**ku, "instantaneous-bandwidth-octaves": 1}), ON)  # fmt: skip
    assert octave["controlled"] is False  # "greater than 1 octave"
    slow = classify_in(jurisdiction, _item(kind, facts, **{**ku, "mpm-turn-on-time": "10 s"}), ON)
    assert slow["controlled"] is False
    bulky = classify_in(jurisdiction, _item(kind, {**facts, volume: False}, **ku), ON)
    assert bulky["controlled"] is False
    unsaid = classify_in(jurisdiction, _item(kind, {OTHER_EQUIPMENT: True}, **ku), ON)
    assert unsaid["controlled"] == "unknown" and volume in unsaid["missing_facts"]


def test_us_frequency_changer_is_unknown_never_false(classify_in: Any) -> None:
    facts = {"not-elsewhere-specified-in-the-ccl": True}
    item = _item(
        "frequency-changer", facts, **{"frequency-min": "50 Hz", "frequency-max": "400 Hz"}
    )
    answer = classify_in("US", item, ON)
    assert answer["controlled"] == "unknown"
    assert "US:3A999.a" in {e["id"] for e in answer.get("possible_entries", [])}
