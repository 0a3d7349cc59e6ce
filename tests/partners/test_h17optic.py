"""Items that were answered "not controlled" in the US although an AT entry's text concerns their
kind (h17optic), end to end, each threshold from both sides and the entry cited: US 6A992.a.1
image intensifier tubes below 6A002.a.2's figures, 6A992.a.2 microchannel plates, 6A992.b direct
view equipment, US 6A996 magnetometers ("unknown": its 'sensitivity' has no frequency), US 6A998.b
space-qualified LIDAR, US 3A992.a electronic test equipment n.e.s., US 4A994.l computers with
integrated circuits of 3A991.p, US 7A994 aircraft inertial navigation systems, US 3A999.b/.f mass
spectrometers and analytical instruments n.e.s."""

from __future__ import annotations

from typing import Any

from tests.partners.answer_ids import entry_ids as _ids
from tests.partners.answer_ids import possible_ids as _possible

ON = "2026-12-01"
NOT_6A002 = "optical-sensor-not-controlled-by-6a002"
NES = "not-elsewhere-specified-in-the-ccl"


def _tube(nm: str, pitch: str | None, **facts: bool) -> dict:
    parameters = {"detector-peak-response-wavelength": nm}
    if pitch:
        parameters["microchannel-plate-hole-pitch"] = pitch
    stated = {
        NOT_6A002: True,
        "image-intensifier-photocathode-listed-in-6a992a1c": True,  # e.g. an S-25 photocathode
        "image-intensifier-photocathode-listed-in-6a002a2a3": False,  # below 350 µA/lm
        **facts,
    }
    return {"kind": "image-intensifier-tube", "parameters": parameters, "facts": stated}


def test_us_6a992_a_1_image_intensifier_tubes(classify_in: Any) -> None:
    # 6A992.a.1: "exceeding 400 nm, but not exceeding 1,050 nm"; "less than 25 micrometers"
    met = classify_in("US", _tube("1050 nm", "24.9 um"), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6A992.a.1"]
    assert classify_in("US", _tube("401 nm", "20 um"), ON)["controlled"] is True
    # below 6A002.a.2.a and outside 6A992.a.1: not controlled
    assert classify_in("US", _tube("800 nm", "25 um"), ON)["controlled"] is False
    assert classify_in("US", _tube("400 nm", "20 um"), ON)["controlled"] is False
    other = classify_in(
        "US",
        _tube("800 nm", "20 um", **{"image-intensifier-photocathode-listed-in-6a992a1c": False}),
        ON,
    )
    assert other["controlled"] is False
    # the hole pitch missing: unknown, naming it
    asked = classify_in("US", _tube("800 nm", None), ON)
    assert asked["controlled"] == "unknown" and "microchannel-plate-hole-pitch" in asked["missing"]
    assert "US:6A992.a.1" in _possible(asked)
    # "not controlled by 6A002": unstated, unknown naming it; stated false, handed over
    unstated = _tube("800 nm", "20 um")
    del unstated["facts"][NOT_6A002]
    result = classify_in("US", unstated, ON)
    assert result["controlled"] == "unknown" and NOT_6A002 in result["missing_facts"]
    handed = classify_in("US", _tube("800 nm", "20 um", **{NOT_6A002: False}), ON)
    assert handed["controlled"] == "unknown"
    assert any("classify it against 6A002" in note for note in handed["notes"])
    # the EU list has no 6A992: the tube, below 6A002.a.2.a, is not controlled there
    assert classify_in("EU", _tube("800 nm", "20 um"), ON)["controlled"] is False


def test_us_6a992_a_2_microchannel_plates(classify_in: Any) -> None:
    def plate(count: str | None, pitch: str) -> dict:
        parameters = {"microchannel-plate-hole-pitch": pitch}
        if count:
            parameters["microchannel-plate-hollow-tube-count"] = count
        facts = {NOT_6A002: True, "component-specially-designed-for-image-intensifier-tubes": True}
        return {"kind": "microchannel-plate", "parameters": parameters, "facts": facts}

    met = classify_in("US", plate("15000", "20 um"), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6A992.a.2"]
    assert classify_in("US", plate("14999", "20 um"), ON)["controlled"] is False
    assert classify_in("US", plate("15000", "25 um"), ON)["controlled"] is False
    asked = classify_in("US", plate(None, "20 um"), ON)
    assert asked["controlled"] == "unknown"
    assert "microchannel-plate-hollow-tube-count" in asked["missing"]
    # 12 µm or less: 6A002.a.2.c.1 controls it, so it is not "not controlled by 6A002"
    fine = plate("15000", "12 um")
    fine["facts"][NOT_6A002] = False
    assert _ids(classify_in("US", fine, ON)) == ["US:6A002.a.2.c.1"]


def test_us_6a992_b_direct_view_equipment(classify_in: Any) -> None:
    def equipment(**facts: bool) -> dict:
        return {"kind": "direct-view-imaging-equipment", "facts": {NOT_6A002: True, **facts}}

    tubes = "direct-view-equipment-incorporating-6a992a1-tubes"
    met = classify_in("US", equipment(**{tubes: True}), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6A992.b"]
    other = classify_in("US", equipment(**{tubes: False}), ON)
    # 6A002.c stays text: unknown, never false
    assert "US:6A992.b" not in _possible(other) and other["controlled"] == "unknown"
    assert "US:6A002.c" in _possible(other)
    asked = classify_in("US", equipment(), ON)
    assert asked["controlled"] == "unknown" and tubes in asked["missing_facts"]


def test_us_6a996_magnetometers_unknown_never_false(classify_in: Any) -> None:
    def magnetometer(sensitivity: str, kind: str = "optically-pumped-magnetometer") -> dict:
        return {"kind": kind, "parameters": {"magnetometer-sensitivity-1hz": sensitivity}}

    # below 6A006.a.2 (< 20 pT/√Hz at 1 Hz): was "not controlled"; 6A996.a may control it
    below = classify_in("US", magnetometer("50 pT/Hz^0.5"), ON)
    assert below["controlled"] == "unknown" and "US:6A996.a" in _possible(below)
    # its 'sensitivity' has no frequency: the best at any frequency, a necessary condition (h20c367)
    missing = {e["id"]: e["missing"] for e in below["possible_entries"]}
    assert "magnetometer-best-sensitivity" in missing["US:6A996.a"]
    assert _ids(classify_in("US", magnetometer("19 pT/Hz^0.5"), ON)) == ["US:6A006.a.2"]
    squid = classify_in("US", {"kind": "superconductive-electromagnetic-sensor"}, ON)
    assert squid["controlled"] == "unknown" and "US:6A996.b" in _possible(squid)


def test_us_6a998_b_space_qualified_lidar(classify_in: Any) -> None:
    def lidar(**facts: bool) -> dict:
        stated = {
            NES: True,
            "lidar-specially-designed-for-surveying-or-meteorological-observation": True,
            # Note 2 to 6A008.j: meteorological LIDAR is not 6A008.j's
            "lidar-not-specially-designed-for-meteorological-observation": False,
            **facts,
        }
        return {"kind": "lidar", "facts": stated}

    met = classify_in("US", lidar(**{"space-qualified": True}), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6A998.b"]
    assert classify_in("US", lidar(**{"space-qualified": False}), ON)["controlled"] is False
    asked = classify_in("US", lidar(), ON)
    assert asked["controlled"] == "unknown" and "space-qualified" in asked["missing_facts"]


def test_us_3a992_a_electronic_test_equipment(classify_in: Any) -> None:
    def receiver(**facts: bool) -> dict:
        return {
            "kind": "microwave-test-receiver",
            "parameters": {"frequency-max": "50 GHz"},
            "facts": {"not-controlled-by-3a002": True, **facts},
        }

    met = classify_in("US", receiver(**{NES: True}), ON)
    assert met["controlled"] is True and _ids(met) == ["US:3A992.a"]
    assert classify_in("US", receiver(**{NES: False}), ON)["controlled"] is False
    asked = classify_in("US", receiver(), ON)
    assert asked["controlled"] == "unknown" and NES in asked["missing_facts"]
    assert classify_in("EU", receiver(**{NES: True}), ON)["controlled"] is False


def test_us_4a994_l_computers_with_3a991_p_integrated_circuits(classify_in: Any) -> None:
    chips = "computer-containing-ic-meeting-or-exceeding-3a991p"

    def computer(**facts: bool) -> dict:
        stated = {
            "not-controlled-by-4a001-or-4a003": True,
            NES: True,
            "contains-integrated-circuit-meeting-3a090-a-limits": False,
            "contains-integrated-circuit-meeting-3a090-b-limits": False,
            "computer-status-not-determined-by-other-equipment-under-note-to-4a994": True,
            **facts,
        }
        # far below 4A994.b's Adjusted Peak Performance
        return {
            "kind": "digital-computer",
            # rated within every ambient temperature limit (4A101.a, 4A994.a; h18temp)
            "parameters": {
                "adjusted-peak-performance": "0.001",
                "ambient-temperature-rating-min": "0 degC",
                "ambient-temperature-rating-max": "40 degC",
            },
            "facts": stated,
        }

    met = classify_in("US", computer(**{chips: True}), ON)
    assert met["controlled"] is True and _ids(met) == ["US:4A994.l"]
    assert classify_in("US", computer(**{chips: False}), ON)["controlled"] is False
    asked = classify_in("US", computer(), ON)
    assert asked["controlled"] == "unknown" and chips in asked["missing_facts"]


def test_us_7a994_aircraft_inertial_navigation(classify_in: Any) -> None:
    avionic = "navigation-or-avionic-equipment-of-7a994"

    def system(**facts: bool) -> dict:
        return {
            "kind": "inertial-measurement-equipment",
            "facts": {"not-controlled-by-7a003-or-7a103": True, NES: True, **facts},
        }

    met = classify_in("US", system(**{avionic: True}), ON)
    assert met["controlled"] is True and _ids(met) == ["US:7A994"]
    other = classify_in("US", system(**{avionic: False}), ON)
    assert "US:7A994" not in _ids(other) and "US:7A994" not in _possible(other)
    asked = classify_in("US", system(), ON)
    assert asked["controlled"] == "unknown" and avionic in asked["missing_facts"]


def test_us_3a999_mass_spectrometers_nes(classify_in: Any) -> None:
    # an LC-MS instrument 3A069.b does not control (not for top-down proteomic analysis), or any
    # mass spectrometer: "Mass spectrometers n.e.s" (3A999.b), "Chromatography and spectrometry
    # analytical instruments, n.e.s." (3A999.f); was "not controlled"
    proteomic = "lc-ms-specially-designed-for-top-down-proteomic-analysis"
    lcms = {"kind": "lc-ms-instrument", "facts": {proteomic: False, NES: True}}
    met = classify_in("US", lcms, ON)
    assert met["controlled"] is True and set(_ids(met)) == {"US:3A999.b", "US:3A999.f"}
    elsewhere = {**lcms, "facts": {proteomic: False, NES: False}}
    assert classify_in("US", elsewhere, ON)["controlled"] is False
    asked = classify_in("US", {"kind": "mass-spectrometer"}, ON)
    assert asked["controlled"] == "unknown" and NES in asked["missing_facts"]
    # EU: 3A233 (mass spectrometers of 230 u or more, of the types it names) stays text
    eu = classify_in("EU", {**lcms, "kind": "mass-spectrometer"}, ON)
    assert eu["controlled"] == "unknown" and "EU:3A233" in {e["id"] for e in eu["possible_entries"]}
    assert classify_in("EU", lcms, ON)["controlled"] is False  # LC-MS is none of 3A233's types
