"""Category 7 (navigation and avionics) as both official texts state it: inertial measurement
equipment (7A003.d.2), star trackers (7A004.a), underwater sonar navigation (7A008), the missile
technology accelerometers and gyros (US 7A101.b, 7A102.a, 7A102.b; EU 7A101, 7A102), navigation
equipment (7A103.b, EU 7A103.c, EU 7A103.d), navigation satellite receivers (7A105.b.1) and the
equipment characterizing laser gyro mirrors (7B002, EU 7B102). Expected values written from
ontology/sources/; the paragraphs left as text keep their kind and a reason (never false).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from exportgraph.loaders.formalize import FormalEntry
from exportgraph.loaders.formalize_tree import give_way

from tests.lists.formal import Criterion, Found, ways

BOTH = ("US", "EU")
NOT_CIVIL = "inertial-measurement-equipment-not-certified-for-civil-aircraft"


def _one(*criteria: Criterion) -> set[frozenset[Criterion]]:
    return {frozenset(criteria)}


# (jurisdictions, code) -> (ways, kind, required facts)
EXPECTED: dict[
    tuple[tuple[str, ...], str], tuple[set[frozenset[Criterion]], str, tuple[str, ...]]
] = {
    (BOTH, "7A001.a.3"): (
        # "Designed for use in inertial navigation or guidance systems and specified to function
        # at linear acceleration levels exceeding 100 g": a rule, the family giving way
        _one(("accelerometer-specified-acceleration-level", ">", Decimal("100"), "G0")),
        "linear-accelerometer",
        ("designed-for-inertial-navigation-or-guidance-systems",),
    ),
    (BOTH, "7A003.d.2"): (
        # "… an “angle random walk” along any axis of less (better) than or equal to 0.1
        # degree per square root hour" (EU "0,1")
        _one(("inertial-measurement-angle-random-walk", "<=", Decimal("0.1"), "DEG-PER-HR0dot5")),
        "inertial-measurement-equipment",
        (
            NOT_CIVIL,
            "inertial-measurement-in-more-than-one-dimension",
            "space-qualified",
            "inertial-measurement-equipment-not-only-spinning-mass-gyros",
        ),
    ),
    (BOTH, "7A004.a"): (
        # "a specified azimuth “accuracy” of equal to or less (better) than 20 seconds of arc"
        _one(("star-tracker-azimuth-accuracy", "<=", Decimal("20"), "ARCSEC")),
        "star-tracker",
        (),
    ),
    (("US",), "7A008"): (
        # "equal to or less (better) than 3% of distance traveled “CEP”"
        _one(("sonar-navigation-positioning-accuracy-cep", "<=", Decimal("3"), "PERCENT")),
        "underwater-sonar-navigation-system",
        (),
    ),
    (("EU",), "7A008"): (
        _one(("sonar-navigation-positioning-accuracy-cep", "<=", Decimal("3"), "PERCENT")),
        "underwater-sonar-navigation-system",
        ("sonar-navigation-system-not-for-surface-vessels-or-acoustic-beacons",),
    ),
    (("US",), "7A101.b"): (
        # "specified to function at acceleration levels greater than 100 g"
        _one(("accelerometer-specified-acceleration-level", ">", Decimal("100"), "G0")),
        "accelerometer",
        (
            "accelerometer-not-controlled-by-7a001",
            "designed-for-inertial-navigation-or-guidance-systems",
            "accelerometer-not-designed-to-measure-vibration-or-shock",
        ),
    ),
    (("EU",), "7A101"): (
        # "a. A "bias" "repeatability" of less (better) than 1250 micro g; and b. A "scale
        # factor" "repeatability" of less (better) than 1250 ppm"
        _one(
            ("accelerometer-bias-repeatability-one-year", "<", Decimal("1250"), "MicroG0"),
            ("accelerometer-scale-factor-repeatability-one-year", "<", Decimal("1250"), "PPM"),
        ),
        "linear-accelerometer",
        (
            "accelerometer-not-controlled-by-7a001",
            "designed-for-inertial-navigation-or-guidance-systems",
            "usable-in-missiles",
            "accelerometer-not-mwd-sensor",
        ),
    ),
    (("US",), "7A102.a"): (
        # "capable of achieving a “range” equal to or greater than 300 km, with a rated “drift
        # rate” ‘stability’ of less than 0.5 degrees (1 sigma or rms) per hour"
        _one(
            ("usable-in-vehicle-range", ">=", Decimal("300"), "KiloM"),
            ("gyro-drift-rate-stability-1g", "<", Decimal("0.5"), "DEG-PER-HR"),
        ),
        "gyro",
        ("gyro-not-controlled-by-7a002",),
    ),
    (("EU",), "7A102"): (
        # "less than 0,5° (1 sigma or rms) per hour in a 1 g environment"
        _one(("gyro-drift-rate-stability-1g", "<", Decimal("0.5"), "DEG-PER-HR")),
        "gyro",
        ("gyro-not-controlled-by-7a002", "usable-in-missiles"),
    ),
    (("US",), "7A102.b"): (
        _one(("gyro-specified-acceleration-level", ">", Decimal("100"), "G0")),
        "gyro",
        ("gyro-not-controlled-by-7a002", "designed-for-inertial-navigation-or-guidance-systems"),
    ),
    (("US",), "7A103.b"): (
        _one(("missile-system-range", ">=", Decimal("300"), "KiloM")),
        "integrated-flight-instrument-system",
        ("navigation-equipment-not-controlled-by-7a003",),
    ),
    (("EU",), "7A103.c"): (
        # "a navigational accuracy of 200 m 'CEP' or less"
        _one(("integrated-navigation-accuracy-cep", "<=", Decimal("200"), "M")),
        "integrated-navigation-system",
        ("navigation-equipment-not-controlled-by-7a003", "designed-or-modified-for-missiles"),
    ),
    (("EU",), "7A103.d"): (
        # "Azimuthal accuracy better (less) than 0,5 degrees rms at latitude of ± 80 degrees"
        _one(
            (
                "magnetic-heading-sensor-azimuthal-accuracy-80-degrees-latitude",
                "<",
                Decimal("0.5"),
                "DEG",
            ),
        ),
        "three-axis-magnetic-heading-sensor",
        (
            "magnetic-heading-sensor-not-controlled-by-6a006",
            "magnetic-heading-sensor-for-flight-control-and-navigation-systems",
            "magnetic-heading-sensor-internal-tilt-compensation",
        ),
    ),
    (("US",), "7A105.b.1"): (
        # "Capable of providing navigation information at speeds in excess of 600 m/s"
        _one(("navigation-information-speed", ">", Decimal("600"), "M-PER-SEC")),
        "navigation-satellite-receiver",
        ("navigation-satellite-receiver-designed-for-airborne-applications",),
    ),
    (("EU",), "7A105.b.1"): (
        _one(("navigation-information-speed", ">", Decimal("600"), "M-PER-SEC")),
        "navigation-satellite-receiver",
        (
            "navigation-satellite-receiver-not-controlled-by-7a005",
            "navigation-satellite-receiver-designed-for-airborne-applications",
        ),
    ),
    (BOTH, "7E004.a.7"): (
        # technology for underwater "DBRN" systems "that provide a positioning “accuracy”
        # equal to or less (better) than 0.4 nautical miles" (EU "0,4"): the served item's figure
        _one(("dbrn-positioning-accuracy", "<=", Decimal("0.4"), "MI_N")),
        "technology",
        (),
    ),
    (BOTH, "7B002.a"): (
        _one(("mirror-characterization-measurement-accuracy", "<=", Decimal("10"), "PPM")),
        "scatterometer",
        ("specially-designed-to-characterize-ring-laser-gyro-mirrors",),
    ),
    (BOTH, "7B002.b"): (
        # "0.5 nm (5 angstrom) or less (better)"
        _one(("profilometer-measurement-accuracy", "<=", Decimal("0.5"), "NanoM")),
        "profilometer",
        ("specially-designed-to-characterize-ring-laser-gyro-mirrors",),
    ),
    (("EU",), "7B102"): (
        _one(("mirror-characterization-measurement-accuracy", "<=", Decimal("50"), "PPM")),
        "reflectometer",
        ("specially-designed-to-characterize-laser-gyro-mirrors",),
    ),
}
CASES = [(j, code, *value) for (js, code), value in EXPECTED.items() for j in js]


@pytest.mark.parametrize(("jurisdiction", "code", "expected", "kind", "facts"), CASES)
def test_category_7_paragraphs_read_as_the_texts_state_them(
    found: Found, jurisdiction: str, code: str, expected: set[frozenset[Criterion]], kind: str,
    facts: tuple[str, ...],
) -> None:  # fmt: skip
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None, entry.text_only
    assert ways(entry) == expected
    assert entry.kinds == (kind,)
    assert set(entry.requires_facts) == set(facts)


TEXT = [
    ("US", "7A003.a"),
    ("EU", "7A003.a"),
    ("US", "7A003.b"),
    ("EU", "7A003.b"),
    ("US", "7A003.c"),
    ("EU", "7A003.c"),
    ("US", "7A003.d.1"),
    ("EU", "7A003.d.1"),
    ("US", "7A101.a"),
    ("US", "7A103.c"),
    ("US", "7A107"),
    ("US", "7B102.a"),
    ("US", "7B102.b"),
    ("US", "7B102.c"),
    ("US", "7A005.b"),
    ("EU", "7A005.b"),
    ("US", "7A116.a"),
    ("US", "7A116.b"),
    ("US", "7A116.c"),
    ("EU", "7A116.c"),
    ("US", "7A117"),
    ("EU", "7A117"),
]


@pytest.mark.parametrize(("jurisdiction", "code"), TEXT)
def test_paragraphs_not_read_exactly_stay_text_with_their_kind(
    found: Found, jurisdiction: str, code: str
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.text_only and not entry.criteria
    assert entry.kinds


def _entry(code: str, text_only: str | None, criteria: tuple[Any, ...] = ()) -> FormalEntry:
    return FormalEntry("US", code, None, "", ("gyro",), (), (), criteria, text_only)


def test_a_family_paragraph_left_as_text_gives_way_to_a_rule(found: Found) -> None:
    ruled = [_entry("7A001.a.3", None)]
    family = [_entry("7A001.a.3", "not read"), _entry("7A001.a.2", None)]
    assert [e.code for e in give_way(ruled, family)] == ["7A001.a.2"]
    # a family entry with conditions read (or decided) does not: distinct() refuses the pair
    criterion = found[("US", "7A001.a.3")].criteria
    kept = [_entry("7A001.a.3", "a note", criterion), _entry("7A001.a.3", None)]
    assert give_way(ruled, kept) == kept


@pytest.mark.parametrize(
    ("jurisdiction", "code", "facts"),
    [
        ("US", "7A005.a", {"navigation-satellite-receiver-government-decryption"}),
        ("US", "7A105.a", {"navigation-satellite-receiver-designed-for-missiles"}),
        ("EU", "7A105.a", {"navigation-satellite-receiver-not-controlled-by-7a005",
                           "navigation-satellite-receiver-designed-for-missiles"}),
        ("US", "7A006.a", {"altimeter-operating-outside-4-2-to-4-4-ghz", "altimeter-power-management"}),
        ("EU", "7A006.b", {"altimeter-operating-outside-4-2-to-4-4-ghz",
                           "altimeter-phase-shift-key-modulation"}),
        ("EU", "7A116.a", {"designed-or-modified-for-space-launch-vehicles-sounding-rockets-or-missiles"}),
        ("EU", "7A116.b", {"designed-or-modified-for-space-launch-vehicles-sounding-rockets-or-missiles"}),
        ("EU", "7A103.b", {"navigation-equipment-not-controlled-by-7a003",
                           "designed-or-modified-for-missiles"}),
    ],
)  # fmt: skip
def test_paragraphs_without_figures_are_decided_by_their_facts(
    found: Found, jurisdiction: str, code: str, facts: set[str]
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None and not entry.criteria
    assert set(entry.requires_facts) == facts
