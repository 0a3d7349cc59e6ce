"""Classification of lasers by the 6A005 families formalized from the whole lists (families.csv):
hand-built items whose values sit on either side of thresholds the text states, reaching the
sub-item the text names; "unknown" when a required parameter is missing or a note applies."""

from __future__ import annotations

from typing import Any

import pytest

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)


def _cw(wavelength_nm: float, power: str, m2: float | None = None) -> dict[str, Any]:
    parameters: dict[str, Any] = {
        "laser-output-wavelength": {"value": wavelength_nm, "unit": "nm"},
        "laser-cw-output-power": power,
    }
    if m2 is not None:
        parameters["laser-m2-factor"] = m2
    return {"kind": "non-tunable-cw-laser", "parameters": parameters}


def _not_6a005(result: dict[str, Any], jurisdiction: str) -> bool:
    """Not controlled by 6A005: in the EU, not controlled; in the US, unknown by 6A995.f only
    (1,400-1,555 nm, "average or CW output power exceeding 1 W", which these items do not state:
    6A995 does not leave out what 6A005 does not control)."""
    if jurisdiction == "EU":
        return result["controlled"] is False
    possible = {e["id"] for e in result["possible_entries"]}
    return result["controlled"] == "unknown" and all(i.startswith("US:6A995.f") for i in possible)


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_single_mode_cw_laser_at_1550_nm_reaches_6a005_a_7(
    classify_in: Any, jurisdiction: str
) -> None:
    # 6A005.a.7: "Output wavelength exceeding 1,150 nm but not exceeding 1,555 nm and any of the
    # following: a. 'Single transverse mode' and output power exceeding 50 W"
    result = classify_in(jurisdiction, _cw(1550, "60 W", m2=1.05), ON)
    assert result["controlled"] is True
    entry = result["entries"][0]  # most specific first, then the grouping 6A005.a
    assert [e["id"] for e in result["entries"]] == [
        f"{jurisdiction}:6A005.a.7",
        f"{jurisdiction}:6A005.a",
    ]
    texts = {c["legal_text"] for c in entry["criteria"]}
    assert any(
        t.startswith("'Single transverse mode' and output power exceeding 50 W") for t in texts
    )
    assert all(c["satisfied"] is True for c in entry["criteria"])
    # at 50 W the text's "exceeding" is not met; multiple mode needs more than 80 W
    assert _not_6a005(classify_in(jurisdiction, _cw(1550, "50 W", m2=1.05), ON), jurisdiction)
    assert _not_6a005(classify_in(jurisdiction, _cw(1550, "60 W", m2=1.3), ON), jurisdiction)
    assert classify_in(jurisdiction, _cw(1550, "81 W", m2=1.3), ON)["controlled"] is True


def test_a_missing_parameter_is_unknown_naming_it(classify_in: Any) -> None:
    result = classify_in("US", _cw(1550, "60 W"), ON)
    assert result["controlled"] == "unknown"
    assert "laser-m2-factor" in result["missing"]
    possible = [e["id"] for e in result["possible_entries"]]
    # and US 6A995.f (1,400-1,555 nm), whose power and pulse energy are not stated either
    assert [i for i in possible if not i.startswith("US:6A995.f")] == ["US:6A005.a.7"]


def test_a_note_below_the_entry_makes_a_met_entry_unknown_never_true(classify_in: Any) -> None:
    # 6A005.a.6 (975-1,150 nm): Notes 1 and 2 to 6A005.a.6.b take industrial multimode lasers
    # out by power, mass and beam parameter product, which the criteria cannot name
    def multimode(power: str) -> dict[str, Any]:
        laser = _cw(1064, power, m2=2.0)
        laser["parameters"]["laser-wall-plug-efficiency"] = "10 percent"
        return laser

    result = classify_in("EU", multimode("2.5 kW"), ON)
    assert result["controlled"] == "unknown"
    assert any("EU:6A005.a.6" in note and "read them" in note for note in result["notes"])
    assert classify_in("EU", multimode("1.9 kW"), ON)["controlled"] is False


ARGON = "cw-laser-not-argon-of-50-w-or-less"


def _decided_by_the_fact(
    classify_in: Any, jurisdiction: str, item: dict[str, Any], fact: str, code: str
) -> None:
    """An item meeting the paragraph: "unknown" naming the fact its note asks; stated true,
    controlled by the paragraph; stated false, not controlled."""
    asked = classify_in(jurisdiction, item, ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
    met = classify_in(jurisdiction, {**item, "facts": {fact: True}}, ON)
    assert met["controlled"] is True and met["entries"][0]["id"] == f"{jurisdiction}:{code}"
    excluded = classify_in(jurisdiction, {**item, "facts": {fact: False}}, ON)
    assert excluded["controlled"] is False


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_the_argon_note_to_6a005_a_2_is_a_fact_asked(classify_in: Any, jurisdiction: str) -> None:
    # 6A005.a.2 (150-510 nm, more than 30 W); its Note: "does not control Argon lasers having an
    # output power equal to or less than 50 W" — asked as a fact, not left to "read them"
    _decided_by_the_fact(classify_in, jurisdiction, _cw(488, "40 W", m2=1.0), ARGON, "6A005.a.2")
    assert classify_in(jurisdiction, _cw(488, "20 W", m2=1.0), ON)["controlled"] is False


def test_pulsed_laser_at_1560_nm_reaches_6a005_b_8(classify_in: Any) -> None:
    # 6A005.b.8: "Output wavelength exceeding 1,555 nm but not exceeding 1,850 nm, and any of the
    # following: a. Output energy exceeding 100 mJ per pulse and 'peak power' exceeding 1 W; or
    # b. 'Average output power' exceeding 1 W"
    item = {
        "kind": "non-tunable-pulsed-laser",
        "parameters": {
            "laser-output-wavelength": "1560 nm",
            "laser-average-output-power": "2 W",
            "laser-pulse-energy": "20 uJ",
            "laser-peak-power": "10 kW",
        },
    }
    for jurisdiction in ("US", "EU"):
        result = classify_in(jurisdiction, item, ON)
        assert result["controlled"] is True
        entry = result["entries"][0]
        assert [e["id"] for e in result["entries"]] == [
            f"{jurisdiction}:6A005.b.8",
            f"{jurisdiction}:6A005.b",
        ]
        assert any(c["threshold"] == 1 and c["unit"] == "W" for c in entry["criteria"])
    weaker = {**item, "parameters": {**item["parameters"], "laser-average-output-power": "1 W"}}
    assert classify_in("US", weaker, ON)["controlled"] is False  # "exceeding 1 W"


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_femtosecond_laser_at_1030_nm_is_read_by_6a005_b_6(
    classify_in: Any, jurisdiction: str
) -> None:
    # 6A005.b.6 (975-1,150 nm; 21 alternative sets, formalized once regions compared box by
    # box): b.6.a "Pulse duration of less than 1 ps" and any of: a.1 peak power exceeding 2 GW,
    # a.2 average output power exceeding 30 W, a.3 output energy exceeding 0.002 J per pulse
    figures = {
        "laser-output-wavelength": "1030 nm",
        "laser-pulse-duration": "300 fs",
        "laser-pulse-energy": "20 uJ",
        "laser-peak-power": "60 MW",
    }

    def laser(**more: str) -> dict[str, Any]:
        return {"kind": "non-tunable-pulsed-laser", "parameters": {**figures, **more}}

    code = f"{jurisdiction}:6A005.b.6"
    strong = classify_in(jurisdiction, laser(**{"laser-average-output-power": "40 W"}), ON)
    assert strong["controlled"] is True and code in [e["id"] for e in strong["entries"]]
    weak = classify_in(jurisdiction, laser(**{"laser-average-output-power": "20 W"}), ON)
    assert weak["controlled"] is False
    unstated = classify_in(jurisdiction, laser(), ON)
    assert unstated["controlled"] == "unknown"
    assert code in {e["id"] for e in unstated["possible_entries"]}
    assert "laser-average-output-power" in unstated["missing"]


def test_lasers_the_notes_treat_apart_are_unknown_not_false(classify_in: Any) -> None:
    # a semiconductor laser of no stated sub-kind (6A005.d.1.a-d.1.e name four) is unknown too
    for kind, code in (
        ("ruby-laser", "6A005"),
        ("chemical-laser", "6A005.d"),
        ("semiconductor-laser", "6A005.d.1.b.1"),
    ):
        for jurisdiction in ("US", "EU"):
            result = classify_in(jurisdiction, {"kind": kind}, ON)
            assert result["controlled"] == "unknown"
            assert f"{jurisdiction}:{code}" in {e["id"] for e in result["possible_entries"]}


def _pulsed(**parameters: str | float) -> dict[str, Any]:
    return {"kind": "non-tunable-pulsed-laser", "parameters": parameters}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_multimode_microsecond_laser_at_900_nm_reaches_6a005_b_5(
    classify_in: Any, jurisdiction: str
) -> None:
    # 6A005.b.5: "Output wavelength exceeding 800 nm but not exceeding 975 nm and any of the
    # following: … c. 'Pulse duration' exceeding 1 µs and any of the following: 1. Output energy
    # exceeding 2 J per pulse and 'peak power' exceeding 50 W; 2. 'Single transverse mode' output
    # and 'average output power' exceeding 50 W; or 3. 'Multiple transverse mode' output and
    # 'average output power' exceeding 80 W" (18,375 cells of its thresholds' grid)
    code = f"{jurisdiction}:6A005.b.5"
    common = {
        "laser-output-wavelength": "900 nm",
        "laser-pulse-duration": "2 us",
        "laser-m2-factor": 2.0,
        "laser-pulse-energy": "1 J",
        "laser-peak-power": "100 W",
    }
    met = classify_in(jurisdiction, _pulsed(**common, **{"laser-average-output-power": "85 W"}), ON)
    assert met["controlled"] is True and code in [e["id"] for e in met["entries"]]
    (entry,) = [e for e in met["entries"] if e["id"] == code]
    assert {(c["parameter"], c["comparator"], c["threshold"]) for c in entry["criteria"]} >= {
        ("laser-average-output-power", ">", 80),
        ("laser-pulse-duration", ">", 1),
    }
    # at 80 W "exceeding 80 W" is not met, and no other way through 6A005.b.5 is (1 J ≤ 2 J;
    # M² 2 is multiple transverse mode)
    at = classify_in(jurisdiction, _pulsed(**common, **{"laser-average-output-power": "80 W"}), ON)
    assert code not in [e["id"] for e in at["entries"]]
    assert code not in {e["id"] for e in at.get("possible_entries", [])}


DYE = "tunable-laser-not-multimode-dye-or-liquid-laser-excluded-by-note-to-6a005-c-1"


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_the_dye_laser_note_to_6a005_c_1_is_a_fact_asked(
    classify_in: Any, jurisdiction: str
) -> None:
    # 6A005.c.1 (tunable, below 600 nm): c.1.b "Average or CW output power exceeding 1 W"; its
    # Note takes out multimode dye or liquid lasers below 1.5 J / 20 W peak and 20 W average
    parameters = {
        "laser-output-wavelength": "550 nm",
        "laser-average-or-cw-output-power": "2 W",
        "laser-pulse-energy": "1 mJ",
        "laser-peak-power": "0.5 W",
    }
    laser: dict[str, Any] = {"kind": "tunable-laser", "parameters": parameters}
    _decided_by_the_fact(classify_in, jurisdiction, laser, DYE, "6A005.c.1")


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_an_excimer_laser_above_360_nm_in_both_lists(classify_in: Any, jurisdiction: str) -> None:
    # 6A005.d.4.d "Output wavelength exceeding 360 nm and any of the following: 1. Output energy
    # exceeding 1.5 J per pulse; or 2. Average output power exceeding 30 W"; the US prints "For
    # excimer lasers specially designed for lithography equipment, see 3B001" as a Note, the EU
    # as an N.B.: a pointer, which takes nothing out (it kept the US entry "unknown")
    parameters = {
        "laser-output-wavelength": "400 nm",
        "laser-pulse-energy": "2 J",
        "laser-average-output-power": "10 W",
    }
    met = classify_in(jurisdiction, {"kind": "excimer-laser", "parameters": parameters}, ON)
    assert met["controlled"] is True
    assert met["entries"][0]["id"] == f"{jurisdiction}:6A005.d.4.d"
    weak = {**parameters, "laser-pulse-energy": "1.5 J"}
    answer = classify_in(jurisdiction, {"kind": "excimer-laser", "parameters": weak}, ON)
    assert answer["controlled"] is False
