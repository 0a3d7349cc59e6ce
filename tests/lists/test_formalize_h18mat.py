"""Categories 1 and 2 read from ontology/sources/ (h18mat): US 2B231 vacuum pumps (the EU's was
read before), 2B233 bellows-sealed scroll-type compressors and vacuum pumps, 2B006.b.1
non-contact type measuring systems, 2B006.c rotary position feedback units and angular
displacement measuring instruments, 2B006.d optical scatter surface roughness equipment; 1C005
superconductive composite conductors (EU .b and .c; .a and the US's .b and .c stay text), 2B230
pressure transducers known as text; and the readers' "as follows" after a paragraph's own
thresholds, and a root's own alternatives over its sub-paragraphs' entries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.formalize import written_number
from exportgraph.loaders.formalize_clauses import _as_follows
from exportgraph.loaders.formalize_equivalents import equivalent_problem

from tests.lists.formal import Found, criterion, ways

BOTH = ("US", "EU")
UNIT = "http://qudt.org/vocab/unit/"


@pytest.mark.parametrize(
    ("jurisdiction", "fact"),
    [
        ("US", "vacuum-pump-ultimate-vacuum-better-than-13-3-mpa"),
        ("EU", "vacuum-pump-ultimate-vacuum-better-than-13-mpa"),
    ],
)
def test_2b231_vacuum_pumps(found: Found, jurisdiction: str, fact: str) -> None:
    # "Input throat size equal to or greater than 380 mm; Pumping speed equal to or greater than
    # 15 m^3/s; and Capable of producing an ultimate vacuum better than 13.3 mPa" (EU: 13 mPa)
    pump = found[(jurisdiction, "2B231")]
    assert pump.kinds == ("vacuum-pump",) and pump.text_only is None
    assert pump.requires_facts == (fact,)
    assert ways(pump) == {
        frozenset(
            {
                criterion("vacuum-pump-input-throat-size", ">=", "380", "MilliM"),
                criterion("vacuum-pump-pumping-speed", ">=", "15", "M3-PER-SEC"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b233_bellows_sealed_scroll_pumps(found: Found, jurisdiction: str) -> None:
    # "Capable of an inlet volume flow rate of 50 m3/h or greater; Capable of a pressure ratio of
    # 2:1 or greater; and Having all surfaces that come in contact with the process gas made from
    # any of the following: …"
    pump = found[(jurisdiction, "2B233")]
    assert pump.kinds == ("bellows-sealed-scroll-type-compressor-or-vacuum-pump",)
    assert pump.requires_facts == ("scroll-pump-process-gas-surfaces-of-2b233-materials",)
    assert pump.text_only is None  # the US Technical Notes under 2B233.c.6 only define
    assert ways(pump) == {
        frozenset(
            {
                criterion("scroll-pump-inlet-volume-flow-rate", ">=", "50", "M3-PER-HR"),
                criterion("scroll-pump-pressure-ratio", ">=", "2", "UNITLESS"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b006_measuring_equipment(found: Found, jurisdiction: str) -> None:
    # b.1: "'resolution' equal to or less (better) than 0.2 µm within 0 to 0.2 mm of the
    # 'measuring range'"; c: "angular position “accuracy” equal to or less (better) than 0.9
    # second of arc"; d: "optical scatter with a sensitivity of 0.5 nm or less (better)"
    b1 = found[(jurisdiction, "2B006.b.1")]
    assert b1.kinds == ("non-contact-type-measuring-system",) and b1.text_only is None
    assert b1.requires_facts == ("not-laser-interferometer-or-optical-encoder-measuring-system",)
    assert ways(b1) == {
        frozenset({criterion("non-contact-measuring-resolution", "<=", "0.2", "MicroM")})
    }
    c = found[(jurisdiction, "2B006.c")]
    assert c.kinds == (
        "rotary-position-feedback-unit-for-machine-tools",
        "angular-displacement-measuring-instrument",
    )
    assert c.requires_facts == ("angular-instrument-not-collimated-light-mirror-instrument",)
    assert ways(c) == {frozenset({criterion("angular-position-accuracy", "<=", "0.9", "ARCSEC")})}
    d = found[(jurisdiction, "2B006.d")]
    assert d.kinds == ("optical-scatter-surface-roughness-measuring-equipment",)
    assert ways(d) == {
        frozenset({criterion("optical-scatter-roughness-sensitivity", "<=", "0.5", "NanoM")})
    }
    # a (CMMs), b.2 and b.3: thresholds of the measured length L, known as text (below)


@pytest.mark.parametrize(
    ("code", "kind", "why"),
    [
        ("2B230", "absolute-pressure-transducer", "'better than'"),
        ("2B006.a", "coordinate-measuring-machine", "(1.7 + L/1,000) µm"),
        ("2B006.b.2", "linear-position-feedback-unit-for-machine-tools", "L/1,000"),
        ("2B006.b.3", "laser-displacement-measuring-system", "(1.6 + L/2,000) nm"),
        ("2B206.a", "coordinate-measuring-machine", "(1.7 + L/800) µm"),
        ("2B206.c", "laser-displacement-measuring-system", "(0.2 + L/2,000) µm"),
    ],
)
@pytest.mark.parametrize("jurisdiction", BOTH)
def test_known_as_text(found: Found, jurisdiction: str, code: str, kind: str, why: str) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.kinds == (kind,) and not entry.ways
    assert entry.text_only and why in entry.text_only


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2a226_valves(found: Found, jurisdiction: str) -> None:
    # "a. A “nominal size” of 5 mm or greater; b. Having a bellows seal; and c. Wholly made of or
    # lined with aluminum, aluminum alloy, nickel, or nickel alloy containing more than 60% …"
    valve = found[(jurisdiction, "2A226")]
    assert valve.kinds == ("valve",) and valve.text_only is None
    assert valve.requires_facts == (
        "valve-has-bellows-seal",
        "valve-wholly-made-of-or-lined-with-2a226-materials",
    )
    assert ways(valve) == {frozenset({criterion("valve-nominal-size", ">=", "5", "MilliM")})}


def test_us_2b999_k_high_vacuum_equipment(found: Found) -> None:
    # "Vacuum valves, piping, flanges, gaskets and related equipment “specially designed” for use
    # in high-vacuum service, n.e.s."
    entry = found[("US", "2B999.k")]
    assert entry.kinds == ("vacuum-valve", "vacuum-piping-or-flange") and not entry.ways
    assert entry.requires_facts == (
        "specially-designed-for-high-vacuum-service",
        "not-elsewhere-specified-in-the-ccl",
    )
    assert entry.text_only is None and ("EU", "2B999.k") not in found


LENGTH = criterion("superconductive-conductor-length", ">", "100", "M")
MASS = criterion("superconductive-conductor-mass", ">", "100", "GM")


def test_eu_1c005_superconductive_composite_conductors(found: Found) -> None:
    # 1C005 "… in lengths exceeding 100 m or with a mass exceeding 100 g, as follows:" — a group
    # whose alternatives are required with each sub-paragraph's conditions
    group = found[("EU", "1C005")]
    assert group.kinds == ("superconductive-composite-conductor",) and group.group
    # b. "other than niobium-titanium": b.1 "A critical temperature at zero magnetic induction
    # exceeding 9,85 K (-263,3 °C)"; b.2 "… 12 T with critical current density exceeding
    # 1750 A/mm2 on overall cross-section of the conductor"
    other = criterion("superconductive-conductor-other-filament-count", ">=", "1", "NUM")
    b = [
        criterion("superconductor-critical-temperature", ">", "-263.3", "DEG_C"),
        criterion("superconductive-conductor-critical-current-density-4-2k-12t", ">", "1750",
                  "A-PER-MilliM2"),
    ]  # fmt: skip
    entry = found[("EU", "1C005.b")]
    assert entry.text_only is None
    assert ways(entry) == {frozenset({size, other, *b}) for size in (LENGTH, MASS)}
    # c. "which remain "superconductive" above 115 K (-158,15 °C)"
    tc = criterion("superconductor-critical-temperature", ">", "-158.15", "DEG_C")
    assert ways(found[("EU", "1C005.c")]) == {frozenset({LENGTH, tc}), frozenset({MASS, tc})}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c005_paragraphs_left_as_text(found: Found, jurisdiction: str) -> None:
    # a.1 "Embedded in a "matrix" other than a copper or copper-based mixed "matrix"": text, its
    # own conditions (the size, niobium-titanium filaments) kept
    nbti = criterion("superconductive-conductor-nbti-filament-count", ">=", "1", "NUM")
    a = found[(jurisdiction, "1C005.a")]
    assert a.text_only and "1C005.a.1" in a.text_only
    assert ways(a) == {frozenset({LENGTH, nbti}), frozenset({MASS, nbti})}
    if jurisdiction == "US":  # "9.85 K (−263.31 °C)", "115 K (−158.16 °C)": not the kelvins
        assert "−263.31 °C is not 9.85" in (found[("US", "1C005.b")].text_only or "")
        assert "−158.16 °C is not 115" in (found[("US", "1C005.c")].text_only or "")
        assert ways(found[("US", "1C005.c")]) == {frozenset({LENGTH}), frozenset({MASS})}


def test_as_follows_after_own_thresholds(annex: AnnexI) -> None:
    # the reader change: a paragraph with thresholds of its own ending "as follows" before
    # sub-paragraphs reads them as alternatives; without sub-paragraphs the words stay as written
    (tree,) = [e.tree for e in annex.entries if e.code == "1C005"]
    text = "conductors in lengths exceeding 100 m or with a mass exceeding 100 g, as follows"
    assert _as_follows(tree, text) == (text.removesuffix(", as follows"), "any")
    leaf = tree.find("1C005.c")
    assert leaf is not None and _as_follows(leaf, text) == (text, None)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b226_a_induction_furnaces(found: Found, jurisdiction: str) -> None:
    # "a.1. Capable of operation above 1123 K (850 °C); a.2. Induction coils 600 mm or less in
    # diameter; and a.3. Designed for power inputs of 5 kW or more"
    furnace = found[(jurisdiction, "2B226.a")]
    assert furnace.kinds == ("controlled-atmosphere-induction-furnace",)
    assert furnace.text_only is None
    assert ways(furnace) == {
        frozenset(
            {
                criterion("furnace-maximum-operating-temperature", ">", "850", "DEG_C"),
                criterion("induction-coil-diameter", "<=", "600", "MilliM"),
                criterion("induction-furnace-power-input", ">=", "5", "KiloW"),
            }
        )
    }
    # EU: "other than those specified in 9B001 and 3B001"; its Note (semiconductor wafers)
    assert furnace.requires_facts == (
        ()
        if jurisdiction == "US"
        else (
            "induction-furnace-not-specified-in-9b001-or-3b001",
            "induction-furnace-not-for-semiconductor-wafer-processing",
        )
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b227_b_electron_beam_and_plasma_melting_furnaces(found: Found, jurisdiction: str) -> None:
    # "b.1. A power of 50 kW or greater; and b.2. Capable of operating with melting temperatures
    # above 1,473 K (1,200 °C)" (US; EU "1473 K (1200 °C)"): the degrees are the threshold
    furnace = found[(jurisdiction, "2B227.b")]
    assert furnace.kinds == ("electron-beam-or-plasma-melting-furnace",)
    assert furnace.text_only is None
    assert ways(furnace) == {
        frozenset(
            {
                criterion("melting-furnace-power", ">=", "50", "KiloW"),
                criterion("melting-furnace-melting-temperature", ">", "1200", "DEG_C"),
            }
        )
    }


def test_an_equivalent_in_brackets_with_thousands() -> None:
    # the reader change: the CCL's "1,200 °C" is 1200 (it was read 1.2), Annex I's "0,5" is 0.5
    assert written_number("1,200", "US") == 1200
    assert written_number("-263,3", "EU") == Decimal("-263.3")
    assert equivalent_problem(Decimal(1473), UNIT + "K", "1,200", "°C", "US") is None
    assert equivalent_problem(Decimal(1473), UNIT + "K", "1,200", "°C", "EU")  # 1.2 °C


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1b226_isotope_separators_and_2b204_a_isostatic_presses(
    found: Found, jurisdiction: str
) -> None:
    # 1B226 "… ion sources capable of providing a total ion beam current of 50 mA or greater"
    separator = found[(jurisdiction, "1B226")]
    assert separator.kinds == ("electromagnetic-isotope-separator",)
    assert ways(separator) == {
        frozenset({criterion("isotope-separator-ion-beam-current", ">=", "50", "MilliA")})
    }
    # 2B204.a "Capable of achieving a maximum working pressure of 69 MPa or greater; and A chamber
    # cavity with an inside diameter in excess of 152 mm"; "other than those specified in 2B004
    # or 2B104" a fact that hands the press over
    press = found[(jurisdiction, "2B204.a")]
    assert press.requires_facts == ("isostatic-press-not-specified-in-2b004-or-2b104",)
    assert ways(press) == {
        frozenset(
            {
                criterion("isostatic-press-maximum-working-pressure", ">=", "69", "MegaPA"),
                criterion("isostatic-press-chamber-inside-diameter", ">", "152", "MilliM"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b232_guns_and_1c229_bismuth(found: Found, jurisdiction: str) -> None:
    # 2B232 "capable of accelerating projectiles to 1.5 km/s or greater"
    gun = found[(jurisdiction, "2B232")]
    assert gun.kinds == ("high-velocity-gun-system",)
    assert ways(gun) == {
        frozenset({criterion("gun-projectile-velocity", ">=", "1.5", "KiloM-PER-SEC")})
    }
    # 1C229 "a. A purity of 99.99% or greater by weight; and b. Containing less than 10 parts per
    # million by weight of silver" (EU "10 ppm")
    bismuth = found[(jurisdiction, "1C229")]
    assert bismuth.kinds == ("bismuth",) and bismuth.text_only is None
    assert ways(bismuth) == {
        frozenset(
            {
                criterion("bismuth-purity", ">=", "99.99", "PERCENT"),
                criterion("bismuth-silver-content", "<", "10", "PPM"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c003_magnetic_metals(found: Found, jurisdiction: str) -> None:
    # a. "Initial relative permeability of 120,000 or more and a thickness of 0.05 mm or less"
    a = found[(jurisdiction, "1C003.a")]
    assert a.kinds == ("magnetic-metal",) and a.text_only is None
    assert ways(a) == {
        frozenset(
            {
                criterion("initial-relative-permeability", ">=", "120000", "UNITLESS"),
                criterion("magnetic-metal-thickness", "<=", "0.05", "MilliM"),
            }
        )
    }
    # b.2 "A magnetomechanical coupling factor (k) of more than 0.8"; b.1 "more than 5 × 10-4"
    # (the US eCFR writes "5 × 104^−4": text)
    k = criterion("magnetomechanical-coupling-factor", ">", "0.8", "UNITLESS")
    assert ways(found[(jurisdiction, "1C003.b.2")]) == {frozenset({k})}
    b1 = found[(jurisdiction, "1C003.b.1")]
    if jurisdiction == "EU":
        assert ways(b1) == {
            frozenset({criterion("saturation-magnetostriction", ">", "5E-4", "UNITLESS")})
        }
    else:
        assert b1.text_only and not b1.ways
    # c. strips: "a minimum of 75% by weight of iron, cobalt or nickel", Bs "of 1.6 T or more",
    # and a strip thickness "of 0.02 mm or less" or a resistivity "of 2 × 10^−4 ohm cm or more"
    common = {
        criterion("iron-cobalt-nickel-content", ">=", "75", "PERCENT"),
        criterion("saturation-magnetic-induction", ">=", "1.6", "T"),
    }
    assert ways(found[(jurisdiction, "1C003.c")]) == {
        frozenset({*common, criterion("alloy-strip-thickness", "<=", "0.02", "MilliM")}),
        frozenset({*common, criterion("electrical-resistivity", ">=", "2E-4", "OHM-CentiM")}),
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b225_remote_manipulators(found: Found, jurisdiction: str) -> None:
    # "having either of the following characteristics: a. A capability of penetrating 0.6 m or
    # more of hot cell wall …; or b. … a hot cell wall with a thickness of 0.6 m or more …"; the
    # US Technical Note below b only defines remote manipulators
    assert found[(jurisdiction, "2B225")].group
    a, b = found[(jurisdiction, "2B225.a")], found[(jurisdiction, "2B225.b")]
    assert a.text_only is None and b.text_only is None
    assert ways(a) == {
        frozenset({criterion("manipulator-penetrated-wall-thickness", ">=", "0.6", "M")})
    }
    assert ways(b) == {
        frozenset({criterion("manipulator-bridged-wall-thickness", ">=", "0.6", "M")})
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b121_positioning_tables(found: Found, jurisdiction: str) -> None:
    # "a. Two or more axes; and b. A positioning "accuracy" equal to or less (better) than 5 arc
    # second" (US: "equal to or better than 5 arc-second": text); "other than those specified in
    # 2B120" and the Note (machine tools, medical equipment) are facts
    table = found[(jurisdiction, "2B121")]
    assert table.kinds == ("rotary-positioning-table",)
    assert table.requires_facts == (
        "positioning-table-not-specified-in-2b120",
        "positioning-table-not-for-machine-tools-or-medical-equipment",
    )
    if jurisdiction == "US":
        assert table.text_only and "2B121.b" in table.text_only and not table.ways
        return
    assert ways(table) == {
        frozenset(
            {
                criterion("positioning-table-axis-count", ">=", "2", "NUM"),
                criterion("rotary-positioning-accuracy", "<=", "5", "ARCSEC"),
            }
        )
    }
