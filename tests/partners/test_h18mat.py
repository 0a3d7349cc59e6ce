"""Categories 1 and 2 end to end (h18mat), each threshold from both sides and the entry cited:
US 2B231 vacuum pumps, 2B233 bellows-sealed scroll-type vacuum pumps, 2B006.b.1 non-contact
type measuring systems, 2B006.c angular displacement measuring instruments, 2B006.d optical
scatter roughness equipment, 2A226 valves, US 2B999.k vacuum valves; EU 1C005.b/.c superconductive
composite conductors (1C005.a and the US's .b/.c known as text) and 2B230 pressure transducers
known as text ("unknown", never "not controlled")."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.answer_ids import entry_ids as _ids
from tests.partners.answer_ids import possible_ids as _possible

ON = "2026-12-01"
BOTH = ("US", "EU")


def test_us_2b231_vacuum_pumps(classify_in: Any) -> None:
    # US 2B231: "a. Input throat size equal to or greater than 380 mm; b. Pumping speed equal to
    # or greater than 15 m^3/s; and c. Capable of producing an ultimate vacuum better than
    # 13.3 mPa."
    fact = "vacuum-pump-ultimate-vacuum-better-than-13-3-mpa"
    figures = {"vacuum-pump-input-throat-size": "380 mm", "vacuum-pump-pumping-speed": "15 m**3/s"}
    pump = {"kind": "vacuum-pump", "parameters": figures, "facts": {fact: True}}
    assert _ids(classify_in("US", pump, ON)) == ["US:2B231"]
    narrow = {**pump, "parameters": {**figures, "vacuum-pump-input-throat-size": "379 mm"}}
    assert classify_in("US", narrow, ON)["controlled"] is False
    assert classify_in("US", {**pump, "facts": {fact: False}}, ON)["controlled"] is False
    asked = classify_in("US", {**pump, "facts": {}}, ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
    alone = {"vacuum-pump-input-throat-size": "400 mm"}
    missing = classify_in("US", {**pump, "parameters": alone}, ON)
    assert missing["controlled"] == "unknown" and "vacuum-pump-pumping-speed" in missing["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b233_scroll_vacuum_pumps(classify_in: Any, jurisdiction: str) -> None:
    # 2B233: "a. Capable of an inlet volume flow rate of 50 m3/h or greater; b. Capable of a
    # pressure ratio of 2:1 or greater; and c. Having all surfaces that come in contact with the
    # process gas made from any of the following: … Stainless steel; …"
    fact = "scroll-pump-process-gas-surfaces-of-2b233-materials"

    def pump(flow: str | None, ratio: str = "5") -> dict[str, Any]:
        parameters = {"scroll-pump-pressure-ratio": ratio}
        if flow:
            parameters["scroll-pump-inlet-volume-flow-rate"] = flow
        kind = "bellows-sealed-scroll-type-compressor-or-vacuum-pump"
        return {"kind": kind, "parameters": parameters, "facts": {fact: True}}

    assert _ids(classify_in(jurisdiction, pump("50 m**3/h"), ON)) == [f"{jurisdiction}:2B233"]
    assert classify_in(jurisdiction, pump("49.9 m**3/h"), ON)["controlled"] is False
    assert classify_in(jurisdiction, pump("60 m**3/h", "1.9"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, pump(None), ON)
    assert asked["controlled"] == "unknown"
    assert "scroll-pump-inlet-volume-flow-rate" in asked["missing"]
    assert f"{jurisdiction}:2B233" in _possible(asked)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b006_b_1_non_contact_measuring_systems(classify_in: Any, jurisdiction: str) -> None:
    # "'Non-contact type measuring systems' with a 'resolution' equal to or less (better) than
    # 0.2 µm within 0 to 0.2 mm of the 'measuring range'"; the Note to 2B006.b: interferometer and
    # optical-encoder systems containing a laser are only specified by 2B006.b.3
    fact = "not-laser-interferometer-or-optical-encoder-measuring-system"

    def system(resolution: str | None, **facts: bool) -> dict[str, Any]:
        parameters = {"non-contact-measuring-resolution": resolution} if resolution else {}
        stated = {fact: True, **facts}
        return {
            "kind": "non-contact-type-measuring-system",
            "parameters": parameters,
            "facts": stated,
        }

    met = classify_in(jurisdiction, system("0.2 um"), ON)
    assert _ids(met) == [f"{jurisdiction}:2B006.b.1"]
    assert classify_in(jurisdiction, system("0.21 um"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, system(None), ON)
    assert asked["controlled"] == "unknown"
    assert "non-contact-measuring-resolution" in asked["missing"]
    handed = classify_in(jurisdiction, system("0.1 um", **{fact: False}), ON)
    assert handed["controlled"] == "unknown"
    assert any("2B006.b.3" in note for note in handed["notes"])


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b006_c_angular_displacement_measuring_instruments(
    classify_in: Any, jurisdiction: str
) -> None:
    # "having an angular position “accuracy” equal to or less (better) than 0.9 second of arc";
    # its Note: "does not control optical instruments, such as autocollimators, using collimated
    # light … to detect angular displacement of a mirror"
    fact = "angular-instrument-not-collimated-light-mirror-instrument"

    def instrument(accuracy: str | None, note: bool | None = True) -> dict[str, Any]:
        parameters = {"angular-position-accuracy": accuracy} if accuracy else {}
        facts = {} if note is None else {fact: note}
        kind = "angular-displacement-measuring-instrument"
        return {"kind": kind, "parameters": parameters, "facts": facts}

    met = classify_in(jurisdiction, instrument("0.9 arcsecond"), ON)
    assert _ids(met) == [f"{jurisdiction}:2B006.c"]
    assert classify_in(jurisdiction, instrument("1 arcsecond"), ON)["controlled"] is False
    assert classify_in(jurisdiction, instrument("0.5 arcsecond", False), ON)["controlled"] is False
    asked = classify_in(jurisdiction, instrument(None), ON)
    assert asked["controlled"] == "unknown" and "angular-position-accuracy" in asked["missing"]
    noted = classify_in(jurisdiction, instrument("0.5 arcsecond", None), ON)
    assert noted["controlled"] == "unknown" and fact in noted["missing_facts"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b006_d_surface_roughness_equipment(classify_in: Any, jurisdiction: str) -> None:
    # "by measuring optical scatter with a sensitivity of 0.5 nm or less (better)"
    def equipment(sensitivity: str | None) -> dict[str, Any]:
        parameters = {"optical-scatter-roughness-sensitivity": sensitivity} if sensitivity else {}
        kind = "optical-scatter-surface-roughness-measuring-equipment"
        return {"kind": kind, "parameters": parameters}

    assert _ids(classify_in(jurisdiction, equipment("0.5 nm"), ON)) == [f"{jurisdiction}:2B006.d"]
    assert classify_in(jurisdiction, equipment("0.51 nm"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, equipment(None), ON)
    assert asked["controlled"] == "unknown"
    assert "optical-scatter-roughness-sensitivity" in asked["missing"]


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("absolute-pressure-transducer", "2B230"),
        ("coordinate-measuring-machine", "2B006.a"),
        ("laser-displacement-measuring-system", "2B006.b.3"),
    ],
)
@pytest.mark.parametrize("jurisdiction", BOTH)
def test_known_as_text_is_unknown(
    classify_in: Any, jurisdiction: str, kind: str, code: str
) -> None:
    result = classify_in(jurisdiction, {"kind": kind, "parameters": {}}, ON)
    assert result["controlled"] == "unknown"
    assert f"{jurisdiction}:{code}" in _possible(result)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2a226_bellows_sealed_valves(classify_in: Any, jurisdiction: str) -> None:
    # 2A226: "a. A “nominal size” of 5 mm or greater; b. Having a bellows seal; and c. Wholly made
    # of or lined with aluminium, aluminium alloy, nickel, or nickel alloy containing more than
    # 60 % nickel by weight."
    material = "valve-wholly-made-of-or-lined-with-2a226-materials"

    def valve(size: str | None, **facts: bool) -> dict[str, Any]:
        parameters = {"valve-nominal-size": size} if size else {}
        stated = {"valve-has-bellows-seal": True, material: True, **facts}
        # a valve not for high-vacuum service (else US 2B999.k asks whether it is a vacuum valve)
        stated["specially-designed-for-high-vacuum-service"] = False
        # nor of the 2B350.g materials (else US 2B350.g.1 asks about the valve's wetted surfaces)
        stated["valve-wetted-surfaces-of-2b350-g-materials"] = False
        return {"kind": "valve", "parameters": parameters, "facts": stated}

    assert _ids(classify_in(jurisdiction, valve("5 mm"), ON)) == [f"{jurisdiction}:2A226"]
    assert classify_in(jurisdiction, valve("4.9 mm"), ON)["controlled"] is False
    assert classify_in(jurisdiction, valve("40 mm", **{material: False}), ON)["controlled"] is False
    asked = classify_in(jurisdiction, valve(None), ON)
    assert asked["controlled"] == "unknown" and "valve-nominal-size" in asked["missing"]
    if jurisdiction == "US":  # a valve that may be a vacuum valve of 2B999.k: its kind is asked
        vacuum = valve("4.9 mm")
        vacuum["facts"]["specially-designed-for-high-vacuum-service"] = True
        vacuum["facts"]["not-elsewhere-specified-in-the-ccl"] = True
        kind = classify_in("US", vacuum, ON)
        assert kind["controlled"] == "unknown" and "kind" in kind["missing_facts"]


def test_us_2b999_k_vacuum_valves(classify_in: Any) -> None:
    # US 2B999.k "Vacuum valves … “specially designed” for use in high-vacuum service, n.e.s.";
    # a stainless steel gate valve is not one of 2A226 (its materials), in either list
    high_vacuum = "specially-designed-for-high-vacuum-service"
    facts = {
        high_vacuum: True,
        "not-elsewhere-specified-in-the-ccl": True,
        "valve-has-bellows-seal": True,
        "valve-wholly-made-of-or-lined-with-2a226-materials": False,
        "valve-wetted-surfaces-of-2b350-g-materials": False,  # nor one of US 2B350.g.1
    }
    valve = {"kind": "vacuum-valve", "parameters": {"valve-nominal-size": "63 mm"}, "facts": facts}
    assert _ids(classify_in("US", valve, ON)) == ["US:2B999.k"]
    assert classify_in("EU", valve, ON)["controlled"] is False
    other = {**valve, "facts": {**facts, high_vacuum: False}}
    assert classify_in("US", other, ON)["controlled"] is False
    asked = {**valve, "facts": {k: v for k, v in facts.items() if k != high_vacuum}}
    result = classify_in("US", asked, ON)
    assert result["controlled"] == "unknown" and high_vacuum in result["missing_facts"]


def _conductor(**parameters: str) -> dict[str, Any]:
    # a niobium-tin conductor: no niobium-titanium filaments, others
    stated = {
        "superconductive-conductor-length": "1000 m",
        "superconductive-conductor-nbti-filament-count": "0",
        "superconductive-conductor-other-filament-count": "5000",
        "superconductor-critical-temperature": "18 K",
        "superconductive-conductor-critical-current-density-4-2k-12t": "2000 A/mm**2",
        **parameters,
    }
    figures = {name: value for name, value in stated.items() if value}
    return {"kind": "superconductive-composite-conductor", "parameters": figures}


def test_eu_1c005_b_superconductive_conductors(classify_in: Any) -> None:
    # EU 1C005 "in lengths exceeding 100 m or with a mass exceeding 100 g"; b. filaments "other
    # than niobium-titanium": b.1 "A "critical temperature" at zero magnetic induction exceeding
    # 9,85 K (-263,3 °C)"; b.2 "… 12 T with critical current density exceeding 1750 A/mm2 …"
    met = classify_in("EU", _conductor(), ON)
    assert met["controlled"] is True and _ids(met) == [
        "EU:1C005.b",
        "EU:1C005",
    ]  # the paragraph and its group
    # 100 m, the mass unstated: the mass is asked; 100 m and 100 g: not controlled
    at_100 = _conductor(**{"superconductive-conductor-length": "100 m"})
    asked_mass = classify_in("EU", at_100, ON)
    assert asked_mass["controlled"] == "unknown"
    assert "superconductive-conductor-mass" in asked_mass["missing"]
    at_100["parameters"]["superconductive-conductor-mass"] = "100 g"
    assert classify_in("EU", at_100, ON)["controlled"] is False
    heavy = _conductor(**{
        "superconductive-conductor-length": "100 m", "superconductive-conductor-mass": "101 g"
    })  # fmt: skip
    assert _ids(classify_in("EU", heavy, ON)) == [
        "EU:1C005.b",
        "EU:1C005",
    ]  # the paragraph and its group
    low = _conductor(
        **{"superconductive-conductor-critical-current-density-4-2k-12t": "1750 A/mm**2"}
    )
    assert classify_in("EU", low, ON)["controlled"] is False
    assert (
        classify_in("EU", _conductor(**{"superconductor-critical-temperature": "9.85 K"}), ON)[
            "controlled"
        ]
        is False
    )
    asked = classify_in(
        "EU", _conductor(**{"superconductive-conductor-critical-current-density-4-2k-12t": ""}), ON
    )
    assert asked["controlled"] == "unknown"
    assert "superconductive-conductor-critical-current-density-4-2k-12t" in asked["missing"]


def test_1c005_c_and_the_paragraphs_left_as_text(classify_in: Any) -> None:
    # c. "which remain "superconductive" above 115 K (-158,15 °C)"
    hot = _conductor(**{"superconductor-critical-temperature": "120 K"})
    assert "EU:1C005.c" in _ids(classify_in("EU", hot, ON))
    # US "9.85 K (−263.31 °C)": the brackets do not repeat the kelvins, b and c stay text
    us = classify_in("US", _conductor(), ON)
    assert us["controlled"] == "unknown" and "US:1C005.b" in _possible(us)
    short = _conductor(
        **{"superconductive-conductor-length": "50 m", "superconductive-conductor-mass": "50 g"}
    )
    assert classify_in("US", short, ON)["controlled"] is False
    # a niobium-titanium conductor: 1C005.a (its matrix, a.1) is text: unknown, never false
    nbti = _conductor(**{
        "superconductive-conductor-nbti-filament-count": "5000",
        "superconductive-conductor-other-filament-count": "0",
        "superconductor-critical-temperature": "9.5 K",
    })  # fmt: skip
    result = classify_in("EU", nbti, ON)
    assert result["controlled"] == "unknown" and "EU:1C005.a" in _possible(result)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b226_a_induction_furnaces(classify_in: Any, jurisdiction: str) -> None:
    # 2B226.a: "Capable of operation above 1123 K (850 °C); Induction coils 600 mm or less in
    # diameter; and Designed for power inputs of 5 kW or more"
    facts = {
        "induction-furnace-not-specified-in-9b001-or-3b001": True,
        "induction-furnace-not-for-semiconductor-wafer-processing": True,
    }

    def furnace(temperature: str | None, power: str = "10 kW") -> dict[str, Any]:
        parameters = {"induction-coil-diameter": "100 mm", "induction-furnace-power-input": power}
        if temperature:
            parameters["furnace-maximum-operating-temperature"] = temperature
        kind = "controlled-atmosphere-induction-furnace"
        return {"kind": kind, "parameters": parameters, "facts": facts}

    assert _ids(classify_in(jurisdiction, furnace("851 degC"), ON)) == [f"{jurisdiction}:2B226.a"]
    assert classify_in(jurisdiction, furnace("850 degC"), ON)["controlled"] is False
    assert classify_in(jurisdiction, furnace("1600 degC", "4.9 kW"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, furnace(None), ON)
    assert asked["controlled"] == "unknown"
    assert "furnace-maximum-operating-temperature" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b227_b_melting_furnaces(classify_in: Any, jurisdiction: str) -> None:
    # 2B227.b: "A power of 50 kW or greater; and Capable of operating with melting temperatures
    # above 1,473 K (1,200 °C)"
    def furnace(power: str | None, temperature: str = "2000 degC") -> dict[str, Any]:
        parameters = {"melting-furnace-melting-temperature": temperature}
        if power:
            parameters["melting-furnace-power"] = power
        return {"kind": "electron-beam-or-plasma-melting-furnace", "parameters": parameters}

    assert _ids(classify_in(jurisdiction, furnace("50 kW"), ON)) == [f"{jurisdiction}:2B227.b"]
    assert classify_in(jurisdiction, furnace("49 kW"), ON)["controlled"] is False
    assert classify_in(jurisdiction, furnace("60 kW", "1200 degC"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, furnace(None), ON)
    assert asked["controlled"] == "unknown" and "melting-furnace-power" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1b226_electromagnetic_isotope_separators(classify_in: Any, jurisdiction: str) -> None:
    # 1B226: "ion sources capable of providing a total ion beam current of 50 mA or greater"
    def separator(current: str | None) -> dict[str, Any]:
        parameters = {"isotope-separator-ion-beam-current": current} if current else {}
        return {"kind": "electromagnetic-isotope-separator", "parameters": parameters}

    assert _ids(classify_in(jurisdiction, separator("50 mA"), ON)) == [f"{jurisdiction}:1B226"]
    assert classify_in(jurisdiction, separator("49 mA"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, separator(None), ON)
    assert asked["controlled"] == "unknown"
    assert "isotope-separator-ion-beam-current" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b232_light_gas_guns(classify_in: Any, jurisdiction: str) -> None:
    # 2B232: "capable of accelerating projectiles to 1.5 km/s or greater"
    def gun(velocity: str | None) -> dict[str, Any]:
        parameters = {"gun-projectile-velocity": velocity} if velocity else {}
        return {"kind": "high-velocity-gun-system", "parameters": parameters}

    assert _ids(classify_in(jurisdiction, gun("1.5 km/s"), ON)) == [f"{jurisdiction}:2B232"]
    assert classify_in(jurisdiction, gun("1400 m/s"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, gun(None), ON)
    assert asked["controlled"] == "unknown" and "gun-projectile-velocity" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c003_c_amorphous_alloy_strips(classify_in: Any, jurisdiction: str) -> None:
    # 1C003.c: "a minimum of 75% by weight of iron, cobalt or nickel; Bs of 1.6 T or more; and a
    # strip thickness of 0.02 mm or less or a resistivity of 2 × 10^−4 ohm cm or more"
    def strip(bs: str | None, thickness: str = "0.02 mm") -> dict[str, Any]:
        parameters = {
            "iron-cobalt-nickel-content": "90 %",
            "alloy-strip-thickness": thickness,
            "electrical-resistivity": "1.3e-4 ohm*cm",
            "initial-relative-permeability": "10000",  # below 1C003.a
            "magnetic-metal-thickness": thickness,
        }
        if bs:
            parameters["saturation-magnetic-induction"] = bs
        return {"kind": "amorphous-or-nanocrystalline-alloy-strip", "parameters": parameters}

    met = classify_in(jurisdiction, strip("1.6 T"), ON)
    assert _ids(met) == [f"{jurisdiction}:1C003.c"]
    assert classify_in(jurisdiction, strip("1.59 T"), ON)["controlled"] is False
    assert classify_in(jurisdiction, strip("1.8 T", "0.025 mm"), ON)["controlled"] is False
    asked = classify_in(jurisdiction, strip(None), ON)
    assert asked["controlled"] == "unknown"
    assert "saturation-magnetic-induction" in asked["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b225_hot_cell_manipulators(classify_in: Any, jurisdiction: str) -> None:
    # 2B225.a "A capability of penetrating 0.6 m or more of hot cell wall"; b. bridging over a wall
    # "with a thickness of 0.6 m or more"
    def manipulator(through: str | None, over: str = "0 m") -> dict[str, Any]:
        parameters = {"manipulator-bridged-wall-thickness": over}
        if through:
            parameters["manipulator-penetrated-wall-thickness"] = through
        return {"kind": "remote-manipulator", "parameters": parameters}

    met = classify_in(jurisdiction, manipulator("0.6 m"), ON)
    assert _ids(met)[0] == f"{jurisdiction}:2B225.a"
    assert classify_in(jurisdiction, manipulator("0.59 m"), ON)["controlled"] is False
    assert _ids(classify_in(jurisdiction, manipulator("0 m", "0.6 m"), ON))[0] == (
        f"{jurisdiction}:2B225.b"
    )
    asked = classify_in(jurisdiction, manipulator(None), ON)
    assert asked["controlled"] == "unknown"
    assert "manipulator-penetrated-wall-thickness" in asked["missing"]


def test_eu_2b121_positioning_tables(classify_in: Any) -> None:
    # EU 2B121: "a. Two or more axes; and b. A positioning "accuracy" equal to or less (better)
    # than 5 arc second"; the US text ("equal to or better than") stays text: unknown
    facts = {
        "positioning-table-not-specified-in-2b120": True,
        "positioning-table-not-for-machine-tools-or-medical-equipment": True,
    }

    def table(accuracy: str | None, axes: str = "2") -> dict[str, Any]:
        parameters = {"positioning-table-axis-count": axes}
        if accuracy:
            parameters["rotary-positioning-accuracy"] = accuracy
        return {"kind": "rotary-positioning-table", "parameters": parameters, "facts": facts}

    assert _ids(classify_in("EU", table("5 arcsecond"), ON)) == ["EU:2B121"]
    assert classify_in("EU", table("6 arcsecond"), ON)["controlled"] is False
    assert classify_in("EU", table("1 arcsecond", "1"), ON)["controlled"] is False
    asked = classify_in("EU", table(None), ON)
    assert asked["controlled"] == "unknown" and "rotary-positioning-accuracy" in asked["missing"]
    us = classify_in("US", table("1 arcsecond"), ON)
    assert us["controlled"] == "unknown" and "US:2B121" in _possible(us)
