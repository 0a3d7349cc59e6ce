"""Cryogenic coolers, parametric amplifiers, cryo-CMOS and wafer probers at each boundary, for the
US (3A904, 3A901, 3B904) and the EU (3A504, 3A501, 3B504). Thresholds and comparators are typed in
from the legal texts (15 CFR 774 Supp. 1; Annex I to Reg. (EU) 2021/821), not read from the code."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.helpers import ids

# kind, jurisdiction → the entry that a fully qualifying item matches
ENTRY = {
    ("dilution-refrigerator", "US"): "US:3A904.a",
    ("dilution-refrigerator", "EU"): "EU:3A504.a",
    ("pulse-tube-cryocooler", "US"): "US:3A904.b",
    ("pulse-tube-cryocooler", "EU"): "EU:3A504.b",
    ("twpa", "US"): "US:3A901.b",
    ("twpa", "EU"): "EU:3A501.b.13",
    ("cryo-cmos-ic", "US"): "US:3A901.a",
    ("cryo-cmos-ic", "EU"): "EU:3A501.a.15",
    ("cryogenic-wafer-prober", "US"): "US:3B904",
    ("cryogenic-wafer-prober", "EU"): "EU:3B504",
}
# a qualifying item per kind, with values well inside every threshold
BASE: dict[str, dict[str, object]] = {
    "dilution-refrigerator": {
        "cooling-power": "800 uW",
        "cooling-power-temperature": "0.05 K",
        "continuous-operation": "168 h",
        "helium-3-content": "0 g",  # uncharged: 1C232 (1 g or more of helium-3) not met
    },
    "pulse-tube-cryocooler": {
        "base-temperature": "2.8 K",
        "cooling-power": "2 W",
        "cooling-power-temperature": "4 K",
    },
    "twpa": {
        "operating-temperature": "10 mK",
        "frequency-min": "4 GHz",
        "frequency-max": "8 GHz",
        "noise-figure": "0.010 dB",
    },
    "cryo-cmos-ic": {"operating-temperature": "4 K"},
    "cryogenic-wafer-prober": {"test-temperature": "1.6 K", "wafer-diameter": "300 mm"},
}
# Notes 1 and 2 to Category 3, Product Group A cover 3A901 (US) and 3A501 but 3A501.a.15 (EU):
# the items are stated to be neither specially designed nor programmed for other equipment
HEADING_NOTES = {
    "not-specially-designed-for-other-equipment": True,
    "not-programmed-for-other-equipment": True,
}
FACTS: dict[str, dict[str, bool]] = {"twpa": HEADING_NOTES, "cryo-cmos-ic": HEADING_NOTES}
# (kind, parameter, value at the threshold, just inside, just outside, holds at the threshold)
BOUNDARIES = [
    # 3A904.a / 3A504.a: >= 600 µW, at <= 0.1 K, for > 48 h
    ("dilution-refrigerator", "cooling-power", "600 uW", "600.001 uW", "599.999 uW", True),
    ("dilution-refrigerator", "cooling-power", "0.6 mW", "0.600001 mW", "0.599999 mW", True),
    (
        "dilution-refrigerator",
        "cooling-power-temperature",
        "100 mK",
        "99.999 mK",
        "100.001 mK",
        True,
    ),
    ("dilution-refrigerator", "continuous-operation", "48 h", "48.001 h", "47.999 h", False),
    ("dilution-refrigerator", "continuous-operation", "2 day", "2.001 day", "1.999 day", False),
    # 3A904.b / 3A504.b: maintains < 4 K, >= 1.5 W at <= 4.2 K
    ("pulse-tube-cryocooler", "base-temperature", "4 K", "3.999 K", "4.001 K", False),
    ("pulse-tube-cryocooler", "cooling-power", "1.5 W", "1.501 W", "1.499 W", True),
    ("pulse-tube-cryocooler", "cooling-power-temperature", "4.2 K", "4.199 K", "4.201 K", True),
    # 3A901.b / 3A501.b.13: < 1 K; a designed range reaching into 2-15 GHz; noise figure < 0.015 dB
    ("twpa", "operating-temperature", "1 K", "999 mK", "1.001 K", False),
    ("twpa", "frequency-max", "2 GHz", "2.001 GHz", "1.999 GHz", True),
    ("twpa", "frequency-min", "15 GHz", "14.999 GHz", "15.001 GHz", True),
    ("twpa", "noise-figure", "0.015 dB", "0.0149 dB", "0.0151 dB", False),
    # 3A901.a / 3A501.a.15: <= 4.5 K
    ("cryo-cmos-ic", "operating-temperature", "4.5 K", "4.499 K", "4.501 K", True),
    ("cryo-cmos-ic", "operating-temperature", "4500 mK", "4499 mK", "4501 mK", True),
    # 3B904 / 3B504: <= 4.5 K and >= 100 mm
    ("cryogenic-wafer-prober", "test-temperature", "4.5 K", "4.49 K", "4.51 K", True),
    ("cryogenic-wafer-prober", "wafer-diameter", "100 mm", "100.1 mm", "99.9 mm", True),
    ("cryogenic-wafer-prober", "wafer-diameter", "10 cm", "10.01 cm", "9.99 cm", True),
]


def _item(kind: str, **overrides: object) -> dict[str, object]:
    return {"kind": kind, "parameters": {**BASE[kind], **overrides}, "facts": FACTS.get(kind, {})}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
@pytest.mark.parametrize("kind", sorted(BASE))
def test_a_qualifying_item_matches_its_entry(
    classify_in: Any, jurisdiction: str, kind: str
) -> None:
    result = classify_in(jurisdiction, _item(kind))
    assert result["controlled"] is True
    assert ids(result)[0] == ENTRY[(kind, jurisdiction)]
    assert all(c["satisfied"] is True for c in result["entries"][0]["criteria"])


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
@pytest.mark.parametrize(
    ("kind", "parameter", "at", "inside", "outside", "holds_at"),
    BOUNDARIES,
    ids=[f"{b[0]}-{b[1]}-{b[2].replace(' ', '')}" for b in BOUNDARIES],
)
def test_each_criterion_at_its_boundary(
    classify_in: Any,
    jurisdiction: str,
    kind: str,
    parameter: str,
    at: str,
    inside: str,
    outside: str,
    holds_at: bool,
) -> None:
    entry = ENTRY[(kind, jurisdiction)]
    for value, expected in ((at, holds_at), (inside, True), (outside, False)):
        result = classify_in(jurisdiction, _item(kind, **{parameter: value}))
        assert (entry in ids(result)) is expected, f"{parameter}={value}"


@pytest.mark.parametrize(
    ("kind", "jurisdiction", "asked"),
    [
        ("twpa", "US", set(HEADING_NOTES)),
        ("cryo-cmos-ic", "US", set(HEADING_NOTES)),
        ("twpa", "EU", {"not-specially-designed-for-other-equipment"}),
    ],
)
def test_the_heading_notes_of_category_3a_are_asked(
    classify_in: Any, kind: str, jurisdiction: str, asked: set[str]
) -> None:
    """US Note 1 covers "3A001 (other than …), 3A002, 3A901" and Note 2 the "integrated circuits
    described in … 3A001.z or 3A901"; EU Note 1 covers "3A001, 3A002 or 3A501, other than … 3A501.a.15",
    which EU Note 2 does not name: a qualifying item is controlled only once they are stated."""
    unstated = classify_in(jurisdiction, {**_item(kind), "facts": {}})
    assert unstated["controlled"] == "unknown"
    assert set(unstated["missing_facts"]) == asked
    assert ENTRY[(kind, jurisdiction)] in {e["id"] for e in unstated["possible_entries"]}


def test_eu_cryo_cmos_is_under_neither_heading_note(classify_in: Any) -> None:
    """EU Note 1 excepts 3A501.a.15 and EU Note 2 does not name it."""
    result = classify_in("EU", {**_item("cryo-cmos-ic"), "facts": {}})
    assert result["controlled"] is True and ids(result)[0] == "EU:3A501.a.15"


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_the_frequency_range_overlaps_rather_than_sits_inside(
    classify_in: Any, jurisdiction: str
) -> None:
    entry = ENTRY[("twpa", jurisdiction)]
    wide = classify_in(
        jurisdiction, _item("twpa", **{"frequency-min": "1 GHz", "frequency-max": "20 GHz"})
    )
    below = classify_in(
        jurisdiction, _item("twpa", **{"frequency-min": "0.5 GHz", "frequency-max": "1.5 GHz"})
    )
    above = classify_in(
        jurisdiction, _item("twpa", **{"frequency-min": "16 GHz", "frequency-max": "18 GHz"})
    )
    assert entry in ids(wide)
    assert entry not in ids(below)
    assert entry not in ids(above)


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_missing_cooler_parameter_is_unknown_and_named(
    classify_in: Any, jurisdiction: str
) -> None:
    parameters = dict(BASE["dilution-refrigerator"])
    del parameters["continuous-operation"]
    result = classify_in(jurisdiction, {"kind": "dilution-refrigerator", "parameters": parameters})
    assert result["controlled"] == "unknown"
    assert result["missing"] == ["continuous-operation"]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_failing_known_criterion_makes_a_missing_one_irrelevant(
    classify_in: Any, jurisdiction: str
) -> None:
    result = classify_in(
        jurisdiction,
        {
            "kind": "dilution-refrigerator",
            "parameters": {"cooling-power": "400 uW", "helium-3-content": "0 g"},
        },
    )
    assert result["controlled"] is False
    assert "missing" not in result


def test_the_dilution_refrigerator_reports_values_in_the_thresholds_unit(classify_in: Any) -> None:
    result = classify_in(
        "US", _item("dilution-refrigerator", **{"cooling-power": {"value": 0.8, "unit": "mW"}})
    )
    power = next(c for c in result["entries"][0]["criteria"] if c["parameter"] == "cooling-power")
    assert (power["threshold"], power["unit"], power["value"], power["satisfied"]) == (
        600,
        "µW",
        800,
        True,
    )
