"""Classification of lithography equipment by 3B001.f in both lists: both sides of each threshold,
the US and EU readings of f.1.b (the US MRF uses K = 0.25 with a wavelength floor and a dedicated
chuck overlay, the EU MRF K = 0,35 alone; EU 3B501.f.1.b reads it as the US does), and the beam
facts of f.3 and f.4."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _item

ON = "2026-12-01"
BOTH = ["US", "EU"]
SCANNER = "wafer-stepper-or-scanner"


def _ids(result: dict[str, Any]) -> list[str]:
    return [e["id"] for e in result["entries"]]


def _mrf(wavelength_nm: float, k: float, numerical_aperture: float) -> str:
    """The Technical Note's formula: wavelength × K factor / numerical aperture."""
    return f"{wavelength_nm * k / numerical_aperture:.2f} nm"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_an_euv_scanner_is_controlled_by_its_wavelength(
    classify_in: Any, jurisdiction: str
) -> None:
    euv = classify_in(jurisdiction, _item(SCANNER, **{"lithography-light-source-wavelength": "13.5 nm"}), ON)  # fmt: skip
    assert euv["controlled"] is True and f"{jurisdiction}:3B001.f.1.a" in _ids(euv)


def test_an_immersion_scanner_is_read_differently_by_each_list(classify_in: Any) -> None:
    # 193 nm, NA 1.35: US MRF 35.7 nm, EU MRF 50.0 nm
    figures = {
        "lithography-light-source-wavelength": "193 nm",
        "lithography-mrf-k-0-25": _mrf(193, 0.25, 1.35),
        "lithography-mrf-k-0-35": _mrf(193, 0.35, 1.35),
        "dedicated-chuck-overlay": "1.4 nm",
    }
    us = classify_in("US", _item(SCANNER, **figures), ON)
    assert us["controlled"] is True and _ids(us)[0] == "US:3B001.f.1.b"
    # the EU's 3B001.f.1.b (MRF with K = 0,35) is not met, but its own 3B501.f.1.b (added to
    # Annex I in 2025) reads f.1.b as the US does, with K = 0,25
    eu = classify_in("EU", _item(SCANNER, **figures), ON)
    assert eu["controlled"] is True and _ids(eu) == ["EU:3B501.f.1.b", "EU:3B501.f.1"]
    # a looser overlay: not 3B001 (NS, worldwide RS) but 3B993.f.1 (RS), up to 2.40 nm
    loose = classify_in(
        "US", _item(SCANNER, **{**figures, "dedicated-chuck-overlay": "1.51 nm"}), ON
    )
    assert loose["controlled"] is True and _ids(loose) == ["US:3B993.f.1"]
    # the EU has no 3B993: above 1,50 nm 3B501.f.1.b.3 is not met
    loose_eu = {**figures, "dedicated-chuck-overlay": "1.51 nm"}
    assert classify_in("EU", _item(SCANNER, **loose_eu), ON)["controlled"] is False
    looser = {**figures, "dedicated-chuck-overlay": "2.41 nm"}
    # neither 3B001 nor 3B993.f.1; US 3B991.b.2.f.4 (light source shorter than 400 nm) controls
    # it when 3B001, 3B993 and 3B994 do not: "unknown" until that is stated
    looser_us = classify_in("US", _item(SCANNER, **looser), ON)
    assert looser_us["controlled"] == "unknown"
    assert "not-controlled-by-3b001-3b993-3b994" in looser_us["missing_facts"]
    finer = classify_in("EU", _item(SCANNER, **{**figures, "lithography-mrf-k-0-35": "45 nm"}), ON)
    assert finer["controlled"] is True and "EU:3B001.f.1.b" in _ids(finer)


def test_the_mrf_each_list_asks_is_named_when_missing(classify_in: Any) -> None:
    krf = {"lithography-light-source-wavelength": "248 nm"}
    us = classify_in("US", _item(SCANNER, **krf), ON)
    assert us["controlled"] == "unknown"
    assert {"lithography-mrf-k-0-25", "dedicated-chuck-overlay"} <= set(us["missing"])
    eu = classify_in("EU", _item(SCANNER, **krf), ON)
    assert eu["controlled"] == "unknown" and "lithography-mrf-k-0-35" in eu["missing"]
    # EU 3B501.f.1.b asks the US MRF (K = 0,25) and the dedicated chuck overlay
    assert {"lithography-mrf-k-0-25", "dedicated-chuck-overlay"} <= set(eu["missing"])
    half = classify_in("EU", _item(SCANNER, **krf, **{"lithography-mrf-k-0-35": _mrf(248, 0.35, 0.93)}), ON)  # fmt: skip
    assert half["controlled"] == "unknown" and "lithography-mrf-k-0-25" in half["missing"]
    both = {"lithography-mrf-k-0-35": _mrf(248, 0.35, 0.93), "lithography-mrf-k-0-25": _mrf(248, 0.25, 0.93)}  # fmt: skip
    assert classify_in("EU", _item(SCANNER, **krf, **both), ON)["controlled"] is False


def test_us_3b993_imprint_overlay(classify_in: Any) -> None:
    kind = "imprint-lithography-equipment"
    # outside 3B993.f.2, "unknown": US 3B001.f.5 ("an overlay accuracy less (better) than 1.5",
    # no unit written) stays text
    for overlay, controlled in (
        ("1.5 nm", "unknown"),
        ("1.6 nm", True),
        ("4.0 nm", True),
        ("4.1 nm", "unknown"),
    ):
        figures = {"imprint-feature-size": "60 nm", "imprint-overlay-accuracy": overlay}
        answer = classify_in("US", _item(kind, **figures), ON)
        assert answer["controlled"] == controlled, overlay
        assert (_ids(answer) == ["US:3B993.f.2"]) is (controlled is True)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_imprint_lithography(classify_in: Any, jurisdiction: str) -> None:
    kind = "imprint-lithography-equipment"
    met = classify_in(jurisdiction, _item(kind, **{"imprint-feature-size": "45 nm"}), ON)
    assert met["controlled"] is True and f"{jurisdiction}:3B001.f.2" in _ids(met)
    figures = {"imprint-feature-size": "46 nm", "imprint-overlay-accuracy": "5 nm"}
    above = classify_in(jurisdiction, _item(kind, **figures), ON)
    # US 3B001.f.5 (an overlay accuracy "less (better) than 1.5", no unit written) stays text
    assert above["controlled"] == ("unknown" if jurisdiction == "US" else False)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_mask_writers_need_the_beam_and_both_figures_of_f_3_b_1(
    classify_in: Any, jurisdiction: str
) -> None:
    kind, beam = "mask-making-equipment", "mask-writer-deflected-focused-beam"
    fine = {"mask-writer-fwhm-spot-size": "60 nm", "mask-writer-image-placement": "16 nm"}
    met = classify_in(jurisdiction, _item(kind, {beam: True}, **fine), ON)
    assert met["controlled"] is True and f"{jurisdiction}:3B001.f.3" in _ids(met)
    asked = classify_in(jurisdiction, _item(kind, None, **fine), ON)
    assert asked["controlled"] == "unknown" and beam in asked["missing_facts"]
    # not an electron beam system (US 3B991.b.1.j does not apply), lines of 3 µm (nor does US
    # 3B991.b.2.d.2, ion or laser beam mask fabrication "of less than 2.5 micrometer")
    laser, wide = {"electron-beam-system": False}, {"smallest-line-width": "3 um"}
    assert classify_in(jurisdiction, _item(kind, {beam: False, **laser}, **fine, **wide), ON)["controlled"] is False  # fmt: skip
    placement = {**fine, "mask-writer-image-placement": "17 nm"}
    overlay = {"mask-second-layer-overlay-error": "23 nm"}
    assert classify_in(jurisdiction, _item(kind, {beam: True, **laser}, **placement, **overlay, **wide), ON)["controlled"] is False  # fmt: skip
    tighter = {"mask-second-layer-overlay-error": "22 nm"}
    assert classify_in(jurisdiction, _item(kind, {beam: True}, **placement, **tighter), ON)["controlled"] is True  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_direct_write_equipment(classify_in: Any, jurisdiction: str) -> None:
    kind, beam = "direct-write-device-processing-equipment", "deflected-focused-electron-beam"
    at = classify_in(jurisdiction, _item(kind, {beam: True}, **{"direct-write-minimum-beam-size": "15 nm"}), ON)  # fmt: skip
    assert at["controlled"] is True and f"{jurisdiction}:3B001.f.4" in _ids(at)
    coarse = {"direct-write-minimum-beam-size": "16 nm", "direct-write-overlay-error": "27 nm"}
    answer = classify_in(jurisdiction, _item(kind, {beam: True}, **coarse), ON)
    assert f"{jurisdiction}:3B001.f.4" not in _ids(answer)
    # an electron beam direct writer outside 3B001.f.4: in the US, 3B991.b.1.j (electron beam
    # systems for device processing) may control it: "unknown" until its facts are stated
    assert answer["controlled"] is (False if jurisdiction == "EU" else "unknown")
    stated = {beam: True, "electron-beam-system": True, "not-controlled-by-3b001-3b993-3b994": True}
    slow = {**coarse, "beam-dac-conversion-rate": "2 MHz", "beam-dac-conversion-accuracy": "12 bit"}
    assert "US:3B991.b.1.j.3" not in _ids(
        classify_in(jurisdiction, _item(kind, stated, **slow), ON)
    )
