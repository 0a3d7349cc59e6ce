"""Computers rated for operation at ambient temperatures beyond stated limits, end to end through
classify (families.csv, phrases.csv): EU 4A001.a.1 "Rated for operation at an ambient temperature
below 228 K (-45 °C) or above 358 K (85 °C)" (either end), US 4A101.a "Rated for continuous
operation at temperatures from below 228 K (−45 °C) to above 328 K (+55 °C)" (both ends) and
US 4A994.a "rated for operation at an ambient temperature above 343 K (70 °C)" (the top only).
The expected answers were written from the texts in ontology/sources/: a user who states the
rated range gets a definite answer, one who does not gets "unknown" naming what is missing."""

from __future__ import annotations

from typing import Any

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
LOW, HIGH = "ambient-temperature-rating-min", "ambient-temperature-rating-max"
EU_FACTS = {
    "computer-specially-designed-for-its-rated-temperature-range": True,
    "computer-not-specially-designed-for-civil-automobile-railway-or-civil-aircraft": True,
}
US_4A101 = {"not-controlled-by-4a001": True, "computer-designed-or-modified-for-use-in-missiles": True}  # fmt: skip
US_4A994 = {
    "not-controlled-by-4a001-or-4a003": True,
    "computer-status-not-determined-by-other-equipment-under-note-to-4a994": True,
}


def _computer(facts: dict[str, bool], low: str | None, high: str | None) -> dict[str, Any]:
    parameters = {name: v for name, v in ((LOW, low), (HIGH, high)) if v is not None}
    return {"kind": "digital-computer", "parameters": parameters, "facts": facts}


def _by(result: dict[str, Any], entry: str) -> str:
    """How the entry answers: "controlled", "possible" (unknown: its missing named) or "not"."""
    if entry in [e["id"] for e in result["entries"]]:
        return "controlled"
    if entry in [e["id"] for e in result.get("possible_entries", [])]:
        return "possible"
    return "not"


def _missing(result: dict[str, Any], entry: str) -> set[str]:
    (found,) = [e for e in result.get("possible_entries", []) if e["id"] == entry]
    return set(found.get("missing", []))


def test_eu_4a001_a_1_below_minus_45_or_above_85(classify_in: Any) -> None:
    def run(low: str | None, high: str | None) -> dict[str, Any]:
        return classify_in("EU", _computer(EU_FACTS, low, high), ON)

    rated = run("-50 degC", "70 degC")
    assert rated["controlled"] is True and _by(rated, "EU:4A001.a.1") == "controlled"
    # "below" and "above" exclude the values (358 K is 84.85 °C: the degrees decide)
    assert _by(run("-40 degC", "85 degC"), "EU:4A001.a.1") == "not"
    assert _by(run("-45 degC", "85 degC"), "EU:4A001.a.1") == "not"
    # "or": one end beyond its limit is enough; one within it leaves the other asked
    assert _by(run("-50 degC", None), "EU:4A001.a.1") == "controlled"
    assert _by(run(None, "90 degC"), "EU:4A001.a.1") == "controlled"
    cold_unknown = run("-40 degC", None)
    assert _missing(cold_unknown, "EU:4A001.a.1") == {HIGH}
    hot_unknown = run(None, "70 degC")
    assert _missing(hot_unknown, "EU:4A001.a.1") == {LOW}
    nothing = run(None, None)
    assert nothing["controlled"] == "unknown"
    assert _missing(nothing, "EU:4A001.a.1") == {LOW, HIGH}
    assert {LOW, HIGH} <= set(nothing["missing"])
    # the Note to 4A001.a.1 (civil automobile, railway train or civil aircraft) takes it out
    civil = {**EU_FACTS, "computer-not-specially-designed-for-civil-automobile-railway-or-civil-aircraft": False}  # fmt: skip
    out = classify_in("EU", _computer(civil, "-50 degC", "70 degC"), ON)
    assert _by(out, "EU:4A001.a.1") == "not"


def test_us_4a101_a_from_below_minus_45_to_above_55(classify_in: Any) -> None:
    def run(low: str | None, high: str | None) -> dict[str, Any]:
        return classify_in("US", _computer(US_4A101, low, high), ON)

    rated = run("-50 degC", "70 degC")
    assert rated["controlled"] is True and _by(rated, "US:4A101.a") == "controlled"
    assert _by(run("-40 degC", "85 degC"), "US:4A101.a") == "not"
    # "from … to": both ends required — one within its limit decides "not", one beyond it
    # leaves the other asked
    assert _by(run("-40 degC", None), "US:4A101.a") == "not"
    assert _by(run(None, "50 degC"), "US:4A101.a") == "not"
    assert _missing(run("-50 degC", None), "US:4A101.a") == {HIGH}
    assert _missing(run(None, "70 degC"), "US:4A101.a") == {LOW}
    nothing = run(None, None)
    assert nothing["controlled"] == "unknown" and _missing(nothing, "US:4A101.a") == {LOW, HIGH}
    # not designed or modified for use in missiles: not 4A101's
    civil = {**US_4A101, "computer-designed-or-modified-for-use-in-missiles": False}
    assert _by(classify_in("US", _computer(civil, "-50 degC", "70 degC"), ON), "US:4A101.a") == "not"  # fmt: skip


def test_us_4a994_a_above_70(classify_in: Any) -> None:
    def run(low: str | None, high: str | None) -> dict[str, Any]:
        return classify_in("US", _computer(US_4A994, low, high), ON)

    # "above 343 K (70 °C)": a computer rated up to exactly +70 °C is not above it
    assert _by(run("-50 degC", "70 degC"), "US:4A994.a") == "not"
    hot = run("-40 degC", "85 degC")
    assert hot["controlled"] is True and _by(hot, "US:4A994.a") == "controlled"
    # the top alone decides: the bottom is not asked
    assert _by(run(None, "85 degC"), "US:4A994.a") == "controlled"
    assert _missing(run("-50 degC", None), "US:4A994.a") == {HIGH}
    assert _missing(run(None, None), "US:4A994.a") == {HIGH}
