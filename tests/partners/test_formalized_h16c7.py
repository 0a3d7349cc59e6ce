"""Classification against Category 7 as formalized from both official texts: items on both sides
of each threshold (just meeting it: controlled by the paragraph; just missing it: not by it), a
missing figure answered "unknown" naming the parameter, a required fact not stated "unknown"
naming the fact, and a fact naming another entry stated false handed over to that entry, never
"not controlled". Quantum inertial sensors are asked like any other: an atom interferometric
accelerometer is a linear accelerometer, a cold-atom inertial measurement unit inertial
measurement equipment."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.expected import controls, ids, not_by

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")


def _item(kind: str, parameters: dict[str, str], facts: dict[str, bool]) -> dict[str, Any]:
    return {"kind": kind, "parameters": parameters, "facts": facts}


IMU = {
    "inertial-measurement-equipment-not-certified-for-civil-aircraft": True,
    "inertial-measurement-in-more-than-one-dimension": True,
    "space-qualified": True,
    "inertial-measurement-equipment-not-only-spinning-mass-gyros": True,
}
MIRRORS = {"specially-designed-to-characterize-ring-laser-gyro-mirrors": True}
GNSS = {"navigation-satellite-receiver-designed-for-airborne-applications": True}
GNSS_EU = {**GNSS, "navigation-satellite-receiver-not-controlled-by-7a005": True}
MT_ACCELEROMETER = {
    "accelerometer-not-controlled-by-7a001": True,
    "designed-for-inertial-navigation-or-guidance-systems": True,
}
MT_GYRO = {"gyro-not-controlled-by-7a002": True}

# (jurisdiction, paragraph, kind, parameter, met, missed, other parameters, facts)
CASES = [
    *[(j, "7A003.d.2", "inertial-measurement-equipment", "inertial-measurement-angle-random-walk",
       "0.1 degree/hour**0.5", "0.11 degree/hour**0.5", {}, IMU) for j in BOTH],
    *[(j, "7A004.a", "star-tracker", "star-tracker-azimuth-accuracy", "20 arcsecond",
       "21 arcsecond", {}, {}) for j in BOTH],
    *[(j, "7B002.a", "scatterometer", "mirror-characterization-measurement-accuracy", "10 ppm",
       "11 ppm", {}, MIRRORS) for j in BOTH],
    *[(j, "7B002.b", "profilometer", "profilometer-measurement-accuracy", "0.5 nm", "0.6 nm",
       {}, MIRRORS) for j in BOTH],
    ("US", "7A105.b.1", "navigation-satellite-receiver", "navigation-information-speed",
     "601 m/s", "600 m/s", {}, GNSS),
    ("EU", "7A105.b.1", "navigation-satellite-receiver", "navigation-information-speed",
     "601 m/s", "600 m/s", {}, GNSS_EU),
    ("US", "7A008", "underwater-sonar-navigation-system",
     "sonar-navigation-positioning-accuracy-cep", "3 percent", "3.1 percent", {}, {}),
    ("EU", "7A008", "underwater-sonar-navigation-system",
     "sonar-navigation-positioning-accuracy-cep", "3 percent", "3.1 percent", {},
     {"sonar-navigation-system-not-for-surface-vessels-or-acoustic-beacons": True}),
    *[(j, "7A001.a.3", "linear-accelerometer", "accelerometer-specified-acceleration-level",
       "101 standard_gravity", "100 standard_gravity", {},
       {"designed-for-inertial-navigation-or-guidance-systems": True}) for j in BOTH],
    ("US", "7A101.b", "linear-accelerometer", "accelerometer-specified-acceleration-level",
     "101 standard_gravity", "100 standard_gravity", {},
     {**MT_ACCELEROMETER, "accelerometer-not-designed-to-measure-vibration-or-shock": True}),
    ("EU", "7A101", "linear-accelerometer", "accelerometer-bias-repeatability-one-year",
     "1249 microstandard_gravity", "1250 microstandard_gravity",
     {"accelerometer-scale-factor-repeatability-one-year": "1000 ppm"},
     {**MT_ACCELEROMETER, "usable-in-missiles": True, "accelerometer-not-mwd-sensor": True}),
    ("US", "7A102.a", "gyro", "gyro-drift-rate-stability-1g", "0.49 degree/hour",
     "0.5 degree/hour", {"usable-in-vehicle-range": "300 km"}, MT_GYRO),
    ("US", "7A102.a", "gyro", "usable-in-vehicle-range", "300 km", "299 km",
     {"gyro-drift-rate-stability-1g": "0.1 degree/hour"}, MT_GYRO),
    ("EU", "7A102", "gyro", "gyro-drift-rate-stability-1g", "0.49 degree/hour",
     "0.5 degree/hour", {}, {**MT_GYRO, "usable-in-missiles": True}),
    ("EU", "7A103.c", "integrated-navigation-system", "integrated-navigation-accuracy-cep",
     "200 m", "201 m", {},
     {"navigation-equipment-not-controlled-by-7a003": True,
      "designed-or-modified-for-missiles": True}),
]  # fmt: skip


@pytest.mark.parametrize(
    ("jurisdiction", "code", "kind", "parameter", "met", "missed", "other", "facts"), CASES
)
def test_both_sides_of_each_threshold(
    classify_in: Any, jurisdiction: str, code: str, kind: str, parameter: str, met: str,
    missed: str, other: dict[str, str], facts: dict[str, bool],
) -> None:  # fmt: skip
    entry = f"{jurisdiction}:{code}"
    meeting = classify_in(jurisdiction, _item(kind, {**other, parameter: met}, facts), ON)
    assert controls(meeting, entry), meeting
    missing = classify_in(jurisdiction, _item(kind, {**other, parameter: missed}, facts), ON)
    assert not_by(missing, entry)
    unstated = classify_in(jurisdiction, _item(kind, other, facts), ON)
    assert unstated["controlled"] == "unknown" and entry in ids(unstated, "possible_entries")
    assert parameter in unstated["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_a_cold_atom_imu_space_qualified_or_not(classify_in: Any, jurisdiction: str) -> None:
    entry = f"{jurisdiction}:7A003.d.2"
    walk = {"inertial-measurement-angle-random-walk": "0.05 degree/hour**0.5"}
    imu = "inertial-measurement-equipment"
    asked = classify_in(jurisdiction, _item(imu, walk, {k: v for k, v in IMU.items() if k != "space-qualified"}), ON)  # fmt: skip
    assert asked["controlled"] == "unknown" and "space-qualified" in asked["missing_facts"]
    ground = classify_in(jurisdiction, _item(imu, walk, {**IMU, "space-qualified": False}), ON)
    assert not_by(ground, entry)
    # the other paragraphs of 7A003 stay text: such an item is never answered "not controlled"
    assert ground["controlled"] == "unknown"
    assert f"{jurisdiction}:7A003.a" in ids(ground, "possible_entries")
    # certified for civil aircraft: 7A003 does not apply, whatever the figures
    civil = classify_in(jurisdiction, _item(imu, walk, {**IMU, "inertial-measurement-equipment-not-certified-for-civil-aircraft": False}), ON)  # fmt: skip
    assert not any(e.startswith(f"{jurisdiction}:7A003") for e in ids(civil, "entries"))
    assert not any(e.startswith(f"{jurisdiction}:7A003") for e in ids(civil, "possible_entries"))


@pytest.mark.parametrize(
    ("jurisdiction", "code", "kind", "parameters", "facts", "fact"),
    [
        ("US", "7A102.a", "gyro",
         {"usable-in-vehicle-range": "500 km", "gyro-drift-rate-stability-1g": "0.1 degree/hour"},
         MT_GYRO, "gyro-not-controlled-by-7a002"),
        ("EU", "7A101", "linear-accelerometer",
         {"accelerometer-bias-repeatability-one-year": "100 microstandard_gravity",
          "accelerometer-scale-factor-repeatability-one-year": "100 ppm"},
         {**MT_ACCELEROMETER, "usable-in-missiles": True, "accelerometer-not-mwd-sensor": True},
         "accelerometer-not-controlled-by-7a001"),
        ("EU", "7A105.b.1", "navigation-satellite-receiver",
         {"navigation-information-speed": "1000 m/s"}, GNSS_EU,
         "navigation-satellite-receiver-not-controlled-by-7a005"),
    ],
)  # fmt: skip
def test_a_fact_naming_another_entry_stated_false_hands_the_item_over(
    classify_in: Any, jurisdiction: str, code: str, kind: str, parameters: dict[str, str],
    facts: dict[str, bool], fact: str,
) -> None:  # fmt: skip
    entry = f"{jurisdiction}:{code}"
    result = classify_in(jurisdiction, _item(kind, parameters, {**facts, fact: False}), ON)
    assert entry not in ids(result, "entries") and entry in ids(result, "possible_entries")
    assert result["controlled"] != False  # noqa: E712 - "unknown" or controlled elsewhere


@pytest.mark.parametrize("jurisdiction", ["US"])
def test_the_us_7b102_threshold_accuracy_stays_text(classify_in: Any, jurisdiction: str) -> None:
    result = classify_in(jurisdiction, _item("scatterometer", {"mirror-characterization-measurement-accuracy": "1 ppm"}, {}), ON)  # fmt: skip
    assert result["controlled"] == "unknown"
    assert "US:7B102.a" in ids(result, "possible_entries")


def _served(kind: str, for_kind: str, purpose: str, parameters: dict[str, str],
            facts: dict[str, bool]) -> dict[str, Any]:  # fmt: skip
    return {"kind": kind, "for_kind": for_kind, "purpose": purpose, "parameters": parameters,
            "facts": facts}  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_technology_and_software_serving_category_7(classify_in: Any, jurisdiction: str) -> None:
    # 7E001: technology for the "development" of equipment specified in 7A (US: except 7A994)
    fine = {"star-tracker-azimuth-accuracy": "20 arcsecond"}
    tech = classify_in(jurisdiction, _served("technology", "star-tracker", "development", fine, {}), ON)  # fmt: skip
    assert controls(tech, f"{jurisdiction}:7E001")
    coarse = {"star-tracker-azimuth-accuracy": "21 arcsecond"}
    tech = classify_in(jurisdiction, _served("technology", "star-tracker", "development", coarse, {}), ON)  # fmt: skip
    assert not_by(tech, f"{jurisdiction}:7E001")
    # 7E002: technology for the "production"; 7D001: software specially designed or modified
    walk = {"inertial-measurement-angle-random-walk": "0.05 degree/hour**0.5"}
    imu = "inertial-measurement-equipment"
    tech = classify_in(jurisdiction, _served("technology", imu, "production", walk, IMU), ON)
    assert controls(tech, f"{jurisdiction}:7E002")
    software_facts = {**IMU, "software-specially-designed-or-modified": True}
    software = classify_in(jurisdiction, _served("software", imu, "production", walk, software_facts), ON)  # fmt: skip
    assert controls(software, f"{jurisdiction}:7D001")
    # "use" is not a purpose of 7E001, 7E002 or 7D001
    use = classify_in(jurisdiction, _served("technology", "star-tracker", "use", fine, {}), ON)
    for code in ("7E001", "7E002", "7D001"):
        assert not_by(use, f"{jurisdiction}:{code}")
    # EU 7E101: technology for the "use" of equipment specified in 7A001 to 7A006 … (the US
    # 7E101, "for MT reasons", is not read)
    if jurisdiction == "EU":
        assert controls(use, "EU:7E101")
        coarse_use = _served("technology", "star-tracker", "use", coarse, {})
        assert not_by(classify_in(jurisdiction, coarse_use, ON), "EU:7E101")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_technology_for_underwater_dbrn_systems(classify_in: Any, jurisdiction: str) -> None:
    # 7E004.a.7: technology for the "development" or "production" of "DBRN" systems designed to
    # navigate underwater, using sonar or gravity databases, "that provide a positioning
    # “accuracy” equal to or less (better) than 0.4 nautical miles"
    entry = f"{jurisdiction}:7E004.a.7"
    kind = "underwater-dbrn-system"
    for purpose in ("development", "production"):
        fine = _served("technology", kind, purpose, {"dbrn-positioning-accuracy": "0.4 nmi"}, {})
        assert controls(classify_in(jurisdiction, fine, ON), entry)
        coarse = _served("technology", kind, purpose, {"dbrn-positioning-accuracy": "0.5 nmi"}, {})
        assert not_by(classify_in(jurisdiction, coarse, ON), entry)
    asked = classify_in(jurisdiction, _served("technology", kind, "development", {}, {}), ON)
    assert asked["controlled"] == "unknown" and "dbrn-positioning-accuracy" in asked["missing"]
    use = _served("technology", kind, "use", {"dbrn-positioning-accuracy": "0.1 nmi"}, {})
    assert not_by(classify_in(jurisdiction, use, ON), entry)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_navigation_satellite_receivers_by_their_facts(classify_in: Any, jurisdiction: str) -> None:
    kind = "navigation-satellite-receiver"
    decrypting = {"navigation-satellite-receiver-government-decryption": True}
    assert controls(classify_in(jurisdiction, _item(kind, {}, decrypting), ON), f"{jurisdiction}:7A005.a")  # fmt: skip
    plain = classify_in(jurisdiction, _item(kind, {}, {"navigation-satellite-receiver-government-decryption": False}), ON)  # fmt: skip
    assert not_by(plain, f"{jurisdiction}:7A005.a")
    # 7A005.b (adaptive antenna systems, and its Note) stays text: never "not controlled"
    assert plain["controlled"] == "unknown" and f"{jurisdiction}:7A005.b" in ids(plain, "possible_entries")  # fmt: skip
    # 7A105.b.3 anti-jam receivers for airborne applications, unless designed for civil services
    anti_jam = {
        **(GNSS_EU if jurisdiction == "EU" else GNSS),
        "navigation-satellite-receiver-anti-jam": True,
        "navigation-satellite-receiver-not-for-civil-services": True,
    }
    entry = f"{jurisdiction}:7A105.b.3"
    assert controls(classify_in(jurisdiction, _item(kind, {}, anti_jam), ON), entry)
    civil = {**anti_jam, "navigation-satellite-receiver-not-for-civil-services": False}
    assert not_by(classify_in(jurisdiction, _item(kind, {}, civil), ON), entry)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_airborne_altimeters_by_their_facts(classify_in: Any, jurisdiction: str) -> None:
    # 7A006: "Airborne altimeters operating at frequencies other than 4.2 to 4.4 GHz inclusive
    # and having any of the following: a. 'Power management'; or b. Using phase shift key
    # modulation."
    kind, band = "airborne-altimeter", "altimeter-operating-outside-4-2-to-4-4-ghz"
    managed = {band: True, "altimeter-power-management": True}
    assert controls(classify_in(jurisdiction, _item(kind, {}, managed), ON), f"{jurisdiction}:7A006.a")  # fmt: skip
    in_band = classify_in(jurisdiction, _item(kind, {}, {**managed, band: False}), ON)
    assert in_band["controlled"] is False
    unstated = classify_in(jurisdiction, _item(kind, {}, {band: True}), ON)
    assert unstated["controlled"] == "unknown"
    assert {"altimeter-power-management", "altimeter-phase-shift-key-modulation"} <= set(
        unstated["missing_facts"]
    )
