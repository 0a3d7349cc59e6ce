"""Classification by Category 5 paragraphs formalized from the whole lists (families.csv;
tests/lists/test_formalize_cat5.py reads their values): telecommunications equipment specially
designed for extreme temperatures (5A001.a.3, 5A001.a.4) and electronically steerable phased
array antennae (5A001.d.4; d.1 to d.3 stay text) — items on both sides of each threshold, in both
lists, and "unknown" naming the fact a Note makes required."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item, _possible

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
TELECOM = "electronic-telecommunications-equipment"
SPECIALLY = "telecom-equipment-specially-designed-for-its-rated-temperature-range"
SPACECRAFT = "telecom-equipment-not-designed-or-modified-for-use-on-board-spacecraft"
ANTENNA = "electronically-steerable-phased-array-antenna"
MLS = "esp-antenna-not-for-mls-landing-systems"
CIVIL = (
    "antenna-not-specially-designed-for-civil-cellular-wlan-802-15-hdmi-or-satellite-earth-stations"
)


def _telecom(jurisdiction: str, low: str, high: str, **facts: bool) -> dict[str, Any]:
    stated = {SPECIALLY: True, SPACECRAFT: True, **facts}
    if jurisdiction == "US":
        stated.pop(SPACECRAFT, None)
    rating = {"ambient-temperature-rating-min": low, "ambient-temperature-rating-max": high}
    return _item(TELECOM, stated, **rating)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_telecommunications_equipment_below_minus_55_or_above_124(
    classify_in: Any, jurisdiction: str
) -> None:
    cold = classify_in(jurisdiction, _telecom(jurisdiction, "-56 degC", "85 degC"), ON)
    assert cold["controlled"] is True and _ids(cold) == [f"{jurisdiction}:5A001.a.3"]
    hot = classify_in(jurisdiction, _telecom(jurisdiction, "-40 degC", "125 degC"), ON)
    assert hot["controlled"] is True and _ids(hot) == [f"{jurisdiction}:5A001.a.4"]
    # "below −55 °C" and "above 124 °C" do not include the values (the kelvins, 218 K and 397 K,
    # are −55.15 °C and 123.85 °C: the degrees decide)
    edge = classify_in(jurisdiction, _telecom(jurisdiction, "-55 degC", "124 degC"), ON)
    assert edge["controlled"] is False
    # not "specially designed" to operate there: not controlled
    plain = _telecom(jurisdiction, "-60 degC", "130 degC", **{SPECIALLY: False})
    assert classify_in(jurisdiction, plain, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_the_specially_designed_fact_is_asked(classify_in: Any, jurisdiction: str) -> None:
    item = _telecom(jurisdiction, "-60 degC", "85 degC")
    del item["facts"][SPECIALLY]
    asked = classify_in(jurisdiction, item, ON)
    assert asked["controlled"] == "unknown" and SPECIALLY in asked["missing_facts"]


def test_the_eu_spacecraft_note(classify_in: Any) -> None:
    # EU Note 2 to 5A001.a: a.2 to a.4 do not control equipment for use on board spacecraft
    # (the CCL has no such note: the US does not ask it)
    item = _telecom("EU", "-60 degC", "85 degC")
    del item["facts"][SPACECRAFT]
    asked = classify_in("EU", item, ON)
    assert asked["controlled"] == "unknown" and SPACECRAFT in asked["missing_facts"]
    on_board = _telecom("EU", "-60 degC", "85 degC", **{SPACECRAFT: False})
    assert classify_in("EU", on_board, ON)["controlled"] is False
    us = classify_in("US", _telecom("US", "-60 degC", "85 degC"), ON)
    assert us["controlled"] is True and SPACECRAFT not in us.get("missing_facts", [])


def _antenna(low: str, high: str, facts: dict[str, bool] | None = None) -> dict[str, Any]:
    stated = {MLS: True, CIVIL: True} if facts is None else facts
    return _item(ANTENNA, stated, **{"frequency-min": low, "frequency-max": high})


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_phased_array_antennae_above_90_ghz(classify_in: Any, jurisdiction: str) -> None:
    met = classify_in(jurisdiction, _antenna("92 GHz", "95 GHz"), ON)
    # the grouping entry 5A001.d is met through its sub-paragraph
    assert met["controlled"] is True
    assert set(_ids(met)) == {f"{jurisdiction}:5A001.d.4", f"{jurisdiction}:5A001.d"}
    # at or below 90 GHz d.4 is not met; d.1 to d.3 (ERP) stay text: "unknown", never false
    below = classify_in(jurisdiction, _antenna("80 GHz", "90 GHz"), ON)
    assert below["controlled"] == "unknown"
    assert f"{jurisdiction}:5A001.d.4" not in _ids(below)
    assert f"{jurisdiction}:5A001.d.3" in _possible(below)


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("fact", [MLS, CIVIL])
def test_phased_array_antenna_notes(classify_in: Any, jurisdiction: str, fact: str) -> None:
    others = {MLS: True, CIVIL: True}
    del others[fact]
    asked = classify_in(jurisdiction, _antenna("92 GHz", "95 GHz", others), ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
    excluded = classify_in(jurisdiction, _antenna("92 GHz", "95 GHz", {**others, fact: False}), ON)
    assert f"{jurisdiction}:5A001.d.4" not in _ids(excluded)
    assert excluded["controlled"] is not True
