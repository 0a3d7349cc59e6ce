"""Categories 6 and 3 read from ontology/sources/ (h20c367): 6A203.d radiation-hardened TV cameras
(a total dose in Gy (silicon)), 6B004 optical measuring equipment, 6B007 equipment for land-based
gravity meters, 6A005.f.3.a SHPL beam combination optics, US 6A994.a.3 opacity switches,
6A006.a.5 and US 6A996.a magnetometers (a figure without its frequency: a necessary condition), US
3A992.b tape recorders and US 3B992.b.7 particle measuring systems. What stays text says why
(6C004.f diamond, US 6B004.a, 6A005.f.3.b)."""

from __future__ import annotations

import pytest

from tests.lists.formal import Found, criterion, ways

BOTH = ("US", "EU")


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(
    ("code", "kinds", "facts", "expected"),
    [
        # "… to withstand a total radiation dose greater than 5 × 10^4 Gy (silicon) …"
        # (EU "50 × 103 Gy(silicon) (5 × 106 rad (silicon))")
        (
            "6A203.d",
            ("radiation-hardened-tv-camera", "radiation-hardened-tv-camera-lens"),
            ("camera-not-controlled-by-6a003",),
            {criterion("radiation-hardness-total-dose-silicon", ">", "5E4", "GRAY")},
        ),
        # "having an unobscured aperture of more than 10 cm, … to an “accuracy” of 2 nm or less
        # (better) against the required profile"
        (
            "6B004.b",
            ("non-planar-optical-surface-figure-measurement-equipment",),
            (
                "equipment-not-optical-surface-scattering-measurement",
                "specially-designed-for-non-contact-measurement-of-non-planar-optical-surface-figure",
            ),
            {
                criterion("optical-measurement-unobscured-aperture", ">", "10", "CentiM"),
                criterion("optical-surface-figure-measurement-accuracy", "<=", "2", "NanoM"),
            },
        ),
        # "land-based gravity meters with a static “accuracy” of less (better) than 0.1 mGal"
        (
            "6B007",
            ("gravity-meter-production-alignment-calibration-equipment",),
            (),
            {criterion("gravity-meter-equipment-served-static-accuracy", "<", "0.1", "MilliGAL")},
        ),
        # 6A005.f.3.a "An “accuracy” of 0.1 µm or less, for wavelengths greater than 1 µm" (its
        # .b, "λ/10 or less (better) at the designed wavelength", stays text)
        (
            "6A005.f.3.a",
            ("shpl-coherent-beam-combination-optics",),
            (),
            {
                criterion("shpl-beam-combination-accuracy", "<=", "0.1", "MicroM"),
                criterion("shpl-optics-designed-wavelength", ">", "1", "MicroM"),
            },
        ),
    ],
)
def test_exact_category_6_readings(
    found: Found,
    jurisdiction: str,
    code: str,
    kinds: tuple[str, ...],
    facts: tuple[str, ...],
    expected: set[tuple[str, str, object, str]],
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.kinds == kinds and entry.requires_facts == facts
    assert entry.text_only is None and ways(entry) == {frozenset(expected)}


def test_6b004_a_absolute_reflectance_eu_only(found: Found) -> None:
    # EU "to an “accuracy” of equal to or less (better) than 0,1 % of the reflectance value"; the
    # US "equal to or better than 0.1%" states no comparator the readers take: text, kind given
    eu = found[("EU", "6B004.a")]
    accuracy = criterion("absolute-reflectance-measurement-accuracy", "<=", "0.1", "PERCENT")
    assert eu.text_only is None and ways(eu) == {frozenset({accuracy})}
    us = found[("US", "6B004.a")]
    assert us.kinds == ("absolute-reflectance-measurement-equipment",)
    assert us.text_only is not None and "better than" in us.text_only and not us.ways


NANOTESLA = "NanoT-PER-HZ0dot5"
NO_FREQUENCY = "without the frequency"
NECESSARY = {
    # "Fiber optic “magnetometers” having a 'sensitivity' lower (better) than 1 nT (rms) per
    # square root Hz" — no frequency, where 6A006.a.2/a.3 say "at a frequency of 1 Hz"
    ("US", "6A006.a.5"): criterion("magnetometer-best-sensitivity", "<", "1", NANOTESLA),
    ("EU", "6A006.a.5"): criterion("magnetometer-best-sensitivity", "<", "1", NANOTESLA),
    ("US", "6A996.a"): criterion("magnetometer-best-sensitivity", "<", "1.0", NANOTESLA),
}


@pytest.mark.parametrize("where", sorted(NECESSARY))
def test_necessary_conditions(found: Found, where: tuple[str, str]) -> None:
    """A figure whose measurement condition is not written is read as its best case: failing it
    is "not controlled" under any reading, meeting it "unknown" (the family's gap), never true."""
    entry = found[where]
    assert entry.text_only is not None and NO_FREQUENCY in entry.text_only
    assert ways(entry) == {frozenset({NECESSARY[where]})}


def test_6a996_a_hands_over_to_6a006_and_6a006_a_5_eu_note(found: Found) -> None:
    assert found[("US", "6A996.a")].requires_facts == (
        "magnetometer-not-controlled-by-6a006",
        "not-elsewhere-specified-in-the-ccl",
    )
    eu = found[("EU", "6A006.a.5")]
    assert eu.excluded_kinds == ("fishery-instrument", "biomagnetic-medical-diagnostic-instrument")
    assert eu.requires_facts == ("not-for-fishery-or-biomagnetic-medical-diagnostics",)
    # 6C004.f (diamond: "less than 10^−5 cm^−1 for wavelengths exceeding 200 nm but not exceeding
    # 14,000 nm"; EU "10-5 cm-1"): every wavelength or some is not written: text, its kind given
    for jurisdiction in BOTH:
        diamond = found[(jurisdiction, "6C004.f")]
        assert diamond.kinds == ("synthetic-diamond-material",) and not diamond.ways
        assert diamond.text_only is not None and "at some" in diamond.text_only


def test_us_only_readings(found: Found) -> None:
    # 3A992.b.1 "A maximum digital interface transfer rate exceeding 60 Mbit/s and employing
    # helical scan techniques"; b.2 "exceeding 120 Mbit/s and employing fixed head techniques";
    # b.3 "“Space qualified”"
    rate = "maximum-digital-interface-transfer-rate"
    for code, figure, technique in (("3A992.b.1", "60", "helical-scan"), ("3A992.b.2", "120", "fixed-head")):  # fmt: skip
        entry = found[("US", code)]
        assert entry.kinds == ("digital-instrumentation-magnetic-tape-data-recorder",)
        assert entry.requires_facts == (
            "not-controlled-by-3a002",
            f"tape-recorder-employs-{technique}-techniques",
        )
        assert ways(entry) == {frozenset({criterion(rate, ">", figure, "MegaBIT-PER-SEC")})}
    assert found[("US", "3A992.b.3")].requires_facts == (
        "not-controlled-by-3a002",
        "space-qualified",
    )
    # 3B992.b.7.a "Capable of measuring particle sizes of 0.2 micrometer or less at a flow rate of
    # 0.02832 m^3 per minute or more" (the flow is the size's measurement condition); b.7.b
    # "Capable of characterizing Class 10 clean air or better" a required fact
    counter = found[("US", "3B992.b.7")]
    assert counter.requires_facts == (
        "not-controlled-by-3b002-3b993-3b994",
        "particle-measuring-system-characterizes-class-10-clean-air",
    )
    size = "particle-measuring-smallest-size-at-0-02832-m3-per-minute"
    assert ways(counter) == {frozenset({criterion(size, "<=", "0.2", "MicroM")})}
    assert ("EU", "3A992.b.1") not in found and ("EU", "3B992.b.7") not in found
    # 6A994.a.3 "Optical opacity switches (filters) with a field of view of 30° or wider and a
    # response time equal to or less than 1 ns" ("or wider" a fact)
    switch = found[("US", "6A994.a.3")]
    assert "opacity-switch-field-of-view-30-degrees-or-wider" in switch.requires_facts
    response = criterion("opacity-switch-response-time", "<=", "1", "NanoSEC")
    assert ways(switch) == {frozenset({response})}
    for jurisdiction in BOTH:
        lambda_tenth = found[(jurisdiction, "6A005.f.3.b")]
        assert lambda_tenth.text_only is not None and not lambda_tenth.ways
