"""5E001.c and 5E001.e, technology for the development or production of telecommunications
equipment, as both official texts state them: technology entries whose criteria are the served
equipment's figures (eg:servesKind). Expected values written from ontology/sources/:
5E001.c.2.a (transmission wavelength exceeding 1,750 nm), .c.2.d (WDM at less than 100 GHz
spacing), .c.2.e (analog bandwidth exceeding 2.5 GHz; its Note on commercial TV a fact), .c.3
(switching time less than 1 ms), .c.4.b (above 31.8 GHz; its Note on ITU bands a fact), .c.4.c
(more than 15 dB suppression; the 1.5-87.5 MHz band a fact), .c.6 (200 nm to 400 nm, both
included; .c.6.b a fact), 5E001.e.1 (US; less than 10^-14 J) and .e.2 (Q-values exceeding 10,000).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.lists.formal import Criterion, Found, ways

BOTH = ("US", "EU")


def _one(*criteria: Criterion) -> set[frozenset[Criterion]]:
    return {frozenset(criteria)}


EXPECTED: dict[str, tuple[set[frozenset[Criterion]], str, tuple[str, ...]]] = {
    "5E001.c.2.a": (
        _one(("laser-transmission-wavelength", ">", Decimal("1750"), "NanoM")),
        "laser-telecommunications-equipment",
        (),
    ),
    "5E001.c.2.d": (
        _one(("wdm-optical-carrier-spacing", "<", Decimal("100"), "GigaHZ")),
        "laser-telecommunications-equipment",
        (),
    ),
    "5E001.c.2.e": (
        _one(("analog-transmission-bandwidth", ">", Decimal("2.5"), "GigaHZ")),
        "laser-telecommunications-equipment",
        ("not-a-commercial-tv-system",),
    ),
    "5E001.c.3": (
        _one(("optical-switching-time", "<", Decimal("1"), "MilliSEC")),
        "optical-switching-telecommunications-equipment",
        (),
    ),
    "5E001.c.4.b": (
        _one(("frequency-max", ">", Decimal("31.8"), "GigaHZ")),
        "telecommunications-radio-equipment",
        ("radio-not-designed-or-modified-for-itu-radiocommunication-bands",),
    ),
    "5E001.c.4.c": (
        _one(("interfering-signal-suppression", ">", Decimal("15"), "DeciB")),
        "telecommunications-radio-equipment",
        ("radio-operates-in-the-1-5-to-87-5-mhz-band",),
    ),
    "5E001.c.6": (
        _one(
            ("optical-operating-wavelength", ">=", Decimal("200"), "NanoM"),
            ("optical-operating-wavelength", "<=", Decimal("400"), "NanoM"),
        ),
        "mobile-telecommunications-equipment",
        ("mobile-equipment-operates-as-a-local-area-network",),
    ),
    "5E001.e.2": (
        _one(("resonant-circuit-q-value", ">", Decimal("10000"), "UNITLESS")),
        "superconductive-electronic-device",
        ("superconductive-device-specially-designed-for-telecommunications",),
    ),
}


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_the_figures_of_the_served_equipment(found: Found, jurisdiction: str, code: str) -> None:
    expected, served, facts = EXPECTED[code]
    entry = found[(jurisdiction, code)]
    assert ways(entry) == expected
    assert entry.text_only is None  # complete: an item meeting the figures is controlled
    assert entry.kinds == ("technology",) and entry.serves_kinds == (served,)
    assert set(entry.purposes) == {"development", "production"}
    assert set(entry.requires_facts) == set(facts)


def test_the_us_gate_product_is_read_and_the_eu_one_stays_text(found: Found) -> None:
    us = found[("US", "5E001.e.1")]
    assert ways(us) == _one(
        ("superconductive-gate-delay-power-product", "<", Decimal("1E-14"), "J")
    )
    # the EU writes the power of ten as '10-14 J' (the superscript lost), as in 3A001.d.1: text
    eu = found[("EU", "5E001.e.1")]
    assert not eu.ways and eu.text_only is not None
    assert eu.serves_kinds == ("superconductive-electronic-device",)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_the_qam_level_stays_text_for_radio_equipment(found: Found, jurisdiction: str) -> None:
    entry = found[(jurisdiction, "5E001.c.4.a")]
    assert not entry.ways and entry.text_only is not None
    assert entry.kinds == ("technology",)
    assert entry.serves_kinds == ("telecommunications-radio-equipment",)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_the_groups_hold_their_sub_paragraphs(found: Found, jurisdiction: str) -> None:
    assert found[(jurisdiction, "5E001.c.2")].group
    assert found[(jurisdiction, "5E001.e")].group
    # reserved (US) / not used (EU) sub-paragraphs are not entries
    assert (jurisdiction, "5E001.c.2.b") not in found


B3_FACTS = {"radio-not-controlled-by-5a001-b-4", "radio-not-operating-at-an-output-power-of-1-w-or-less"}  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_spread_spectrum_radio_5a001_b_3(found: Found, jurisdiction: str) -> None:
    group = found[(jurisdiction, "5A001.b.3")]
    assert group.group and group.kinds == ("spread-spectrum-radio-equipment",)
    assert set(group.requires_facts) == B3_FACTS
    b = found[(jurisdiction, "5A001.b.3.b")]
    assert ways(b) == _one(
        (
            "spread-spectrum-bandwidth-to-information-channel-ratio",
            ">=",
            Decimal("100"),
            "UNITLESS",
        ),
        ("spread-spectrum-total-transmitted-bandwidth", ">", Decimal("50"), "KiloHZ"),
    )
    assert b.text_only is None
    note = "radio-not-specially-designed-for-civil-cellular-or-commercial-satellite-earth-stations"
    assert set(b.requires_facts) == B3_FACTS | {note}
    # user programmable spreading codes: no threshold, text (unknown, never false)
    a = found[(jurisdiction, "5A001.b.3.a")]
    assert not a.ways and a.text_only is not None


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_software_for_laser_equipment_5d001_d_2(found: Found, jurisdiction: str) -> None:
    a, b = found[(jurisdiction, "5D001.d.2.a")], found[(jurisdiction, "5D001.d.2.b")]
    assert ways(a) == _one(("laser-transmission-wavelength", ">", Decimal("1750"), "NanoM"))
    assert ways(b) == _one(("analog-transmission-bandwidth", ">", Decimal("2.5"), "GigaHZ"))
    for entry in (a, b):
        assert entry.text_only is None and entry.kinds == ("software",)
        assert entry.purposes == ("development",)
        assert entry.serves_kinds == ("laser-telecommunications-equipment",)
    assert a.requires_facts == () and b.requires_facts == ("not-a-commercial-tv-system",)
    qam = found[(jurisdiction, "5D001.d.4")]
    assert not qam.ways and qam.text_only is not None
    assert qam.serves_kinds == ("telecommunications-radio-equipment",)


N7 = {
    "not-controlled-by-5a001",
    "not-specially-designed-for-civil-satellite-system",
    "not-radio-relay-equipment-excluded-by-note-2-to-5a991-b-7",
}
US_5A991 = {
    "5A991.b.7.c": (
        _one(("radio-spectral-efficiency", ">", Decimal("3"), "BIT-PER-SEC-PER-HZ")),
        "telecommunications-radio-equipment",
        N7 | {"radio-employs-other-digital-modulation-techniques"},
    ),
    "5A991.b.7.d": (
        _one(("interfering-signal-suppression", ">", Decimal("15"), "DeciB")),
        "telecommunications-radio-equipment",
        N7 | {"radio-operates-in-the-1-5-to-87-5-mhz-band"},
    ),
    "5A991.c.7": (
        _one(
            ("cross-connect-digital-transfer-rate-per-port", ">", Decimal("8.5"), "MegaBIT-PER-SEC")
        ),
        "spc-switching-equipment-containing-digital-cross-connect",
        {"not-controlled-by-5a001"},
    ),
    "5A991.f": (
        _one(("frequency-max", ">", Decimal("10.5"), "GigaHZ")),
        "active-electronically-steered-phased-array-antenna",
        {"not-controlled-by-5a001", "esp-antenna-not-for-mls-landing-systems"},
    ),
    "5A991.h": (
        _one(("frequency-max", ">=", Decimal("19.7"), "GigaHZ")),
        "radio-relay-communications-equipment",
        {"not-controlled-by-5a001", "not-elsewhere-specified-in-the-ccl"},
    ),
}


@pytest.mark.parametrize("code", sorted(US_5A991))
def test_us_5a991_paragraphs(found: Found, code: str) -> None:
    expected, kind, facts = US_5A991[code]
    entry = found[("US", code)]
    assert ways(entry) == expected and entry.text_only is None
    assert entry.kinds == (kind,) and set(entry.requires_facts) == facts
    assert ("EU", code) not in found


def test_us_5a991_b_7_qam_paragraphs_stay_text(found: Found) -> None:
    for code in ("5A991.b.7.a", "5A991.b.7.b"):
        entry = found[("US", code)]
        assert not entry.ways and entry.text_only is not None
        assert entry.kinds == ("telecommunications-radio-equipment",)
        assert set(entry.requires_facts) == N7


def test_missile_telemetry_5a101(found: Found) -> None:
    us = found[("US", "5A101")]
    assert ways(us) == _one(("missile-system-range", ">=", Decimal("300"), "KiloM"))
    assert us.text_only is None and us.kinds == ("missile-telemetry-telecontrol-equipment",)
    assert us.requires_facts == ("telemetry-equipment-not-excluded-by-note-to-5a101",)
    # the EU threshold ('exceeding 300 km') is in the Technical Note: read since as the fixed
    # phrase it defines (tests/lists/test_formalize_h18c3.py)
    eu = found[("EU", "5A101")]
    assert eu.kinds == ("missile-telemetry-telecontrol-equipment",)


NOTE_6A001_A_1 = ("acoustic-equipment-not-excluded-by-note-to-6a001a1",)
ACOUSTIC = {
    "6A001.a.1.d": (
        "underwater-acoustic-positioning-system",
        {
            ("acoustic-positioning-detection-range", ">", Decimal("1000"), "M"),
            ("acoustic-positioning-error-at-1000-m", "<", Decimal("10"), "M"),
        },
    ),
    "6A001.a.1.e": (
        "diver-detection-sonar",
        {
            ("diver-detection-range", ">", Decimal("530"), "M"),
            ("diver-detection-position-error-at-530-m", "<", Decimal("15"), "M"),
            ("diver-sonar-pulse-signal-bandwidth", ">", Decimal("3"), "KiloHZ"),
        },
    ),
}


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("code", sorted(ACOUSTIC))
def test_acoustic_positioning_and_diver_detection(
    found: Found, jurisdiction: str, code: str
) -> None:
    kind, criteria = ACOUSTIC[code]
    entry = found[(jurisdiction, code)]
    assert ways(entry) == {frozenset(criteria)} and entry.text_only is None
    assert entry.kinds == (kind,) and entry.requires_facts == NOTE_6A001_A_1


def test_the_root_reader_takes_acoustic_arrays_therefor() -> None:
    from exportgraph.loaders.formalize_clauses import _TAIL

    words = "having all of the following, and “specially designed” transmitting and receiving acoustic arrays therefor:"  # fmt: skip
    match = _TAIL.search("Active individual sonars, " + words)
    assert match is not None and match.group("mode") == "all"
    assert (
        _TAIL.search("Sonars having all of the following, and receiving arrays therefor:") is None
    )


PROJECTOR_FACTS = {
    "acoustic-equipment-not-excluded-by-note-to-6a001a1",
    "acoustic-projector-not-specially-designed-for-other-equipment",
    "acoustic-projector-not-excluded-by-note-2-to-6a001a1c",
}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_acoustic_projectors_6a001_a_1_c(found: Found, jurisdiction: str) -> None:
    c3 = found[(jurisdiction, "6A001.a.1.c.3")]
    assert ways(c3) == _one(("projector-side-lobe-suppression", ">", Decimal("22"), "DeciB"))
    assert c3.text_only is None and set(c3.requires_facts) == PROJECTOR_FACTS
    # c.1: its source-level formulas are text, within its own condition (below 10 kHz)
    c1 = found[(jurisdiction, "6A001.a.1.c.1")]
    assert ways(c1) == _one(("frequency-min", "<", Decimal("10"), "KiloHZ"))
    assert c1.text_only is not None and set(c1.requires_facts) == PROJECTOR_FACTS
    assert c1.kinds == ("acoustic-projector",)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_underwater_seabed_survey_6a001_a_1_a_2(found: Found, jurisdiction: str) -> None:
    depth = "underwater-survey-operating-depth"
    a = found[(jurisdiction, "6A001.a.1.a.2.a")]
    assert ways(a) == _one(
        (depth, ">", Decimal("300"), "M"),
        ("survey-sounding-rate", ">", Decimal("3800"), "M-PER-SEC"),
    )
    assert a.requires_facts == NOTE_6A001_A_1 and a.text_only is None
    b = found[(jurisdiction, "6A001.a.1.a.2.b")]
    common = {
        (depth, ">", Decimal("100"), "M"),
        ("survey-measurement-angle-from-vertical", ">", Decimal("20"), "DEG"),
    }
    assert ways(b) == {
        frozenset(common | {("sonar-operating-frequency", "<", Decimal("350"), "KiloHZ")}),
        frozenset(common | {("survey-seabed-measurement-range", ">", Decimal("200"), "M")}),
    }
    assert set(b.requires_facts) == {
        "survey-equipment-not-specified-by-6a001-a-1-a-2-a",
        "depth-accuracy-enhanced-for-sensor-motion-propagation-and-sound-speed",
    }
    assert a.kinds == b.kinds == ("underwater-seabed-survey-equipment",)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_seabed_imaging_sonars_6a001_a_1_a_3(found: Found, jurisdiction: str) -> None:
    entry = found[(jurisdiction, "6A001.a.1.a.3")]
    rate = "area-coverage-rate-at-15-cm-along-track-resolution"
    assert ways(entry) == _one(
        ("sonar-imaging-operating-depth", ">", Decimal("500"), "M"),
        (
            rate,
            ">",
            Decimal("570"),
            "M2-PER-SEC",
        ),  # 'along track resolution' < 15 cm: its condition
        ("across-track-resolution", "<", Decimal("15"), "CentiM"),
    )
    assert entry.text_only is None and entry.requires_facts == NOTE_6A001_A_1
    assert entry.kinds == ("side-scan-or-synthetic-aperture-sonar",)


LOG_FACTS = {
    "sonar-log-not-a-depth-sounder-excluded-by-note-1-to-6a001b",
    "sonar-log-not-specially-designed-for-surface-vessels",
}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_sonar_logs_6a001_b(found: Found, jurisdiction: str) -> None:
    distance = found[(jurisdiction, "6A001.b.1.a")]
    assert ways(distance) == _one(("sonar-log-sea-bed-distance", ">", Decimal("500"), "M"))
    accuracy = _one(("sonar-log-speed-accuracy", "<", Decimal("1"), "PERCENT"))
    for code in ("6A001.b.1.b", "6A001.b.2"):
        entry = found[(jurisdiction, code)]
        assert set(entry.requires_facts) == LOG_FACTS
        if jurisdiction == "EU":  # 'less (better) than 1 % of speed'
            assert ways(entry) == accuracy and entry.text_only is None
        else:  # 'better than 1% of speed': text
            assert not entry.ways and entry.text_only is not None
    assert found[(jurisdiction, "6A001.b.2")].kinds == ("doppler-velocity-sonar-log",)
    assert distance.kinds == ("correlation-velocity-sonar-log",)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_bottom_or_bay_cable_arrays_6a001_a_2_e(found: Found, jurisdiction: str) -> None:
    entry = found[(jurisdiction, "6A001.a.2.e.2")]
    assert ways(entry) == {  # 'Designed to operate at depths exceeding 35 m or having …': either
        frozenset({("hydrophone-signal-module-operating-depth", ">", Decimal("35"), "M")}),
        frozenset(
            {("hydrophone-signal-module-depth-sensing-device-depth", ">", Decimal("35"), "M")}
        ),
    }
    assert entry.requires_facts == ("hydrophone-group-signal-modules-interchangeable-with-towed-array-modules",)  # fmt: skip
    for code in ("6A001.a.2.e.1", "6A001.a.2.e.3"):
        text = found[(jurisdiction, code)]
        assert not text.ways and text.text_only is not None
        assert text.kinds == ("bottom-or-bay-cable-hydrophone-array",)


def test_heading_sensors_6a001_a_2_d(found: Found) -> None:
    accuracy = ("heading-sensor-accuracy", "<", Decimal("0.5"), "DEG")
    eu = found[("EU", "6A001.a.2.d")]
    assert ways(eu) == {
        frozenset({accuracy, ("heading-sensor-operating-depth", ">", Decimal("35"), "M")}),
        frozenset(
            {accuracy, ("heading-sensor-depth-sensing-device-depth", ">", Decimal("35"), "M")}
        ),
    }
    assert eu.text_only is None and eu.kinds == ("underwater-heading-sensor",)
    us = found[("US", "6A001.a.2.d")]  # 'better than ± 0.5°': text
    assert not us.ways and us.text_only is not None and us.kinds == ("underwater-heading-sensor",)
