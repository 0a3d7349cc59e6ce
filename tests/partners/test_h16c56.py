"""Categories 5 and 6 (h16c56) answered end to end, each threshold from both sides, the entry
cited: US 6A997 (ground gravity meters, n.e.s.), 6A225 (velocity interferometers), 6A203.c.1
(gated cameras; the Note to EU 6A203 a fact), 6A001.a.1.b.1 ("A transmitting frequency below
10 kHz"); technology and software that serve them: US 6E991, 5D101/5E101, and 6E201 whose notes
(EU) and "(that meet or exceed the parameters of 6A205)" (US) are required facts."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.answer_ids import entry_ids as _ids
from tests.partners.answer_ids import possible_ids as _possible

ON = "2026-12-01"
BOTH = ("US", "EU")
NES = "not-elsewhere-specified-in-the-ccl"


def _meter(accuracy: str | None, kind: str = "ground-gravity-meter", **facts: bool) -> dict:
    parameters = {"gravimeter-static-accuracy": accuracy} if accuracy else {}
    return {"kind": kind, "parameters": parameters, "facts": facts}


def test_us_6a997_ground_gravity_meters(classify_in: Any) -> None:
    # 6A997.a "Having a static accuracy of less (better) than 100 microgal"
    met = classify_in("US", _meter("50 uGal", **{NES: True}), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6A997.a"]
    at = classify_in("US", _meter("100 uGal", **{NES: True}), ON)
    assert "US:6A997.a" not in {*_ids(at), *_possible(at)}
    # (a meter stated only as "ground gravity meter" may be a Worden one: 6A997.b asks the kind)
    assert at["controlled"] == "unknown" and "US:6A997.b" in _possible(at)
    asked = classify_in("US", _meter(None, **{NES: True}), ON)
    assert asked["controlled"] == "unknown" and "gravimeter-static-accuracy" in asked["missing"]
    # "n.e.s.": not stated, unknown naming it; 6A007.a (< 10 µGal) still controls its meters
    unstated = classify_in("US", _meter("50 uGal"), ON)
    assert unstated["controlled"] == "unknown" and NES in unstated["missing_facts"]
    assert _ids(classify_in("US", _meter("5 uGal"), ON)) == ["US:6A007.a"]
    # 6A997.b "Being of the quartz element (Worden) type", which the Note to 6A007.a excludes
    worden = classify_in("US", _meter("50 uGal", "quartz-element-gravity-meter", **{NES: True}), ON)
    assert worden["controlled"] is True and "US:6A997.b" in _ids(worden)
    # the EU list has no 6A997
    assert classify_in("EU", _meter("50 uGal", **{NES: True}), ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6a225_velocity_interferometers(classify_in: Any, jurisdiction: str) -> None:
    def interferometer(**parameters: str) -> dict:
        return {"kind": "velocity-interferometer", "parameters": parameters}

    velocity, interval = "velocity-interferometer-velocity", "velocity-interferometer-time-interval"
    met = classify_in(jurisdiction, interferometer(**{velocity: "1.1 km/s", interval: "9 us"}), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A225"]
    slow = interferometer(**{velocity: "1 km/s", interval: "9 us"})
    assert classify_in(jurisdiction, slow, ON)["controlled"] is False
    long = interferometer(**{velocity: "5 km/s", interval: "10 us"})
    assert classify_in(jurisdiction, long, ON)["controlled"] is False
    asked = classify_in(jurisdiction, interferometer(**{velocity: "5 km/s"}), ON)
    assert asked["controlled"] == "unknown" and interval in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6a203_c_1_gated_cameras(classify_in: Any, jurisdiction: str) -> None:
    facts = {"camera-not-controlled-by-6a003": True, "camera-not-excluded-by-note-to-6a203": True}

    def camera(ns: str, **stated: bool) -> dict:
        return {
            "kind": "solid-state-or-electron-tube-camera",
            "parameters": {"fast-image-gating-time": ns},
            "facts": stated,
        }

    met = classify_in(jurisdiction, camera("50 ns", **facts), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A203.c.1"]
    assert classify_in(jurisdiction, camera("51 ns", **facts), ON)["controlled"] is False
    note = {"camera-not-controlled-by-6a003": True}
    asked = classify_in(jurisdiction, camera("10 ns", **note), ON)
    if jurisdiction == "EU":  # the Note to EU 6A203: constraints released by others
        assert asked["controlled"] == "unknown"
        assert "camera-not-excluded-by-note-to-6a203" in asked["missing_facts"]
        excluded = camera("10 ns", **{**facts, "camera-not-excluded-by-note-to-6a203": False})
        assert classify_in(jurisdiction, excluded, ON)["controlled"] is False
    else:
        assert asked["controlled"] is True


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6a001_a_1_b_1_a_transmitting_frequency_below_10_khz(
    classify_in: Any, jurisdiction: str
) -> None:
    def sonar(khz: str) -> dict:
        return {
            "kind": "object-detection-sonar",
            "parameters": {
                "sonar-lowest-transmitting-frequency": khz,
                "sonar-beam-width": "5 deg",
                "sonar-operating-frequency": "200 kHz",
                "sonar-unambiguous-display-range": "1000 m",
            },
            "facts": {"acoustic-equipment-not-excluded-by-note-to-6a001a1": True},
        }

    met = classify_in(jurisdiction, sonar("9.9 kHz"), ON)
    assert met["controlled"] is True and f"{jurisdiction}:6A001.a.1.b.1" in _ids(met)
    at = classify_in(jurisdiction, sonar("10 kHz"), ON)
    assert f"{jurisdiction}:6A001.a.1.b.1" not in {*_ids(at), *_possible(at)}


def _technology(jurisdiction: str, purpose: str, **facts: bool) -> dict:
    """Technology for an argon ion laser of 41 W (US 6A205.b, EU 6A205.a: more than 40 W)."""
    root = {
        "US": "laser-not-controlled-by-6a005-or-nrc",
        "EU": "laser-not-specified-in-0b001-or-6a005",
    }
    return {
        "kind": "technology",
        "for_kind": "argon-ion-laser",
        "purpose": purpose,
        "parameters": {"laser-output-wavelength": "488 nm", "laser-average-output-power": "41 W"},
        "facts": {
            "argon-ion-laser-wavelengths-between-400-and-515-nm": True,
            root[jurisdiction]: True,
            **facts,
        },
    }


@pytest.mark.parametrize(
    ("jurisdiction", "fact"),
    [("US", "laser-of-6a005-meets-or-exceeds-6a205-parameters"),
     ("EU", "item-not-excluded-by-notes-to-6e201")],
)  # fmt: skip
def test_6e201_use_technology_asks_its_fact(classify_in: Any, jurisdiction: str, fact: str) -> None:
    asked = classify_in(jurisdiction, _technology(jurisdiction, "use"), ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
    assert f"{jurisdiction}:6E201" in _possible(asked)
    met = classify_in(jurisdiction, _technology(jurisdiction, "use", **{fact: True}), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6E201"]
    out = classify_in(jurisdiction, _technology(jurisdiction, "use", **{fact: False}), ON)
    assert out["controlled"] is False


def test_us_6e991_technology_for_a_ground_gravity_meter(classify_in: Any) -> None:
    def technology(accuracy: str) -> dict:
        return {"kind": "technology", "for_kind": "ground-gravity-meter", "purpose": "use",
                **{k: v for k, v in _meter(accuracy, **{NES: True}).items() if k != "kind"}}  # fmt: skip

    met = classify_in("US", technology("50 uGal"), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6E991"]
    at = classify_in("US", technology("100 uGal"), ON)  # 6A997.a not met; .b asks the kind
    assert at["controlled"] == "unknown" and "US:6E991" not in _ids(at)
    development = classify_in("US", {**technology("50 uGal"), "purpose": "development"}, ON)
    assert _ids(development) == ["US:6E991"]


@pytest.mark.parametrize("jurisdiction", ["US"])
def test_5d101_and_5e101_serve_missile_telemetry(classify_in: Any, jurisdiction: str) -> None:
    def item(kind: str, purpose: str, km: str, **facts: bool) -> dict:
        return {
            "kind": kind,
            "for_kind": "missile-telemetry-telecontrol-equipment",
            "purpose": purpose,
            "parameters": {"missile-system-range": km},
            "facts": {"telemetry-equipment-not-excluded-by-note-to-5a101": True, **facts},
        }

    technology = classify_in(jurisdiction, item("technology", "production", "300 km"), ON)
    assert technology["controlled"] is True and _ids(technology) == ["US:5E101"]
    assert (
        classify_in(jurisdiction, item("technology", "production", "299 km"), ON)["controlled"]
        is False
    )
    fact = {"software-specially-designed-or-modified": True}
    software = classify_in(jurisdiction, item("software", "use", "300 km", **fact), ON)
    assert software["controlled"] is True and _ids(software) == ["US:5D101"]
    # 5D101 is "use" software only
    other = classify_in(jurisdiction, item("software", "development", "300 km", **fact), ON)
    assert "US:5D101" not in _ids(other) + list(_possible(other))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6c005_b_1_double_clad_fibres(classify_in: Any, jurisdiction: str) -> None:
    facts = {
        "double-clad-fibre-nominal-laser-wavelength-975-to-1150-nm": True,
        "double-clad-fibre-not-excluded-by-note-to-6c005-b-1": True,
    }

    def fibre(um: str, na: float | None, **stated: bool) -> dict:
        parameters: dict[str, Any] = {"fibre-average-core-diameter": um}
        if na is not None:
            parameters["fibre-core-numerical-aperture"] = na
        parameters["fibre-nominal-laser-wavelength"] = "1064 nm"
        return {"kind": "rare-earth-doped-double-clad-fibre", "parameters": parameters,
                "facts": stated}  # fmt: skip

    met = classify_in(jurisdiction, fibre("25 um", 0.06, **facts), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6C005.b.1"]
    assert classify_in(jurisdiction, fibre("24 um", 0.06, **facts), ON)["controlled"] is False
    assert classify_in(jurisdiction, fibre("25 um", 0.065, **facts), ON)["controlled"] is False
    asked = classify_in(jurisdiction, fibre("30 um", None, **facts), ON)
    assert asked["controlled"] == "unknown"
    assert "fibre-core-numerical-aperture" in asked["missing"]
    # the Note to 6C005.b.1 (inner cladding above 150 µm up to 300 µm) stated to apply
    note = {**facts, "double-clad-fibre-not-excluded-by-note-to-6c005-b-1": False}
    assert classify_in(jurisdiction, fibre("25 um", 0.06, **note), ON)["controlled"] is False


@pytest.mark.parametrize(
    ("jurisdiction", "other"),
    [("US", "gravity-meter-not-controlled-by-6a007"), ("EU", "gravity-meter-not-specified-in-6a007-b")],
)  # fmt: skip
def test_6a107_a_airborne_or_marine_gravity_meters(
    classify_in: Any, jurisdiction: str, other: str
) -> None:
    steady = "gravimeter-time-to-steady-state-registration-two-minutes-or-less"

    def meter(mgal: str | None, **facts: bool) -> dict:
        parameters = {"gravimeter-static-or-operational-accuracy": mgal} if mgal else {}
        return {"kind": "airborne-or-marine-gravity-meter", "parameters": parameters,
                "facts": {other: True, steady: True, **facts}}  # fmt: skip

    # "A static or operational accuracy equal to or less (better) than 0.7 milligal"
    met = classify_in(jurisdiction, meter("0.7 mGal"), ON)
    assert met["controlled"] is True and f"{jurisdiction}:6A107.a" in _ids(met)
    above = classify_in(jurisdiction, meter("0.71 mGal"), ON)
    assert f"{jurisdiction}:6A107.a" not in {*_ids(above), *_possible(above)}
    asked = classify_in(jurisdiction, meter(None), ON)
    assert f"{jurisdiction}:6A107.a" in _possible(asked)
    assert "gravimeter-static-or-operational-accuracy" in asked["missing"]
    # "other than those controlled by 6A007" (EU: specified in 6A007.b) stated false: handed over
    handed = classify_in(jurisdiction, meter("0.5 mGal", **{other: False}), ON)
    assert handed["controlled"] != False and f"{jurisdiction}:6A107.a" not in _ids(handed)  # noqa: E712


def test_us_6a994_a_1_a_narrow_band_filters(classify_in: Any) -> None:
    facts = {
        "optics-not-controlled-by-6a004": True,
        "optical-filter-not-fixed-air-gap-or-lyot-type": True,
        "optical-filter-comprised-of-multi-layer-optical-coatings": True,
    }

    def optical_filter(shortest: str, fwhi: str, transmission: str) -> dict:
        return {
            "kind": "optical-filter",
            "parameters": {
                "optical-filter-shortest-wavelength": shortest,
                "optical-filter-bandwidth-fwhi": fwhi,
                "optical-filter-peak-transmission": transmission,
                "optical-filter-tuning-range": "0 nm",  # a fixed filter: not 6A994.a.2
            },
            "facts": facts,
        }

    # 6A994.a.1.a "Bandwidths equal to or less than 1 nm FWHI and peak transmission of 90% or more"
    met = classify_in("US", optical_filter("780 nm", "1 nm", "90 %"), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6A994.a.1.a", "US:6A994.a.1"]
    assert classify_in("US", optical_filter("780 nm", "1 nm", "89 %"), ON)["controlled"] is False
    assert classify_in("US", optical_filter("250 nm", "1 nm", "95 %"), ON)["controlled"] is False
    # a.1.b: 0.1 nm or less with 50 % or more
    assert "US:6A994.a.1.b" in _ids(
        classify_in("US", optical_filter("780 nm", "0.1 nm", "60 %"), ON)
    )
    assert classify_in("EU", optical_filter("780 nm", "1 nm", "90 %"), ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6a008_a_radar_from_40_to_230_ghz(classify_in: Any, jurisdiction: str) -> None:
    def radar(mw: str, metres: str, degrees: str) -> dict:
        return {
            "kind": "radar-operating-from-40-to-230-ghz",
            "parameters": {
                "radar-average-output-power": mw,
                "radar-locating-accuracy-in-range": metres,
                "radar-locating-accuracy-in-azimuth": degrees,
            },
            "facts": {"radar-not-excluded-by-note-to-6a008": True},
        }

    powerful = classify_in(jurisdiction, radar("101 mW", "5 m", "1 deg"), ON)
    assert powerful["controlled"] is True and f"{jurisdiction}:6A008.a.1" in _ids(powerful)
    # 6A008.a.2 "1 m or less (better) in range and 0.2 degree or less (better) in azimuth"
    accurate = classify_in(jurisdiction, radar("100 mW", "1 m", "0.2 deg"), ON)
    assert accurate["controlled"] is True and f"{jurisdiction}:6A008.a.2" in _ids(accurate)
    assert f"{jurisdiction}:6A008.a.1" not in _ids(accurate)
    neither = classify_in(jurisdiction, radar("100 mW", "1 m", "0.21 deg"), ON)
    assert neither["controlled"] is False
