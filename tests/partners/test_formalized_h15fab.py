"""Classification of Category 3B semiconductor manufacturing equipment read by h15fab
(tests/lists/test_formalize_h15fab.py reads their values): US 3B903 / EU 3B503 SEM equipment
for imaging semiconductor devices — both sides of each threshold, units converted, and "unknown"
naming a missing fact."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"
SEM = "semiconductor-imaging-sem"
NOT_SEMI_CARRIER = "sem-not-designed-to-accept-semi-standard-wafer-carrier"
SEM_FACTS = {
    NOT_SEMI_CARRIER: True,
    "sem-stage-positioning-by-laser-interferometry": True,
    "sem-fov-calibration-by-laser-interferometer": True,
}
SEM_MET = {
    "sem-stage-placement-accuracy": "29 nm",
    "sem-stored-image-pixel-count": 200_000_001,
    "sem-fov-overlap": "4.9 %",
    "sem-fov-stitching-overlap": "49 nm",
    "sem-accelerating-voltage": "21.1 kV",
}
SEM_OUTSIDE = {
    "sem-stage-placement-accuracy": "30 nm",
    "sem-stored-image-pixel-count": 200_000_000,
    "sem-fov-overlap": "5 %",
    "sem-fov-stitching-overlap": "0.05 um",
    "sem-accelerating-voltage": "21000 V",
}


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "3B903"), ("EU", "3B503")])
def test_sem_for_imaging_semiconductor_devices(
    classify_in: Any, jurisdiction: str, code: str
) -> None:
    met = classify_in(jurisdiction, _item(SEM, SEM_FACTS, **SEM_MET), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:{code}"]
    for name, value in SEM_OUTSIDE.items():
        out = classify_in(jurisdiction, _item(SEM, SEM_FACTS, **{**SEM_MET, name: value}), ON)
        assert out["controlled"] is False, name
    for fact in SEM_FACTS:
        off = classify_in(jurisdiction, _item(SEM, {**SEM_FACTS, fact: False}, **SEM_MET), ON)
        assert off["controlled"] is False, fact
        unstated = {k: v for k, v in SEM_FACTS.items() if k != fact}
        asked = classify_in(jurisdiction, _item(SEM, unstated, **SEM_MET), ON)
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"], fact


WORK_FUNCTION_ALD = "work-function-metal-ald-equipment"
WORK_FUNCTION_FACTS = {
    "ald-metal-sources-one-for-aluminium-precursor": True,
    "ald-deposits-tialc-work-function-metal": True,
}
VESSEL = "ald-precursor-vessel-operating-temperature"
WORK_FUNCTION = "deposited-work-function-metal-work-function"


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "3B001.d.8"), ("EU", "3B501.n.1.c")])
def test_work_function_metal_ald(classify_in: Any, jurisdiction: str, code: str) -> None:
    met = {VESSEL: "31 degC", WORK_FUNCTION: "4.1 eV"}
    result = classify_in(jurisdiction, _item(WORK_FUNCTION_ALD, WORK_FUNCTION_FACTS, **met), ON)
    assert result["controlled"] is True and _ids(result) == [f"{jurisdiction}:{code}"]
    low = _item(WORK_FUNCTION_ALD, WORK_FUNCTION_FACTS, **{**met, WORK_FUNCTION: "4.0 eV"})
    assert classify_in(jurisdiction, low, ON)["controlled"] is False
    cool = _item(WORK_FUNCTION_ALD, WORK_FUNCTION_FACTS, **{**met, VESSEL: "29.9 degC"})
    assert classify_in(jurisdiction, cool, ON)["controlled"] is False
    for fact in WORK_FUNCTION_FACTS:
        off = _item(WORK_FUNCTION_ALD, {**WORK_FUNCTION_FACTS, fact: False}, **met)
        assert classify_in(jurisdiction, off, ON)["controlled"] is False, fact
        unstated = {k: v for k, v in WORK_FUNCTION_FACTS.items() if k != fact}
        asked = classify_in(jurisdiction, _item(WORK_FUNCTION_ALD, unstated, **met), ON)
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"], fact


def test_work_function_metal_ald_vessel_at_30_degrees_is_eu_only(classify_in: Any) -> None:
    # US 3B001.d.8.b "greater than 30 °C"; EU 3B501.n.1.c.2 "greater than or equal to
    # 303,15 K (30 °C)"; in kelvins as the EU writes it
    at_30 = _item(
        WORK_FUNCTION_ALD, WORK_FUNCTION_FACTS, **{VESSEL: "303.15 K", WORK_FUNCTION: "4.5 eV"}
    )
    assert classify_in("US", at_30, ON)["controlled"] is False
    eu = classify_in("EU", at_30, ON)
    assert eu["controlled"] is True and _ids(eu) == ["EU:3B501.n.1.c"]


def _possible(result: dict[str, Any]) -> set[str]:
    return {entry["id"] for entry in result.get("possible_entries", [])}


def test_imprint_lithography_overlay_without_a_unit_is_unknown_in_the_us(
    classify_in: Any,
) -> None:
    # US 3B001.f.5 "Imprint lithography equipment having an overlay accuracy less (better) than
    # 1.5;" (no unit): not formalized, never false; the EU has no such paragraph
    kind = "imprint-lithography-equipment"
    tool = _item(kind, **{"imprint-overlay-accuracy": "1.0 nm", "imprint-feature-size": "50 nm"})
    us = classify_in("US", tool, ON)
    assert us["controlled"] == "unknown" and "US:3B001.f.5" in _possible(us)
    assert classify_in("EU", tool, ON)["controlled"] is False
    # US 3B993.f.2 still decides above 1.5 nm: "above 1.5 nm and less (better) than or equal to
    # 4.0 nm"
    at_2 = _item(kind, **{"imprint-overlay-accuracy": "2 nm", "imprint-feature-size": "50 nm"})
    assert "US:3B993.f.2" in _ids(classify_in("US", at_2, ON))


NOT_3B991 = "not-controlled-by-3b001-3b993-3b994"
NOT_3B992 = "not-controlled-by-3b002-3b993-3b994"
STORED = "stored-program-controlled"
PROBER = "wafer-probing-equipment"
FIB = "multifunctional-focused-ion-beam-system"
FEEDBACK = "beam-position-feedback-precision"


@pytest.mark.parametrize(
    ("kind", "facts", "parameter", "met", "not_met", "code"),
    [
        # "Positioning accuracy finer than 3.5 micrometer"
        (PROBER, {NOT_3B992: True, STORED: True}, "wafer-prober-positioning-accuracy",
         "3.4 um", "3.5 um", "3B992.b.3.a"),
        # "Target-to-beam position feedback control precision of 1 micrometer or finer"
        (FIB, {NOT_3B992: True, STORED: True}, FEEDBACK, "1 um", "1.1 um", "3B992.b.6.a"),
        ("mask-making-equipment", {NOT_3B991: True, "electron-beam-system": True}, FEEDBACK,
         "1000 nm", "1001 nm", "3B991.b.1.j.5"),
        # "Equipment for line width measurement with a resolution of 1 micrometer or finer"
        ("line-width-measurement-equipment", {NOT_3B992: True, STORED: True},
         "line-width-measurement-resolution", "0.5 um", "1.5 um", "3B992.b.2.b"),
    ],
)  # fmt: skip
def test_us_finer_lengths(
    classify_in: Any,
    kind: str,
    facts: dict[str, bool],
    parameter: str,
    met: str,
    not_met: str,
    code: str,
) -> None:
    yes = classify_in("US", _item(kind, facts, **{parameter: met}), ON)
    assert yes["controlled"] is True and f"US:{code}" in _ids(yes)
    no = classify_in("US", _item(kind, facts, **{parameter: not_met}), ON)
    assert f"US:{code}" not in _ids(no) and no["controlled"] is not True
    outside = NOT_3B991 if code.startswith("3B991") else NOT_3B992
    unstated = {k: v for k, v in facts.items() if k != outside}
    asked = classify_in("US", _item(kind, unstated, **{parameter: met}), ON)
    assert asked["controlled"] == "unknown" and outside in asked["missing_facts"]
    assert classify_in("EU", _item(kind, facts, **{parameter: met}), ON)["controlled"] is not True


def test_us_low_fluorine_tungsten_deposition(classify_in: Any) -> None:
    kind = "low-fluorine-tungsten-deposition-equipment"
    fluorine = "deposited-tungsten-film-fluorine-concentration"
    low = classify_in("US", _item(kind, **{fluorine: "9.9e18 cm**-3"}), ON)
    assert low["controlled"] is True and _ids(low) == ["US:3B001.d.10"]
    # in another unit: 1e25 per cubic metre is 1e19 per cubic centimetre, not less
    at = classify_in("US", _item(kind, **{fluorine: "1e25 m**-3"}), ON)
    assert at["controlled"] is False
    assert classify_in("US", _item(kind, **{fluorine: "2e19 cm**-3"}), ON)["controlled"] is False
    assert classify_in("US", _item(kind), ON)["controlled"] == "unknown"
    assert classify_in("EU", _item(kind, **{fluorine: "9.9e18 cm**-3"}), ON)["controlled"] is False
