"""Category 9 end to end (h19c9), each threshold from both sides and the entry cited: 9A012.a
UAVs (endurance, wind gusts), US 9A120 / EU 9A112 UAVs with aerosol dispensing systems, EU 9A104
sounding rockets (US 9A104, subject to the ITAR, "unknown"), US 9A515.h spacecraft thrusters,
9A010.d pulsed liquid rocket engines, 9B008 wall skin friction transducers, 9B117 rocket test
stands."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.answer_ids import entry_ids as _ids
from tests.partners.answer_ids import possible_ids as _possible

ON = "2026-12-01"
BOTH = ("US", "EU")
NATURAL_VISION = "uav-designed-for-controlled-flight-out-of-natural-vision-of-operator"
# what makes the other UAV entries not apply (US 9A120 and 9A991.b, EU 9A112): stated for every
# UAV below so that only 9A012.a decides
NOT_9A120_OR_9A112 = {"uav-aerosol-dispensing-capacity": "0 L"}
OTHER_FACTS = {
    "uav-non-military": True,
    "uav-not-specified-in-9a012": True,
    "uav-not-model-aircraft-for-recreation-or-competition": True,
    "uav-autonomous-or-out-of-direct-vision-flight": True,
    "uav-capable-of-a-range-of-300-km": False,
    "not-elsewhere-specified-in-the-ccl": False,
}


def _uav(**parameters: str) -> dict[str, Any]:
    facts = {NATURAL_VISION: True, **OTHER_FACTS}
    return {
        "kind": "unmanned-aerial-vehicle",
        "parameters": {**NOT_9A120_OR_9A112, **parameters},
        "facts": facts,
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9a012_a_uav_endurance_and_gusts(classify_in: Any, jurisdiction: str) -> None:
    # a.2 "A maximum 'endurance' of 1 hour or greater"
    assert f"{jurisdiction}:9A012.a.2" in _ids(classify_in(jurisdiction, _uav(**{"uav-maximum-endurance": "60 min"}), ON))  # fmt: skip
    # a.1 "greater than or equal to 30 minutes but less than 1 hour; and … wind gusts equal to
    # or exceeding 46.3 km/h (25 knots)"
    gusty = {"uav-maximum-endurance": "30 min", "uav-wind-gust-speed": "46.3 km/h"}
    assert f"{jurisdiction}:9A012.a.1" in _ids(classify_in(jurisdiction, _uav(**gusty), ON))
    calm = {**gusty, "uav-wind-gust-speed": "46 km/h"}
    assert classify_in(jurisdiction, _uav(**calm), ON)["controlled"] is False
    short = {**gusty, "uav-maximum-endurance": "29 min"}
    assert classify_in(jurisdiction, _uav(**short), ON)["controlled"] is False
    # 45 minutes without the gusts: unknown, naming the parameter and the paragraph
    asked = classify_in(jurisdiction, _uav(**{"uav-maximum-endurance": "45 min"}), ON)
    assert asked["controlled"] == "unknown" and "uav-wind-gust-speed" in asked["missing"]
    assert f"{jurisdiction}:9A012.a.1" in _possible(asked)
    # not designed to fly out of the operator's natural vision: not 9A012.a
    seen = _uav(**{"uav-maximum-endurance": "2 h"})
    seen["facts"][NATURAL_VISION] = False
    assert classify_in(jurisdiction, seen, ON)["controlled"] is False


def test_us_9a012_a_military_uav_is_handed_over(classify_in: Any) -> None:
    # US 9A012: "Non-military “Unmanned Aerial Vehicles,” …": stated military, not decided here
    military = _uav(**{"uav-maximum-endurance": "2 h"})
    military["facts"]["uav-non-military"] = False
    answer = classify_in("US", military, ON)
    assert answer["controlled"] == "unknown"
    assert answer["controlled"] is not False


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "US:9A120"), ("EU", "EU:9A112.b")])
def test_uav_aerosol_dispensing(classify_in: Any, jurisdiction: str, code: str) -> None:
    # "Incorporating an aerosol dispensing system/mechanism with a capacity greater than 20
    # liters" (EU: litres); the UAV's endurance below 9A012.a's
    def sprayer(capacity: str | None) -> dict[str, Any]:
        item = _uav(**{"uav-maximum-endurance": "20 min"})
        del item["parameters"]["uav-aerosol-dispensing-capacity"]
        if capacity:
            item["parameters"]["uav-aerosol-dispensing-capacity"] = capacity
        return item

    assert _ids(classify_in(jurisdiction, sprayer("21 L"), ON)) == [code]
    assert classify_in(jurisdiction, sprayer("20 L"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, sprayer(None), ON)
    assert asked["controlled"] == "unknown"
    assert "uav-aerosol-dispensing-capacity" in asked["missing"] and code in _possible(asked)
    # stated specified by 9A012: handed over, never "not controlled"
    handed = sprayer("21 L")
    handed["facts"]["uav-not-specified-in-9a012"] = False
    assert classify_in(jurisdiction, handed, ON)["controlled"] == "unknown"


def test_us_9a991_b_and_eu_9a112_a(classify_in: Any) -> None:
    small = _uav(**{"uav-maximum-endurance": "20 min"})
    small["facts"]["not-elsewhere-specified-in-the-ccl"] = True  # US 9A991.b "Aircraft n.e.s."
    assert _ids(classify_in("US", small, ON)) == ["US:9A991.b"]
    ranged = _uav(**{"uav-maximum-endurance": "20 min"})
    ranged["facts"]["uav-capable-of-a-range-of-300-km"] = True
    assert _ids(classify_in("EU", ranged, ON)) == ["EU:9A112.a"]
    del ranged["facts"]["uav-capable-of-a-range-of-300-km"]
    asked = classify_in("EU", ranged, ON)
    assert asked["controlled"] == "unknown"
    assert "uav-capable-of-a-range-of-300-km" in asked["missing_facts"]


def test_9a104_sounding_rockets(classify_in: Any) -> None:
    # "Sounding rockets, capable of a range of at least 300 km."
    def rocket(reach: str | None) -> dict[str, Any]:
        parameters = {"missile-system-range": reach} if reach else {}
        return {"kind": "sounding-rocket", "parameters": parameters}

    assert _ids(classify_in("EU", rocket("300 km"), ON)) == ["EU:9A104"]
    assert classify_in("EU", rocket("299 km"), ON)["controlled"] is False
    asked = classify_in("EU", rocket(None), ON)
    assert asked["controlled"] == "unknown" and "missile-system-range" in asked["missing"]
    # US 9A104: "(These items are “subject to the ITAR.” …)": read the text, never decided
    us = classify_in("US", rocket("300 km"), ON)
    assert us["controlled"] == "unknown" and "US:9A104" in _possible(us)


def test_us_9a515_h_spacecraft_thrusters(classify_in: Any) -> None:
    # "… that provide thrust equal to or less than 150 lbf (i.e., 667.23 N) vacuum thrust"
    def thruster(thrust: str | None) -> dict[str, Any]:
        parameters = {"spacecraft-thruster-vacuum-thrust": thrust} if thrust else {}
        return {"kind": "spacecraft-thruster", "parameters": parameters}

    assert _ids(classify_in("US", thruster("667.23 N"), ON)) == ["US:9A515.h"]
    assert _ids(classify_in("US", thruster("1 N"), ON)) == ["US:9A515.h"]
    above = classify_in("US", thruster("668 N"), ON)
    assert "US:9A515.h" not in _ids(above) and above["controlled"] == "unknown"
    assert "US:9A515.x" in _possible(above)  # a part of 9A515: read the text
    asked = classify_in("US", thruster(None), ON)
    assert asked["controlled"] == "unknown"
    assert "spacecraft-thruster-vacuum-thrust" in asked["missing"]
    assert "EU:9A004.e" in _possible(classify_in("EU", thruster("1 N"), ON))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9a010_d_pulsed_liquid_rocket_engines(classify_in: Any, jurisdiction: str) -> None:
    # "thrust-to-weight ratios equal to or more than 1 kN/kg and a 'response time' of less than
    # 30 ms"; 9A010's heading: "specially designed" for launch vehicles … or spacecraft
    fact = "specially-designed-for-launch-vehicles-or-spacecraft"

    def engine(ratio: str | None, response: str = "29 ms") -> dict[str, Any]:
        parameters = {"rocket-engine-response-time": response}
        if ratio:
            parameters["rocket-engine-thrust-to-weight-ratio"] = ratio
        return {"kind": "pulsed-liquid-rocket-engine", "parameters": parameters, "facts": {fact: True}}  # fmt: skip

    assert _ids(classify_in(jurisdiction, engine("1 kN/kg"), ON)) == [f"{jurisdiction}:9A010.d"]
    assert classify_in(jurisdiction, engine("0.99 kN/kg"), ON)["controlled"] is False
    assert classify_in(jurisdiction, engine("2 kN/kg", "30 ms"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, engine(None), ON)
    assert asked["controlled"] == "unknown"
    assert "rocket-engine-thrust-to-weight-ratio" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9b008_and_9b117(classify_in: Any, jurisdiction: str) -> None:
    # 9B008 "… specially designed to operate at a test flow total (stagnation) temperature
    # exceeding 833 K (560 °C)"
    fact = "skin-friction-transducer-specially-designed-for-its-test-flow-temperature"

    def transducer(temperature: str | None) -> dict[str, Any]:
        parameters = {"skin-friction-transducer-test-flow-total-temperature": temperature}
        return {
            "kind": "wall-skin-friction-transducer",
            "parameters": parameters if temperature else {},
            "facts": {fact: True},
        }

    assert _ids(classify_in(jurisdiction, transducer("561 degC"), ON)) == [f"{jurisdiction}:9B008"]
    assert classify_in(jurisdiction, transducer("560 degC"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, transducer(None), ON)
    assert asked["controlled"] == "unknown"
    assert "skin-friction-transducer-test-flow-total-temperature" in asked["missing"]
    # 9B117 "a. The capacity to handle more than 68 kN of thrust; or b. Capable of simultaneously
    # measuring the three axial thrust components"
    axes = "test-stand-measures-three-axial-thrust-components"

    def stand(thrust: str | None, measures: bool | None = False) -> dict[str, Any]:
        parameters = {"test-stand-thrust-capacity": thrust} if thrust else {}
        facts = {} if measures is None else {axes: measures}
        return {"kind": "rocket-test-stand", "parameters": parameters, "facts": facts}

    assert _ids(classify_in(jurisdiction, stand("69 kN"), ON)) == [f"{jurisdiction}:9B117.a"]
    assert classify_in(jurisdiction, stand("68 kN"), ON)["controlled"] is False
    assert _ids(classify_in(jurisdiction, stand("10 kN", True), ON)) == [f"{jurisdiction}:9B117.b"]
    asked = classify_in(jurisdiction, stand(None), ON)
    assert asked["controlled"] == "unknown" and "test-stand-thrust-capacity" in asked["missing"]
    unknown = classify_in(jurisdiction, stand("10 kN", None), ON)
    assert unknown["controlled"] == "unknown" and axes in unknown["missing_facts"]


def test_eu_solid_rocket_motors(classify_in: Any) -> None:
    # EU 9A007.a "Total impulse capacity exceeding 1,1 MNs"; 9A107 "… having total impulse
    # capacity equal to or greater than 0,841 MNs"; 9A007.d/.e (no figure) stay text
    facts = {
        "solid-rocket-motor-not-specified-in-9a007": True,
        "rocket-motor-usable-in-systems-capable-of-a-range-of-300-km": True,
    }

    def motor(impulse: str | None) -> dict[str, Any]:
        parameters = {
            "solid-rocket-specific-impulse-sea-level-7-mpa": "2 kN*s/kg",
            "solid-rocket-stage-mass-fraction": "80 %",
            "solid-rocket-propellant-solid-loading": "80 %",
        }
        if impulse:
            parameters["rocket-total-impulse-capacity"] = impulse
        return {"kind": "solid-rocket-motor", "parameters": parameters, "facts": facts}

    assert "EU:9A007.a" in _ids(classify_in("EU", motor("1.2 MN*s"), ON))
    mid = classify_in("EU", motor("0.841 MN*s"), ON)
    assert "EU:9A107" in _ids(mid) and "EU:9A007.a" not in _ids(mid)
    low = classify_in("EU", motor("0.84 MN*s"), ON)
    assert not _ids(low) and low["controlled"] == "unknown"  # 9A007.d and .e: read the text
    assert "EU:9A007.d" in _possible(low)
    asked = classify_in("EU", motor(None), ON)
    assert asked["controlled"] == "unknown" and "rocket-total-impulse-capacity" in asked["missing"]
    # US 9A007/9A107: subject to the ITAR, "unknown" naming the entries
    assert {"US:9A007", "US:9A107"} <= _possible(classify_in("US", motor("1.2 MN*s"), ON))


def test_eu_9a009_hybrid_rocket_thrust(classify_in: Any) -> None:
    # EU 9A009.b "Thrust levels exceeding 220 kN in vacuum exit conditions"
    def motor(thrust: str) -> dict[str, Any]:
        parameters = {"rocket-total-impulse-capacity": "0.5 MN*s", "rocket-thrust-in-vacuum-exit-conditions": thrust}  # fmt: skip
        return {"kind": "hybrid-rocket-motor", "parameters": parameters}

    assert _ids(classify_in("EU", motor("221 kN"), ON)) == ["EU:9A009.b", "EU:9A009"]
    assert classify_in("EU", motor("220 kN"), ON)["controlled"] is False


def test_spacecraft(classify_in: Any) -> None:
    # US 9A515.a.1 "a clear aperture greater than 0.35 meters, but less than or equal to
    # 0.50 meters"; a.5 "Are not described in ECCN 9A515.a.1, .a.2, .a.3 or .a.4."; EU 9A004.b
    # "Spacecraft"
    facts = {
        "spacecraft-not-described-in-usml-xv-or-9a004": True,
        "spacecraft-remote-sensing-beyond-nir": False,
        "spacecraft-provides-space-based-logistics-assembly-or-servicing": False,
        "spacecraft-not-described-in-9a515-a-1-to-a-4": False,
    }
    radar = {"spacecraft-radar-center-frequency": "0 GHz", "spacecraft-radar-bandwidth": "0 MHz"}

    def satellite(aperture: str | None) -> dict[str, Any]:
        parameters = dict(radar)
        if aperture:
            parameters["spacecraft-eo-remote-sensing-clear-aperture"] = aperture
        return {"kind": "spacecraft", "parameters": parameters, "facts": dict(facts)}

    assert _ids(classify_in("US", satellite("0.5 m"), ON)) == ["US:9A515.a.1"]
    narrow = classify_in("US", satellite("0.35 m"), ON)
    assert "US:9A515.a.1" not in _ids(narrow) and narrow["controlled"] == "unknown"  # a.5 handed
    asked = classify_in("US", satellite(None), ON)
    assert asked["controlled"] == "unknown"
    assert "spacecraft-eo-remote-sensing-clear-aperture" in asked["missing"]
    cubesat = satellite("0.1 m")
    cubesat["facts"]["spacecraft-not-described-in-9a515-a-1-to-a-4"] = True
    assert _ids(classify_in("US", cubesat, ON)) == ["US:9A515.a.5"]
    assert _ids(classify_in("EU", cubesat, ON)) == ["EU:9A004.b"]
    # a radar satellite: center frequency 1.0 GHz up to 10 GHz, bandwidth 100 up to 300 MHz
    sar = satellite("0 m")
    sar["parameters"] = {"spacecraft-eo-remote-sensing-clear-aperture": "0 m", "spacecraft-radar-center-frequency": "9.6 GHz", "spacecraft-radar-bandwidth": "299 MHz"}  # fmt: skip
    assert _ids(classify_in("US", sar, ON)) == ["US:9A515.a.3"]
    sar["parameters"]["spacecraft-radar-bandwidth"] = "300 MHz"
    assert "US:9A515.a.3" not in _ids(classify_in("US", sar, ON))


def test_eu_9b106_a_environmental_chambers(classify_in: Any) -> None:
    # "a.1.a. Altitude equal to or greater than 15 km; or a.1.b. Temperature range from below
    # 223 K (-50 °C) to above 398 K (125 °C)"; a.2 (the shaker) a required fact; 9B106.b text
    shaker = "environmental-chamber-vibration-of-9b106-a-2"

    def chamber(altitude: str | None, low: str = "-40 degC", high: str = "100 degC") -> dict[str, Any]:  # fmt: skip
        parameters = {"environmental-chamber-temperature-min": low, "environmental-chamber-temperature-max": high}  # fmt: skip
        if altitude:
            parameters["environmental-chamber-altitude"] = altitude
        return {"kind": "environmental-chamber", "parameters": parameters, "facts": {shaker: True}}

    assert _ids(classify_in("EU", chamber("15 km"), ON)) == ["EU:9B106.a"]
    assert _ids(classify_in("EU", chamber("1 km", "-51 degC", "126 degC"), ON)) == ["EU:9B106.a"]
    low = classify_in("EU", chamber("14.9 km", "-50 degC", "126 degC"), ON)
    assert "EU:9B106.a" not in _ids(low) and low["controlled"] == "unknown"  # 9B106.b: text
    assert "EU:9B106.b" in _possible(low)
    asked = classify_in("EU", chamber(None), ON)
    assert "environmental-chamber-altitude" in asked["missing"]


def test_us_9a515_f_pressure_suits(classify_in: Any) -> None:
    # "capable of operating at altitudes greater than or equal to 55,000 feet above sea level"
    def suit(altitude: str | None) -> dict[str, Any]:
        parameters = {"pressure-suit-operating-altitude": altitude} if altitude else {}
        return {"kind": "pressure-suit", "parameters": parameters}

    assert _ids(classify_in("US", suit("55000 ft"), ON)) == ["US:9A515.f"]
    assert _ids(classify_in("US", suit("16.8 km"), ON)) == ["US:9A515.f"]  # 55,118 ft
    assert classify_in("US", suit("54999 ft"), ON)["controlled"] is False
    asked = classify_in("US", suit(None), ON)
    assert asked["controlled"] == "unknown"
    assert "pressure-suit-operating-altitude" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9a012_b_4_uav_engines(classify_in: Any, jurisdiction: str) -> None:
    # "… at altitudes above 15,240 meters (50,000 feet)"
    facts = {"engine-specially-designed-or-modified-to-propel-uavs": True, "uav-equipment-non-military": True}  # fmt: skip

    def engine(altitude: str) -> dict[str, Any]:
        parameters = {"uav-engine-propulsion-altitude": altitude}
        return {"kind": "air-breathing-reciprocating-or-rotary-engine", "parameters": parameters, "facts": facts}  # fmt: skip

    assert _ids(classify_in(jurisdiction, engine("50001 ft"), ON)) == [f"{jurisdiction}:9A012.b.4"]
    assert classify_in(jurisdiction, engine("15240 m"), ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9c110_prepregs(classify_in: Any, jurisdiction: str) -> None:
    # "'specific tensile strength' greater than 7.62 × 10^4 m and a 'specific modulus' greater
    # than 3.18 × 10^6 m"; the Note (resins of Tg above 145 °C) a required fact
    def prepreg(strength: str | None, modulus: str = "3.2e6 m") -> dict[str, Any]:
        parameters = {"reinforcement-specific-modulus": modulus}
        if strength:
            parameters["reinforcement-specific-tensile-strength"] = strength
        facts = {"prepreg-resin-tg-exceeding-145-c-or-preform": True}
        return {"kind": "fibre-prepreg-or-preform-for-9a110", "parameters": parameters, "facts": facts}  # fmt: skip

    assert _ids(classify_in(jurisdiction, prepreg("7.7e4 m"), ON)) == [f"{jurisdiction}:9C110"]
    assert classify_in(jurisdiction, prepreg("7.62e4 m"), ON)["controlled"] is False
    assert classify_in(jurisdiction, prepreg("8e4 m", "3.18e6 m"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, prepreg(None), ON)
    assert asked["controlled"] == "unknown"
    assert "reinforcement-specific-tensile-strength" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9a002_marine_gas_turbines(classify_in: Any, jurisdiction: str) -> None:
    # "of 24,245 kW or more; and … not exceeding 0.219 kg/kWh at 35% of the maximum continuous
    # power when using liquid fuel"
    def turbine(power: str | None, consumption: str = "0.219 kg/kW/h") -> dict[str, Any]:
        parameters = {"marine-gas-turbine-corrected-sfc-at-35-percent": consumption}
        if power:
            parameters["marine-gas-turbine-maximum-continuous-power"] = power
        return {"kind": "marine-gas-turbine-engine", "parameters": parameters}

    assert _ids(classify_in(jurisdiction, turbine("24245 kW"), ON)) == [f"{jurisdiction}:9A002"]
    assert classify_in(jurisdiction, turbine("24244 kW"), ON)["controlled"] is False
    assert classify_in(jurisdiction, turbine("30 MW", "0.22 kg/kW/h"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, turbine(None), ON)
    assert asked["controlled"] == "unknown"
    assert "marine-gas-turbine-maximum-continuous-power" in asked["missing"]
