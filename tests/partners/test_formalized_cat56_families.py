"""Classification by further Category 5 and 6 families formalized from the whole lists
(families.csv, rules.csv; tests/lists/test_formalize_cat56_families.py reads their values):
laser 'stacked arrays', MLDs, laser acoustic detection, space-qualified detectors, optical
components, aspheric elements, wavefront sensors, gradiometers, photomultipliers, LIDAR, sonars,
hydrophones, towed arrays, vector sensors, the US 6A995 lasers, underwater optical networks, radio
receivers and US laser telecommunication equipment — items on both sides of each threshold, in
both lists (US only where the entry is)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.both_sides import item as _item
from tests.partners.expected import not_controlled_but_us_5a991

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
DIODE_FACT = "semiconductor-laser-not-specially-designed-for-other-equipment"


def _ids(result: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in result["entries"]]


def _possible(result: dict[str, Any]) -> set[str]:
    return {entry["id"] for entry in result.get("possible_entries", [])}


def _by_us_6a995_b2(result: dict[str, Any]) -> bool:
    """Controlled in the US by 6A995.b.2 only (arrays of semiconductor lasers of a wavelength
    exceeding 1,050 nm: 6A995 does not leave out what 6A005 does not decide)."""
    return result["controlled"] is True and all(i.startswith("US:6A995.b") for i in _ids(result))


def _stack(nm: float, **parameters: Any) -> dict[str, Any]:
    return {
        "kind": "semiconductor-laser-stacked-array",
        "parameters": {"laser-output-wavelength": {"value": nm, "unit": "nm"}, **parameters},
        "facts": {DIODE_FACT: True},
    }


POWER, DENSITY = "laser-average-or-cw-output-power", "laser-average-or-cw-output-power-density"
COHERENT = "laser-spatially-coherent-average-or-cw-output-power"
QUIET = {"laser-peak-pulsed-power-density": "10 W/cm**2", COHERENT: "1 W"}
"""Below the other thresholds of the stacked-array bands."""


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_stacked_arrays_at_or_above_1900_nm(classify_in: Any, jurisdiction: str) -> None:
    # 6A005.d.1.d.3: "Wavelength greater than or equal to 1,900 nm and having any of the
    # following: a. Average or CW output 'power density' greater than 50 W/cm^2; b. Average or
    # CW output power greater than 10 W; or c. Spatially coherent … exceeding 1.5 W"
    code = f"{jurisdiction}:6A005.d.1.d.3"
    low = {POWER: "10 W", DENSITY: "50 W/cm**2"}
    met = classify_in(jurisdiction, _stack(1900, **{**QUIET, **low, POWER: "11 W"}), ON)
    assert met["controlled"] is True and _ids(met)[0] == code
    dense = {**QUIET, **low, DENSITY: "51 W/cm**2"}
    assert _ids(classify_in(jurisdiction, _stack(2000, **dense), ON))[0] == code
    coherent = {**QUIET, **low, COHERENT: "1.6 W"}
    assert _ids(classify_in(jurisdiction, _stack(2000, **coherent), ON))[0] == code
    # at every limit: not 6A005.d.1.d.3; 6A005.d.1.d.4 (an array holding a 'bar' of
    # 6A005.d.1.c) stays text: unknown, never false
    at = classify_in(jurisdiction, _stack(2000, **{**QUIET, **low, COHERENT: "1.5 W"}), ON)
    if jurisdiction == "US":  # US 6A995.b.2 controls it; 6A005.d.1.d.3 does not
        assert _by_us_6a995_b2(at)
    else:
        assert at["controlled"] == "unknown"
        assert code not in _possible(at) and f"{jurisdiction}:6A005.d.1.d.4" in _possible(at)
    # 1,899 nm is below the band
    below = classify_in(jurisdiction, _stack(1899, **{**QUIET, **low, POWER: "11 W"}), ON)
    assert code not in _possible(below) and code not in _ids(below)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_stacked_array_bands_under_the_monolithic_device_notes(
    classify_in: Any, jurisdiction: str
) -> None:
    # 6A005.d.1.d.2.b: "Average or CW total output power equal to or exceeding 250 W but less
    # than or equal to 500 W, and having average or CW output 'power density' greater than
    # 50W/cm^2"; the Note to 6A005.d.1.d.2.d (epitaxially-fabricated monolithic devices) keeps
    # the band's answer "unknown" when met — never "controlled" on criteria a note may override
    code = f"{jurisdiction}:6A005.d.1.d.2"
    band = {**QUIET, POWER: "300 W"}
    met = classify_in(jurisdiction, _stack(1500, **band, **{DENSITY: "60 W/cm**2"}), ON)
    if jurisdiction == "US":  # US 6A995.b.2 controls it; 6A005.d.1.d.2 is not taken as met
        assert _by_us_6a995_b2(met)
    else:
        assert met["controlled"] == "unknown" and code in _possible(met)
    at = classify_in(jurisdiction, _stack(1500, **band, **{DENSITY: "50 W/cm**2"}), ON)
    assert code not in _possible(at)
    # 6A005.d.1.d.1.c: "Average or CW total output power exceeding 5 kW" below 1,400 nm
    high = {**QUIET, POWER: "6 kW", DENSITY: "10 W/cm**2"}
    assert f"{jurisdiction}:6A005.d.1.d.1" in _possible(
        classify_in(jurisdiction, _stack(808, **high), ON)
    )
    five = {**high, POWER: "5 kW"}
    assert f"{jurisdiction}:6A005.d.1.d.1" not in _possible(
        classify_in(jurisdiction, _stack(808, **five), ON)
    )


def _detector(
    kind: str = "solid-state-optical-detector", space: bool | None = True, **parameters: Any
) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": kind, "parameters": parameters}
    if space is not None:
        item["facts"] = {"space-qualified": space}
    return item


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_solid_state_detectors(classify_in: Any, jurisdiction: str) -> None:
    peak = "detector-peak-response-wavelength"
    # 6A002.a.1.c: "having a peak response in the wavelength range exceeding 1,200 nm but not
    # exceeding 30,000 nm"; a focal plane array is a solid-state detector (Note to 6A002.a.1)
    for kind in ("solid-state-optical-detector", "focal-plane-array"):
        met = classify_in(jurisdiction, _detector(kind, **{peak: "1550 nm"}), ON)
        assert met["controlled"] is True and _ids(met)[0] == f"{jurisdiction}:6A002.a.1.c"
    # not space-qualified: not 6A002.a.1; it may be a focal plane array of 6A002.a.3 (formalized
    # since: before, "false"), so the kind is asked
    ground = classify_in(jurisdiction, _detector(space=False, **{peak: "1550 nm"}), ON)
    assert ground["controlled"] == "unknown" and "kind" in ground["missing_facts"]
    assert f"{jurisdiction}:6A002.a.3.c" in _possible(ground)
    assert not [code for code in _possible(ground) if "6A002.a.1" in code]
    asked = classify_in(jurisdiction, _detector(space=None, **{peak: "1550 nm"}), ON)
    assert asked["controlled"] == "unknown" and "space-qualified" in asked["missing_facts"]
    # 6A002.a.1.b: peak response exceeding 900 nm but not exceeding 1,200 nm and a response
    # "time constant" of 95 ns or less
    fast = classify_in(
        jurisdiction, _detector(**{peak: "1200 nm", "detector-response-time-constant": "95 ns"}), ON
    )
    assert _ids(fast)[0] == f"{jurisdiction}:6A002.a.1.b"
    slow = classify_in(
        jurisdiction, _detector(**{peak: "1200 nm", "detector-response-time-constant": "96 ns"}), ON
    )
    # not controlled: 6A002.a.1.d (read since; before, text: "unknown") peaks from 300 to 900 nm
    assert slow["controlled"] is False
    # 6A002.a.1.a: peak response exceeding 10 nm but not exceeding 300 nm and a response of
    # less than 0.1% relative to the peak at a wavelength exceeding 400 nm
    relative = "detector-response-above-400nm-relative-to-peak"
    uv = classify_in(jurisdiction, _detector(**{peak: "250 nm", relative: 0.05}), ON)
    assert _ids(uv)[0] == f"{jurisdiction}:6A002.a.1.a"
    leaky = classify_in(jurisdiction, _detector(**{peak: "250 nm", relative: 0.1}), ON)
    # not controlled (before, "unknown": 6A002.a.1.d, read since, peaks from 300 to 900 nm)
    assert leaky["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_fibre_laser_mlds(classify_in: Any, jurisdiction: str) -> None:
    # 6A005.e.3.c: "Designed for spectral or coherent beam combination of 5 or more fiber
    # lasers; and CW Laser Induced Damage Threshold (LIDT) greater than or equal to 10 kW/cm^2"
    lidt = "cw-laser-induced-damage-threshold"
    mld = "multi-layer-dielectric-grating"
    met = classify_in(
        jurisdiction, _item(mld, **{"mld-combined-fibre-laser-count": 5, lidt: "10 kW/cm**2"}), ON
    )
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A005.e.3.c"]
    fewer = _item(mld, **{"mld-combined-fibre-laser-count": 4, lidt: "20 kW/cm**2"})
    assert classify_in(jurisdiction, fewer, ON)["controlled"] is False
    weaker = _item(mld, **{"mld-combined-fibre-laser-count": 8, lidt: "9999 W/cm**2"})
    assert classify_in(jurisdiction, weaker, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_aspheric_optical_elements_under_their_note(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.e: aperture greater than 400 mm, roughness less than 1 nm (rms), |CTE| less than
    # 3 × 10^−6/K at 25 °C; the Note to 6A004.e takes some elements out: its fact is asked
    fact = "aspheric-element-not-excluded-by-note-to-6a004e"
    figures = {
        "aspheric-largest-optical-aperture-dimension": "500 mm",
        "optical-surface-roughness-rms": "0.5 nm",
        "aspheric-thermal-expansion-coefficient-magnitude-25c": {"value": 2.9e-6, "unit": "K**-1"},
    }
    kind = "aspheric-optical-element"
    met = classify_in(jurisdiction, _item(kind, {fact: True}, **figures), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A004.e"]
    asked = classify_in(jurisdiction, _item(kind, None, **figures), ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
    assert (
        classify_in(jurisdiction, _item(kind, {fact: False}, **figures), ON)["controlled"] is False
    )
    for name, at in (
        ("aspheric-largest-optical-aperture-dimension", "400 mm"),
        ("optical-surface-roughness-rms", "1 nm"),
        ("aspheric-thermal-expansion-coefficient-magnitude-25c", {"value": 3e-6, "unit": "K**-1"}),
    ):
        result = classify_in(jurisdiction, _item(kind, {fact: True}, **{**figures, name: at}), ON)
        assert result["controlled"] is False, name


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_dynamic_wavefront_measuring_equipment(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.f: "'Frame rates' equal to or more than 1 kHz" and a wavefront accuracy of λ/20 or
    # better (the required fact)
    kind, fact = (
        "dynamic-wavefront-measuring-equipment",
        "wavefront-accuracy-lambda-over-20-or-better",
    )
    fast = classify_in(
        jurisdiction, _item(kind, {fact: True}, **{"wavefront-sensor-frame-rate": "1 kHz"}), ON
    )
    assert _ids(fast) == [f"{jurisdiction}:6A004.f"]
    slow = _item(kind, {fact: True}, **{"wavefront-sensor-frame-rate": "999 Hz"})
    assert classify_in(jurisdiction, slow, ON)["controlled"] is False
    coarse = _item(kind, {fact: False}, **{"wavefront-sensor-frame-rate": "2 kHz"})
    assert classify_in(jurisdiction, coarse, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_laser_acoustic_detection_equipment(classify_in: Any, jurisdiction: str) -> None:
    kind = "laser-acoustic-detection-equipment"
    facts = {"optical-signal-to-noise-ratio-1000-or-more": True}
    figures: dict[str, Any] = {
        "laser-cw-output-power": "20 mW",
        "laser-output-wavelength": "1550 nm",
        # 6A005.g.2, g.4: US "equal to or better (less) than 10 MHz", "better (less) than
        # 1 nm"; EU "equal to or less (better) than", "less (better) than"
        "laser-frequency-stability": "10 MHz",
        "optical-system-resolution": "0.9 nm",
    }
    met = classify_in(jurisdiction, _item(kind, facts, **figures), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A005.g"]
    weak = _item(kind, facts, **{**figures, "laser-cw-output-power": "19 mW"})
    assert classify_in(jurisdiction, weak, ON)["controlled"] is False
    long = _item(kind, facts, **{**figures, "laser-output-wavelength": "2001 nm"})
    assert classify_in(jurisdiction, long, ON)["controlled"] is False
    noisy = _item(kind, {**facts, "optical-signal-to-noise-ratio-1000-or-more": False}, **figures)
    assert classify_in(jurisdiction, noisy, ON)["controlled"] is False
    drifting = _item(kind, facts, **{**figures, "laser-frequency-stability": "10.1 MHz"})
    assert classify_in(jurisdiction, drifting, ON)["controlled"] is False
    blurred = _item(kind, facts, **{**figures, "optical-system-resolution": "1 nm"})
    assert classify_in(jurisdiction, blurred, ON)["controlled"] is False
    unstated = {k: v for k, v in figures.items() if k != "optical-system-resolution"}
    open_answer = classify_in(jurisdiction, _item(kind, facts, **unstated), ON)
    assert open_answer["controlled"] == "unknown"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_surface_vessel_seabed_survey_equipment(classify_in: Any, jurisdiction: str) -> None:
    # 6A001.a.1.a.1: angle exceeding 20° from the vertical, seabed depths exceeding 600 m,
    # 'sounding resolution' less than 2, and the depth accuracy 'enhancement' (a fact)
    kind = "surface-vessel-seabed-survey-equipment"
    facts = {"depth-accuracy-enhanced-for-sensor-motion-propagation-and-sound-speed": True}
    figures = {
        "survey-measurement-angle-from-vertical": "70 degree",
        "survey-seabed-depth": "700 m",
        "survey-sounding-resolution": 0.5,
    }
    met = classify_in(jurisdiction, _item(kind, facts, **figures), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A001.a.1.a.1"]
    for name, at in (
        ("survey-measurement-angle-from-vertical", "20 degree"),
        ("survey-seabed-depth", "600 m"),
        ("survey-sounding-resolution", 2),
    ):
        assert (
            classify_in(jurisdiction, _item(kind, facts, **{**figures, name: at}), ON)["controlled"]
            is False
        ), name


def test_us_co2_and_ruby_lasers_of_6a995(classify_in: Any) -> None:
    # 6A995.a.1 "A CW output power exceeding 10 kW" (6A005.d.3.a: "exceeding 15 kW")
    co2 = classify_in("US", _item("co2-laser", **{"laser-cw-output-power": "12 kW"}), ON)
    assert "US:6A995.a.1" in _ids(co2) and "US:6A005.d.3.a" not in _ids(co2)
    at = classify_in("US", _item("co2-laser", **{"laser-cw-output-power": "10 kW"}), ON)
    assert "US:6A995.a.1" not in _ids(at) + list(_possible(at))
    # 6A995.a.2 "A pulsed output with a "pulse duration" exceeding 10 microseconds; and" any of
    # "An average output power exceeding 10 kW" or "A pulsed "peak power" exceeding 100 kW"
    long_pulse = {"laser-cw-output-power": "0 W", "laser-pulse-duration": "20 us"}
    for more, met in (
        ({"laser-average-output-power": "11 kW", "laser-peak-power": "50 kW"}, True),
        ({"laser-average-output-power": "9 kW", "laser-peak-power": "0.11 MW"}, True),
        ({"laser-average-output-power": "10 kW", "laser-peak-power": "100 kW"}, False),
    ):
        answer = classify_in("US", _item("co2-laser", **long_pulse, **more), ON)
        assert ("US:6A995.a.2" in _ids(answer)) is met, more
        assert met or "US:6A995.a.2" not in _possible(answer)  # never "unknown"
    # the same figures with a 10 µs pulse: 6A995.a.3 (5 J and 2.5 kW peak, or 2.5 kW average)
    short = {"laser-cw-output-power": "0 W", "laser-pulse-duration": "10 us"}
    energetic = {"laser-pulse-energy": "6 J", "laser-peak-power": "3 kW"}
    answer = classify_in("US", _item("co2-laser", **short, **energetic), ON)
    assert "US:6A995.a.3" in _ids(answer) and "US:6A995.a.2" not in _ids(answer)
    weak = {"laser-pulse-energy": "6 J", "laser-peak-power": "2.5 kW"}
    for average, met in (("2.5 kW", False), ("2.6 kW", True)):
        figures = {**short, **weak, "laser-average-output-power": average}
        answer = classify_in("US", _item("co2-laser", **figures), ON)
        assert ("US:6A995.a.3" in _ids(answer)) is met, average
    # 6A995.c "Ruby lasers having an output energy exceeding 20 J per pulse"
    ruby = classify_in("US", _item("ruby-laser", **{"laser-pulse-energy": "25 J"}), ON)
    assert "US:6A995.c" in _ids(ruby)
    low = classify_in("US", _item("ruby-laser", **{"laser-pulse-energy": "20 J"}), ON)
    assert "US:6A995.c" not in _ids(low) + list(_possible(low))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_intrinsic_magnetic_gradiometers(classify_in: Any, jurisdiction: str) -> None:
    # 6A006.c.2: fibre optic, 'sensitivity' lower (better) than 0.3 nT/m (rms) per square root
    # Hz; 6A006.c.3: other than fibre-optic technology, lower (better) than 0.015
    eu = {"not-for-fishery-or-biomagnetic-medical-diagnostics": True}
    fibre, sensitivity = (
        "fibre-optic-intrinsic-magnetic-gradiometer",
        "magnetic-gradiometer-sensitivity",
    )
    met = classify_in(jurisdiction, _item(fibre, eu, **{sensitivity: "0.29 nT/m/Hz**0.5"}), ON)
    assert _ids(met) == [f"{jurisdiction}:6A006.c.2"]
    at = classify_in(jurisdiction, _item(fibre, eu, **{sensitivity: "300 pT/m/Hz**0.5"}), ON)
    assert at["controlled"] is False
    other = "non-fibre-optic-intrinsic-magnetic-gradiometer"
    facts = {**eu, "intrinsic-magnetic-gradiometer-not-fibre-optic": True}
    squid = classify_in(jurisdiction, _item(other, facts, **{sensitivity: "0.01 nT/m/Hz**0.5"}), ON)
    assert _ids(squid) == [f"{jurisdiction}:6A006.c.3"]
    coarse = _item(other, facts, **{sensitivity: "0.015 nT/m/Hz**0.5"})
    assert classify_in(jurisdiction, coarse, ON)["controlled"] is False
    # of the broader kind, the kind is asked (6A006.c.2 names fibre optic ones)
    broad = _item("intrinsic-magnetic-gradiometer", facts, **{sensitivity: "0.02 nT/m/Hz**0.5"})
    asked = classify_in(jurisdiction, broad, ON)
    assert asked["controlled"] == "unknown" and "kind" in asked["missing_facts"]
    # a fibre optic one is not 6A006.c.3 (its kind is excluded), whatever its sensitivity
    fine = classify_in(jurisdiction, _item(fibre, eu, **{sensitivity: "0.35 nT/m/Hz**0.5"}), ON)
    assert fine["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_photomultiplier_tubes(classify_in: Any, jurisdiction: str) -> None:
    # 6A202: "Photocathode area of greater than 20 cm^2" and "Anode pulse rise time of less
    # than 1 ns" (both)
    area, rise = "photomultiplier-photocathode-area", "photomultiplier-anode-pulse-rise-time"
    met = classify_in(
        jurisdiction, _item("photomultiplier-tube", **{area: "21 cm**2", rise: "0.9 ns"}), ON
    )
    assert _ids(met) == [f"{jurisdiction}:6A202"]
    small = _item("photomultiplier-tube", **{area: "20 cm**2", rise: "0.5 ns"})
    assert classify_in(jurisdiction, small, ON)["controlled"] is False
    slow = _item("photomultiplier-tube", **{area: "50 cm**2", rise: "1 ns"})
    assert classify_in(jurisdiction, slow, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_digitally_controlled_radio_receivers(classify_in: Any, jurisdiction: str) -> None:
    # 5A001.b.5: more than 1,000 channels, 'channel switching time' of less than 1 ms, automatic
    # searching or scanning, identification of signals or transmitters (all), and the Note
    # (not specially designed for civil cellular systems)
    facts = {
        "radio-receiver-more-than-1000-channels": True,
        "radio-receiver-automatic-spectrum-search-or-scan": True,
        "radio-receiver-identifies-signals-or-transmitter-type": True,
        "radio-equipment-not-specially-designed-for-civil-cellular": True,
    }
    kind, time = "digitally-controlled-radio-receiver", "radio-receiver-channel-switching-time"
    met = classify_in(jurisdiction, _item(kind, facts, **{time: "0.5 ms"}), ON)
    assert _ids(met) == [f"{jurisdiction}:5A001.b.5"]
    slow = classify_in(jurisdiction, _item(kind, facts, **{time: "1 ms"}), ON)
    assert not_controlled_but_us_5a991(slow, jurisdiction)
    cellular = {**facts, "radio-equipment-not-specially-designed-for-civil-cellular": False}
    civil = classify_in(jurisdiction, _item(kind, cellular, **{time: "0.5 ms"}), ON)
    assert not_controlled_but_us_5a991(civil, jurisdiction)
    few = {**facts, "radio-receiver-more-than-1000-channels": False}
    assert not_controlled_but_us_5a991(
        classify_in(jurisdiction, _item(kind, few, **{time: "0.5 ms"}), ON), jurisdiction
    )


def test_us_laser_telecommunication_transmission_equipment(classify_in: Any) -> None:
    # 5A991.b.5.a "A transmission wavelength exceeding 1,000 nm"; .c-.e (no threshold) stay text
    kind, facts = (
        "laser-telecommunication-transmission-equipment",
        {"not-controlled-by-5a001": True},
    )
    figures = {
        "laser-transmission-wavelength": "1310 nm",
        "analog-transmission-bandwidth": "10 MHz",
    }
    met = classify_in("US", _item(kind, facts, **figures), ON)
    assert met["controlled"] is True and _ids(met)[0] == "US:5A991.b.5.a"
    short = classify_in(
        "US", _item(kind, facts, **{**figures, "laser-transmission-wavelength": "1000 nm"}), ON
    )
    assert short["controlled"] == "unknown"
    assert {e["id"] for e in short["possible_entries"]} == {f"US:5A991.b.5.{x}" for x in "cde"}
    # 5A991.b.5.b "analog techniques … bandwidth exceeding 45 MHz"; its Note ("does not control
    # commercial TV systems") is the fact asked
    analog = {
        **figures,
        "laser-transmission-wavelength": "850 nm",
        "analog-transmission-bandwidth": "50 MHz",
    }
    wide = classify_in("US", _item(kind, facts, **analog), ON)
    assert "US:5A991.b.5.b" in _possible(wide)
    assert "not-a-commercial-tv-system" in wide["missing_facts"]
    tv = classify_in(
        "US", _item(kind, {**facts, "not-a-commercial-tv-system": False}, **analog), ON
    )
    assert "US:5A991.b.5.b" not in _possible(tv) and "US:5A991.b.5.b" not in _ids(tv)
    other = {**facts, "not-a-commercial-tv-system": True}
    assert "US:5A991.b.5.b" in _ids(classify_in("US", _item(kind, other, **analog), ON))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_object_detection_sonars(classify_in: Any, jurisdiction: str) -> None:
    # 6A001.a.1.b.4: beams of less than 1° on any axis and operating frequency of less than 100
    # kHz; .b.5: unambiguous display range exceeding 5,120 m; .b.1-.b.3, .b.6 stay text
    kind, fact = (
        "object-detection-sonar",
        {"acoustic-equipment-not-excluded-by-note-to-6a001a1": True},
    )
    narrow = {
        "sonar-beam-width": "0.5 degree",
        "sonar-operating-frequency": "50 kHz",
        "sonar-unambiguous-display-range": "1000 m",
    }
    met = classify_in(jurisdiction, _item(kind, fact, **narrow), ON)
    assert met["controlled"] is True and f"{jurisdiction}:6A001.a.1.b.4" in _ids(met)
    wide = classify_in(
        jurisdiction, _item(kind, fact, **{**narrow, "sonar-beam-width": "1 degree"}), ON
    )
    assert wide["controlled"] == "unknown"  # the text-only paragraphs
    assert f"{jurisdiction}:6A001.a.1.b.4" not in _ids(wide) + list(_possible(wide))
    far = classify_in(
        jurisdiction,
        _item(
            kind,
            fact,
            **{
                **narrow,
                "sonar-beam-width": "2 degree",
                "sonar-unambiguous-display-range": "5121 m",
            },
        ),
        ON,
    )
    assert f"{jurisdiction}:6A001.a.1.b.5" in _ids(far)
    asked = classify_in(jurisdiction, _item(kind, None, **narrow), ON)
    assert asked["controlled"] == "unknown"
    assert "acoustic-equipment-not-excluded-by-note-to-6a001a1" in asked["missing_facts"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_hydrophones_and_towed_arrays(classify_in: Any, jurisdiction: str) -> None:
    # 6A001.a.2.a.5 "Designed to operate at depths exceeding 35 m with acceleration compensation"
    fact = {"hydrophone-not-specially-designed-for-other-equipment": True}
    deep = classify_in(
        jurisdiction,
        _item(
            "hydrophone", fact, **{"hydrophone-acceleration-compensated-operating-depth": "36 m"}
        ),
        ON,
    )
    assert f"{jurisdiction}:6A001.a.2.a.5" in _ids(deep) and deep["controlled"] is True
    shallow = classify_in(
        jurisdiction,
        _item(
            "hydrophone", fact, **{"hydrophone-acceleration-compensated-operating-depth": "35 m"}
        ),
        ON,
    )
    assert f"{jurisdiction}:6A001.a.2.a.5" not in _ids(shallow) + list(_possible(shallow))
    # handed over when specially designed for other equipment: not decided here
    other = classify_in(
        jurisdiction,
        _item(
            "hydrophone",
            {"hydrophone-not-specially-designed-for-other-equipment": False},
            **{"hydrophone-acceleration-compensated-operating-depth": "36 m"},
        ),
        ON,
    )
    assert f"{jurisdiction}:6A001.a.2.a.5" not in _ids(other)
    # 6A001.a.2.b.5 "An assembled array of less than 40 mm in diameter"
    array = "towed-acoustic-hydrophone-array"
    thin = classify_in(
        jurisdiction,
        _item(array, **{"towed-array-diameter": "39 mm", "towed-array-operating-depth": "30 m"}),
        ON,
    )
    assert f"{jurisdiction}:6A001.a.2.b.5" in _ids(thin)
    thick = classify_in(
        jurisdiction,
        _item(array, **{"towed-array-diameter": "40 mm", "towed-array-operating-depth": "30 m"}),
        ON,
    )
    assert {f"{jurisdiction}:6A001.a.2.b.{n}" for n in (2, 5)}.isdisjoint(
        _ids(thick) + list(_possible(thick))
    )
    assert f"{jurisdiction}:6A001.a.2.b.6" not in _possible(thick)  # "[Reserved]" is no entry


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_optical_components(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.c.1: lightweighted to less than 20% 'equivalent density' of a solid blank
    share = "optical-component-lightweighted-equivalent-density"
    kind, space = "optical-system-component", {"space-qualified": True}
    light = classify_in(jurisdiction, _item(kind, space, **{share: 15}), ON)
    assert light["controlled"] is True and f"{jurisdiction}:6A004.c.1" in _ids(light)
    heavy = classify_in(jurisdiction, _item(kind, space, **{share: 20}), ON)
    assert f"{jurisdiction}:6A004.c.1" not in _ids(heavy) + list(_possible(heavy))
    ground = classify_in(jurisdiction, _item(kind, {"space-qualified": False}, **{share: 15}), ON)
    assert ground["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_underwater_optical_local_area_networks(classify_in: Any, jurisdiction: str) -> None:
    # 5A001.b.1.d: lasers or LEDs with an output wavelength greater than 400 nm and less than
    # 700 nm in a 'local area network'; .b.1.a-.c stay text
    kind, wavelength = (
        "underwater-untethered-communication-system",
        "underwater-optical-lan-output-wavelength",
    )
    blue = classify_in(jurisdiction, _item(kind, **{wavelength: "450 nm"}), ON)
    assert blue["controlled"] is True and f"{jurisdiction}:5A001.b.1.d" in _ids(blue)
    for edge in ("400 nm", "700 nm"):
        at = classify_in(jurisdiction, _item(kind, **{wavelength: edge}), ON)
        assert f"{jurisdiction}:5A001.b.1.d" not in _ids(at) + list(_possible(at))
        assert at["controlled"] == "unknown"  # 5A001.b.1.a-.c: text


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_vector_sensors(classify_in: Any, jurisdiction: str) -> None:
    # 6A001.a.2.g: three accelerometers on three axes, acceleration sensitivity better than 48 dB,
    # depths greater than 35 meters and operating frequency below 20 kHz (all)
    facts = {
        "hydro-acoustic-sensor-three-accelerometers-on-three-axes": True,
        "hydro-acoustic-sensor-operating-frequency-below-20-khz": True,
    }
    figures: dict[str, Any] = {"hydro-acoustic-sensor-operating-depth": "36 m"}
    if jurisdiction == "US":
        facts["hydro-acoustic-sensor-acceleration-sensitivity-better-than-48-db"] = True
    else:
        figures["hydro-acoustic-sensor-acceleration-sensitivity"] = "50 dB"
    kind = "accelerometer-based-hydro-acoustic-sensor"
    met = classify_in(jurisdiction, _item(kind, facts, **figures), ON)
    assert _ids(met) == [f"{jurisdiction}:6A001.a.2.g"]
    shallow = _item(kind, facts, **{**figures, "hydro-acoustic-sensor-operating-depth": "35 m"})
    assert classify_in(jurisdiction, shallow, ON)["controlled"] is False
    if jurisdiction == "EU":
        dull = _item(
            kind, facts, **{**figures, "hydro-acoustic-sensor-acceleration-sensitivity": "48 dB"}
        )
        assert classify_in(jurisdiction, dull, ON)["controlled"] is False
    assert classify_in(jurisdiction, _item("geophone", facts, **figures), ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_coherent_lidar(classify_in: Any, jurisdiction: str) -> None:
    # 6A008.j.2: coherent heterodyne or homodyne detection and an angular resolution of less
    # (better) than 20 µrad; Notes: the Note to 6A008, meteorological and surveying LIDAR
    facts = {
        "radar-not-excluded-by-note-to-6a008": True,
        "lidar-not-specially-designed-for-meteorological-observation": True,
        "lidar-not-specially-designed-for-surveying": True,
    }
    resolution = "coherent-lidar-angular-resolution"
    fine = classify_in(jurisdiction, _item("lidar", facts, **{resolution: "15 microradian"}), ON)
    assert fine["controlled"] is True and f"{jurisdiction}:6A008.j.2" in _ids(fine)
    coarse = classify_in(jurisdiction, _item("lidar", facts, **{resolution: "20 microradian"}), ON)
    assert f"{jurisdiction}:6A008.j.2" not in _ids(coarse) + list(_possible(coarse))
    weather = {
        **facts,
        "lidar-not-specially-designed-for-meteorological-observation": False,
        "space-qualified": False,  # (US 6A998.b: space-qualified meteorological LIDAR)
    }
    assert (
        classify_in(jurisdiction, _item("lidar", weather, **{resolution: "15 microradian"}), ON)[
            "controlled"
        ]
        is False
    )
    survey = {**facts, "lidar-not-specially-designed-for-surveying": False}
    surveying = classify_in(
        jurisdiction, _item("lidar", survey, **{resolution: "15 microradian"}), ON
    )
    assert f"{jurisdiction}:6A008.j.2" not in _ids(surveying)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_scanning_cameras(classify_in: Any, jurisdiction: str) -> None:
    # 6A003.b.2: peak response exceeding 10 nm but not exceeding 30,000 nm, linear detector
    # arrays with more than 8,192 elements per array, mechanical scanning in one direction
    facts = {
        "camera-not-specially-designed-for-television-broadcasting": True,
        "scanning-camera-not-excluded-by-note-to-6a003b2": True,
        "scanning-camera-mechanical-scanning-in-one-direction": True,
    }
    figures = {
        "detector-peak-response-wavelength": "1000 nm",
        "scanning-camera-linear-array-element-count": 16384,
    }
    met = classify_in(jurisdiction, _item("scanning-camera", facts, **figures), ON)
    assert _ids(met) == [f"{jurisdiction}:6A003.b.2"]
    fewer = _item(
        "scanning-camera", facts, **{**figures, "scanning-camera-linear-array-element-count": 8192}
    )
    assert classify_in(jurisdiction, fewer, ON)["controlled"] is False
    medical = {**facts, "scanning-camera-not-excluded-by-note-to-6a003b2": False}
    assert (
        classify_in(jurisdiction, _item("scanning-camera", medical, **figures), ON)["controlled"]
        is False
    )
