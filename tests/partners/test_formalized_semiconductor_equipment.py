"""Classification of semiconductor epitaxy and etch equipment by the paragraphs read from the
texts (tests/lists/test_formalize_semiconductor_equipment.py reads their values): both sides of
each threshold, the US/EU difference at 685 °C, units converted, and "unknown" naming a missing
fact."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"
PRECLEAN = "epitaxy-preclean-chamber"
PULSED = "etch-pulsed-rf-output"
CHUCK = "electrostatic-chuck-twenty-or-more-temperature-elements"


# 3B001.a.1 (a layer other than silicon) and US 3B991.b.1.d ("stored program controlled") stay
# text: stated false here, so that 3B001.a.4 / 3B501.a.4 alone decide
ELSEWHERE = {"epitaxy-produces-layer-other-than-silicon": False, "stored-program-controlled": False}


def _epitaxy(lowest: str, facts: dict[str, bool] | None = None) -> dict[str, Any]:
    return _item(
        "silicon-epitaxial-growth-equipment",
        {**ELSEWHERE, **({PRECLEAN: True} if facts is None else facts)},
        **{"epitaxy-deposition-chamber-lowest-temperature": lowest},
    )


def test_si_epitaxy_at_685_degrees_is_us_only(classify_in: Any) -> None:
    at_685 = _epitaxy("685 degC")
    us = classify_in("US", at_685, ON)
    assert us["controlled"] is True and _ids(us) == ["US:3B001.a.4"]
    assert classify_in("EU", at_685, ON)["controlled"] is False  # "below 958 K (685 °C)"
    # in kelvins: 948.15 K is 675 °C, below in both lists
    low = classify_in("EU", _epitaxy("948.15 K"), ON)
    assert low["controlled"] is True and _ids(low) == ["EU:3B501.a.4"]
    for jurisdiction in ("US", "EU"):
        assert classify_in(jurisdiction, _epitaxy("700 degC"), ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_si_epitaxy_asks_the_preclean_chamber(classify_in: Any, jurisdiction: str) -> None:
    asked = classify_in(jurisdiction, _epitaxy("600 degC", {}), ON)
    assert asked["controlled"] == "unknown" and PRECLEAN in asked["missing_facts"]
    without = classify_in(jurisdiction, _epitaxy("600 degC", {PRECLEAN: False}), ON)
    assert without["controlled"] is False


@pytest.mark.parametrize(
    ("jurisdiction", "kind", "code"),
    [
        ("US", "isotropic-dry-etch-equipment", "3B001.c.1.a"),
        ("EU", "isotropic-dry-etch-equipment", "3B501.k.1"),
        ("US", "wet-chemical-processing-equipment", "3B001.c.2"),
    ],
)
def test_sige_si_etch_selectivity(
    classify_in: Any, jurisdiction: str, kind: str, code: str
) -> None:
    met = classify_in(jurisdiction, _item(kind, **{"sige-si-etch-selectivity": 100}), ON)
    assert met["controlled"] is True and f"{jurisdiction}:{code}" in _ids(met)
    below = classify_in(jurisdiction, _item(kind, **{"sige-si-etch-selectivity": 99}), ON)
    assert below["controlled"] is False


def _anisotropic(switching: str, facts: dict[str, bool]) -> dict[str, Any]:
    return _item(
        "anisotropic-dry-etch-equipment",
        facts,
        **{"fast-gas-switching-valve-switching-time": switching},
    )


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "3B001.c.1.c"), ("EU", "3B501.k.2")])
def test_anisotropic_dry_etch(classify_in: Any, jurisdiction: str, code: str) -> None:
    both = {PULSED: True, CHUCK: True}
    fast = classify_in(jurisdiction, _anisotropic("0.25 s", both), ON)
    assert fast["controlled"] is True and f"{jurisdiction}:{code}" in _ids(fast)
    slow = classify_in(jurisdiction, _anisotropic("300 ms", both), ON)
    # US 3B993.c.3 (under 500 ms, 10 or more temperature elements, not specified by 3B001.c.1.c)
    # may control what 3B001.c.1.c does not: "unknown" until its facts are stated
    assert slow["controlled"] is (False if jurisdiction == "EU" else "unknown")
    asked = classify_in(jurisdiction, _anisotropic("250 ms", {PULSED: True}), ON)
    assert asked["controlled"] == "unknown" and CHUCK in asked["missing_facts"]
    few = classify_in(jurisdiction, _anisotropic("250 ms", {PULSED: True, CHUCK: False}), ON)
    assert few["controlled"] is (False if jurisdiction == "EU" else "unknown")
    assert f"{jurisdiction}:{code}" not in _ids(few)


def _tsv(rate: str, non_uniformity: str, aspect: float) -> dict[str, Any]:
    return _item(
        "tsv-etch-equipment",
        **{
            "silicon-etch-rate": rate,
            "wiw-etch-depth-non-uniformity": non_uniformity,
            "tsv-aspect-ratio": aspect,
        },
    )


def test_tsv_etch(classify_in: Any) -> None:
    met = classify_in("US", _tsv("8 um/min", "2 percent", 10), ON)
    assert met["controlled"] is True and _ids(met) == ["US:3B001.c.4"]
    # 0.2 µm/s is 12 µm/min
    assert classify_in("US", _tsv("0.2 um/s", "1.5 percent", 12), ON)["controlled"] is True
    for rate, non_uniformity, aspect in (
        ("7 um/min", "2 percent", 10),  # "greater than 7 microns per minute"
        ("8 um/min", "2.1 percent", 10),  # "less than or equal 2 percent"
        ("8 um/min", "2 percent", 9.9),  # "greater than or equal to 10:1"
    ):
        answer = classify_in("US", _tsv(rate, non_uniformity, aspect), ON)
        assert answer["controlled"] is False, (rate, non_uniformity, aspect)
    # the EU lists no TSV etch equipment: not controlled there
    assert classify_in("EU", _tsv("8 um/min", "2 percent", 10), ON)["controlled"] is False
