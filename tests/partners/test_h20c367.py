"""Classification by the paragraphs h20c367 read: an exact threshold controls the item just above
it citing the entry, not just below, and "unknown" naming it when missing; a necessary condition
(a figure whose measurement condition the text leaves unsaid) answers "not controlled" when
failed and "unknown" when met — never "controlled"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.answer_ids import entry_ids, possible_ids
from tests.partners.both_sides import ON, assert_both_sides, item

RADIATION = "radiation-hardness-total-dose-silicon"
APERTURE = "optical-measurement-unobscured-aperture"
FIGURE = "optical-surface-figure-measurement-accuracy"
GRAVITY = "gravity-meter-equipment-served-static-accuracy"
RATE = "maximum-digital-interface-transfer-rate"
PARTICLE = "particle-measuring-smallest-size-at-0-02832-m3-per-minute"
SHPL = "shpl-beam-combination-accuracy"
SWITCH = {
    "optics-not-controlled-by-6a004": True,
    "optical-filter-not-fixed-air-gap-or-lyot-type": True,
    "opacity-switch-field-of-view-30-degrees-or-wider": True,
}
OPTICS = {
    "equipment-not-optical-surface-scattering-measurement": True,
    "specially-designed-for-non-contact-measurement-of-non-planar-optical-surface-figure": True,
}
HELICAL = {"not-controlled-by-3a002": True, "tape-recorder-employs-helical-scan-techniques": True}
FIXED = {"not-controlled-by-3a002": True, "tape-recorder-employs-fixed-head-techniques": True}
CLEAN = {
    "not-controlled-by-3b002-3b993-3b994": True,
    "particle-measuring-system-characterizes-class-10-clean-air": True,
}

EXACT = [
    # 6A203.d "a total radiation dose greater than 5 × 10^4 Gy (silicon)"
    *[
        (
            j,
            "6A203.d",
            kind,
            {"camera-not-controlled-by-6a003": True},
            {RADIATION: "50001 Gy"},
            RADIATION,
            "50000 Gy",
        )
        for j in ("US", "EU")
        for kind in ("radiation-hardened-tv-camera", "radiation-hardened-tv-camera-lens")
    ],
    # 6B004.b "an unobscured aperture of more than 10 cm" and "2 nm or less (better)"
    *[
        (
            j,
            "6B004.b",
            "non-planar-optical-surface-figure-measurement-equipment",
            OPTICS,
            {APERTURE: "10.1 cm", FIGURE: "2 nm"},
            changed,
            outside,
        )
        for j in ("US", "EU")
        for changed, outside in ((APERTURE, "10 cm"), (FIGURE, "2.1 nm"))
    ],
    # EU 6B004.a "equal to or less (better) than 0,1 % of the reflectance value"
    (
        "EU",
        "6B004.a",
        "absolute-reflectance-measurement-equipment",
        None,
        {"absolute-reflectance-measurement-accuracy": "0.1 %"},
        "absolute-reflectance-measurement-accuracy",
        "0.11 %",
    ),
    # 6B007 "land-based gravity meters with a static “accuracy” of less (better) than 0.1 mGal"
    *[
        (
            j,
            "6B007",
            "gravity-meter-production-alignment-calibration-equipment",
            None,
            {GRAVITY: "0.099 mGal"},
            GRAVITY,
            "0.1 mGal",
        )
        for j in ("US", "EU")
    ],
    # 6A005.f.3.a "An “accuracy” of 0.1 µm or less, for wavelengths greater than 1 µm"
    *[
        (
            j,
            "6A005.f.3.a",
            "shpl-coherent-beam-combination-optics",
            None,
            {SHPL: "0.1 µm", "shpl-optics-designed-wavelength": "1.001 µm"},
            changed,
            outside,
        )
        for j in ("US", "EU")
        for changed, outside in ((SHPL, "0.11 µm"), ("shpl-optics-designed-wavelength", "1 µm"))
    ],
    # US 6A994.a.3 "a response time equal to or less than 1 ns"
    (
        "US",
        "6A994.a.3",
        "optical-opacity-switch",
        SWITCH,
        {"opacity-switch-response-time": "1 ns"},
        "opacity-switch-response-time",
        "1.1 ns",
    ),
    # US 3A992.b.1 / b.2 "exceeding 60 Mbit/s and employing helical scan techniques" / 120 fixed head
    (
        "US",
        "3A992.b.1",
        "digital-instrumentation-magnetic-tape-data-recorder",
        HELICAL,
        {RATE: "61 Mbit/s"},
        RATE,
        "60 Mbit/s",
    ),
    (
        "US",
        "3A992.b.2",
        "digital-instrumentation-magnetic-tape-data-recorder",
        FIXED,
        {RATE: "121 Mbit/s"},
        RATE,
        "120 Mbit/s",
    ),
    # US 3B992.b.7.a "particle sizes of 0.2 micrometer or less at a flow rate of 0.02832 m^3 per
    # minute or more"
    (
        "US",
        "3B992.b.7",
        "laser-particle-measuring-system",
        CLEAN,
        {PARTICLE: "0.2 µm"},
        PARTICLE,
        "0.21 µm",
    ),
]


@pytest.mark.parametrize("case", EXACT)
def test_exact_thresholds_both_sides(classify_in: Any, case: tuple[Any, ...]) -> None:
    """(jurisdiction, code, kind, facts, met, changed, outside), as assert_both_sides takes them."""
    assert_both_sides(classify_in, *case)


BEST = "magnetometer-best-sensitivity"
US_6A996 = {
    "magnetometer-not-controlled-by-6a006": True,
    "not-elsewhere-specified-in-the-ccl": True,
}


@pytest.mark.parametrize(
    ("jurisdiction", "code", "kind", "facts", "parameter", "meeting", "failing"),
    [
        # "a 'sensitivity' lower (better) than 1 nT (rms) per square root Hz", no frequency said
        (
            "US",
            "6A006.a.5",
            "fibre-optic-magnetometer",
            {},
            BEST,
            "0.99 nT/Hz**0.5",
            "1 nT/Hz**0.5",
        ),
        (
            "EU",
            "6A006.a.5",
            "fibre-optic-magnetometer",
            {"not-for-fishery-or-biomagnetic-medical-diagnostics": True},
            BEST,
            "0.99 nT/Hz**0.5",
            "1 nT/Hz**0.5",
        ),
        ("US", "6A996.a", "magnetometer", US_6A996, BEST, "999 pT/Hz**0.5", "1.0 nT/Hz**0.5"),
    ],
)
def test_necessary_conditions_never_control(
    classify_in: Any,
    jurisdiction: str,
    code: str,
    kind: str,
    facts: dict[str, bool],
    parameter: str,
    meeting: str,
    failing: str,
) -> None:
    entry = f"{jurisdiction}:{code}"
    met = classify_in(jurisdiction, item(kind, facts, **{parameter: meeting}), ON)
    assert entry not in entry_ids(met) and entry in possible_ids(met), met
    failed = classify_in(jurisdiction, item(kind, facts, **{parameter: failing}), ON)
    assert entry not in entry_ids(failed) and entry not in possible_ids(failed), failed
    unsaid = classify_in(jurisdiction, item(kind, facts), ON)
    missing = {e["id"]: e["missing"] for e in unsaid["possible_entries"]}
    assert unsaid["controlled"] == "unknown" and parameter in missing[entry], unsaid


def test_facts_decide_and_hand_over(classify_in: Any) -> None:
    # "employing helical scan techniques" stated false: 3A992.b.1 does not control the recorder
    other = item(
        "digital-instrumentation-magnetic-tape-data-recorder",
        {**HELICAL, "tape-recorder-employs-helical-scan-techniques": False},
        **{RATE: "61 Mbit/s"},
    )
    assert "US:3A992.b.1" not in entry_ids(classify_in("US", other, ON))
    # "“Magnetometers” not controlled by ECCN 6A006" stated false: "unknown", never "not
    # controlled" (the magnetometer is 6A006's to classify)
    handed = item(
        "magnetometer",
        {**US_6A996, "magnetometer-not-controlled-by-6a006": False},
        **{BEST: "0.5 nT/Hz**0.5"},
    )
    assert classify_in("US", handed, ON)["controlled"] == "unknown"
    # 6C004.f stays text in both lists: a synthetic diamond is "unknown", never "not controlled"
    for jurisdiction in ("US", "EU"):
        diamond = classify_in(jurisdiction, item("synthetic-diamond-material", {}), ON)
        assert diamond["controlled"] == "unknown"
        assert f"{jurisdiction}:6C004.f" in possible_ids(diamond)
