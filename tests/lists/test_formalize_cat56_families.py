"""Families of Categories 5 and 6 read from the official texts (families.csv, rules.csv):
semiconductor laser 'stacked arrays' (6A005.d.1.d), fibre laser MLDs (6A005.e.3.c), laser acoustic
detection equipment (6A005.g), "space-qualified" solid-state detectors (6A002.a.1), scanning
cameras (6A003.b.2), optical
components (6A004.c), aspheric optical elements (6A004.e), wavefront measuring equipment (6A004.f),
marine acoustic equipment (6A001.a.1.a.1, 6A001.a.1.b, 6A001.a.2.a, 6A001.a.2.b, 6A001.a.2.g),
intrinsic magnetic gradiometers (6A006.c), photomultipliers (6A202), LIDAR (6A008.j), the US 6A995
CO2 and ruby lasers; underwater optical networks (5A001.b.1), digitally controlled radio receivers
(5A001.b.5) and US laser telecommunication transmission equipment (5A991.b.5).
Each paragraph's criteria are the comparators, values and units its own words state, in each
list's spelling (US "1,400 nm", EU "1400 nm", "1,5 W"); what cannot be read exactly stays text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.formalize_clauses import _in_phrases
from pyoxigraph import NamedNode, RdfFormat, Store

from exportgraph.knowledge import pint_units
from exportgraph.paths import ontology_dir
from tests.lists.formal import ways

ONTOLOGY = ontology_dir()
ROOTS = ("6A005.d.1.d", "6A002.a.1", "6A005.e.3.c", "6A005.g", "6A004.e", "6A004.f", "6A001.a.1.a.1", "6A995", "6A006.c", "6A202", "5A001.b.5", "5A991.b.5", "6A001.a.1.b", "6A001.a.2.a", "6A001.a.2.b", "6A004.c", "5A001.b.1", "6A001.a.2.g", "6A008.j", "6A003.b.2")  # fmt: skip
BOTH = ("US", "EU")
Found = dict[tuple[str, str], formalize.FormalEntry]
Read = set[tuple[str, str, Decimal, str]]


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith(ROOTS)}


def _paragraphs(found: Found, jurisdiction: str) -> dict[str, Read]:
    """Paragraph → the criteria read from its own words (parameter, sign, value, unit name)."""
    read: dict[str, Read] = {}
    for (j, _), entry in found.items():
        for criterion in (c for way in entry.ways for c in way) if j == jurisdiction else ():
            unit = criterion.unit.rsplit("/", 1)[-1]
            key = (criterion.parameter, criterion.comparator, criterion.value, unit)
            read.setdefault(criterion.paragraph or entry.code, set()).add(key)
    return read


POWER = "laser-average-or-cw-output-power"
DENSITY = "laser-average-or-cw-output-power-density"
WAVELENGTH = "laser-output-wavelength"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_stacked_array_bands_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    read = _paragraphs(found, jurisdiction)
    d = Decimal
    assert read["6A005.d.1.d.1"] == {(WAVELENGTH, "<", d(1400), "NanoM")}
    # "Average or CW total output power less than 3 kW and having average or CW output 'power
    # density' greater than 500 W/cm^2" (EU: W/cm2)
    assert read["6A005.d.1.d.1.a"] == {
        (POWER, "<", d(3), "KiloW"), (DENSITY, ">", d(500), "W-PER-CentiM2"),
    }  # fmt: skip
    # "… equal to or exceeding 3 kW but less than or equal to 5 kW, and having … greater than
    # 350W/cm^2" (the US writes no space before the unit)
    assert read["6A005.d.1.d.1.b"] == {
        (POWER, ">=", d(3), "KiloW"), (POWER, "<=", d(5), "KiloW"),
        (DENSITY, ">", d(350), "W-PER-CentiM2"),
    }  # fmt: skip
    assert read["6A005.d.1.d.1.d"] == {
        ("laser-peak-pulsed-power-density", ">", d(2500), "W-PER-CentiM2")
    }
    coherent = "laser-spatially-coherent-average-or-cw-output-power"
    assert read["6A005.d.1.d.1.e"] == {(coherent, ">", d(150), "W")}
    assert read["6A005.d.1.d.2"] == {
        (WAVELENGTH, ">=", d(1400), "NanoM"), (WAVELENGTH, "<", d(1900), "NanoM"),
    }  # fmt: skip
    assert read["6A005.d.1.d.2.a"] == {
        (POWER, "<", d(250), "W"), (DENSITY, ">", d(150), "W-PER-CentiM2"),
    }  # fmt: skip
    assert read["6A005.d.1.d.2.e"] == {(coherent, ">", d(15), "W")}
    # "Average or CW output power greater than 10 W" (no 'total': the array's own output power)
    assert read["6A005.d.1.d.3.b"] == {(POWER, ">", d(10), "W")}
    assert read["6A005.d.1.d.3.c"] == {(coherent, ">", d("1.5"), "W")}  # EU "1,5 W"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_stacked_array_notes_keep_their_bands_incomplete(found: Found, jurisdiction: str) -> None:
    entries = {code: e for (j, code), e in found.items() if j == jurisdiction}
    assert entries["6A005.d.1.d"].group
    # the Notes 'does not apply to [EU: does not control] epitaxially-fabricated monolithic
    # devices' on .d.1.d.1.d and .d.1.d.2.d: met is "unknown", never "controlled"
    for code in ("6A005.d.1.d.1", "6A005.d.1.d.2"):
        why = entries[code].text_only
        assert why and f"{code}.d take items out that the criteria cannot name" in why
        assert len(entries[code].ways) == 5
    assert entries["6A005.d.1.d.3"].text_only is None and len(entries["6A005.d.1.d.3"].ways) == 3
    # "At least one 'bar' specified by 6A005.d.1.c" states no threshold of the array: text
    assert entries["6A005.d.1.d.4"].text_only and not entries["6A005.d.1.d.4"].criteria


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_detectors_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    read = _paragraphs(found, jurisdiction)
    d, peak = Decimal, "detector-peak-response-wavelength"
    assert read["6A002.a.1.a.1"] == {(peak, ">", d(10), "NanoM"), (peak, "<=", d(300), "NanoM")}
    # "A response of less than 0.1% [EU: 0,1 %] relative to the peak response at a wavelength
    # exceeding 400 nm": the 400 nm is the parameter's, not a criterion
    relative = "detector-response-above-400nm-relative-to-peak"
    assert read["6A002.a.1.a.2"] == {(relative, "<", d("0.1"), "PERCENT")}
    assert read["6A002.a.1.b.1"] == {
        (peak, ">", d(900), "NanoM"), (peak, "<=", d(1200), "NanoM"),
    }  # fmt: skip
    time_constant = "detector-response-time-constant"
    assert read["6A002.a.1.b.2"] == {(time_constant, "<=", d(95), "NanoSEC")}
    assert read["6A002.a.1.c"] == {(peak, ">", d(1200), "NanoM"), (peak, "<=", d(30000), "NanoM")}
    entries = {code: e for (j, code), e in found.items() if j == jurisdiction}
    for code in ("6A002.a.1.a", "6A002.a.1.b", "6A002.a.1.c"):
        assert entries[code].text_only is None
        assert entries[code].requires_facts == ("space-qualified",)
    # 'focal plane arrays' having more than 2,048 elements: read since with the element count of
    # focal plane arrays (tests/lists/test_formalize_h6opt.py)
    assert entries["6A002.a.1.d"].text_only is None


def test_each_paragraph_gives_its_stated_thresholds(
    found: Found, ccl: CommerceControlList, annex: AnnexI
) -> None:
    """Every threshold a read paragraph states is a criterion, or the measurement condition of
    the phrase it was read with (6A002.a.1.a.2's "at a wavelength exceeding 400 nm")."""
    trees = {"US": ccl.entry, "EU": annex.entry}
    checked = 0
    for jurisdiction in BOTH:
        by_paragraph: dict[str, list[formalize.FormalCriterion]] = {}
        for (j, _), entry in found.items():
            for criterion in (c for way in entry.ways for c in way) if j == jurisdiction else ():
                by_paragraph.setdefault(criterion.paragraph or entry.code, []).append(criterion)
        for code, criteria in by_paragraph.items():
            distinct = list(dict.fromkeys(criteria))
            node = trees[jurisdiction](code.split(".", 1)[0]).tree.find(code)
            assert node is not None
            stated = formalize.stated_thresholds(node.text)
            assert len(distinct) + _in_phrases(distinct) == stated, (jurisdiction, code)
            checked += 1
    assert checked > 30


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_fibre_laser_mlds_and_aspheric_elements(found: Found, jurisdiction: str) -> None:
    read, d = _paragraphs(found, jurisdiction), Decimal
    # 6A005.e.3.c: "Designed for spectral or coherent beam combination of 5 or more fiber
    # lasers"; "CW Laser Induced Damage Threshold (LIDT) greater than or equal to 10 kW/cm^2"
    assert read["6A005.e.3.c.1"] == {("mld-combined-fibre-laser-count", ">=", d(5), "NUM")}
    lidt = ("cw-laser-induced-damage-threshold", ">=", d(10), "KiloW-PER-CentiM2")
    assert read["6A005.e.3.c.2"] == {lidt}
    # 6A004.e: "greater than 400 mm"; "less than 1 nm (rms) for sampling lengths equal to or
    # greater than 1 mm"; "less than 3 × 10^−6/K [EU: 3 × 10-6/K] at 25 °C"
    size = ("aspheric-largest-optical-aperture-dimension", ">", d(400), "MilliM")
    assert read["6A004.e.1"] == {size}
    assert read["6A004.e.2"] == {("optical-surface-roughness-rms", "<", d(1), "NanoM")}
    cte = ("aspheric-thermal-expansion-coefficient-magnitude-25c", "<", d("3E-6"), "PER-K")
    assert read["6A004.e.3"] == {cte}
    assert found[(jurisdiction, "6A004.e")].requires_facts == (
        "aspheric-element-not-excluded-by-note-to-6a004e",
    )
    # 6A004.c.1 "lightweighted to less than 20% [EU: 20 %] 'equivalent density' …"; .c.4
    # "… equal to or less than 5 × 10^−6/K" (EU: 5 × 10-6/K); both "space-qualified"
    share = ("optical-component-lightweighted-equivalent-density", "<", d(20), "PERCENT")
    assert read["6A004.c.1"] == {share}
    composite = "composite-optical-component-thermal-expansion-coefficient"
    assert read["6A004.c.4"] == {(composite, "<=", d("5E-6"), "PER-K")}
    assert found[(jurisdiction, "6A004.c.1")].requires_facts == ("space-qualified",)
    # 6A004.f: "'Frame rates' equal to or more than 1 kHz"; f.2 (λ/20) is a required fact
    assert read["6A004.f.1"] == {("wavefront-sensor-frame-rate", ">=", d(1), "KiloHZ")}
    assert "6A004.f.2" not in read
    assert found[(jurisdiction, "6A004.f")].requires_facts == (
        "wavefront-accuracy-lambda-over-20-or-better",
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_laser_acoustic_detection_equipment(found: Found, jurisdiction: str) -> None:
    read, d = _paragraphs(found, jurisdiction), Decimal
    # US "greater than or equal to 20 mW", EU "equal to or exceeding 20 mW"
    assert read["6A005.g.1"] == {("laser-cw-output-power", ">=", d(20), "MilliW")}
    assert read["6A005.g.3"] == {
        ("laser-output-wavelength", ">=", d(1000), "NanoM"),
        ("laser-output-wavelength", "<=", d(2000), "NanoM"),
    }
    # g.5: the US "10^3", the EU "103" (its superscript lost): never read as a number
    assert "6A005.g.5" not in read
    facts = found[(jurisdiction, "6A005.g")].requires_facts
    assert facts == ("optical-signal-to-noise-ratio-1000-or-more",)
    # EU "equal to or less (better) than 10 MHz", "less (better) than 1 nm"; the US "equal to
    # or better (less) than 10 MHz", "better (less) than 1 nm": the same criteria
    assert read["6A005.g.2"] == {("laser-frequency-stability", "<=", d(10), "MegaHZ")}
    assert read["6A005.g.4"] == {("optical-system-resolution", "<", d(1), "NanoM")}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_surface_vessel_seabed_survey_equipment(found: Found, jurisdiction: str) -> None:
    read, d = _paragraphs(found, jurisdiction), Decimal
    assert read["6A001.a.1.a.1.a"] == {
        ("survey-measurement-angle-from-vertical", ">", d(20), "DEG")
    }
    assert read["6A001.a.1.a.1.b"] == {("survey-seabed-depth", ">", d(600), "M")}
    assert read["6A001.a.1.a.1.c"] == {("survey-sounding-resolution", "<", d(2), "DEG")}
    entry = found[(jurisdiction, "6A001.a.1.a.1")]
    assert entry.text_only is None and len(entry.ways) == 1
    fact = "depth-accuracy-enhanced-for-sensor-motion-propagation-and-sound-speed"
    assert entry.requires_facts == (fact,)


def test_us_6a995_co2_and_ruby_lasers(found: Found) -> None:
    read, d = _paragraphs(found, "US"), Decimal
    assert read["6A995.a.1"] == {("laser-cw-output-power", ">", d(10), "KiloW")}
    # "A pulsed output with a 'pulse duration' exceeding 10 microseconds; and" before
    # sub-paragraphs joined by "or": its own duration with any one of them
    longer = ("laser-pulse-duration", ">", d(10), "MicroSEC")
    assert ways(found[("US", "6A995.a.2")]) == {
        frozenset({longer, ("laser-average-output-power", ">", d(10), "KiloW")}),
        frozenset({longer, ("laser-peak-power", ">", d(100), "KiloW")}),
    }
    shorter = ("laser-pulse-duration", "<=", d(10), "MicroSEC")
    energy = {("laser-pulse-energy", ">", d(5), "J"), ("laser-peak-power", ">", d("2.5"), "KiloW")}
    assert ways(found[("US", "6A995.a.3")]) == {
        frozenset({shorter, *energy}),
        frozenset({shorter, ("laser-average-output-power", ">", d("2.5"), "KiloW")}),
    }
    assert read["6A995.c"] == {("laser-pulse-energy", ">", d(20), "J")}
    assert not any(j == "EU" for j, code in found if code.startswith("6A995"))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_gradiometers_and_photomultipliers(found: Found, jurisdiction: str) -> None:
    read, d, unit = _paragraphs(found, jurisdiction), Decimal, "NanoT-PER-M-PER-HZ0dot5"
    # US "lower (better) than 0.3 nT/m (rms) per square root Hz"; EU "less (better) than 0,3
    # nT/m rms per square root Hz"; 6A006.c.3: 0.015 (EU 0,015)
    assert read["6A006.c.2"] == {("magnetic-gradiometer-sensitivity", "<", d("0.3"), unit)}
    assert read["6A006.c.3"] == {("magnetic-gradiometer-sensitivity", "<", d("0.015"), unit)}
    other = found[(jurisdiction, "6A006.c.3")]
    assert "intrinsic-magnetic-gradiometer-not-fibre-optic" in other.requires_facts
    assert "fibre-optic-intrinsic-magnetic-gradiometer" in other.excluded_kinds
    assert read["6A202.a"] == {("photomultiplier-photocathode-area", ">", d(20), "CentiM2")}
    assert read["6A202.b"] == {("photomultiplier-anode-pulse-rise-time", "<", d(1), "NanoSEC")}
    assert found[(jurisdiction, "6A202")].text_only is None


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_radio_receivers_of_5a001_b_5(found: Found, jurisdiction: str) -> None:
    read = _paragraphs(found, jurisdiction)
    switching = ("radio-receiver-channel-switching-time", "<", Decimal(1), "MilliSEC")
    assert read == {
        **{p: c for p, c in read.items() if not p.startswith("5A001.b.5")},
        "5A001.b.5.b": {switching},
    }
    entry = found[(jurisdiction, "5A001.b.5")]
    assert entry.text_only is None and len(entry.requires_facts) == 4
    # "More than 1,000 channels" is a fact: a capitalised comparator the reader does not take
    assert "radio-receiver-more-than-1000-channels" in entry.requires_facts


def test_us_laser_telecommunication_transmission_equipment(found: Found) -> None:
    read = _paragraphs(found, "US")
    assert read["5A991.b.5.a"] == {("laser-transmission-wavelength", ">", Decimal(1000), "NanoM")}
    assert read["5A991.b.5.b"] == {("analog-transmission-bandwidth", ">", Decimal(45), "MegaHZ")}
    # the Note to 5A991.b.5.b ("does not control commercial TV systems") is the fact asked
    tv = found[("US", "5A991.b.5.b")]
    assert tv.text_only is None
    assert set(tv.requires_facts) == {"not-a-commercial-tv-system", "not-controlled-by-5a001"}
    assert found[("US", "5A991.b.5.a")].requires_facts == ("not-controlled-by-5a001",)
    assert all(found[("US", f"5A991.b.5.{x}")].text_only for x in "cde")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_sonars_hydrophones_and_towed_arrays(found: Found, jurisdiction: str) -> None:
    read, d = _paragraphs(found, jurisdiction), Decimal
    # 6A001.a.1.b.4 "Forming beams of less than 1° on any axis and having an operating frequency
    # of less than 100 kHz"; .b.5 "unambiguous display range exceeding 5,120 m" (EU 5120 m)
    assert read["6A001.a.1.b.4"] == {
        ("sonar-beam-width", "<", d(1), "DEG"), ("sonar-operating-frequency", "<", d(100), "KiloHZ"),
    }  # fmt: skip
    assert read["6A001.a.1.b.5"] == {("sonar-unambiguous-display-range", ">", d(5120), "M")}
    assert read["6A001.a.2.a.2"] == {
        ("hydrophone-discrete-element-diameter-or-length", "<", d(20), "MilliM"),
        ("hydrophone-discrete-element-separation", "<", d(20), "MilliM"),
    }
    depth = ("hydrophone-acceleration-compensated-operating-depth", ">", d(35), "M")
    assert read["6A001.a.2.a.5"] == {depth}
    assert read["6A001.a.2.b.2"] == {("towed-array-operating-depth", ">", d(35), "M")}  # US "35m"
    assert read["6A001.a.2.b.5"] == {("towed-array-diameter", "<", d(40), "MilliM")}
    for code in ("6A001.a.1.b.4", "6A001.a.1.b.5"):
        assert found[(jurisdiction, code)].requires_facts == (
            "acoustic-equipment-not-excluded-by-note-to-6a001a1",
        )
    # the Note to 6A001.a.2.a hands a hydrophone specially designed for other equipment over
    hydrophone = found[(jurisdiction, "6A001.a.2.a.5")]
    assert hydrophone.requires_facts == ("hydrophone-not-specially-designed-for-other-equipment",)
    assert hydrophone.notes[0].startswith("Note to 6A001.a.2.a")
    # 'better than −180dB' (a negative number, 'better than') and the reserved US .b.6 ("[Reserved];")
    assert found[(jurisdiction, "6A001.a.2.a.4")].text_only
    assert (jurisdiction, "6A001.a.2.b.6") not in found


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_underwater_optical_lans_and_vector_sensors(found: Found, jurisdiction: str) -> None:
    read, d = _paragraphs(found, jurisdiction), Decimal
    # 5A001.b.1.d "with an output wavelength greater than 400 nm and less than 700 nm"
    wavelength = "underwater-optical-lan-output-wavelength"
    assert read["5A001.b.1.d"] == {
        (wavelength, ">", d(400), "NanoM"),
        (wavelength, "<", d(700), "NanoM"),
    }
    # 6A001.a.2.g.3 "Designed to operate at depths greater than 35 meters"
    assert read["6A001.a.2.g.3"] == {("hydro-acoustic-sensor-operating-depth", ">", d(35), "M")}
    sensor = found[(jurisdiction, "6A001.a.2.g")]
    assert sensor.excluded_kinds == ("particle-velocity-sensor", "geophone")
    if jurisdiction == "EU":  # "greater (better) than 48 dB"; the US "better than 48 dB": a fact
        sensitivity = ("hydro-acoustic-sensor-acceleration-sensitivity", ">", d(48), "DeciB")
        assert read["6A001.a.2.g.2"] == {sensitivity}
    else:
        assert "6A001.a.2.g.2" not in read and len(sensor.requires_facts) == 3


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_lidar(found: Found, jurisdiction: str) -> None:
    read, d = _paragraphs(found, jurisdiction), Decimal
    resolution = ("coherent-lidar-angular-resolution", "<", d(20), "MicroRAD")
    assert read["6A008.j.2"] == {resolution}
    wavelength = "bathymetric-lidar-laser-wavelength"
    assert read["6A008.j.3"] == {
        (wavelength, ">", d(400), "NanoM"),
        (wavelength, "<=", d(600), "NanoM"),
    }
    surveying = "lidar-not-specially-designed-for-surveying"
    assert surveying in found[(jurisdiction, "6A008.j.2")].requires_facts
    assert surveying not in found[(jurisdiction, "6A008.j.3")].requires_facts
    # the US prints Note 1 on 6A008.j.3 (the EU on 6A008.j): read as a note on the entry
    assert bool(found[(jurisdiction, "6A008.j.3")].text_only) == (jurisdiction == "US")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_scanning_cameras(found: Found, jurisdiction: str) -> None:
    read, d, peak = _paragraphs(found, jurisdiction), Decimal, "detector-peak-response-wavelength"
    # "exceeding 10 nm, but not exceeding 30,000 nm" (EU: no comma, 30000 nm)
    assert read["6A003.b.2.a"] == {(peak, ">", d(10), "NanoM"), (peak, "<=", d(30000), "NanoM")}
    count = ("scanning-camera-linear-array-element-count", ">", d(8192), "NUM")
    assert read["6A003.b.2.b"] == {count}
    camera = found[(jurisdiction, "6A003.b.2")]
    assert camera.text_only is None and len(camera.requires_facts) == 3


def test_every_pint_spelling_of_the_ontology_parses() -> None:
    """A unit whose pint spelling the service refuses ("1 / kelvin") would fail every answer
    that converts into it: each eg:pintUnit of ontology/*.ttl is a unit the service reads."""
    store = Store()
    for path in sorted(ONTOLOGY.glob("*.ttl")):
        store.bulk_load(path=str(path), format=RdfFormat.TURTLE)
    pint_unit = NamedNode("https://w3id.org/exportgraph/ontology#pintUnit")
    spellings = {
        (q.subject.value, q.object.value) for q in store.quads_for_pattern(None, pint_unit, None)
    }
    assert len(spellings) > 50
    for iri, spelling in spellings:
        assert pint_units.parse_unit(spelling, iri) is not None, iri
