"""Phrasings the readers take since h20range, each read from ontology/sources/: one reading of the
numbers the lists write (``formalize.written_number``: the main number and the equivalent in
brackets alike)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders.formalize import WRITTEN, written_number
from exportgraph.loaders.formalize_equivalents import celsius, kelvins_are_the_threshold
from exportgraph.loaders.formalize_words import sign, sign_after, stated_thresholds

from tests.lists.formal import Found, criterion, ways

BOTH = ("US", "EU")


@pytest.mark.parametrize(
    ("written", "jurisdiction", "value"),
    [
        ("1,473", "US", "1473"),  # the CCL separates thousands with a comma
        ("−238", "US", "-238"),  # a minus sign before an equivalent in brackets
        ("+125", "US", "125"),
        ("0,05", "EU", "0.05"),  # Annex I writes a decimal comma
        ("-263,3", "EU", "-263.3"),
    ],
)
def test_one_reading_of_a_written_number(written: str, jurisdiction: str, value: str) -> None:
    assert written_number(written, jurisdiction) == Decimal(value)
    assert celsius(written, jurisdiction) == Decimal(value)  # the degrees in brackets, alike


def test_an_eu_point_after_a_lone_0_is_a_decimal_point(found: Found) -> None:
    # Annex I writes "0.1 MW" (8A002.o.4), "0.1 m" (0B004.b.8): no thousands group follows a 0
    assert WRITTEN["EU"].fullmatch("0.1") and written_number("0.1", "EU") == Decimal("0.1")
    assert not WRITTEN["EU"].fullmatch("1.5") and not WRITTEN["EU"].fullmatch("1.000")
    power = criterion("propulsion-power-output", ">", "0.1", "MegaW")
    assert ways(found[("EU", "8A002.o.4")]) == {frozenset({power})}


@pytest.mark.parametrize(
    ("kelvins", "degrees", "jurisdiction", "in_kelvins"),
    [
        ("35", "−238", "US", True),  # 1B232: the kelvins the round figure
        ("505", "232", "EU", True),  # 1C008.a.3
        ("398", "+125", "US", False),  # 3A001.a.2: the degrees the round figure
        ("563", "290", "US", False),  # 1C008.a.2
        ("397", "124", "US", False),  # 5A001.a.4: neither round, the degrees as before
        ("115", "-158,15", "EU", False),  # EU 1C005.c: the same temperature exactly
    ],
)
def test_which_of_the_kelvins_and_the_degrees_is_the_threshold(
    kelvins: str, degrees: str, jurisdiction: str, in_kelvins: bool
) -> None:
    unit = "http://qudt.org/vocab/unit/K"
    found = kelvins_are_the_threshold(Decimal(kelvins), unit, degrees, jurisdiction)
    assert found is in_kelvins


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1b232_turboexpanders_in_kelvins(found: Found, jurisdiction: str) -> None:
    # "Designed for operation with an outlet temperature of 35 K (−238 °C) or less; and Designed
    # for a throughput of hydrogen gas of 1,000 kg/h or greater" (EU "1000 kg/h")
    turboexpander = found[(jurisdiction, "1B232")]
    assert turboexpander.kinds == ("turboexpander",) and turboexpander.text_only is None
    outlet = criterion("turboexpander-outlet-temperature", "<=", "35", "K")
    throughput = criterion("turboexpander-hydrogen-throughput", ">=", "1000", "KiloGM-PER-HR")
    assert ways(turboexpander) == {frozenset({outlet, throughput})}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c009_by_weight_or_more(found: Found, jurisdiction: str) -> None:
    # "Fluorinated polyimides containing 10% by weight or more of combined fluorine" (EU "10 %");
    # c: fluorinated phosphazene elastomers, 30%
    polyimide, elastomer = found[(jurisdiction, "1C009.b")], found[(jurisdiction, "1C009.c")]
    assert polyimide.kinds == ("fluorinated-polyimide",) and polyimide.text_only is None
    assert elastomer.kinds == ("fluorinated-phosphazene-elastomer",)
    fluorine = "combined-fluorine-content"
    assert ways(polyimide) == {frozenset({criterion(fluorine, ">=", "10", "PERCENT")})}
    assert ways(elastomer) == {frozenset({criterion(fluorine, ">=", "30", "PERCENT")})}


def test_us_8a992_l_equal_to_or_in_excess_of(found: Found) -> None:
    assert sign("equal to or in excess of") == ">=" and sign("in excess of") == ">"
    assert found[("US", "8A992.l")].group and ("EU", "8A992.l") not in found
    heat = criterion("marine-boiler-heat-release-rate", ">=", "190000", "BTU-PER-HR-FT3")
    steam = criterion("marine-boiler-steam-to-dry-weight-ratio", ">=", "0.83", "PER-HR")
    assert ways(found[("US", "8A992.l.1")]) == {frozenset({heat})}
    assert ways(found[("US", "8A992.l.2")]) == {frozenset({steam})}
    assert found[("US", "8A992.l.1")].requires_facts == ()


def test_eu_0b001_isotope_separation_items(found: Found) -> None:
    # j.3 "designed to operate at pressures of 0,1 Pa or lower" (the reader's "or lower")
    assert sign_after("or lower") == "<=" and stated_thresholds("of 0,1 Pa or lower") == 1
    housing = found[("EU", "0B001.j.3")]
    assert housing.requires_facts == ("vacuum-housing-made-of-non-magnetic-materials",)
    pressure = criterion("vacuum-housing-design-operating-pressure", "<=", "0.1", "PA")
    assert ways(housing) == {frozenset({pressure})}
    # h.1 "to 150 K (-123 °C) or less": the kelvins the round figure; h.5.a/.b "153 K (-120 °C)
    # or less": the degrees the round figure
    nozzle = found[("EU", "0B001.h.1")]
    assert nozzle.requires_facts == ("made-from-materials-resistant-to-corrosion-by-uf6",)
    cooling = criterion("nozzle-cooling-temperature", "<=", "150", "K")
    assert ways(nozzle) == {frozenset({cooling})}
    capable = criterion("cryogenic-capable-temperature", "<=", "-120", "DEG_C")
    for code in ("0B001.h.5.a", "0B001.h.5.b"):
        assert ways(found[("EU", code)]) == {frozenset({capable})}, code
    # d.1 "having a radius of curvature less than 1 mm, resistant to corrosion by UF6, …"
    separation = found[("EU", "0B001.d.1")]
    assert separation.requires_facts == ("resistant-to-corrosion-by-uf6",)
    radius = criterion("separation-nozzle-radius-of-curvature", "<", "1", "MilliM")
    assert ways(separation) == {frozenset({radius})}


def test_us_2b998_b_from_to_inclusive(found: Found) -> None:
    # "Cutting radius from 0.1 to 5 mm inclusive": both ends included; without "inclusive" (or
    # "between … and …") a range is not read: whether its ends are included is not written
    assert stated_thresholds("Cutting radius from 0.1 to 5 mm inclusive") == 2
    assert stated_thresholds("a pore size of 10 to 100 nm") == 0
    assert stated_thresholds("an inside diameter between 100 and 300 mm") == 2
    insert = found[("US", "2B998.b")]
    assert insert.kinds == ("single-point-diamond-cutting-tool-insert",)
    assert insert.requires_facts == (
        "insert-specially-designed-for-2b991-2b993-2b996-or-2b997-equipment",
        "diamond-insert-flawless-chip-free-cutting-edge",
    )
    radius = "diamond-insert-cutting-radius"
    low, high = criterion(radius, ">=", "0.1", "MilliM"), criterion(radius, "<=", "5", "MilliM")
    roundness = criterion(radius + "-out-of-roundness", "<", "0.002", "MilliM")
    assert ways(insert) == {frozenset({low, high, roundness})}


@pytest.mark.parametrize(
    ("jurisdiction", "code", "words"),
    [
        *[(j, code, "'between' includes its ends") for j in BOTH for code in ("1C226", "1C241", "1A202", "2B209.b")],
        *[("EU", code, "'between' includes its ends") for code in ("0B001.b.3", "0B001.b.4", "0B001.b.5", "0B001.b.6")],
        ("EU", "0B001.c.1", "without 'inclusive'"),
        ("EU", "0B001.c.3", "'up to' without 'and including'"),
        ("US", "9A106.d", "over the whole band or anywhere within it"),
        ("EU", "0B001.f.2", "whether over the whole range or within it"),
    ],
)  # fmt: skip
def test_ranges_whose_ends_are_not_written_stay_text(
    found: Found, jurisdiction: str, code: str, words: str
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.kinds and not entry.ways and words in (entry.text_only or "")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a002_h_and_i_sensor_control_by_fact(found: Found, jurisdiction: str) -> None:
    # h.1/i.1 (control using sensors of force, torque, distance or tactile sense) decided by a
    # fact; h.2 ("A or B and C") and i.2 (a count the stated-threshold count does not take) text
    robot, manipulator = found[(jurisdiction, "8A002.h.1")], found[(jurisdiction, "8A002.i.1")]
    assert robot.requires_facts == ("robot-sensor-based-control",) and not robot.ways
    assert manipulator.requires_facts == ("manipulator-sensor-based-control",)
    assert manipulator.kinds == ("submersible-articulated-manipulator",)
    assert robot.text_only is None and manipulator.text_only is None and not manipulator.ways
    assert (
        found[(jurisdiction, "8A002.h.2")].text_only
        and found[(jurisdiction, "8A002.i.2")].text_only
    )


def test_us_0a606_b_1_unarmed_vehicles(found: Found) -> None:
    # "Gross vehicle weight rating (GVWR) greater than 4,500 kg"; b.1.a, .b, .d and the Notes
    # to 0A606.b (reactive armor: USML Category VII; money or valuables) facts
    vehicle = found[("US", "0A606.b.1")]
    assert vehicle.kinds == ("unarmed-vehicle-derived-from-civilian-vehicle",)
    assert len(vehicle.requires_facts) == 5 and "vehicle-without-reactive-or-electromagnetic-armor" in vehicle.requires_facts  # fmt: skip
    gvwr = criterion("vehicle-gross-weight-rating", ">", "4500", "KiloGM")
    assert ways(vehicle) == {frozenset({gvwr})} and ("EU", "0A606.b.1") not in found
