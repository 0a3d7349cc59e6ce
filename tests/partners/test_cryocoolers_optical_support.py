"""Pulse-tube cryocoolers against 6A002.d ("special support components for optical sensors":
d.1 space-qualified cryocoolers; d.2.a non-space-qualified closed-cycle cryocoolers with a cooling
source below 218 K and a specified MTTF or MTBF exceeding 2,500 hours) as well as 3A904.b /
3A504.b (two-stage pulse tubes, >= 1.5 W at <= 4.2 K, holding below 4 K). A cooler below the
3A904.b / 3A504.b thresholds is not thereby "not controlled": 6A002.d may apply, and the data
holds neither the MTTF nor whether the cooler supports an optical sensor, so the answer is
"unknown" naming 6A002.d — never false."""

from __future__ import annotations

from typing import Any

ON = "2026-12-01"  # after both whole-list text bases (US 2026-07-23, EU 2025-11-15)
BELOW = {
    "cooling-power": "1.0 W",
    "cooling-power-temperature": "4.2 K",
    "base-temperature": "2.8 K",
}


def _ids(entries: list[dict[str, Any]]) -> set[str]:
    return {entry["id"] for entry in entries}


def test_a_pulse_tube_below_3a904b_is_unknown_for_6a002d(classify_in: Any) -> None:
    item = {"kind": "pulse-tube-cryocooler", "parameters": BELOW}
    for jurisdiction in ("US", "EU"):
        result = classify_in(jurisdiction, item, ON)
        assert result["controlled"] == "unknown"
        possible = _ids(result["possible_entries"])
        assert {f"{jurisdiction}:6A002.d.1", f"{jurisdiction}:6A002.d.2.a"} <= possible
        assert "space-qualified" in result["missing_facts"]
        assert f"complete criteria of {jurisdiction}:6A002.d.2.a" in result["missing_facts"]
        # not space-qualified: d.1 fails, d.2.a (known only as text) still may apply
        stated = {**item, "facts": {"space-qualified": False}}
        again = classify_in(jurisdiction, stated, ON)
        assert again["controlled"] == "unknown"
        assert _ids(again["possible_entries"]) == {f"{jurisdiction}:6A002.d.2.a"}


def test_a_pulse_tube_above_3a904b_is_controlled(classify_in: Any) -> None:
    item = {"kind": "pulse-tube-cryocooler", "parameters": {**BELOW, "cooling-power": "2 W"}}
    for jurisdiction, entry in (("US", "US:3A904.b"), ("EU", "EU:3A504.b")):
        result = classify_in(jurisdiction, item, ON)
        assert result["controlled"] is True
        assert entry in _ids(result["entries"])


def test_6a002d_does_not_reach_dilution_refrigerators_or_technology(classify_in: Any) -> None:
    fridge = {"kind": "dilution-refrigerator", "parameters": {"cooling-power": "100 uW"}}
    assert classify_in("US", fridge, ON)["controlled"] is not True
    assert not any(
        "6A002" in e["id"] for e in classify_in("US", fridge, ON).get("possible_entries", [])
    )
    technology = {
        "kind": "technology",
        "for_kind": "pulse-tube-cryocooler",
        "purpose": "development",
        "parameters": BELOW,
    }
    # 3E901 names 3A904 only, below its threshold; 6E001 (development technology for 6A) names
    # 6A002.d, which may reach the cooler itself: unknown, as the cooler is
    answer = classify_in("US", technology, ON)
    assert answer["controlled"] == "unknown"
    assert "US:6E001" in {e["id"] for e in answer["possible_entries"]}
    assert "US:3E901" not in {e["id"] for e in answer["possible_entries"]}
