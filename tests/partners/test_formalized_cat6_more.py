"""Classification by more Category 6 families formalized from the whole lists (families.csv;
tests/lists/test_formalize_cat6_more.py reads their values): lightweight mirrors (6A004.a.2,
6A004.a.3), resonator alignment equipment (6A004.d.2.b), gimbals (6A004.d.3) and ground-based
radar (6A008.i) — items on both sides of each threshold, in both lists."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
HELIOSTAT = "mirror-not-specially-designed-for-terrestrial-heliostats"


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(
    ("kind", "code", "heavy", "light"),
    [
        ("lightweight-monolithic-mirror", "6A004.a.2", "10.5 kg", "10 kg"),
        ("lightweight-composite-or-foam-mirror-structure", "6A004.a.3", "2.1 kg", "2 kg"),
    ],
)
def test_lightweight_mirrors_and_the_heliostat_note(
    classify_in: Any, jurisdiction: str, kind: str, code: str, heavy: str, light: str
) -> None:
    # "an average 'equivalent density' of less than 30 kg/m^2 and a total mass exceeding
    # 10 kg" (6A004.a.3: 2 kg); the Note on heliostat mirrors is the fact asked
    density, mass = "mirror-average-equivalent-density", "mirror-total-mass"
    figures = {density: "29 kg/m**2", mass: heavy}
    met = classify_in(jurisdiction, _item(kind, {HELIOSTAT: True}, **figures), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:{code}"]
    asked = classify_in(jurisdiction, _item(kind, None, **figures), ON)
    assert asked["controlled"] == "unknown" and HELIOSTAT in asked["missing_facts"]
    solar = classify_in(jurisdiction, _item(kind, {HELIOSTAT: False}, **figures), ON)
    assert solar["controlled"] is False
    for name, at in ((density, "30 kg/m**2"), (mass, light)):
        item = _item(kind, {HELIOSTAT: True}, **{**figures, name: at})
        assert classify_in(jurisdiction, item, ON)["controlled"] is False, name


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_resonator_alignment_equipment(classify_in: Any, jurisdiction: str) -> None:
    # "bandwidths equal to or more than 100 Hz and an 'accuracy' of 10 µrad or less (better)"
    kind = "resonator-alignment-equipment"
    bandwidth, accuracy = "resonator-alignment-bandwidth", "resonator-alignment-accuracy"
    met = classify_in(jurisdiction, _item(kind, **{bandwidth: "100 Hz", accuracy: "10 µrad"}), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A004.d.2.b"]
    for figures in ({bandwidth: "99 Hz", accuracy: "5 µrad"}, {bandwidth: "1 kHz", accuracy: "11 µrad"}):  # fmt: skip
        assert classify_in(jurisdiction, _item(kind, **figures), ON)["controlled"] is False


SLEW, BANDWIDTH = "gimbal-maximum-slew", "gimbal-bandwidth"
POINTING, SIZE = "gimbal-angular-pointing-error", "gimbal-diameter-or-major-axis-length"
TURN = "gimbal-angular-acceleration"
COMMON = {SLEW: "6 degree", BANDWIDTH: "100 Hz", POINTING: "200 µrad"}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_gimbals_small_and_large(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.d.3: slew exceeding 5°, bandwidth of 100 Hz or more, pointing errors of 200 µrad or
    # less, and either 0.15 m < size ≤ 1 m with angular acceleration exceeding 2 rad/s^2, or
    # size exceeding 1 m with angular acceleration exceeding 0.5 rad/s^2
    code = f"{jurisdiction}:6A004.d.3"

    def answer(**figures: str) -> Any:
        return classify_in(jurisdiction, _item("gimbal", **{**COMMON, **figures}), ON)

    small = answer(**{SIZE: "1 m", TURN: "2.1 rad/s**2"})
    assert small["controlled"] is True and _ids(small) == [code]
    large = answer(**{SIZE: "1.1 m", TURN: "0.6 rad/s**2"})
    assert large["controlled"] is True and _ids(large) == [code]
    # a 1 m gimbal needs more than 2 rad/s^2; one of 0.15 m or less is not controlled
    assert answer(**{SIZE: "1 m", TURN: "1 rad/s**2"})["controlled"] is False
    assert answer(**{SIZE: "0.15 m", TURN: "3 rad/s**2"})["controlled"] is False
    assert answer(**{SIZE: "1.1 m", TURN: "0.5 rad/s**2"})["controlled"] is False
    for name, at in ((SLEW, "5 degree"), (BANDWIDTH, "99 Hz"), (POINTING, "201 µrad")):
        figures = {SIZE: "2 m", TURN: "1 rad/s**2", name: at}
        assert answer(**figures)["controlled"] is False, name


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_ground_based_radar_under_its_notes(classify_in: Any, jurisdiction: str) -> None:
    # 6A008.i: "a maximum 'instrumented range' exceeding 185 km"; the Notes to 6A008 and 6A008.i
    # take some radars out (their facts are asked)
    kind, name = "ground-based-radar", "radar-maximum-instrumented-range"
    facts = {"radar-not-excluded-by-note-to-6a008": True, "radar-not-excluded-by-note-to-6a008i": True}  # fmt: skip
    met = classify_in(jurisdiction, _item(kind, facts, **{name: "186 km"}), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A008.i"]
    assert (
        classify_in(jurisdiction, _item(kind, facts, **{name: "185 km"}), ON)["controlled"] is False
    )
    asked = classify_in(jurisdiction, _item(kind, None, **{name: "300 km"}), ON)
    assert asked["controlled"] == "unknown"
    assert "radar-not-excluded-by-note-to-6a008i" in asked["missing_facts"]
    atc = {**facts, "radar-not-excluded-by-note-to-6a008i": False}
    assert (
        classify_in(jurisdiction, _item(kind, atc, **{name: "300 km"}), ON)["controlled"] is False
    )
