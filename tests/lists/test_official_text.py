"""Every curated threshold against the official text of its entry. The differences are not a
silent pass: they are the reviewed list in ontology/controls/official-text-differences.csv, each
with a one-line explanation, and this test prints them."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from exportgraph.loaders import threshold_check as check
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.tables import read_table

from exportgraph.paths import ontology_dir

CONTROLS = ontology_dir() / "controls"
REVIEWED = CONTROLS / "official-text-differences.csv"


def _reviewed() -> dict[tuple[str, ...], str]:
    columns = ("jurisdiction", "code", "parameter", "comparator", "value", "unit", "check")
    return {
        tuple(row.get(c) for c in columns): row.require("explanation")
        for row in read_table(REVIEWED, (*columns, "explanation"))
    }


def test_curated_thresholds_against_the_official_text(
    ccl: CommerceControlList, annex: AnnexI, capsys: pytest.CaptureFixture[str]
) -> None:
    trees = {
        "US": {eccn.code: eccn.tree for eccn in ccl.entries},
        "EU": {entry.code: entry.tree for entry in annex.entries},
    }
    found = []
    for jurisdiction, by_code in trees.items():
        criteria = check.read_criteria(CONTROLS, jurisdiction)
        assert criteria, f"no curated criteria for {jurisdiction}"
        found += check.check_entries(check.read_entry_codes(CONTROLS, jurisdiction), by_code)
        found += check.check(criteria, by_code)
    reviewed = _reviewed()
    with capsys.disabled():
        print(f"\n{len(found)} difference(s) between the curated rows and the official text:")
        for difference in found:
            explanation = reviewed.get(difference.key, "NOT REVIEWED")
            print(
                f"  [{difference.check}] {':'.join(difference.key[:2])} "
                f"{' '.join(difference.key[2:6])}: {difference.finding} - {explanation}"
            )
    assert {d.key for d in found} == set(reviewed), "update official-text-differences.csv"


@pytest.mark.parametrize(
    ("value", "unit", "text", "expected"),
    [
        ("4.5", "K", "equal to or less (better) than 4,5 K (-268,65 °C)", True),
        ("4.5", "K", "at 4.5 K", True),
        ("600", "MicroW", "greater than or equal to 600 µW at", True),
        ("1100", "NUM", "fewer than 1,100, 'fully controlled'", True),
        ("0.001", "UNITLESS", "less than or equal to 10^−3;", True),
        ("0.002", "UNITLESS", "less than or equal to 2 × 10-3;", True),
        ("48", "HR", "for a period of greater than 48 hours", True),
        ("4.6", "K", "at 4.5 K", False),
        ("4.5", "GigaHZ", "at 4.5 K", False),
        ("15", "GigaHZ", "at 150 GHz", False),
    ],
)
def test_number_and_unit_spellings(value: str, unit: str, text: str, expected: bool) -> None:
    assert check.found(Decimal(value), unit, text) is expected


def test_a_changed_threshold_is_reported(ccl: CommerceControlList, tmp_path: Path) -> None:
    criteria = check.read_criteria(CONTROLS, "US")
    changed = [c for c in criteria if c.code == "3A904.a" and c.parameter == "cooling-power"]
    wrong = [check.Criterion(**{**c.__dict__, "value": Decimal("650")}) for c in changed]
    differences = check.check(wrong, {e.code: e.tree for e in ccl.entries})
    assert [d.finding for d in differences] == ["value not in the text of 3A904.a"]


@pytest.mark.parametrize(
    ("value", "unit", "text", "expected"),
    [
        ("34", "NUM", "supporting 34 or more, but fewer than 100, 'fully controlled'", [">="]),
        ("100", "NUM", "supporting 34 or more, but fewer than 100, 'fully controlled'", ["<"]),
        ("0.001", "UNITLESS", "a 'C-NOT error' of less than or equal to 10^−3;", ["<="]),
        ("4.5", "K", "at an ambient temperature equal to or less (better) than 4,5 K", ["<="]),
        ("0.1", "K", "600 µW at or below a temperature of 0.1 K (−273.05 °C)", ["<="]),
        ("48", "HR", "for a period of greater than 48 hours", [">"]),
        ("2", "GigaHZ", "at any frequency from 2 GHz up to and including 15 GHz", ["range"]),
        ("15", "GigaHZ", "at any frequency from 2 GHz up to and including 15 GHz", ["<="]),
        ("1", "K", "noise figure at 1 K", ["none"]),
    ],
)
def test_comparing_words(value: str, unit: str, text: str, expected: list[str]) -> None:
    assert [c for c, _ in check.comparators(Decimal(value), unit, text)] == expected


def test_a_changed_comparator_is_reported(ccl: CommerceControlList) -> None:
    criteria = check.read_criteria(CONTROLS, "US")
    band = [c for c in criteria if c.code == "4A906.a.2" and c.parameter == "physical-qubits"]
    wrong = [check.Criterion(**{**c.__dict__, "comparator": ">"}) for c in band]
    differences = check.check(wrong, {e.code: e.tree for e in ccl.entries})
    assert [d.check for d in differences] == ["comparator", "comparator"]
    assert "'100 or more' (>=)" in differences[0].finding


def test_an_unknown_entry_code_is_reported(ccl: CommerceControlList) -> None:
    entries = [check.Criterion("US", "4A906.a.9", "", "", Decimal(0), "", 1)]
    differences = check.check_entries(entries, {e.code: e.tree for e in ccl.entries})
    assert [(d.check, d.finding) for d in differences] == [
        ("paragraph", "no such paragraph in the official text")
    ]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_no_placeholder_code_where_the_official_text_is_at_hand(jurisdiction: str) -> None:
    """With the whole list in hand, a curated row takes the paragraph's number from the text:
    EU 3C507-3C509 named their silicon and germanium paragraphs .X-SI / .X-GE (placeholders)
    where Annex I numbers them .a and .b, so their thresholds counted as not formalized."""
    codes = [row.code for row in check.read_entry_codes(CONTROLS, jurisdiction)]
    assert codes and not [code for code in codes if "X-" in code]
