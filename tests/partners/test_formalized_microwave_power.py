"""Classification by the microwave power devices of 3A001.b.2–b.4 (formalized from both official
texts; tests/lists/test_formalize_microwave_power.py reads their values): the item's rated band
(frequency-min, frequency-max) reaches into a range or not, at both ends of it; a band reaching
into several ranges is controlled by the lowest of their power thresholds (the Notes), with the
item's one rated peak saturated power output; what is missing is asked."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _item

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
NOTE_1 = "not-specially-designed-for-other-equipment"
READ = {NOTE_1: True}


def _ids(result: dict[str, Any]) -> list[str]:
    """The paragraphs that decided (their group, 3A001.b.2 etc., is listed with them)."""
    return [e["id"] for e in result["entries"] if e["id"].count(".") > 2]


def _device(
    kind: str, low: str, high: str, power: str, fbw: str | None = None, facts: Any = READ
) -> dict[str, Any]:
    parameters = {"frequency-min": low, "frequency-max": high, "peak-saturated-power-output": power}
    if fbw is not None:
        parameters["fractional-bandwidth"] = fbw
    return _item(kind, facts, **parameters)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_a_wideband_mmic_meets_the_lowest_threshold_of_the_ranges_it_reaches(
    classify_in: Any, jurisdiction: str
) -> None:
    # 2-6 GHz reaches into 2.7-2.9 (75 W), 2.9-3.2 (55 W), 3.2-3.7 (40 W) and 3.7-6.8 GHz (20 W):
    # Note 2 to 3A001.b.2, the lowest threshold, 20 W
    mmic = "mmic-amplifier"
    met = classify_in(jurisdiction, _device(mmic, "2 GHz", "6 GHz", "30 W", "100 %"), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A001.b.2.a"]
    below = classify_in(jurisdiction, _device(mmic, "2 GHz", "6 GHz", "20 W", "100 %"), ON)
    assert f"{jurisdiction}:3A001.b.2.a" not in _ids(below) and below["controlled"] is False
    narrow = classify_in(jurisdiction, _device(mmic, "3 GHz", "3.3 GHz", "50 W", "9.5 %"), ON)
    assert narrow["controlled"] is False  # "fractional bandwidth" greater than 15 % only


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_the_ends_of_a_range_exceeding_x_up_to_and_including_y(
    classify_in: Any, jurisdiction: str
) -> None:
    mmic = "mmic-amplifier"
    # a band ending at 2.7 GHz does not reach into "exceeding 2.7 GHz"
    below = classify_in(jurisdiction, _device(mmic, "1 GHz", "2.7 GHz", "1 kW", "92 %"), ON)
    assert below["controlled"] is False
    # a band starting at 6.8 GHz reaches into "up to and including 6.8 GHz" (20 W, FBW > 15 %)
    # and into 6.8-8.5 GHz (10 W, FBW > 10 %)
    edge = classify_in(jurisdiction, _device(mmic, "6.8 GHz", "8 GHz", "25 W", "16.2 %"), ON)
    assert edge["controlled"] is True
    assert _ids(edge) == [f"{jurisdiction}:3A001.b.2.a", f"{jurisdiction}:3A001.b.2.b"]
    only_b = classify_in(jurisdiction, _device(mmic, "6.8 GHz", "8 GHz", "15 W", "16.2 %"), ON)
    assert _ids(only_b) == [f"{jurisdiction}:3A001.b.2.b"]  # 15 W: above 10 W, not 20 W
    # above 90 GHz any power counts ("greater than 0.1 nW")
    w_band = classify_in(jurisdiction, _device(mmic, "92 GHz", "96 GHz", "1 mW", "4.3 %"), ON)
    assert _ids(w_band) == [f"{jurisdiction}:3A001.b.2.h"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_transistors_and_solid_state_amplifiers(classify_in: Any, jurisdiction: str) -> None:
    fet = "discrete-microwave-transistor"
    # 2.9-3.3 GHz reaches 2.9-3.2 (205 W) and 3.2-3.7 GHz (115 W): no bandwidth condition
    met = classify_in(jurisdiction, _device(fet, "2.9 GHz", "3.3 GHz", "150 W"), ON)
    assert _ids(met) == [f"{jurisdiction}:3A001.b.3.a"]
    assert (
        classify_in(jurisdiction, _device(fet, "2.9 GHz", "3.3 GHz", "100 W"), ON)["controlled"]
        is not True
    )
    amplifier = "microwave-solid-state-amplifier"
    # 8-12 GHz (X band) reaches 6.8-8.5 (70 W) and 8.5-12 GHz (50 W), FBW > 10 %
    x_band = _device(amplifier, "8 GHz", "12 GHz", "60 W", "40 %")
    assert _ids(classify_in(jurisdiction, x_band, ON)) == [f"{jurisdiction}:3A001.b.4.b"]
    narrow = _device(amplifier, "9.6 GHz", "10.4 GHz", "60 W", "8 %")
    assert classify_in(jurisdiction, narrow, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_what_is_missing_is_asked(classify_in: Any, jurisdiction: str) -> None:
    no_power = _item(
        "mmic-amplifier", READ, **{"frequency-min": "2 GHz", "frequency-max": "6 GHz",
                                   "fractional-bandwidth": "100 %"}
    )  # fmt: skip
    unknown = classify_in(jurisdiction, no_power, ON)
    assert unknown["controlled"] == "unknown"
    assert unknown["missing"] == ["peak-saturated-power-output"]
    no_fact = classify_in(
        jurisdiction, _device("mmic-amplifier", "2 GHz", "6 GHz", "30 W", "100 %", {}), ON
    )
    assert no_fact["controlled"] == "unknown" and NOTE_1 in no_fact["missing_facts"]
    other = classify_in(
        jurisdiction,
        _device("mmic-amplifier", "2 GHz", "6 GHz", "30 W", "100 %", {NOTE_1: False}),
        ON,
    )  # specially designed for other equipment (e.g. a telecommunications base station)
    assert f"{jurisdiction}:3A001.b.2.a" not in _ids(other)
