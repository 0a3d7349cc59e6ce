"""Classification by more Category 3, 4 and 5 families formalized from the whole lists
(families.csv, rules.csv; tests/lists/test_formalize_cat345_more.py reads their values): radio
direction finding equipment (5A001.e), optical fibres (5A001.c), US telecommunication transmission equipment (5A991.b.1–b.3)
and single mode optical fibres (5A991.d) — items on both sides of each threshold, in both lists (US
only where the entry is)."""

from __future__ import annotations

from typing import Any

import pytest

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")


def _ids(result: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in result["entries"]]


def _possible(result: dict[str, Any]) -> set[str]:
    return {entry["id"] for entry in result["possible_entries"]}


def _item(kind: str, facts: dict[str, bool] | None = None, **parameters: Any) -> dict[str, Any]:
    item: dict[str, Any] = {"kind": kind, "parameters": parameters}
    if facts is not None:
        item["facts"] = facts
    return item


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_radio_direction_finding_equipment(classify_in: Any, jurisdiction: str) -> None:
    # 5A001.e: operating above 30 MHz, "instantaneous bandwidth" of 10 MHz or more, and a LOB to
    # signals shorter than 1 ms (all required)
    kind = "radio-direction-finding-equipment"
    frequency, bandwidth, duration = (
        "direction-finding-operating-frequency",
        "direction-finding-instantaneous-bandwidth",
        "direction-finding-lob-signal-duration",
    )
    met = {frequency: "3 GHz", bandwidth: "10 MHz", duration: "0.5 ms"}
    assert _ids(classify_in(jurisdiction, _item(kind, **met), ON)) == [f"{jurisdiction}:5A001.e"]
    for name, value in ((frequency, "30 MHz"), (bandwidth, "9.9 MHz"), (duration, "1 ms")):
        outside = classify_in(jurisdiction, _item(kind, **{**met, name: value}), ON)
        assert outside["controlled"] is False, name


NOT_5A001 = {"not-controlled-by-5a001": True}


def test_us_digital_transmission_equipment_and_its_note(classify_in: Any) -> None:
    # 5A991.b.1: either rate is enough; the Note (civil satellite systems) as a required fact
    kind, facts = "digital-telecommunication-transmission-equipment", {
        **NOT_5A001, "not-specially-designed-for-civil-satellite-system": True,
    }  # fmt: skip
    level, total = "digital-transfer-rate-highest-multiplex-level", "total-digital-transfer-rate"
    fast = _item(kind, facts, **{level: "46 Mbit/s", total: "50 Mbit/s"})
    assert _ids(classify_in("US", fast, ON)) == ["US:5A991.b.1"]
    assert _ids(classify_in("US", _item(kind, facts, **{level: "45 Mbit/s", total: "91 Mbit/s"}), ON)) == ["US:5A991.b.1"]  # fmt: skip
    slow = _item(kind, facts, **{level: "45 Mbit/s", total: "90 Mbit/s"})
    assert classify_in("US", slow, ON)["controlled"] is False
    civil = {**facts, "not-specially-designed-for-civil-satellite-system": False}
    assert (
        classify_in("US", _item(kind, civil, **{level: "1 Gbit/s", total: "1 Gbit/s"}), ON)[
            "controlled"
        ]
        is False
    )
    unstated = classify_in(
        "US", _item(kind, NOT_5A001, **{level: "1 Gbit/s", total: "0 bit/s"}), ON
    )
    assert unstated["controlled"] == "unknown" and "US:5A991.b.1" in _possible(unstated)


def test_us_modems_cross_connects_and_single_mode_fibres(classify_in: Any) -> None:
    cases = [
        ("voice-channel-modem", "modem-data-signaling-rate", "9601 bit/s", "9600 bit/s", "b.2"),
        (
            "stored-program-controlled-digital-cross-connect-equipment",
            "cross-connect-digital-transfer-rate-per-port",
            "8.6 Mbit/s",
            "8.5 Mbit/s",
            "b.3",
        ),
        ("single-mode-optical-fibre-or-cable", "optical-fibre-length", "51 m", "50 m", "d"),
    ]
    for kind, parameter, above, at, paragraph in cases:
        code = f"US:5A991.{paragraph}"
        assert _ids(classify_in("US", _item(kind, NOT_5A001, **{parameter: above}), ON)) == [code]
        assert (
            classify_in("US", _item(kind, NOT_5A001, **{parameter: at}), ON)["controlled"] is False
        )
        in_5a001 = _item(kind, {"not-controlled-by-5a001": False}, **{parameter: above})
        assert classify_in("US", in_5a001, ON)["controlled"] is False
        # 5A991 is a US entry: the EU list has none for these kinds
        assert (
            classify_in("EU", _item(kind, NOT_5A001, **{parameter: above}), ON)["controlled"]
            is not True
        )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_optical_fibres(classify_in: Any, jurisdiction: str) -> None:
    # 5A001.c: more than 500 m and a 'proof test' tensile stress of 2 × 10^9 N/m^2 or more (both)
    length, stress = "optical-fibre-length", "optical-fibre-proof-test-tensile-stress"
    met = {length: "501 m", stress: "2e9 N/m**2"}
    assert _ids(classify_in(jurisdiction, _item("optical-fibre", **met), ON)) == [
        f"{jurisdiction}:5A001.c"
    ]
    in_gpa = {length: "1 km", stress: "2.1 GPa"}
    assert _ids(classify_in(jurisdiction, _item("optical-fibre", **in_gpa), ON)) == [
        f"{jurisdiction}:5A001.c"
    ]
    for name, value in ((length, "500 m"), (stress, "1.9e9 N/m**2")):
        outside = classify_in(jurisdiction, _item("optical-fibre", **{**met, name: value}), ON)
        assert outside["controlled"] is False, name
