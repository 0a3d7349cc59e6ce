"""Category 9 read from ontology/sources/ (h19c9): 9A012.a UAVs and unmanned airships (maximum
endurance, wind gusts), US 9A120 and EU 9A112 UAVs with aerosol dispensing systems, US 9A991.b
aircraft n.e.s. (for UAVs), EU 9A104 sounding rockets (US 9A104 subject to the ITAR: text), US
9A515.h spacecraft thrusters (US 9A515.x and EU 9A004.e text for thrusters), 9A010.d pulsed liquid
rocket engines, 9B008 wall skin friction transducers, 9B117 rocket test stands; and the reader's
knots and feet written in brackets after a value ("46.3 km/h (25 knots)")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_clauses import NotRead, ParagraphReader, Phrase
from exportgraph.loaders.formalize_equivalents import equivalent_problem
from exportgraph.loaders.listed_text import TextNode

from exportgraph.paths import ontology_dir
from tests.lists.formal import Found, criterion, ways

BOTH = ("US", "EU")
UNIT = "http://qudt.org/vocab/unit/"
UAV_KINDS = ("unmanned-aerial-vehicle", "unmanned-airship")
NATURAL_VISION = "uav-designed-for-controlled-flight-out-of-natural-vision-of-operator"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9a012_a_uavs(found: Found, jurisdiction: str) -> None:
    # 9A012.a: "UAVs or unmanned airships, designed to have controlled flight out of the direct
    # 'natural vision' of the 'operator' and having any of the following: a.1. Having all of the
    # following: a.1.a. A maximum 'endurance' greater than or equal to 30 minutes but less than
    # 1 hour; and a.1.b. Designed to take-off and have stable controlled flight in wind gusts
    # equal to or exceeding 46.3 km/h (25 knots); or a.2. A maximum 'endurance' of 1 hour or
    # greater"
    group = found[(jurisdiction, "9A012.a")]
    assert group.group and group.kinds == UAV_KINDS
    facts = (NATURAL_VISION, "uav-non-military") if jurisdiction == "US" else (NATURAL_VISION,)
    for code in ("9A012.a.1", "9A012.a.2"):
        entry = found[(jurisdiction, code)]
        assert entry.text_only is None and entry.requires_facts == facts
    assert ways(found[(jurisdiction, "9A012.a.1")]) == {
        frozenset(
            {
                criterion("uav-maximum-endurance", ">=", "30", "MIN"),
                criterion("uav-maximum-endurance", "<", "1", "HR"),
                criterion("uav-wind-gust-speed", ">=", "46.3", "KiloM-PER-HR"),
            }
        )
    }
    assert ways(found[(jurisdiction, "9A012.a.2")]) == {
        frozenset({criterion("uav-maximum-endurance", ">=", "1", "HR")})
    }


@pytest.mark.parametrize(
    ("jurisdiction", "code", "facts"),
    [
        (
            "US",
            "9A120",
            (
                "uav-not-specified-in-9a012",
                "uav-not-model-aircraft-for-recreation-or-competition",
                "uav-autonomous-or-out-of-direct-vision-flight",
            ),
        ),
        ("EU", "9A112.b", ("uav-not-specified-in-9a012", "uav-autonomous-or-out-of-direct-vision-flight")),
    ],
)  # fmt: skip
def test_uavs_with_aerosol_dispensing_systems(
    found: Found, jurisdiction: str, code: str, facts: tuple[str, ...]
) -> None:
    # "Incorporating an aerosol dispensing system/mechanism with a capacity greater than 20
    # liters; or Designed or modified to incorporate … with a capacity of greater than 20 liters"
    entry = found[(jurisdiction, code)]
    assert entry.kinds == ("unmanned-aerial-vehicle",) and entry.text_only is None
    assert entry.requires_facts == facts
    assert ways(entry) == {
        frozenset({criterion("uav-aerosol-dispensing-capacity", ">", "20", "L")})
    }
    assert len(entry.alternatives) == 2  # incorporating, or designed or modified to incorporate


def test_eu_9a112_a_and_us_9a991_b_are_facts(found: Found) -> None:
    # EU 9A112.a "UAVs capable of a range of 300 km" (no comparator: the words are the fact);
    # US 9A991.b "Aircraft n.e.s."
    eu = found[("EU", "9A112.a")]
    assert eu.text_only is None and not eu.criteria
    assert eu.requires_facts == ("uav-not-specified-in-9a012", "uav-capable-of-a-range-of-300-km")
    us = found[("US", "9A991.b")]
    assert us.kinds == ("unmanned-aerial-vehicle",) and us.text_only is None
    assert us.requires_facts == ("not-elsewhere-specified-in-the-ccl",)


def test_9a104_sounding_rockets(found: Found) -> None:
    # "Sounding rockets, capable of a range of at least 300 km." The US adds "(These items are
    # “subject to the ITAR.” …)": known as text, never decided
    eu = found[("EU", "9A104")]
    assert ways(eu) == {frozenset({criterion("missile-system-range", ">=", "300", "KiloM")})}
    us = found[("US", "9A104")]
    assert us.kinds == ("sounding-rocket",) and us.text_only and "ITAR" in us.text_only
    assert not us.criteria


def test_us_9a515_h_spacecraft_thrusters(found: Found) -> None:
    # "Spacecraft thrusters using bi-propellants or mono-propellants that provide thrust equal to
    # or less than 150 lbf (i.e., 667.23 N) vacuum thrust."
    entry = found[("US", "9A515.h")]
    assert ways(entry) == {
        frozenset({criterion("spacecraft-thruster-vacuum-thrust", "<=", "150", "LB_F")})
    }
    assert "667.23 N" in entry.title  # the bracket repeats 150 lbf in newtons (667.233)
    assert abs(Decimal(150) * Decimal("4.4482216152605") - Decimal("667.23")) < Decimal("0.005")
    assert ("EU", "9A515.h") not in found
    # a thruster above 150 lbf may be a part of 9A515.x (US) or equipment of 9A004.e (EU): text
    for key in (("US", "9A515.x"), ("EU", "9A004.e")):
        assert found[key].kinds == ("spacecraft-thruster",) and found[key].text_only


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9a010_d_pulsed_liquid_rocket_engines(found: Found, jurisdiction: str) -> None:
    # "Pulsed liquid rocket engines with thrust-to-weight ratios equal to or more than 1 kN/kg
    # and a 'response time' of less than 30 ms."
    entry = found[(jurisdiction, "9A010.d")]
    assert entry.requires_facts == ("specially-designed-for-launch-vehicles-or-spacecraft",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("rocket-engine-thrust-to-weight-ratio", ">=", "1", "KiloN-PER-KiloGM"),
                criterion("rocket-engine-response-time", "<", "30", "MilliSEC"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9b008_and_9b117(found: Found, jurisdiction: str) -> None:
    # 9B008 "… specially designed to operate at a test flow total (stagnation) temperature
    # exceeding 833 K (560 °C)" (US: "(560 °C))."): the degrees are the threshold
    transducer = found[(jurisdiction, "9B008")]
    assert transducer.text_only is None
    assert ways(transducer) == {
        frozenset(
            {criterion("skin-friction-transducer-test-flow-total-temperature", ">", "560", "DEG_C")}
        )
    }
    # 9B117 "having either of the following characteristics: a. The capacity to handle more
    # than 68 kN of thrust (US: rocket motors or rocket engines having a thrust greater than
    # 68 kN); or b. Capable of simultaneously measuring the three axial thrust components."
    thrust = found[(jurisdiction, "9B117.a")]
    assert ways(thrust) == {
        frozenset({criterion("test-stand-thrust-capacity", ">", "68", "KiloN")})
    }
    axes = found[(jurisdiction, "9B117.b")]
    assert not axes.criteria and axes.text_only is None
    assert axes.requires_facts == ("test-stand-measures-three-axial-thrust-components",)


UNITS = formalize.read_units(ontology_dir(), "units.csv")
GUSTS = "Designed to take-off and have stable controlled flight in wind gusts {}"


def _gusts(text: str) -> tuple[tuple[str, str, Decimal, str], ...]:
    reader = ParagraphReader([Phrase("9A012.a", GUSTS, "uav-wind-gust-speed", "", None, "", "", 0)], UNITS)  # fmt: skip
    reading = reader.read(TextNode("US", "9A012.a.1.b", ("a", "1", "b"), text, (), "9A012.a.1", (), 1))  # fmt: skip
    return tuple((c.parameter, c.comparator, c.value, c.unit.rsplit("/", 1)[-1]) for c in reading.criteria)  # fmt: skip


def test_knots_in_brackets_are_checked_against_the_km_per_h() -> None:
    words = (
        "Designed to take-off and have stable controlled flight in wind gusts equal to or exceeding"
    )
    found = _gusts(f"{words} 46.3 km/h (25 knots); or")
    assert found == (("uav-wind-gust-speed", ">=", Decimal("46.3"), "KiloM-PER-HR"),)
    with pytest.raises(NotRead, match="knots is not"):
        _gusts(f"{words} 46.3 km/h (26 knots); or")  # 46.3 km/h is 25.00 knots


def test_feet_are_checked_against_the_metres() -> None:
    # 9A012.b.4 "at altitudes above 15,240 meters (50,000 feet)": 50,000 ft is 15,240 m exactly
    assert equivalent_problem(Decimal(15240), UNIT + "M", "50000", "feet", "US") is None
    assert equivalent_problem(Decimal(15240), UNIT + "M", "49000", "feet", "US") is not None
    # knots after a value that is not a speed are not converted
    assert equivalent_problem(Decimal(15240), UNIT + "M", "25", "knots", "US") is not None


def test_eu_solid_and_hybrid_rocket_motors(found: Found) -> None:
    # EU 9A007 "Solid rocket propulsion systems having any of the following: a. Total impulse
    # capacity exceeding 1,1 MNs; b. Specific impulse of 2,4 kNs/kg or more, when the nozzle flow
    # is expanded to ambient sea level conditions for an adjusted chamber pressure of 7 MPa;
    # c. Stage mass fractions exceeding 88 % and propellant solid loadings exceeding 86 %;
    # d. Components specified in 9A008; or e. Insulation and propellant bonding systems …"
    assert found[("EU", "9A007")].group
    assert ways(found[("EU", "9A007.a")]) == {
        frozenset({criterion("rocket-total-impulse-capacity", ">", "1.1", "MegaN-SEC")})
    }
    impulse = "solid-rocket-specific-impulse-sea-level-7-mpa"
    assert ways(found[("EU", "9A007.b")]) == {
        frozenset({criterion(impulse, ">=", "2.4", "KiloN-SEC-PER-KiloGM")})
    }
    assert ways(found[("EU", "9A007.c")]) == {
        frozenset(
            {
                criterion("solid-rocket-stage-mass-fraction", ">", "88", "PERCENT"),
                criterion("solid-rocket-propellant-solid-loading", ">", "86", "PERCENT"),
            }
        )
    }
    for code in ("9A007.d", "9A007.e"):  # no figure: text, "unknown" for the kind
        assert found[("EU", code)].text_only and not found[("EU", code)].criteria
    # EU 9A009 hybrid: "a. Total impulse capacity exceeding 1,1 MNs; or b. Thrust levels
    # exceeding 220 kN in vacuum exit conditions"
    assert ways(found[("EU", "9A009.b")]) == {
        frozenset({criterion("rocket-thrust-in-vacuum-exit-conditions", ">", "220", "KiloN")})
    }
    # EU 9A107 / 9A109.a "… capable of a range of 300 km, other than those specified in 9A007
    # (9A009), having (a) total impulse capacity equal to or greater than 0,841 MNs"
    for code, other in (("9A107", "solid-rocket-motor-not-specified-in-9a007"), ("9A109.a", "hybrid-rocket-motor-not-specified-in-9a009")):  # fmt: skip
        entry = found[("EU", code)]
        assert entry.requires_facts == (other, "rocket-motor-usable-in-systems-capable-of-a-range-of-300-km")  # fmt: skip
        assert ways(entry) == {
            frozenset({criterion("rocket-total-impulse-capacity", ">=", "0.841", "MegaN-SEC")})
        }
    # the US entries are "subject to the ITAR": text, never decided
    for code in ("9A007", "9A009", "9A107", "9A109"):
        us = found[("US", code)]
        assert us.text_only and "ITAR" in us.text_only and not us.criteria


def test_spacecraft_us_9a515_a_and_eu_9a004_b(found: Found) -> None:
    # US 9A515.a "“Spacecraft,” including satellites, … not described in USML Category XV or
    # described in ECCN 9A004.r, .u, or .w, that: a.1. Have electro-optical remote sensing
    # capabilities and having a clear aperture greater than 0.35 meters, but less than or equal
    # to 0.50 meters; … a.3. Have radar remote sensing capabilities (e.g., AESA, SAR, or ISAR)
    # having a center frequency equal to or greater than 1.0 GHz, but less than 10.0 GHz and
    # having a bandwidth equal to or greater than 100 MHz, but less than 300 MHz; …"
    usml = "spacecraft-not-described-in-usml-xv-or-9a004"
    optical = found[("US", "9A515.a.1")]
    assert optical.requires_facts == (usml,)
    aperture = "spacecraft-eo-remote-sensing-clear-aperture"
    assert ways(optical) == {
        frozenset({criterion(aperture, ">", "0.35", "M"), criterion(aperture, "<=", "0.50", "M")})
    }
    centre, band = "spacecraft-radar-center-frequency", "spacecraft-radar-bandwidth"
    assert ways(found[("US", "9A515.a.3")]) == {
        frozenset(
            {
                criterion(centre, ">=", "1.0", "GigaHZ"),
                criterion(centre, "<", "10.0", "GigaHZ"),
                criterion(band, ">=", "100", "MegaHZ"),
                criterion(band, "<", "300", "MegaHZ"),
            }
        )
    }
    rest = found[("US", "9A515.a.5")]  # "Are not described in ECCN 9A515.a.1, .a.2, .a.3 or .a.4."
    assert rest.requires_facts == (usml, "spacecraft-not-described-in-9a515-a-1-to-a-4")
    assert not rest.criteria and rest.text_only is None
    # EU 9A004.b "Spacecraft": every spacecraft; the US 9A004.b's controls are in 9A515 (License
    # Requirement Note (2) to 9A515): not asked
    assert found[("EU", "9A004.b")].kinds == ("spacecraft",)
    assert ("US", "9A004.b") not in found


def test_eu_9b106_a_environmental_chambers(found: Found) -> None:
    # EU 9B106.a "Environmental chambers having all of the following: a.1. Capable of simulating
    # any of the following flight conditions: a.1.a. Altitude equal to or greater than 15 km; or
    # a.1.b. Temperature range from below 223 K (-50 °C) to above 398 K (125 °C); and a.2.
    # Incorporating … a shaker unit … (the required fact)"
    chamber = found[("EU", "9B106.a")]
    assert chamber.text_only is None
    assert chamber.requires_facts == ("environmental-chamber-vibration-of-9b106-a-2",)
    assert ways(chamber) == {
        frozenset({criterion("environmental-chamber-altitude", ">=", "15", "KiloM")}),
        frozenset(
            {
                criterion("environmental-chamber-temperature-min", "<", "-50", "DEG_C"),
                criterion("environmental-chamber-temperature-max", ">", "125", "DEG_C"),
            }
        ),
    }
    for key in (("EU", "9B106.b"), ("US", "9B106"), ("US", "9B515.b")):  # text, never decided
        assert found[key].text_only and not found[key].criteria


def test_any_of_the_following_flight_conditions() -> None:
    # the reader's tail: "Capable of simulating any of the following flight conditions:" (EU
    # 9B106.a.1) joins its sub-paragraphs as alternatives, its words a lead-in
    lead_in = Phrase("9B106.a", "Capable of simulating", "none", "", Decimal(0), "", "", 0)
    reader = ParagraphReader([lead_in], UNITS)
    text = "Capable of simulating any of the following flight conditions:"
    reading = reader.read(TextNode("EU", "9B106.a.1", ("a", "1"), text, (), "9B106.a", (), 1))
    assert reading.mode == "any" and reading.criteria == ()
    with pytest.raises(NotRead):  # other words after "the following" are still not read
        reader.read(TextNode("EU", "9B106.a.1", ("a", "1"), text.replace("flight", "test"), (), "9B106.a", (), 1))  # fmt: skip


def test_us_9a515_f_pressure_suits_and_9a012_b_4_engines(found: Found) -> None:
    # US 9A515.f "Pressure suits (i.e., space suits) capable of operating at altitudes greater
    # than or equal to 55,000 feet above sea level."
    assert ways(found[("US", "9A515.f")]) == {
        frozenset({criterion("pressure-suit-operating-altitude", ">=", "55000", "FT")})
    }
    # 9A012.b.4 "… engines, specially designed or modified to propel UAVs or unmanned airships,
    # at altitudes above 15,240 meters (50,000 feet)": the metres the threshold, the feet checked
    for jurisdiction in BOTH:
        engine = found[(jurisdiction, "9A012.b.4")]
        assert engine.text_only is None
        assert ways(engine) == {
            frozenset({criterion("uav-engine-propulsion-altitude", ">", "15240", "M")})
        }
    assert "uav-equipment-non-military" in found[("US", "9A012.b.4")].requires_facts


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9c110_prepregs(found: Found, jurisdiction: str) -> None:
    # "… reinforcements having a “specific tensile strength” greater than 7.62 × 10^4 m and a
    # “specific modulus” greater than 3.18 × 10^6 m" (EU "7,62 × 104 m", "3,18 × 106 m")
    entry = found[(jurisdiction, "9C110")]
    assert entry.requires_facts == ("prepreg-resin-tg-exceeding-145-c-or-preform",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("reinforcement-specific-tensile-strength", ">", "7.62E4", "M"),
                criterion("reinforcement-specific-modulus", ">", "3.18E6", "M"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_9a002_marine_gas_turbines(found: Found, jurisdiction: str) -> None:
    # "… having all of the following, and specially designed assemblies and components
    # therefor: a. Maximum continuous power … of 24,245 kW or more; and b. 'Corrected specific
    # fuel consumption' not exceeding 0.219 kg/kWh at 35% of the maximum continuous power …"
    # (the heading's "assemblies and components therefor" is another kind: the reader's tail)
    entry = found[(jurisdiction, "9A002")]
    assert entry.text_only is None and entry.kinds == ("marine-gas-turbine-engine",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("marine-gas-turbine-maximum-continuous-power", ">=", "24245", "KiloW"),
                criterion(
                    "marine-gas-turbine-corrected-sfc-at-35-percent",
                    "<=",
                    "0.219",
                    "KiloGM-PER-KiloW-HR",
                ),
            }
        )
    }
