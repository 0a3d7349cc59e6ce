"""Entries an item was answered "not controlled" by although their text concerns its kind (h17optic),
read from ontology/sources/: US 6A992.a.1 (image intensifier tubes not controlled by 6A002),
6A992.a.2 (their microchannel plates), 6A992.b (direct view equipment), US 6A996 (magnetometers
and superconductive sensors: text), 6A002.c (text), US 6A998.b (space-qualified LIDAR), US 3A991.d
(field programmable logic devices: text), US 3A992.a (electronic test equipment, n.e.s.), US
4A994.l (computers with integrated circuits of 3A991.p), US 7A994 (aircraft inertial navigation
systems, avionics); and the count of stated thresholds, which no longer takes an entry's code
after "under" ("controlled under 7A003") for a number."""

from __future__ import annotations

import pytest
from exportgraph.loaders.formalize_words import stated_thresholds

from tests.lists.formal import Found, criterion, ways

NOT_6A002 = "optical-sensor-not-controlled-by-6a002"
NES = "not-elsewhere-specified-in-the-ccl"


def test_us_6a992_a_1_image_intensifier_tubes(found: Found) -> None:
    tube = found[("US", "6A992.a.1")]
    assert tube.kinds == ("image-intensifier-tube",) and tube.text_only is None
    assert set(tube.requires_facts) == {
        NOT_6A002,
        "image-intensifier-photocathode-listed-in-6a992a1c",
    }
    # a.1.a "exceeding 400 nm, but not exceeding 1,050 nm"; a.1.b "less than 25 micrometers"
    assert ways(tube) == {
        frozenset(
            {
                criterion("detector-peak-response-wavelength", ">", "400", "NanoM"),
                criterion("detector-peak-response-wavelength", "<=", "1050", "NanoM"),
                criterion("microchannel-plate-hole-pitch", "<", "25", "MicroM"),
            }
        )
    }
    assert ("EU", "6A992.a.1") not in found


def test_us_6a992_a_2_microchannel_plates_and_b_direct_view(found: Found) -> None:
    plate = found[("US", "6A992.a.2")]
    assert plate.kinds == ("microchannel-plate",) and plate.text_only is None
    assert set(plate.requires_facts) == {
        NOT_6A002,
        "component-specially-designed-for-image-intensifier-tubes",
    }
    assert ways(plate) == {
        frozenset(
            {
                criterion("microchannel-plate-hollow-tube-count", ">=", "15000", "NUM"),
                criterion("microchannel-plate-hole-pitch", "<", "25", "MicroM"),
            }
        )
    }
    view = found[("US", "6A992.b")]
    assert view.kinds == ("direct-view-imaging-equipment",) and not view.ways
    assert set(view.requires_facts) == {
        NOT_6A002,
        "direct-view-equipment-incorporating-6a992a1-tubes",
    }
    assert view.text_only is None


@pytest.mark.parametrize(
    ("jurisdiction", "code", "kinds", "why"),
    [
        (
            "US",
            "6A996.b",
            ("superconductive-electromagnetic-sensor", "squid-magnetometer"),
            "1 KHz",
        ),
        ("US", "6A002.c", ("direct-view-imaging-equipment",), "'direct view'"),
        ("EU", "6A002.c", ("direct-view-imaging-equipment",), "'direct view'"),
        ("US", "3A991.d", ("field-programmable-logic-device",), "between 200 and 700"),
    ],
)
def test_paragraphs_known_as_text(
    found: Found, jurisdiction: str, code: str, kinds: tuple[str, ...], why: str
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.kinds == kinds and not entry.ways
    assert entry.text_only and why in entry.text_only


@pytest.mark.parametrize(
    ("code", "kinds", "facts"),
    [
        (
            "6A998.b",
            ("lidar",),
            {
                "space-qualified",
                NES,
                "lidar-specially-designed-for-surveying-or-meteorological-observation",
            },
        ),
        (
            "3A992.a",
            ("signal-analyser", "network-analyser", "signal-generator", "microwave-test-receiver"),
            {"not-controlled-by-3a002", NES},
        ),
        (
            "4A994.l",
            ("digital-computer",),
            {
                "not-controlled-by-4a001-or-4a003",
                NES,
                "computer-containing-ic-meeting-or-exceeding-3a991p",
            },
        ),
        (
            "7A994",
            ("inertial-measurement-equipment",),
            {"not-controlled-by-7a003-or-7a103", NES, "navigation-or-avionic-equipment-of-7a994"},
        ),
    ],
)
def test_us_entries_decided_by_facts(
    found: Found, code: str, kinds: tuple[str, ...], facts: set[str]
) -> None:
    entry = found[("US", code)]
    assert entry.kinds == kinds and not entry.ways and entry.text_only is None
    assert facts <= set(entry.requires_facts)


@pytest.mark.parametrize("code", ["3A999.b", "3A999.f"])
def test_us_3a999_mass_spectrometers_and_analytical_instruments_nes(
    found: Found, code: str
) -> None:
    # "Mass spectrometers n.e.s"; "Chromatography and spectrometry analytical instruments, n.e.s."
    entry = found[("US", code)]
    assert entry.kinds == ("mass-spectrometer", "lc-ms-instrument") and not entry.ways
    assert entry.requires_facts == (NES,) and entry.text_only is None


def test_an_entry_code_after_under_is_no_threshold() -> None:
    # US 7A994 "all aircraft inertial navigation systems not controlled under 7A003 or 7A103"
    assert stated_thresholds("systems not controlled under 7A003 or 7A103, and other") == 0
    assert stated_thresholds("operating under 5 GHz") == 1
    assert stated_thresholds("a sensitivity lower (better) than 1.0 nT (rms)") == 1
