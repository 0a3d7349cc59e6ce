"""Categories 5 and 6 (h16c56), read from ontology/sources/: software and technology rows of
served.csv (5D101, 5E101, US 5E002.a with its continued-code ranges, US 5D991, US 6E991, the
Notes to EU 6E201 and US 6E201's "(that meet or exceed the parameters of 6A205)" as required
facts); "below" read as the comparator it is (5A001.b.1.b, 6A001.a.1.b.1); the "average output
power" of CW lasers (US 6A995.e) as their CW output power; 6A203.c, EU 6A203.a/.b with the Note
to EU 6A203 as a fact, 6A225, 6A226, US 6A997."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from exportgraph.loaders.formalize import FormalEntry
from exportgraph.loaders.formalize_served import formalize_served, read_served
from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.tables import SourceDataError

from exportgraph.paths import ontology_dir
from tests.lists.formal import Found, ways

BOTH = ("US", "EU")
ROWS = read_served(ontology_dir(), "served.csv")
Trees = dict[str, dict[str, TextNode]]


@pytest.fixture(scope="module")
def trees(ccl, annex) -> Trees:  # type: ignore[no-untyped-def]
    return {
        "US": {e.code: e.tree for e in ccl.entries},
        "EU": {e.code: e.tree for e in annex.entries},
    }


@pytest.fixture(scope="module")
def served(trees: Trees, formalized: list[FormalEntry]) -> Found:
    entries, _ = formalize_served(ROWS, trees, formalized, {"US": {}, "EU": {}})
    return {(e.jurisdiction, e.code): e for e in entries}


def _row(code: str, jurisdiction: str):  # type: ignore[no-untyped-def]
    (row,) = [r for r in ROWS if r.code == code and jurisdiction in (r.jurisdictions or BOTH)]
    return replace(row, jurisdictions=(jurisdiction,))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_software_and_technology_for_missile_telemetry_5d101_5e101(
    served: Found, jurisdiction: str
) -> None:
    software = served[(jurisdiction, "5D101")]
    assert software.purposes == ("use",) and software.serves == ("5A101",)
    assert software.requires_facts == ("software-specially-designed-or-modified",)
    assert software.text_only is None
    technology = served[(jurisdiction, "5E101")]
    assert set(technology.purposes) == {"development", "production", "use"}
    # US "equipment or software controlled by 5A101 or 5D101"; EU "equipment specified in 5A101"
    expected = ("5A101", "5D101") if jurisdiction == "US" else ("5A101",)
    assert technology.serves == expected and technology.text_only is None


def test_us_5e002_a_reads_z_1_through_z_3_and_its_note(served: Found, trees: Trees) -> None:
    us = served[("US", "5E002.a")]
    assert us.text_only is None and set(us.purposes) == {"development", "production", "use"}
    assert "5A002.c" in us.serves  # QKD systems: technology for them is asked about 5A002.c
    row = _row("5E002.a", "US")
    assert "5D002.z.1-5D002.z.3" in row.serves and "5D002.z.6-5D002.z.8" in row.serves
    assert {"5A004.b", "5D002.a.3.b", "5D002.c.3.b", "5D002.z.4"} <= set(row.excepted)
    # "through" between continued codes the row does not read as a range is refused
    unread = replace(row, serves=tuple(r for r in row.serves if "z.6" not in r))
    with pytest.raises(SourceDataError) as raised:
        formalize_served([unread], trees, [], {"US": {}})
    assert "'z.6 through z.8', not read" in raised.value.message
    # the EU Note ("does not control technology for items specified in 5A004.b. …") is read
    assert {"5A004.b", "5D002.a.3.b", "5D002.c.3.b"} <= set(_row("5E002.a", "EU").excepted)


def test_us_5d991_names_5a991_but_stays_necessary_only(served: Found) -> None:
    entry = served[("US", "5D991")]
    assert entry.text_only and "dynamic adaptive routing" in entry.text_only
    assert any(code.startswith("5A991.b.1") for code in entry.serves)
    assert entry.requires_facts == ("software-specially-designed-or-modified",)


def test_us_6e991_serves_the_gravity_meters_of_6a997(served: Found) -> None:
    entry = served[("US", "6E991")]
    assert entry.text_only is None
    # (and US 6A996.a/.b, text, and 6A998.b, read since h17optic)
    assert set(entry.serves) == {"6A996.a", "6A996.b", "6A997.a", "6A997.b", "6A998.b", "6A998.c"}
    assert {"ground-gravity-meter", "quartz-element-gravity-meter"} <= set(entry.serves_kinds)


def test_6e201_facts_instead_of_a_gap(served: Found, trees: Trees) -> None:
    us = served[("US", "6E201")]
    assert us.text_only is None  # was a gap: never "controlled", even for 6A205 lasers
    assert us.requires_facts == ("laser-of-6a005-meets-or-exceeds-6a205-parameters",)
    assert "6A205.b" in us.serves and "6A005.b.3" in us.serves
    eu = served[("EU", "6E201")]
    assert eu.requires_facts == ("item-not-excluded-by-notes-to-6e201",)
    # without the fact expressing it, "meet or exceed" keeps the paragraph text
    row = _row("6E201", "US")
    bare = replace(row, notes_read=row.notes_read.split("; the required fact")[0])
    with pytest.raises(SourceDataError) as raised:
        formalize_served([bare], trees, [], {"US": {}})
    assert "'meet or exceed'; stays text" in raised.value.message
    # nor does a fact the row does not require express anything
    other = replace(row, requires_facts=())
    with pytest.raises(SourceDataError) as raised:
        formalize_served([other], trees, [], {"US": {}})
    assert raised.value.column == "notes_read"


def _d(value: str) -> Decimal:
    return Decimal(value)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_below_is_the_lowest_frequency_under_the_value(found: Found, jurisdiction: str) -> None:
    radio = found[(jurisdiction, "5A001.b.1.b")]
    assert ways(radio) == {
        frozenset(
            {("underwater-lowest-electromagnetic-carrier-frequency", "<", _d("30"), "KiloHZ")}
        )
    }
    assert radio.text_only is None
    sonar = found[(jurisdiction, "6A001.a.1.b.1")]
    assert ways(sonar) == {
        frozenset({("sonar-lowest-transmitting-frequency", "<", _d("10"), "KiloHZ")})
    }
    assert sonar.requires_facts == ("acoustic-equipment-not-excluded-by-note-to-6a001a1",)


def test_us_6a995_e_cw_lasers_average_power_is_their_cw_power(found: Found) -> None:
    (way,) = ways(found[("US", "6A995.e.1.b")])
    assert ("laser-cw-output-power", ">", _d("50"), "W") in way
    # pulsed lasers (6A995.d) keep the defined "average output power"
    assert any(
        ("laser-average-output-power", ">", _d("20"), "W") in w
        for w in ways(found[("US", "6A995.d.1")])
    )


GATING = {frozenset({("fast-image-gating-time", "<=", _d("50"), "NanoSEC")})}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6a203_cameras(found: Found, jurisdiction: str) -> None:
    facts = {"camera-not-controlled-by-6a003"}
    if jurisdiction == "EU":  # the Note to EU 6A203 (constraints released by others)
        facts.add("camera-not-excluded-by-note-to-6a203")
    for code, kind in (
        ("6A203.c.1", "solid-state-or-electron-tube-camera"),
        ("6A203.c.3", "electro-optical-shuttering-device"),
    ):
        entry = found[(jurisdiction, code)]
        assert ways(entry) == GATING and entry.kinds == (kind,), code
        assert set(entry.requires_facts) == facts and entry.text_only is None
    framing = found[(jurisdiction, "6A203.b.1")]
    assert ways(framing) == {
        frozenset({("framing-camera-speed", ">", _d("225000"), "FRAME-PER-SEC")})
    }
    assert set(framing.requires_facts) == facts and framing.text_only is None


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6a225_and_6a226(found: Found, jurisdiction: str) -> None:
    assert ways(found[(jurisdiction, "6A225")]) == {
        frozenset(
            {
                ("velocity-interferometer-velocity", ">", _d("1"), "KiloM-PER-SEC"),
                ("velocity-interferometer-time-interval", "<", _d("10"), "MicroSEC"),
            }
        )
    }
    for code in ("6A226.a", "6A226.b"):
        assert ways(found[(jurisdiction, code)]) == {
            frozenset({("pressure-sensor-maximum-pressure", ">", _d("10"), "GigaPA")})
        }


def test_us_6a997_ground_gravity_meters_nes(found: Found) -> None:
    a = found[("US", "6A997.a")]
    assert ways(a) == {frozenset({("gravimeter-static-accuracy", "<", _d("100"), "MicroGAL")})}
    assert a.requires_facts == ("not-elsewhere-specified-in-the-ccl",)
    b = found[("US", "6A997.b")]
    assert not b.ways and b.text_only is None and b.kinds == ("quartz-element-gravity-meter",)
    assert ("EU", "6A997.a") not in found


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6c005_b_double_clad_fibres(found: Found, jurisdiction: str) -> None:
    diameter, na = "fibre-average-core-diameter", "fibre-core-numerical-aperture"
    b1 = found[(jurisdiction, "6C005.b.1")]
    assert ways(b1) == {
        frozenset({(diameter, ">=", _d("25"), "MicroM"), (na, "<", _d("0.065"), "UNITLESS")})
    }
    # "of 975 nm to 1,150 nm" (ends not said) and the Note to 6C005.b.1 are facts
    assert set(b1.requires_facts) == {
        "double-clad-fibre-nominal-laser-wavelength-975-to-1150-nm",
        "double-clad-fibre-not-excluded-by-note-to-6c005-b-1",
    }
    b2 = found[(jurisdiction, "6C005.b.2")]
    assert ways(b2) == {
        frozenset(
            {
                ("fibre-nominal-laser-wavelength", ">", _d("1530"), "NanoM"),
                (diameter, ">=", _d("20"), "MicroM"),
                (na, "<", _d("0.1"), "UNITLESS"),
            }
        )
    }
    assert b1.text_only is None and b2.text_only is None and not b2.requires_facts


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6c002_and_6c004_d_materials(found: Found, jurisdiction: str) -> None:
    assert ways(found[(jurisdiction, "6C002.a")]) == {
        frozenset({("tellurium-purity", ">=", _d("99.9995"), "PERCENT")})
    }
    assert ways(found[(jurisdiction, "6C002.b.1")]) == {
        frozenset({("cdznte-zinc-mole-fraction", "<", _d("6"), "PERCENT")})
    }
    assert ways(found[(jurisdiction, "6C004.d")]) == {
        frozenset({("substrate-blank-diameter-or-major-axis-length", ">", _d("300"), "MilliM")})
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6a008_a_radar_from_40_to_230_ghz(found: Found, jurisdiction: str) -> None:
    group = found[(jurisdiction, "6A008.a")]
    assert group.group and group.kinds == ("radar-operating-from-40-to-230-ghz",)
    assert ways(found[(jurisdiction, "6A008.a.1")]) == {
        frozenset({("radar-average-output-power", ">", _d("100"), "MilliW")})
    }
    assert ways(found[(jurisdiction, "6A008.a.2")]) == {
        frozenset(
            {
                ("radar-locating-accuracy-in-range", "<=", _d("1"), "M"),
                ("radar-locating-accuracy-in-azimuth", "<=", _d("0.2"), "DEG"),
            }
        )
    }
    assert found[(jurisdiction, "6A008.a.1")].requires_facts == (
        "radar-not-excluded-by-note-to-6a008",
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6a107_a_gravity_meters_for_airborne_or_marine_use(found: Found, jurisdiction: str) -> None:
    entry = found[(jurisdiction, "6A107.a")]
    assert ways(entry) == {
        frozenset({("gravimeter-static-or-operational-accuracy", "<=", _d("0.7"), "MilliGAL")})
    }
    other = {"US": "gravity-meter-not-controlled-by-6a007", "EU": "gravity-meter-not-specified-in-6a007-b"}  # fmt: skip
    assert set(entry.requires_facts) == {
        other[jurisdiction],
        "gravimeter-time-to-steady-state-registration-two-minutes-or-less",  # "two" in words
    }
    assert entry.kinds == ("airborne-or-marine-gravity-meter",) and entry.text_only is None


def test_us_6a994_a_1_optical_filters_and_6a005_f_2(found: Found) -> None:
    shortest = ("optical-filter-shortest-wavelength", ">", _d("250"), "NanoM")
    a = found[("US", "6A994.a.1.a")]
    assert ways(a) == {
        frozenset(
            {
                shortest,
                ("optical-filter-bandwidth-fwhi", "<=", _d("1"), "NanoM"),
                ("optical-filter-peak-transmission", ">=", _d("90"), "PERCENT"),
            }
        )
    }
    assert "optics-not-controlled-by-6a004" in a.requires_facts
    assert "optical-filter-not-fixed-air-gap-or-lyot-type" in a.requires_facts
    for jurisdiction in BOTH:
        assert ways(found[(jurisdiction, "6A005.f.2")]) == {
            frozenset({("shpl-diagnostic-angular-accuracy", "<=", _d("10"), "MicroRAD")})
        }


def test_us_6a994_a_2_tunable_filters_and_6a998_c_radar(found: Found) -> None:
    a2 = found[("US", "6A994.a.2")]
    assert ways(a2) == {
        frozenset(
            {
                ("optical-filter-shortest-wavelength", ">", _d("250"), "NanoM"),
                ("optical-filter-tuning-range", ">=", _d("500"), "NanoM"),
                ("optical-filter-instantaneous-bandpass", "<=", _d("1.25"), "NanoM"),
                ("optical-filter-single-peak-transmission", ">=", _d("91"), "PERCENT"),
            }
        )
    }
    assert "optical-filter-resettable-within-0-1-ms-to-1-nm" in a2.requires_facts
    radar = found[("US", "6A998.c")]
    assert ways(radar) == {
        frozenset(
            {
                ("radar-average-output-power", "<", _d("20"), "MilliW"),
                ("radar-operating-range", ">=", _d("1500"), "M"),
            }
        )
    }
    # "Operates at a frequency of 94 GHz", "Radar beam width of 1 degree": no comparator, facts
    assert set(radar.requires_facts) == {
        "not-elsewhere-specified-in-the-ccl",
        "radar-operates-at-a-frequency-of-94-ghz",
        "radar-beam-width-of-1-degree",
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_6b008_and_6a203_b_3(found: Found, jurisdiction: str) -> None:
    assert ways(found[(jurisdiction, "6B008")]) == {
        frozenset({("rcs-measurement-transmit-pulse-width", "<=", _d("100"), "NanoSEC")})
    }
    tubes = found[(jurisdiction, "6A203.b.3")]
    assert ways(tubes) == GATING
    assert tubes.kinds == ("framing-tube", "solid-state-imaging-device")
    assert "imaging-device-specially-designed-for-6a203-b-1-or-b-2-cameras" in tubes.requires_facts
    assert ("camera-not-excluded-by-note-to-6a203" in tubes.requires_facts) == (
        jurisdiction == "EU"
    )
