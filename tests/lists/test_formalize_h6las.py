"""Lasers outside 6A005 read from the official texts (families.csv, rules.csv): the isotope
separation lasers of 6A205 (copper vapour, argon ion, alexandrite lasers, para-hydrogen Raman
shifters; neodymium-doped lasers known as text) and the US 6A995 semiconductor lasers. Each
paragraph's criteria are the comparators, values and units its own words state; a wavelength range
"between X and Y" is a required fact, never a criterion."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize

from tests.lists.formal import Found, ways

d = Decimal
AVG = "laser-average-output-power"
US_ROOT, EU_ROOT = "laser-not-controlled-by-6a005-or-nrc", "laser-not-specified-in-0b001-or-6a005"


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {
        (e.jurisdiction, e.code): e
        for e in formalized
        if e.code.startswith(("6A205", "6A995.b", "6A995.d", "6A995.e", "6A995.f"))
    }


def test_us_copper_vapour_lasers_6a205_a(found: Found) -> None:
    entry = found[("US", "6A205.a")]
    # "An average output power equal to or greater than 30 W"
    assert ways(entry) == {frozenset({(AVG, ">=", d(30), "W")})}
    assert entry.kinds == ("copper-vapour-laser",)
    band = "copper-vapour-laser-wavelengths-between-500-and-600-nm"
    assert entry.requires_facts == (US_ROOT, band)
    assert entry.text_only is None
    # the EU list sends copper vapour lasers to 6A005.b (N.B. to 6A205): no such family there
    assert not any("copper-vapour-laser" in e.kinds for (j, _), e in found.items() if j == "EU")


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "6A205.b"), ("EU", "6A205.a")])
def test_argon_ion_lasers(found: Found, jurisdiction: str, code: str) -> None:
    entry = found[(jurisdiction, code)]
    # US "An average output power greater than 40 W"; EU 'An "average output power" greater
    # than 40 W'
    assert ways(entry) == {frozenset({(AVG, ">", d(40), "W")})}
    assert entry.kinds == ("argon-ion-laser",)
    root = US_ROOT if jurisdiction == "US" else EU_ROOT
    assert entry.requires_facts == (root, "argon-ion-laser-wavelengths-between-400-and-515-nm")


def test_us_alexandrite_lasers_6a205_f(found: Found) -> None:
    entry = found[("US", "6A205.f")]
    # f.2 "A bandwidth of 0.005 nm or less"; f.3 "A repetition rate greater than 125 Hz";
    # f.4 "An average output power greater than 30 W" (f.1 "between 720 nm and 800 nm": a fact)
    assert ways(entry) == {
        frozenset(
            {
                ("laser-output-bandwidth", "<=", d("0.005"), "NanoM"),
                ("laser-repetition-rate", ">", d(125), "HZ"),
                (AVG, ">", d(30), "W"),
            }
        )
    }
    assert entry.requires_facts == (US_ROOT, "alexandrite-laser-wavelengths-between-720-and-800-nm")
    assert ("EU", "6A205.f") in found and found[("EU", "6A205.f")].kinds != ("alexandrite-laser",)


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "6A205.i"), ("EU", "6A205.e")])
def test_para_hydrogen_raman_shifters(found: Found, jurisdiction: str, code: str) -> None:
    entry = found[(jurisdiction, code)]
    # "designed to operate at 16 micrometer (EU: μm) output wavelength and at a repetition rate
    # greater than 250 Hz": the wavelength has no comparator, a required fact
    assert ways(entry) == {frozenset({("laser-repetition-rate", ">", d(250), "HZ")})}
    assert "raman-shifter-designed-for-16-micrometre-output" in entry.requires_facts
    assert (US_ROOT if jurisdiction == "US" else EU_ROOT) in entry.requires_facts


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "6A205.c"), ("EU", "6A205.f")])
def test_neodymium_lasers_stay_text(found: Found, jurisdiction: str, code: str) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.kinds == ("neodymium-doped-non-glass-laser",)
    assert not entry.ways and entry.text_only and "stays text" in entry.text_only


def test_us_6a995_b_semiconductor_lasers(found: Found) -> None:
    # 6A995.b.1 "Individual, single-transverse mode semiconductor lasers having:" — a root ending
    # "having:" before sub-paragraphs joined by "; or": alternatives
    assert found[("US", "6A995.b.1")].group
    assert ways(found[("US", "6A995.b.1.a")]) == {frozenset({(AVG, ">", d(100), "MilliW")})}
    wavelength = ("laser-output-wavelength", ">", d(1050), "NanoM")
    assert ways(found[("US", "6A995.b.1.b")]) == {frozenset({wavelength})}
    # 6A995.b.2 "… or arrays of individual semiconductor lasers, having a wavelength exceeding
    # 1,050 nm"
    arrays = found[("US", "6A995.b.2")]
    assert ways(arrays) == {frozenset({wavelength})}
    assert arrays.kinds == (
        "multiple-transverse-mode-semiconductor-laser",
        "semiconductor-laser-array",
    )
    assert not arrays.requires_facts  # 6A995 does not say "not controlled by 6A005"
    assert not any(j == "EU" and code.startswith("6A995") for j, code in found)


def test_us_6a995_f_non_tunable_lasers_1400_to_1555_nm(found: Found) -> None:
    # "Non-tunable lasers, having a wavelength exceeding 1,400 nm, but not exceeding 1555 nm"
    band = {("laser-output-wavelength", ">", d(1400), "NanoM"),
            ("laser-output-wavelength", "<=", d(1555), "NanoM")}  # fmt: skip
    energy = {("laser-pulse-energy", ">", d(100), "MilliJ"), ("laser-peak-power", ">", d(1), "W")}
    assert ways(found[("US", "6A995.f.1")]) == {frozenset(band | energy)}
    power = ("laser-average-or-cw-output-power", ">", d(1), "W")
    assert ways(found[("US", "6A995.f.2")]) == {frozenset(band | {power})}
    assert found[("US", "6A995.f")].kinds == ("non-tunable-cw-laser", "non-tunable-pulsed-laser")


def test_us_6a995_d_and_e_are_read_as_necessary_conditions(found: Found) -> None:
    band = {("laser-output-wavelength", ">", d(975), "NanoM"),
            ("laser-output-wavelength", "<=", d(1150), "NanoM")}  # fmt: skip
    short = {("laser-pulse-duration", ">=", d(1), "NanoSEC"),
             ("laser-pulse-duration", "<=", d(1), "MicroSEC")}  # fmt: skip
    wpe = "laser-wall-plug-efficiency"
    power, prf = "laser-average-output-power", "laser-maximum-pulse-repetition-frequency"
    # e.1.a "A 'wall-plug efficiency' exceeding 12% and an 'average output power' exceeding 10 W
    # and capable of operating at a pulse repetition frequency greater than 1 kHz"; e.1.b
    # "exceeding 50 W"; e.2.a 18 % and 30 W; e.2.b 500 W — the words "A single (multiple)
    # transverse mode output" read as no condition
    # — of CW lasers, whose "average output power" is their CW output power
    cw = "laser-cw-output-power"
    efficient = {(wpe, ">", d(12), "PERCENT"), (cw, ">", d(10), "W"), (prf, ">", d(1), "KiloHZ")}
    expected = {
        "6A995.e.1.a": efficient,
        "6A995.e.1.b": {(cw, ">", d(50), "W")},
        "6A995.e.2.a": {(wpe, ">", d(18), "PERCENT"), (cw, ">", d(30), "W")},
        "6A995.e.2.b": {(cw, ">", d(500), "W")},
    }
    for code, own in expected.items():
        entry = found[("US", code)]
        assert ways(entry) == {frozenset(band | own)}, code
        # the family's gap: never "controlled" from these figures
        assert entry.text_only and "necessary conditions only" in entry.text_only
        assert entry.kinds == ("laser",)
        assert entry.excluded_kinds == ("tunable-laser", "non-tunable-pulsed-laser")
    d1 = found[("US", "6A995.d.1")]
    assert frozenset(band | short | {("laser-peak-power", ">", d(200), "MegaW")}) in ways(d1)
    assert frozenset(band | short | {(power, ">", d(20), "W")}) in ways(d1)
    assert len(ways(d1)) == 5 and d1.text_only
    long = ("laser-pulse-duration", ">", d(1), "MicroSEC")
    d2 = found[("US", "6A995.d.2")]
    assert frozenset(band | {long, (power, ">", d(500), "W")}) in ways(d2) and len(ways(d2)) == 4
    assert d1.kinds == ("laser",) and d1.excluded_kinds == ("tunable-laser", "non-tunable-cw-laser")
    # the transverse modes (Note 6 to 6A005: "For the purposes of 6A005.a and 6A005.b") are not
    # read in 6A995: no M² criterion anywhere below 6A995
    assert not any(
        c.parameter == "laser-m2-factor"
        for (j, code), e in found.items()
        if code.startswith("6A995")
        for way in e.ways
        for c in way
    )
