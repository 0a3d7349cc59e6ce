"""Classification of technology for telecommunications MMIC amplifiers by 5E001.d (both lists):
technology for an MMIC whose figures miss every sub-paragraph is not controlled by it; one meeting
a sub-paragraph's figures is "unknown" with the paragraph to read (its power is stated "at any
frequency" of a range, which the item's one rated power does not settle); technology for another
kind, for another purpose, or hardware is not concerned."""

from __future__ import annotations

from typing import Any

import pytest

ON = "2026-12-01"
BOTH = ("US", "EU")
FACTS = {
    "mmic-specially-designed-for-telecommunications": True,
    "additional-technology-required-for-telecommunications": True,
    # the Notes to Category 3, Product Group A: a telecommunications MMIC takes the status of its
    # equipment, so 3A001.b.2 (and 3E001 through it) does not decide it
    "not-specially-designed-for-other-equipment": False,
}
KA_BAND = {"frequency-min": "20 GHz", "frequency-max": "30 GHz", "fractional-bandwidth": "40 %"}


def _technology(power: str, purpose: str = "development", **overrides: Any) -> dict[str, Any]:
    facts = overrides.pop("facts", FACTS)
    return {
        "kind": "technology",
        "for_kind": overrides.pop("for_kind", "mmic-amplifier"),
        "purpose": purpose,
        "parameters": {**KA_BAND, "peak-saturated-power-output": power, **overrides},
        "facts": facts,
    }


def _possible(result: dict[str, Any]) -> list[str]:
    return [p["id"] if isinstance(p, dict) else p for p in result.get("possible_entries", [])]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_figures_met_are_unknown_with_the_paragraph_to_read(
    classify_in: Any, jurisdiction: str
) -> None:
    met = classify_in(jurisdiction, _technology("5 W"), ON)
    assert met["controlled"] == "unknown"
    assert f"{jurisdiction}:5E001.d.3" in _possible(met)
    assert f"complete criteria of {jurisdiction}:5E001.d.3" in met["missing_facts"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_figures_missed_are_not_controlled(classify_in: Any, jurisdiction: str) -> None:
    assert classify_in(jurisdiction, _technology("3 W"), ON)["controlled"] is False  # not above 3 W
    narrow = _technology("5 W", **{"fractional-bandwidth": "10 %"})
    assert classify_in(jurisdiction, narrow, ON)["controlled"] is False
    below_the_ranges = _technology("5 W", **{"frequency-min": "1 GHz", "frequency-max": "2.7 GHz"})
    assert classify_in(jurisdiction, below_the_ranges, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_other_kinds_purposes_and_hardware_are_not_concerned(
    classify_in: Any, jurisdiction: str
) -> None:
    use = classify_in(jurisdiction, _technology("5 W", purpose="use"), ON)
    assert f"{jurisdiction}:5E001.d.3" not in _possible(use)
    other = _technology("5 W", for_kind="dilution-refrigerator")
    assert f"{jurisdiction}:5E001.d.3" not in _possible(classify_in(jurisdiction, other, ON))
    mmic = {"kind": "mmic-amplifier", "parameters": {**KA_BAND, "peak-saturated-power-output": "5 W"}, "facts": FACTS}  # fmt: skip
    assert f"{jurisdiction}:5E001.d.3" not in _possible(classify_in(jurisdiction, mmic, ON))


def test_the_us_asks_whether_it_is_the_additional_technology_for_telecommunications(
    classify_in: Any,
) -> None:
    facts = {k: v for k, v in FACTS.items() if k != "additional-technology-required-for-telecommunications"}  # fmt: skip
    asked = classify_in("US", _technology("5 W", facts=facts), ON)
    assert "additional-technology-required-for-telecommunications" in asked["missing_facts"]
    eu = classify_in("EU", _technology("5 W", facts=facts), ON)
    assert "additional-technology-required-for-telecommunications" not in eu["missing_facts"]
    stated_false = {**FACTS, "additional-technology-required-for-telecommunications": False}
    us = classify_in("US", _technology("5 W", facts=stated_false), ON)
    assert "US:5E001.d.3" not in _possible(us)


def test_the_date_note_speaks_of_the_entry_only_for_the_kind_it_serves(classify_in: Any) -> None:
    # before the text basis (US eCFR 2026-07-23) 5E001.d is not in force: said for technology
    # for an MMIC, not for technology for a cooler (5E001.d is not about it)
    before = "2025-12-01"
    mmic = classify_in("US", _technology("5 W"), before)
    assert "US:5E001.d is in force from 2026-07-23, not on 2025-12-01" in mmic["notes"]
    cooler = _technology("5 W", for_kind="dilution-refrigerator")
    assert not [n for n in classify_in("US", cooler, before)["notes"] if "5E001" in n]


def test_the_batch_path_answers_alike(client: Any) -> None:
    # the batch walker checks the served kinds of its own atoms (Entry.names_served_kinds)
    items = [
        {"id": f"t{n}", "item": _technology(power, purpose, for_kind=kind)}
        for n, (power, purpose, kind) in enumerate(
            [
                ("5 W", "development", "mmic-amplifier"),
                ("3 W", "production", "mmic-amplifier"),
                ("5 W", "use", "mmic-amplifier"),
                ("5 W", "development", "dilution-refrigerator"),
            ]
        )
    ]
    body = {"items": items, "jurisdictions": list(BOTH), "as_of": ON}
    batch = client.post("/v1/classify/batch", json=body).json()["items"]
    for asked, answered in zip(items, batch, strict=True):
        single = client.post(
            "/v1/classify", json={"item": asked["item"], "jurisdictions": list(BOTH), "as_of": ON}
        ).json()
        for mine, theirs in zip(answered["results"], single["results"], strict=True):
            assert (mine["controlled"], mine.get("missing_facts")) == (
                theirs["controlled"],
                theirs.get("missing_facts"),
            ), asked["id"]
    assert [r["controlled"] for r in batch[0]["results"]] == ["unknown", "unknown"]
