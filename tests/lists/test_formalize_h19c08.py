"""Categories 8 and 0 read from ontology/sources/ (h19c08): 8A001 submersible vehicles and ocean
salvage systems, 8A002 strobe lights, propulsion and transmission powers, pumpjets and diver
deterrents, 8C001 syntactic foam, US 8A992.a/.c; EU 0B001 isotope separation items (gas centrifuge
motor stators and frequency changers, uranium vaporization, plasma and electromagnetic separation
items), EU 0B004.b.1/.b.3 exchange towers, US 0A504.f and 0A602.b. And the reader's two new clause
openers ("capable of operating at pressures", "for salvaging objects")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_clauses import NotRead, ParagraphReader, Phrase
from exportgraph.loaders.listed_text import TextNode

from exportgraph.paths import ontology_dir
from tests.lists.formal import Found, criterion, ways

BOTH = ("US", "EU")
DEPTH = criterion("design-operating-depth", ">", "1000", "M")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8c001_syntactic_foam(found: Found, jurisdiction: str) -> None:
    # "a. Designed for marine depths exceeding 1,000 m; and b. A density less than 561 kg/m^3."
    foam = found[(jurisdiction, "8C001")]
    assert foam.kinds == ("syntactic-foam",) and foam.text_only is None
    density = criterion("material-density", "<", "561", "KiloGM-PER-M3")
    assert ways(foam) == {frozenset({DEPTH, density})}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a001_submersible_vehicles(found: Found, jurisdiction: str) -> None:
    # a. "Manned, tethered submersible vehicles designed to operate at depths exceeding 1,000 m"
    tethered = found[(jurisdiction, "8A001.a")]
    assert tethered.kinds == ("manned-tethered-submersible-vehicle",)
    assert ways(tethered) == {frozenset({DEPTH})}
    # b. manned, untethered, "any of the following": b.2 the depth; b.3 "continuously 'operate
    # autonomously' for 10 hours or more" and "'Range' of 25 nautical miles or more"
    assert found[(jurisdiction, "8A001.b")].group
    assert ways(found[(jurisdiction, "8A001.b.2")]) == {frozenset({DEPTH})}
    endurance = criterion("submersible-autonomous-endurance", ">=", "10", "HR")
    reach = criterion("submersible-range", ">=", "25", "MI_N")
    assert ways(found[(jurisdiction, "8A001.b.3")]) == {frozenset({endurance, reach})}
    # b.1 ("Designed to 'operate autonomously' and having a lifting capacity of …") stays text
    b1 = found[(jurisdiction, "8A001.b.1")]
    assert b1.text_only and not b1.ways
    # c.2 unmanned, tethered: the depth, with the tether, the thrusters or fibre link and "not
    # specified in 8A001.c.1" (it hands over) as required facts
    c2 = found[(jurisdiction, "8A001.c.2")]
    assert c2.kinds == ("unmanned-submersible-vehicle",) and c2.text_only is None
    assert c2.requires_facts == (
        "unmanned-submersible-not-specified-in-8a001-c-1",
        "unmanned-submersible-designed-to-operate-with-a-tether",
        "unmanned-submersible-8a002-a-2-thrusters-or-fibre-optic-data-link",
    )
    assert ways(c2) == {frozenset({DEPTH})}


def test_us_8a001_c_1_c_wireless_optical_link(found: Found) -> None:
    # US only: "Wireless optical data or command link exceeding 1,000 m" (EU c.1.c "Not used")
    link = found[("US", "8A001.c.1.c")]
    assert ways(link) == {frozenset({criterion("wireless-optical-link-range", ">", "1000", "M")})}
    assert ("EU", "8A001.c.1.c") not in found
    for jurisdiction in BOTH:  # c.1.a and c.1.b: features without figures, text
        assert found[(jurisdiction, "8A001.c.1.a")].text_only


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a001_e_ocean_salvage_systems(found: Found, jurisdiction: str) -> None:
    # "with a lifting capacity exceeding 5 MN for salvaging objects from depths exceeding 250 m
    # and having any of the following": e.1 and e.2 ("within 20 m", "to within 10 m") stay text
    # under the heading's two figures: necessary, never sufficient
    heading = frozenset(
        {
            criterion("salvage-lifting-capacity", ">", "5", "MegaN"),
            criterion("salvage-depth", ">", "250", "M"),
        }
    )
    for code in ("8A001.e.1", "8A001.e.2"):
        entry = found[(jurisdiction, code)]
        assert entry.kinds == ("ocean-salvage-system",)
        assert ways(entry) == {heading} and entry.text_only


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a002_lights_propulsion_and_diver_deterrents(found: Found, jurisdiction: str) -> None:
    strobe = found[(jurisdiction, "8A002.g.1")]
    assert ways(strobe) == {
        frozenset(
            {
                criterion("strobe-light-output-energy-per-flash", ">", "300", "J"),
                criterion("strobe-flash-rate", ">", "5", "HZ"),
            }
        )
    }
    powers = {
        "8A002.o.2.a": ("propeller-rated-power", "30"),
        "8A002.o.2.b": ("propulsion-power-output", "2.5"),
        "8A002.o.2.c": ("propulsion-power-output", "0.1"),
        "8A002.o.2.d": ("transmission-power-capability", "2" if jurisdiction == "US" else "10"),
        "8A002.o.2.e": ("propeller-rated-power", "2.5"),
    }
    for code, (parameter, value) in powers.items():
        assert ways(found[(jurisdiction, code)]) == {
            frozenset({criterion(parameter, ">", value, "MegaW")})
        }, code
    pumpjet = found[(jurisdiction, "8A002.p")]
    assert pumpjet.requires_facts == ("pumpjet-divergent-nozzle-and-flow-conditioning-vanes",)
    assert ways(pumpjet) == {frozenset({criterion("propulsion-power-output", ">", "2.5", "MegaW")})}
    # r: "equal to or exceeding 190 dB (reference 1 µPa at 1 m) at frequencies of 200 Hz and below"
    deterrent = found[(jurisdiction, "8A002.r")]
    assert deterrent.requires_facts == (
        "diver-deterrent-not-explosive-air-gun-or-combustible-source",
    )
    parameter = "diver-deterrent-sound-pressure-level-200hz-and-below"
    assert ways(deterrent) == {frozenset({criterion(parameter, ">=", "190", "DeciB")})}


def test_8a002_o_4_eu_decimal_point(found: Found) -> None:
    # US "exceeding 0.1 MW"; the EU text writes "0.1 MW" too, read since h20range (a point after
    # a lone 0 is a decimal point)
    for jurisdiction in BOTH:
        motor = found[(jurisdiction, "8A002.o.4")]
        power = criterion("propulsion-power-output", ">", "0.1", "MegaW")
        assert ways(motor) == {frozenset({power})} and motor.text_only is None


def test_us_8a992_vision_and_light_systems(found: Found) -> None:
    fact = "not-controlled-by-8a001-or-8a002"
    strobe = found[("US", "8A992.c")]
    assert strobe.requires_facts == (fact,)
    energy = criterion("strobe-light-output-energy-per-flash", ">", "300", "J")
    assert ways(strobe) == {frozenset({energy})}
    camera = found[("US", "8A992.a.2")]
    lines = criterion("television-limiting-resolution-in-air", ">", "700", "NUM")
    assert camera.requires_facts == (fact,) and ways(camera) == {frozenset({lines})}
    system = found[("US", "8A992.a.1")]
    lines = criterion("television-limiting-resolution-in-air", ">", "500", "NUM")
    assert ways(system) == {frozenset({lines})}


def test_eu_0b001_isotope_separation_items(found: Found) -> None:
    def one(code: str) -> set[frozenset[tuple[str, str, Decimal, str]]]:
        return ways(found[("EU", code)])

    assert one("0B001.b.10") == {
        frozenset(
            {
                criterion("motor-stator-operating-frequency", ">=", "600", "HZ"),
                criterion("motor-stator-power", ">=", "40", "V-A"),
            }
        )
    }
    changer = found[("EU", "0B001.b.13")]
    # a kind of its own: a frequency changer of 3A225 is asked whether 0B001.b.13 specifies it
    assert changer.kinds == ("gas-centrifuge-frequency-changer",)
    assert changer.requires_facts == (
        "frequency-changer-frequency-control-better-than-0-2-percent",
    )
    assert one("0B001.b.13") == {
        frozenset({criterion("frequency-changer-max-operating-frequency", ">=", "600", "HZ")})
    }
    assert one("0B001.g.1") == {
        frozenset({criterion("vaporization-delivered-power-on-target", ">=", "1", "KiloW")})
    }
    assert one("0B001.i.1") == {
        frozenset(
            {
                criterion("microwave-source-output-frequency", ">", "30", "GigaHZ"),
                criterion("microwave-source-mean-power-output", ">", "50", "KiloW"),
            }
        )
    }
    assert one("0B001.i.2") == {
        frozenset(
            {
                criterion("excitation-coil-frequency", ">", "100", "KiloHZ"),
                criterion("excitation-coil-mean-power-handling", ">", "40", "KiloW"),
            }
        )
    }
    assert one("0B001.j.4") == {frozenset({criterion("pole-piece-diameter", ">", "2", "M")})}
    supply = found[("EU", "0B001.j.5")]
    assert supply.kinds == ("ion-source-high-voltage-power-supply",)  # not 3A227's kind
    assert one("0B001.j.5") == {
        frozenset(
            {
                criterion("power-supply-output-voltage", ">=", "20000", "V"),
                criterion("power-supply-output-current", ">=", "1", "A"),
            }
        )
    }
    assert ("US", "0B001") not in found  # the CCL leaves 0B001 to the NRC


def test_eu_0b004_exchange_towers(found: Found) -> None:
    diameter = criterion("exchange-tower-diameter", ">=", "1.5", "M")
    assert ways(found[("EU", "0B004.b.1")]) == {
        frozenset({diameter, criterion("exchange-tower-operating-pressure", ">=", "2", "MegaPA")})
    }
    assert ways(found[("EU", "0B004.b.3")]) == {
        frozenset(
            {
                criterion("exchange-tower-height", ">=", "35", "M"),
                diameter,
                criterion("exchange-tower-operating-pressure", ">", "15", "MegaPA"),
            }
        )
    }


def test_us_0a504_f_and_0a602_b(found: Found) -> None:
    aiming = found[("US", "0A504.f")]
    assert aiming.requires_facts == ("not-laser-boresighting-device-placed-in-the-bore",)
    assert ways(aiming) == {
        frozenset(
            {
                criterion("laser-operational-wavelength", ">", "400", "NanoM"),
                criterion("laser-operational-wavelength", "<=", "710", "NanoM"),
            }
        )
    }
    flame = found[("US", "0A602.b")]
    assert ways(flame) == {frozenset({criterion("flame-thrower-effective-range", "<", "20", "M")})}


UNITS = formalize.read_units(ontology_dir(), "units.csv")
EU_0B004_B_3 = (
    "Ammonia-hydrogen exchange towers greater than or equal to 35 m in height with diameters of"
    " 1,5 m or greater capable of operating at pressures greater than 15 MPa;"
)


def _reader(*phrases: tuple[str, str]) -> ParagraphReader:
    made = [Phrase("0B004.b.3", t, p, "", None, "", "", 0) for t, p in phrases]
    return ParagraphReader(made, UNITS)


def _node(text: str) -> TextNode:
    return TextNode("EU", "0B004.b.3", ("b", "3"), text, (), "0B004.b", (), 1)


def test_capable_of_operating_at_pressures_opens_a_clause() -> None:
    # no comma or "and" before "capable of operating at pressures": the opener cuts there
    height = ("Ammonia-hydrogen exchange towers {} in height", "h")
    reader = _reader(height, ("diameters {}", "d"), ("capable of operating at pressures {}", "p"))
    reading = reader.read(_node(EU_0B004_B_3))
    found = {(c.parameter, c.comparator, c.value) for c in reading.criteria}
    assert found == {("h", ">=", Decimal(35)), ("d", ">=", Decimal("1.5")), ("p", ">", 15)}
    # the words after the opener need a phrase of their own
    with pytest.raises(NotRead):
        _reader(height, ("diameters {}", "d")).read(_node(EU_0B004_B_3))


def test_more_of_categories_8_and_0(found: Found) -> None:
    # 8A002.j.3 "“Fuel cell” air independent power systems with an output exceeding 2 kW and
    # having any of the following": j.3.a and j.3.b stay text under the figure (necessary only)
    for jurisdiction in BOTH:
        for code in ("8A002.j.3.a", "8A002.j.3.b"):
            entry = found[(jurisdiction, code)]
            assert entry.text_only
            assert ways(entry) == {frozenset({criterion("aip-power-output", ">", "2", "KiloW")})}
    acid = ("resistant-to-concentrated-hydrochloric-acid",)
    time = {frozenset({criterion("stage-residence-time", "<=", "30", "SEC")})}
    for code in ("0B001.e.1", "0B001.e.2"):  # "with stage residence time of 30 s or less and …"
        assert found[("EU", code)].requires_facts == acid and ways(found[("EU", code)]) == time
    ion = found[("EU", "0B001.j.1")]
    assert ion.requires_facts == ("ion-source-made-of-suitable-non-magnetic-materials",)
    assert ways(ion) == {
        frozenset({criterion("ion-source-total-beam-current", ">=", "50", "MilliA")})
    }
    assert ways(found[("EU", "0B002.f.1")]) == {
        frozenset({criterion("vacuum-suction-capacity", ">=", "5", "M3-PER-MIN")})
    }
    assert ways(found[("EU", "0B004.b.5")]) == {
        frozenset({criterion("ammonia-cracker-operating-pressure", ">=", "3", "MegaPA")})
    }


def test_eu_0b001_j_6_magnet_power_supplies_and_d_6_valves(found: Found) -> None:
    # j.6.a "Capable of continuous operation with a current output of 500 A or greater at a voltage
    # of 100 V or greater" ("at a voltage of" opens a clause); j.6.b ("better than 0,01 %") a fact
    supply = found[("EU", "0B001.j.6")]
    assert supply.kinds == ("electromagnetic-separation-magnet-power-supply",)  # not 3A226's
    assert supply.requires_facts == (
        "power-supply-capable-of-continuous-operation",
        "power-supply-current-or-voltage-regulation-better-than-0-01-percent-over-8-hours",
    )
    assert ways(supply) == {
        frozenset(
            {
                criterion("magnet-supply-continuous-current-output", ">=", "500", "A"),
                criterion("magnet-supply-continuous-voltage", ">=", "100", "V"),
            }
        )
    }
    valve = found[("EU", "0B001.d.6")]
    assert valve.requires_facts == (
        "made-of-or-protected-by-materials-resistant-to-corrosion-by-uf6",
    )
    assert ways(valve) == {frozenset({criterion("valve-diameter", ">=", "40", "MilliM")})}
