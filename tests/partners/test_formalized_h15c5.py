"""Classification of technology for telecommunications equipment by 5E001.c and 5E001.e (both
lists): technology for development or production of equipment whose figures meet a sub-paragraph
is controlled by it, on either side of each threshold as the text states it; a required fact not
stated is "unknown" naming the fact; stated false, the paragraph does not control it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.expected import controls, ids, not_by

ON = "2026-12-01"
BOTH = ("US", "EU")


def _tech(for_kind: str, parameters: dict[str, str], facts: dict[str, bool] | None = None,
          purpose: str = "development") -> dict[str, Any]:  # fmt: skip
    return {
        "kind": "technology",
        "for_kind": for_kind,
        "purpose": purpose,
        "parameters": parameters,
        "facts": facts or {},
    }


HANDED_OVER = {  # facts naming another entry: stated false, that entry decides (unknown here)
    "not-controlled-by-5a001",
    "radio-not-controlled-by-5a001-b-4",
    "survey-equipment-not-specified-by-6a001-a-1-a-2-a",
}


def _assert_not_by_or_handed_over(result: dict[str, Any], entry: str, fact: str) -> None:
    """A fact stated false: the entry does not control the item, or — a fact naming another
    entry — hands it over to that entry (unknown, with a note saying which)."""
    if fact not in HANDED_OVER:
        assert not_by(result, entry), fact
        return
    assert entry not in ids(result, "entries") and entry in ids(result, "possible_entries")
    assert any(n.startswith(f"{entry} requires") for n in result["notes"]), fact


LASER = "laser-telecommunications-equipment"
RADIO = "telecommunications-radio-equipment"
NOT_TV = {"not-a-commercial-tv-system": True}
NOT_ITU = {"radio-not-designed-or-modified-for-itu-radiocommunication-bands": True}
BAND = {"radio-operates-in-the-1-5-to-87-5-mhz-band": True}
LAN = {"mobile-equipment-operates-as-a-local-area-network": True}
TELECOM = {"superconductive-device-specially-designed-for-telecommunications": True}

CASES = [
    # (paragraph, served kind, parameter, met, not met, facts)
    ("5E001.c.2.a", LASER, "laser-transmission-wavelength", "1760 nm", "1750 nm", {}),
    ("5E001.c.2.d", LASER, "wdm-optical-carrier-spacing", "50 GHz", "100 GHz", {}),
    ("5E001.c.2.e", LASER, "analog-transmission-bandwidth", "3 GHz", "2.5 GHz", NOT_TV),
    ("5E001.c.3", "optical-switching-telecommunications-equipment", "optical-switching-time",
     "0.5 ms", "1 ms", {}),
    ("5E001.c.4.b", RADIO, "frequency-max", "32 GHz", "31.8 GHz", NOT_ITU),
    ("5E001.c.4.c", RADIO, "interfering-signal-suppression", "16 dB", "15 dB", BAND),
    ("5E001.e.2", "superconductive-electronic-device", "resonant-circuit-q-value", "10001",
     "10000", TELECOM),
]  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(("code", "kind", "parameter", "met", "missed", "facts"), CASES)
def test_both_sides_of_each_threshold(
    classify_in: Any, jurisdiction: str, code: str, kind: str, parameter: str, met: str,
    missed: str, facts: dict[str, bool],
) -> None:  # fmt: skip
    entry = f"{jurisdiction}:{code}"
    assert controls(classify_in(jurisdiction, _tech(kind, {parameter: met}, facts), ON), entry)
    assert not_by(classify_in(jurisdiction, _tech(kind, {parameter: missed}, facts), ON), entry)


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(("code", "kind", "parameter", "met", "missed", "facts"), [c for c in CASES if c[5]])  # fmt: skip
def test_a_required_fact_not_stated_is_unknown_and_stated_false_does_not_control(
    classify_in: Any, jurisdiction: str, code: str, kind: str, parameter: str, met: str,
    missed: str, facts: dict[str, bool],
) -> None:  # fmt: skip
    entry = f"{jurisdiction}:{code}"
    (fact,) = facts
    asked = classify_in(jurisdiction, _tech(kind, {parameter: met}), ON)
    assert asked["controlled"] == "unknown"
    assert fact in asked["missing_facts"] and entry in ids(asked, "possible_entries")
    false = classify_in(jurisdiction, _tech(kind, {parameter: met}, {fact: False}), ON)
    assert not_by(false, entry)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_mobile_lan_equipment_at_200_to_400_nm(classify_in: Any, jurisdiction: str) -> None:
    entry = f"{jurisdiction}:5E001.c.6"
    kind = "mobile-telecommunications-equipment"
    for inside in ("200 nm", "400 nm", "300 nm"):
        result = classify_in(jurisdiction, _tech(kind, {"optical-operating-wavelength": inside}, LAN), ON)  # fmt: skip
        assert controls(result, entry), inside
    for outside in ("199 nm", "401 nm"):
        result = classify_in(jurisdiction, _tech(kind, {"optical-operating-wavelength": outside}, LAN), ON)  # fmt: skip
        assert not_by(result, entry), outside
    asked = classify_in(jurisdiction, _tech(kind, {"optical-operating-wavelength": "300 nm"}), ON)
    assert asked["controlled"] == "unknown"
    assert "mobile-equipment-operates-as-a-local-area-network" in asked["missing_facts"]


def test_the_us_gate_product_and_the_eu_text(classify_in: Any) -> None:
    kind = "superconductive-electronic-device"
    fast = _tech(kind, {"superconductive-gate-delay-power-product": "5e-15 J"}, TELECOM)
    slow = _tech(kind, {"superconductive-gate-delay-power-product": "1e-14 J"}, TELECOM)
    assert controls(classify_in("US", fast, ON), "US:5E001.e.1")
    assert not_by(classify_in("US", slow, ON), "US:5E001.e.1")
    # EU '10-14 J' is not read: technology for such a device is unknown for it, never false
    eu = classify_in("EU", slow, ON)
    assert eu["controlled"] == "unknown" and "EU:5E001.e.1" in ids(eu, "possible_entries")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_served_narrower_kinds_and_the_qam_text(classify_in: Any, jurisdiction: str) -> None:
    # US 5A991.b.5 laser transmission equipment is telecommunications equipment employing a laser
    narrower = _tech("laser-telecommunication-transmission-equipment", {"laser-transmission-wavelength": "1800 nm"})  # fmt: skip
    assert controls(classify_in(jurisdiction, narrower, ON), f"{jurisdiction}:5E001.c.2.a")
    receiver = _tech("digitally-controlled-radio-receiver", {"frequency-max": "40 GHz"}, NOT_ITU)
    assert controls(classify_in(jurisdiction, receiver, ON), f"{jurisdiction}:5E001.c.4.b")
    # 5E001.c.4.a (QAM above level 1,024) stays text: any radio technology may be of it
    radio = classify_in(jurisdiction, _tech(RADIO, {"frequency-max": "1 GHz"}, {**NOT_ITU, **BAND}), ON)  # fmt: skip
    assert radio["controlled"] == "unknown"
    assert f"{jurisdiction}:5E001.c.4.a" in ids(radio, "possible_entries")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_use_technology_and_hardware_are_not_concerned(classify_in: Any, jurisdiction: str) -> None:
    use = _tech(LASER, {"laser-transmission-wavelength": "1800 nm"}, purpose="use")
    assert not_by(classify_in(jurisdiction, use, ON), f"{jurisdiction}:5E001.c.2.a")
    hardware = {"kind": LASER, "parameters": {"laser-transmission-wavelength": "1800 nm"}}
    assert not_by(classify_in(jurisdiction, hardware, ON), f"{jurisdiction}:5E001.c.2.a")


SPREAD = {
    "radio-not-controlled-by-5a001-b-4": True,
    "radio-not-operating-at-an-output-power-of-1-w-or-less": True,
    "radio-not-specially-designed-for-civil-cellular-or-commercial-satellite-earth-stations": True,
}


def _spread(ratio: str, bandwidth: str, facts: dict[str, bool] = SPREAD) -> dict[str, Any]:
    parameters = {
        "spread-spectrum-bandwidth-to-information-channel-ratio": ratio,
        "spread-spectrum-total-transmitted-bandwidth": bandwidth,
    }
    return {"kind": "spread-spectrum-radio-equipment", "parameters": parameters, "facts": facts}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_spread_spectrum_radio_on_both_sides(classify_in: Any, jurisdiction: str) -> None:
    entry = f"{jurisdiction}:5A001.b.3.b"
    assert controls(classify_in(jurisdiction, _spread("100", "51 kHz"), ON), entry)
    assert controls(classify_in(jurisdiction, _spread("250", "1 MHz"), ON), entry)
    assert not_by(classify_in(jurisdiction, _spread("99", "1 MHz"), ON), entry)
    assert not_by(classify_in(jurisdiction, _spread("100", "50 kHz"), ON), entry)
    # b.3.a (user programmable spreading codes) stays text: never answered false for the kind
    below = classify_in(jurisdiction, _spread("99", "1 MHz"), ON)
    assert below["controlled"] == "unknown"
    assert f"{jurisdiction}:5A001.b.3.a" in ids(below, "possible_entries")


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("fact", sorted(SPREAD))
def test_spread_spectrum_radio_facts(classify_in: Any, jurisdiction: str, fact: str) -> None:
    entry = f"{jurisdiction}:5A001.b.3.b"
    unstated = {k: v for k, v in SPREAD.items() if k != fact}
    asked = classify_in(jurisdiction, _spread("200", "1 MHz", unstated), ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
    assert entry in ids(asked, "possible_entries")
    false = classify_in(jurisdiction, _spread("200", "1 MHz", {**unstated, fact: False}), ON)
    _assert_not_by_or_handed_over(false, entry, fact)


def _software(parameters: dict[str, str], facts: dict[str, bool] | None = None,
              purpose: str = "development") -> dict[str, Any]:  # fmt: skip
    return {**_tech(LASER, parameters, facts, purpose), "kind": "software"}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_software_for_developing_laser_equipment(classify_in: Any, jurisdiction: str) -> None:
    a, b = f"{jurisdiction}:5D001.d.2.a", f"{jurisdiction}:5D001.d.2.b"
    assert controls(classify_in(jurisdiction, _software({"laser-transmission-wavelength": "1751 nm"}), ON), a)  # fmt: skip
    assert not_by(classify_in(jurisdiction, _software({"laser-transmission-wavelength": "1750 nm"}), ON), a)  # fmt: skip
    wide = {"analog-transmission-bandwidth": "2.6 GHz"}
    assert controls(classify_in(jurisdiction, _software(wide, NOT_TV), ON), b)
    narrow = {"analog-transmission-bandwidth": "2.5 GHz"}
    assert not_by(classify_in(jurisdiction, _software(narrow, NOT_TV), ON), b)
    asked = classify_in(jurisdiction, _software(wide), ON)
    assert (
        asked["controlled"] == "unknown" and "not-a-commercial-tv-system" in asked["missing_facts"]
    )
    assert not_by(classify_in(jurisdiction, _software(wide, {"not-a-commercial-tv-system": False}), ON), b)  # fmt: skip
    # software for the use (not the development) of the equipment is not concerned
    use = _software({"laser-transmission-wavelength": "1800 nm"}, purpose="use")
    assert not_by(classify_in(jurisdiction, use, ON), a)


N7 = {
    "not-controlled-by-5a001": True,
    "not-specially-designed-for-civil-satellite-system": True,
    "not-radio-relay-equipment-excluded-by-note-2-to-5a991-b-7": True,
}
US_5A991 = [
    # (paragraph, kind, parameter, met, not met, facts beyond 'not controlled by 5A001')
    ("5A991.b.7.c", RADIO, "radio-spectral-efficiency", "3.1 bit/s/Hz", "3 bit/s/Hz",
     {**N7, "radio-employs-other-digital-modulation-techniques": True}),
    ("5A991.b.7.d", RADIO, "interfering-signal-suppression", "16 dB", "15 dB", {**N7, **BAND}),
    ("5A991.c.7", "spc-switching-equipment-containing-digital-cross-connect",
     "cross-connect-digital-transfer-rate-per-port", "8.6 Mbit/s", "8.5 Mbit/s",
     {"not-controlled-by-5a001": True}),
    ("5A991.f", "active-electronically-steered-phased-array-antenna", "frequency-max", "10.6 GHz",
     "10.5 GHz", {"not-controlled-by-5a001": True, "esp-antenna-not-for-mls-landing-systems": True}),
    ("5A991.h", "radio-relay-communications-equipment", "frequency-max", "19.7 GHz", "19.6 GHz",
     {"not-controlled-by-5a001": True, "not-elsewhere-specified-in-the-ccl": True}),
]  # fmt: skip


def _hardware(kind: str, parameters: dict[str, str], facts: dict[str, bool]) -> dict[str, Any]:
    return {"kind": kind, "parameters": parameters, "facts": facts}


@pytest.mark.parametrize(("code", "kind", "parameter", "met", "missed", "facts"), US_5A991)
def test_us_5a991_on_both_sides_and_its_facts(
    classify_in: Any, code: str, kind: str, parameter: str, met: str, missed: str,
    facts: dict[str, bool],
) -> None:  # fmt: skip
    entry = f"US:{code}"
    assert entry in ids(classify_in("US", _hardware(kind, {parameter: met}, facts), ON), "entries")
    assert not_by(classify_in("US", _hardware(kind, {parameter: missed}, facts), ON), entry)
    for fact in facts:
        unstated = {k: v for k, v in facts.items() if k != fact}
        asked = classify_in("US", _hardware(kind, {parameter: met}, unstated), ON)
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"], fact
        assert entry in ids(asked, "possible_entries")
        false = classify_in("US", _hardware(kind, {parameter: met}, {**unstated, fact: False}), ON)
        _assert_not_by_or_handed_over(false, entry, fact)
    # a US entry: the EU list has none
    assert f"EU:{code}" not in ids(classify_in("EU", _hardware(kind, {parameter: met}, facts), ON), "entries")  # fmt: skip


def test_us_radio_below_5a991_b_7_c_is_still_unknown_for_the_qam_paragraphs(
    classify_in: Any,
) -> None:
    facts = {**N7, "radio-employs-other-digital-modulation-techniques": True}
    slow = classify_in("US", _hardware(RADIO, {"radio-spectral-efficiency": "2 bit/s/Hz"}, facts), ON)  # fmt: skip
    assert slow["controlled"] == "unknown"
    assert {"US:5A991.b.7.a", "US:5A991.b.7.b"} <= set(ids(slow, "possible_entries"))


def test_missile_telemetry_5a101(classify_in: Any) -> None:
    kind, fact = "missile-telemetry-telecontrol-equipment", "telemetry-equipment-not-excluded-by-note-to-5a101"  # fmt: skip
    at = _hardware(kind, {"missile-system-range": "300 km"}, {fact: True})
    assert "US:5A101" in ids(classify_in("US", at, ON), "entries")  # equal to or greater than
    below = _hardware(kind, {"missile-system-range": "299 km"}, {fact: True})
    assert not_by(classify_in("US", below, ON), "US:5A101")
    asked = classify_in("US", _hardware(kind, {"missile-system-range": "500 km"}, {}), ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
    excluded = _hardware(kind, {"missile-system-range": "500 km"}, {fact: False})
    assert not_by(classify_in("US", excluded, ON), "US:5A101")
    # EU: the range ('exceeding 300 km') is in the Technical Note, read since as its fixed phrase
    eu = classify_in("EU", below, ON)
    assert eu["controlled"] is False and "EU:5A101" not in ids(eu, "possible_entries")


NOT_SOUNDER = {"acoustic-equipment-not-excluded-by-note-to-6a001a1": True}
ACOUSTIC = [
    # (paragraph, kind, {parameter: (met, not met)})
    ("6A001.a.1.d", "underwater-acoustic-positioning-system", {
        "acoustic-positioning-detection-range": ("1001 m", "1000 m"),
        "acoustic-positioning-error-at-1000-m": ("9.9 m", "10 m"),
    }),
    ("6A001.a.1.e", "diver-detection-sonar", {
        "diver-detection-range": ("531 m", "530 m"),
        "diver-detection-position-error-at-530-m": ("14 m", "15 m"),
        "diver-sonar-pulse-signal-bandwidth": ("3.1 kHz", "3 kHz"),
    }),
]  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(("code", "kind", "figures"), ACOUSTIC)
def test_acoustic_all_of_on_both_sides(
    classify_in: Any, jurisdiction: str, code: str, kind: str, figures: dict[str, tuple[str, str]]
) -> None:
    entry = f"{jurisdiction}:{code}"
    met = {name: values[0] for name, values in figures.items()}
    assert controls(classify_in(jurisdiction, _hardware(kind, met, NOT_SOUNDER), ON), entry)
    for name, (_, missed) in figures.items():
        result = classify_in(jurisdiction, _hardware(kind, {**met, name: missed}, NOT_SOUNDER), ON)
        assert result["controlled"] is False, name  # all are required
    asked = classify_in(jurisdiction, _hardware(kind, met, {}), ON)
    assert asked["controlled"] == "unknown"
    assert "acoustic-equipment-not-excluded-by-note-to-6a001a1" in asked["missing_facts"]
    sounder = {"acoustic-equipment-not-excluded-by-note-to-6a001a1": False}
    assert classify_in(jurisdiction, _hardware(kind, met, sounder), ON)["controlled"] is False


PROJECTOR = {
    "acoustic-equipment-not-excluded-by-note-to-6a001a1": True,
    "acoustic-projector-not-specially-designed-for-other-equipment": True,
    "acoustic-projector-not-excluded-by-note-2-to-6a001a1c": True,
}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_acoustic_projectors(classify_in: Any, jurisdiction: str) -> None:
    c1, c3 = f"{jurisdiction}:6A001.a.1.c.1", f"{jurisdiction}:6A001.a.1.c.3"
    band = {"frequency-min": "20 kHz", "frequency-max": "40 kHz"}
    suppressed = _hardware("acoustic-projector", {**band, "projector-side-lobe-suppression": "23 dB"}, PROJECTOR)  # fmt: skip
    assert controls(classify_in(jurisdiction, suppressed, ON), c3)
    plain = _hardware("acoustic-projector", {**band, "projector-side-lobe-suppression": "22 dB"}, PROJECTOR)  # fmt: skip
    assert classify_in(jurisdiction, plain, ON)["controlled"] is False  # above 10 kHz: not c.1
    low = _hardware("acoustic-projector", {"frequency-min": "5 kHz", "frequency-max": "40 kHz", "projector-side-lobe-suppression": "22 dB"}, PROJECTOR)  # fmt: skip
    result = classify_in(jurisdiction, low, ON)
    assert result["controlled"] == "unknown" and c1 in ids(result, "possible_entries")
    for fact in PROJECTOR:
        unstated = {k: v for k, v in PROJECTOR.items() if k != fact}
        asked = classify_in(jurisdiction, {**suppressed, "facts": unstated}, ON)
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"], fact
        false = classify_in(jurisdiction, {**suppressed, "facts": {**unstated, fact: False}}, ON)
        assert not_by(false, c3), fact


SURVEY_B = {
    "survey-equipment-not-specified-by-6a001-a-1-a-2-a": True,
    "depth-accuracy-enhanced-for-sensor-motion-propagation-and-sound-speed": True,
}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_underwater_seabed_survey(classify_in: Any, jurisdiction: str) -> None:
    kind, depth = "underwater-seabed-survey-equipment", "underwater-survey-operating-depth"
    a, b = f"{jurisdiction}:6A001.a.1.a.2.a", f"{jurisdiction}:6A001.a.1.a.2.b"
    deep_fast = {depth: "301 m", "survey-sounding-rate": "3801 m/s"}
    assert controls(classify_in(jurisdiction, _hardware(kind, deep_fast, NOT_SOUNDER), ON), a)
    for name, value in ((depth, "300 m"), ("survey-sounding-rate", "3800 m/s")):
        result = classify_in(jurisdiction, _hardware(kind, {**deep_fast, name: value}, NOT_SOUNDER), ON)  # fmt: skip
        assert not_by(result, a), name
    asked = classify_in(jurisdiction, _hardware(kind, deep_fast, {}), ON)
    assert "acoustic-equipment-not-excluded-by-note-to-6a001a1" in asked["missing_facts"]
    # .b: deeper than 100 m, wider than 20° from the vertical, and below 350 kHz or a range > 200 m
    wide = {depth: "150 m", "survey-measurement-angle-from-vertical": "60 deg"}
    low = {
        **wide,
        "sonar-operating-frequency": "349 kHz",
        "survey-seabed-measurement-range": "100 m",
    }
    far = {
        **wide,
        "sonar-operating-frequency": "400 kHz",
        "survey-seabed-measurement-range": "201 m",
    }
    near = {
        **wide,
        "sonar-operating-frequency": "350 kHz",
        "survey-seabed-measurement-range": "200 m",
    }
    assert controls(classify_in(jurisdiction, _hardware(kind, low, SURVEY_B), ON), b)
    assert controls(classify_in(jurisdiction, _hardware(kind, far, SURVEY_B), ON), b)
    assert not_by(classify_in(jurisdiction, _hardware(kind, near, SURVEY_B), ON), b)
    vertical = {**low, "survey-measurement-angle-from-vertical": "20 deg"}
    assert not_by(classify_in(jurisdiction, _hardware(kind, vertical, SURVEY_B), ON), b)
    shallow = {**low, depth: "100 m"}
    assert not_by(classify_in(jurisdiction, _hardware(kind, shallow, SURVEY_B), ON), b)
    for fact in SURVEY_B:
        unstated = {k: v for k, v in SURVEY_B.items() if k != fact}
        asked = classify_in(jurisdiction, _hardware(kind, low, unstated), ON)
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"], fact
        denied = classify_in(jurisdiction, _hardware(kind, low, {**unstated, fact: False}), ON)
        _assert_not_by_or_handed_over(denied, b, fact)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_seabed_imaging_sonars(classify_in: Any, jurisdiction: str) -> None:
    kind, entry = "side-scan-or-synthetic-aperture-sonar", f"{jurisdiction}:6A001.a.1.a.3"
    rate = "area-coverage-rate-at-15-cm-along-track-resolution"
    met = {"sonar-imaging-operating-depth": "501 m", rate: "571 m**2/s", "across-track-resolution": "14 cm"}  # fmt: skip
    assert controls(classify_in(jurisdiction, _hardware(kind, met, NOT_SOUNDER), ON), entry)
    for name, value in (("sonar-imaging-operating-depth", "500 m"), (rate, "570 m**2/s"), ("across-track-resolution", "15 cm")):  # fmt: skip
        result = classify_in(jurisdiction, _hardware(kind, {**met, name: value}, NOT_SOUNDER), ON)
        assert result["controlled"] is False, name
    asked = classify_in(jurisdiction, _hardware(kind, met, {}), ON)
    assert asked["controlled"] == "unknown"
    assert "acoustic-equipment-not-excluded-by-note-to-6a001a1" in asked["missing_facts"]


LOG = {
    "sonar-log-not-a-depth-sounder-excluded-by-note-1-to-6a001b": True,
    "sonar-log-not-specially-designed-for-surface-vessels": True,
}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_sonar_logs(classify_in: Any, jurisdiction: str) -> None:
    kind, b1a = "correlation-velocity-sonar-log", f"{jurisdiction}:6A001.b.1.a"
    far = {"sonar-log-sea-bed-distance": "501 m", "sonar-log-speed-accuracy": "2 %"}
    assert controls(classify_in(jurisdiction, _hardware(kind, far, LOG), ON), b1a)
    near = {"sonar-log-sea-bed-distance": "500 m", "sonar-log-speed-accuracy": "2 %"}
    result = classify_in(jurisdiction, _hardware(kind, near, LOG), ON)
    if jurisdiction == "EU":
        assert result["controlled"] is False
        precise = {"sonar-log-sea-bed-distance": "500 m", "sonar-log-speed-accuracy": "0.5 %"}
        assert controls(classify_in("EU", _hardware(kind, precise, LOG), ON), "EU:6A001.b.1.b")
    else:  # 'better than 1% of speed' is text in the US: unknown, never false
        assert result["controlled"] == "unknown"
        assert "US:6A001.b.1.b" in ids(result, "possible_entries")
    for fact in LOG:
        unstated = {k: v for k, v in LOG.items() if k != fact}
        asked = classify_in(jurisdiction, _hardware(kind, far, unstated), ON)
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"], fact
        assert not_by(classify_in(jurisdiction, _hardware(kind, far, {**unstated, fact: False}), ON), b1a)  # fmt: skip
    doppler = _hardware("doppler-velocity-sonar-log", {"sonar-log-speed-accuracy": "1 %"}, LOG)
    if jurisdiction == "EU":
        assert classify_in("EU", doppler, ON)["controlled"] is False
        doppler = _hardware("doppler-velocity-sonar-log", {"sonar-log-speed-accuracy": "0.9 %"}, LOG)  # fmt: skip
        assert controls(classify_in("EU", doppler, ON), "EU:6A001.b.2")


ARRAY = "bottom-or-bay-cable-hydrophone-array"
INTERCHANGEABLE = {"hydrophone-group-signal-modules-interchangeable-with-towed-array-modules": True}  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_bay_cable_arrays_either_depth_and_a_missing_alternative(
    classify_in: Any, jurisdiction: str
) -> None:
    entry = f"{jurisdiction}:6A001.a.2.e.2"
    designed, device = "hydrophone-signal-module-operating-depth", "hydrophone-signal-module-depth-sensing-device-depth"  # fmt: skip
    deep = _hardware(ARRAY, {designed: "36 m", device: "10 m"}, INTERCHANGEABLE)
    assert entry in ids(classify_in(jurisdiction, deep, ON), "entries")
    adjustable = _hardware(ARRAY, {designed: "20 m", device: "36 m"}, INTERCHANGEABLE)
    assert entry in ids(classify_in(jurisdiction, adjustable, ON), "entries")
    shallow = _hardware(ARRAY, {designed: "35 m", device: "35 m"}, INTERCHANGEABLE)
    assert not_by(classify_in(jurisdiction, shallow, ON), entry)
    # the second alternative not stated: the array may meet it, so unknown (never false)
    unstated = classify_in(jurisdiction, _hardware(ARRAY, {designed: "20 m"}, INTERCHANGEABLE), ON)
    assert unstated["controlled"] == "unknown" and entry in ids(unstated, "possible_entries")
    # the interchangeable modules fact (6A001.a.2.e.2.b) not stated, then false
    asked = classify_in(jurisdiction, _hardware(ARRAY, {designed: "36 m"}, {}), ON)
    assert asked["controlled"] == "unknown"
    assert "hydrophone-group-signal-modules-interchangeable-with-towed-array-modules" in asked["missing_facts"]  # fmt: skip
    no = {"hydrophone-group-signal-modules-interchangeable-with-towed-array-modules": False}
    assert not_by(classify_in(jurisdiction, _hardware(ARRAY, {designed: "36 m"}, no), ON), entry)
    # e.1 and e.3 (hydrophones of 6A001.a.2.a, sensors of 6A001.a.2.g) stay text: never false
    assert classify_in(jurisdiction, shallow, ON)["controlled"] == "unknown"


def test_heading_sensors(classify_in: Any) -> None:
    kind, entry = "underwater-heading-sensor", "EU:6A001.a.2.d"
    designed, device = "heading-sensor-operating-depth", "heading-sensor-depth-sensing-device-depth"
    good = {"heading-sensor-accuracy": "0.4 deg"}
    assert controls(classify_in("EU", _hardware(kind, {**good, designed: "36 m", device: "0 m"}, {}), ON), entry)  # fmt: skip
    assert controls(classify_in("EU", _hardware(kind, {**good, designed: "10 m", device: "40 m"}, {}), ON), entry)  # fmt: skip
    assert classify_in("EU", _hardware(kind, {**good, designed: "35 m", device: "35 m"}, {}), ON)["controlled"] is False  # fmt: skip
    coarse = {"heading-sensor-accuracy": "0.5 deg", designed: "100 m"}
    assert classify_in("EU", _hardware(kind, coarse, {}), ON)["controlled"] is False
    # the depth sensing device not stated: it may reach beyond 35 m, so unknown (never false)
    unstated = classify_in("EU", _hardware(kind, {**good, designed: "10 m"}, {}), ON)
    assert unstated["controlled"] == "unknown" and entry in ids(unstated, "possible_entries")
    # US 'better than ± 0.5°' is text: unknown, never false
    us = classify_in("US", _hardware(kind, coarse, {}), ON)
    assert us["controlled"] == "unknown" and "US:6A001.a.2.d" in ids(us, "possible_entries")
