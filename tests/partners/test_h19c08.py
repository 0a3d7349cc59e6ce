"""Categories 8 and 0 end to end (h19c08), each threshold from both sides and the entry cited:
8C001 syntactic foam, 8A001.a manned tethered submersibles, 8A001.b.3 autonomous endurance and
range, 8A002.g.1 strobe lights (and US 8A992.c below them), 8A002.o.2.b propulsion motors,
8A002.r diver deterrents, 8A001.e ocean salvage (necessary figures only); EU 0B001.j.5 high
voltage power supplies and EU 0B004.b.1 exchange towers."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.answer_ids import entry_ids as _ids
from tests.partners.answer_ids import possible_ids as _possible

ON = "2026-12-01"
BOTH = ("US", "EU")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8c001_syntactic_foam(classify_in: Any, jurisdiction: str) -> None:
    # 8C001: "a. Designed for marine depths exceeding 1,000 m; and b. A density less than
    # 561 kg/m^3."
    def foam(**parameters: str) -> dict[str, Any]:
        return {"kind": "syntactic-foam", "parameters": parameters}

    deep = foam(**{"design-operating-depth": "1001 m", "material-density": "560 kg/m**3"})
    assert _ids(classify_in(jurisdiction, deep, ON)) == [f"{jurisdiction}:8C001"]
    heavy = foam(**{"design-operating-depth": "6000 m", "material-density": "561 kg/m**3"})
    assert classify_in(jurisdiction, heavy, ON)["controlled"] is False
    shallow = foam(**{"design-operating-depth": "1000 m", "material-density": "400 kg/m**3"})
    assert classify_in(jurisdiction, shallow, ON)["controlled"] is False
    asked = classify_in(jurisdiction, foam(**{"design-operating-depth": "3000 m"}), ON)
    assert asked["controlled"] == "unknown" and "material-density" in asked["missing"]
    assert f"{jurisdiction}:8C001" in _possible(asked)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a001_submersible_vehicles(classify_in: Any, jurisdiction: str) -> None:
    # a. "Manned, tethered submersible vehicles designed to operate at depths exceeding 1,000 m"
    def tethered(depth: str | None) -> dict[str, Any]:
        parameters = {"design-operating-depth": depth} if depth else {}
        return {"kind": "manned-tethered-submersible-vehicle", "parameters": parameters}

    assert _ids(classify_in(jurisdiction, tethered("1001 m"), ON)) == [f"{jurisdiction}:8A001.a"]
    assert classify_in(jurisdiction, tethered("1000 m"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, tethered(None), ON)
    assert asked["controlled"] == "unknown" and "design-operating-depth" in asked["missing"]
    # b.3: "continuously 'operate autonomously' for 10 hours or more" and "'Range' of 25 nautical
    # miles or more" (b.1 stays text: a manned, untethered vehicle is never "not controlled")
    figures = {
        "design-operating-depth": "500 m",
        "submersible-autonomous-endurance": "10 h",
        "submersible-range": "25 nautical_mile",
    }
    free = {"kind": "manned-untethered-submersible-vehicle", "parameters": figures}
    met = classify_in(jurisdiction, free, ON)
    assert met["controlled"] is True and f"{jurisdiction}:8A001.b.3" in _ids(met)
    short = {**free, "parameters": {**figures, "submersible-range": "24.9 nautical_mile"}}
    below = classify_in(jurisdiction, short, ON)
    assert below["controlled"] == "unknown"  # 8A001.b.1, text, names the item's kind
    assert f"{jurisdiction}:8A001.b.3" not in _ids(below)
    assert f"{jurisdiction}:8A001.b.1" in _possible(below)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a001_e_ocean_salvage_figures_are_necessary(classify_in: Any, jurisdiction: str) -> None:
    # "with a lifting capacity exceeding 5 MN for salvaging objects from depths exceeding 250 m
    # and having any of the following" (e.1, e.2: text)
    def system(capacity: str) -> dict[str, Any]:
        figures = {"salvage-lifting-capacity": capacity, "salvage-depth": "300 m"}
        return {"kind": "ocean-salvage-system", "parameters": figures}

    assert classify_in(jurisdiction, system("5 MN"), ON)["controlled"] is False
    met = classify_in(jurisdiction, system("5.1 MN"), ON)
    assert met["controlled"] == "unknown" and f"{jurisdiction}:8A001.e.1" in _possible(met)


def test_8a002_g_1_strobe_lights_and_us_8a992_c(classify_in: Any) -> None:
    # 8A002.g.1: "more than 300 J per flash and a flash rate of more than 5 flashes per second";
    # US 8A992.c: "more than 300 J per flash", for what 8A001 and 8A002 do not control
    fact = "not-controlled-by-8a001-or-8a002"

    def strobe(energy: str, rate: str | None, **facts: bool) -> dict[str, Any]:
        parameters = {"strobe-light-output-energy-per-flash": energy}
        if rate:
            parameters["strobe-flash-rate"] = rate
        return {"kind": "underwater-stroboscopic-light-system", "parameters": parameters,
                "facts": facts}  # fmt: skip

    for jurisdiction in BOTH:
        assert _ids(classify_in(jurisdiction, strobe("301 J", "6 Hz"), ON))[0] == (
            f"{jurisdiction}:8A002.g.1"
        )
        assert classify_in(jurisdiction, strobe("300 J", "6 Hz"), ON)["controlled"] is False
    assert classify_in("EU", strobe("301 J", "5 Hz"), ON)["controlled"] is False
    assert _ids(classify_in("US", strobe("301 J", "5 Hz", **{fact: True}), ON)) == ["US:8A992.c"]
    asked = classify_in("US", strobe("301 J", None), ON)
    assert asked["controlled"] == "unknown" and "strobe-flash-rate" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a002_o_2_b_propulsion_motors(classify_in: Any, jurisdiction: str) -> None:
    # "Internally liquid-cooled electric propulsion motors with a power output exceeding 2.5 MW"
    def motor(power: str | None) -> dict[str, Any]:
        parameters = {"propulsion-power-output": power} if power else {}
        return {"kind": "liquid-cooled-electric-propulsion-motor", "parameters": parameters}

    assert _ids(classify_in(jurisdiction, motor("2.6 MW"), ON)) == [f"{jurisdiction}:8A002.o.2.b"]
    assert classify_in(jurisdiction, motor("2.5 MW"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, motor(None), ON)
    assert asked["controlled"] == "unknown" and "propulsion-power-output" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a002_r_diver_deterrents(classify_in: Any, jurisdiction: str) -> None:
    # "a sound pressure level equal to or exceeding 190 dB (reference 1 µPa at 1 m) at frequencies
    # of 200 Hz and below"; Note 1: not explosive devices, air guns or combustible sources
    parameter = "diver-deterrent-sound-pressure-level-200hz-and-below"
    fact = "diver-deterrent-not-explosive-air-gun-or-combustible-source"

    def system(level: str, stated: bool | None = True) -> dict[str, Any]:
        facts = {} if stated is None else {fact: stated}
        return {"kind": "diver-deterrent-acoustic-system", "parameters": {parameter: level},
                "facts": facts}  # fmt: skip

    assert _ids(classify_in(jurisdiction, system("190 dB"), ON)) == [f"{jurisdiction}:8A002.r"]
    assert classify_in(jurisdiction, system("189.9 dB"), ON)["controlled"] is False
    assert classify_in(jurisdiction, system("200 dB", False), ON)["controlled"] is False
    asked = classify_in(jurisdiction, system("200 dB", None), ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]


def test_eu_0b001_j_5_high_voltage_power_supplies(classify_in: Any) -> None:
    # EU 0B001.j.5 "High voltage power supplies for ion sources, having all of the following
    # characteristics: a. Capable of continuous operation; b. Output voltage of 20000 V or greater;
    # c. Output current of 1 A or greater; and d. Voltage regulation of better than 0,01 % over a
    # period of 8 hours"
    facts = {
        "power-supply-capable-of-continuous-operation": True,
        "power-supply-voltage-regulation-better-than-0-01-percent-over-8-hours": True,
    }

    def supply(voltage: str, current: str | None = "1 A") -> dict[str, Any]:
        parameters = {"power-supply-output-voltage": voltage}
        if current:
            parameters["power-supply-output-current"] = current
        return {"kind": "ion-source-high-voltage-power-supply", "parameters": parameters,
                "facts": facts}  # fmt: skip

    assert _ids(classify_in("EU", supply("20 kV"), ON)) == ["EU:0B001.j.5"]
    assert classify_in("EU", supply("19999 V"), ON)["controlled"] is False
    asked = classify_in("EU", supply("25 kV", None), ON)
    assert "power-supply-output-current" in asked.get("missing", [])
    assert "EU:0B001.j.5" in _possible(asked)


def test_eu_0b004_b_1_exchange_towers(classify_in: Any) -> None:
    # "Water-hydrogen sulphide exchange towers with diameters of 1,5 m or more, capable of
    # operating at pressures greater than or equal to 2 MPa"
    def tower(diameter: str, pressure: str | None = "2 MPa") -> dict[str, Any]:
        parameters = {"exchange-tower-diameter": diameter}
        if pressure:
            parameters["exchange-tower-operating-pressure"] = pressure
        return {"kind": "water-hydrogen-sulphide-exchange-tower", "parameters": parameters}

    assert _ids(classify_in("EU", tower("1.5 m"), ON)) == ["EU:0B004.b.1"]
    assert classify_in("EU", tower("1.49 m"), ON)["controlled"] is False
    assert classify_in("EU", tower("2 m", "1.9 MPa"), ON)["controlled"] is False
    asked = classify_in("EU", tower("2 m", None), ON)
    assert asked["controlled"] == "unknown"
    assert "exchange-tower-operating-pressure" in asked["missing"]
