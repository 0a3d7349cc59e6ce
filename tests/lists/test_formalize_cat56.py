"""The Category 5, 6 and 7 families read from the official texts (families.csv, rules.csv): each
criterion's value is the number its paragraph writes, each paragraph gives as many criteria as it
states thresholds, and the values are those of the texts (US and EU differ where the texts do)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from exportgraph.loaders import formalize, whole_lists
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList

from exportgraph.paths import ontology_dir

FAMILIES = ("6A005.d.1", "6A006.a.1", "6A006.a.2", "6A006.a.3",
            "6A006.b", "6A003.a.3", "6A003.a.4", "6A003.a.5", "5A001.b.4", "5A002.d", "6A205", "6A203", "6C004", "7A001", "6A008.k", "2B231", "5A001.b.6", "6A007.b", "7A002")  # fmt: skip
Criteria = set[tuple[str, str, Decimal]]


@pytest.fixture(scope="module")
def mine(ccl: CommerceControlList, annex: AnnexI) -> list[formalize.FormalEntry]:
    trees = {
        "US": {e.code: e.tree for e in ccl.entries},
        "EU": {e.code: e.tree for e in annex.entries},
    }
    found = whole_lists._formalized(ontology_dir(), str, trees, {"US": set(), "EU": set()})
    return [e for e in found if e.code.startswith(FAMILIES)]


def _read(entries: list[formalize.FormalEntry]) -> dict[tuple[str, str], Criteria]:
    """(jurisdiction, paragraph) → the criteria read from that paragraph's own words."""
    found: dict[tuple[str, str], Criteria] = {}
    for entry in entries:
        for way in entry.ways:
            for c in way:
                key = (entry.jurisdiction, c.paragraph or entry.code)
                found.setdefault(key, set()).add((c.parameter, c.comparator, c.value))
    return found


def test_every_value_is_the_number_the_paragraph_writes(
    mine: list[formalize.FormalEntry],
) -> None:
    criteria = [(e.jurisdiction, c) for e in mine for way in e.ways for c in way]
    assert len(criteria) > 60
    for jurisdiction, criterion in criteria:
        written = re.match(formalize.NUMBER, criterion.written)
        assert written is not None and written.group(0) in criterion.source_text, criterion
        plain, mantissa, exponent = written.group("plain", "mantissa", "exponent")
        if criterion.written.startswith("10^"):  # "10^−6": 1 × 10^−6
            plain, mantissa, exponent = None, "1", criterion.written[3:].split()[0]
        assert formalize.WRITTEN[jurisdiction].fullmatch(plain or mantissa or "")
        value = formalize.written_value(plain, mantissa, exponent, jurisdiction)
        assert value == criterion.value, criterion


def test_each_paragraph_gives_as_many_criteria_as_it_states_thresholds(
    mine: list[formalize.FormalEntry], ccl: CommerceControlList, annex: AnnexI
) -> None:
    trees = {"US": ccl.entry, "EU": annex.entry}
    read = _read(mine)
    assert len(read) > 40
    for (jurisdiction, code), criteria in read.items():
        node = trees[jurisdiction](code.split(".", 1)[0]).tree.find(code)
        assert node is not None
        assert len(criteria) == formalize.stated_thresholds(node.text), (jurisdiction, code)


def test_semiconductor_laser_bands_as_each_text_states_them(
    mine: list[formalize.FormalEntry],
) -> None:
    read = _read(mine)
    w, p = "laser-output-wavelength", "laser-average-or-cw-output-power"
    for jurisdiction in ("US", "EU"):
        assert read[(jurisdiction, "6A005.d.1.a.1")] == {
            (w, "<=", Decimal(1570)), (p, ">", Decimal("2.0")),
        }  # fmt: skip
        assert read[(jurisdiction, "6A005.d.1.c.2")] == {
            (w, ">=", Decimal(1400)), (w, "<", Decimal(1900)), (p, ">", Decimal(25)),
        }  # fmt: skip
    # the US text has three multiple-transverse mode bands (1,400 nm, 1,900 nm), the EU five
    assert read[("US", "6A005.d.1.b.1")] == {(w, "<", Decimal(1400)), (p, ">", Decimal(25))}
    assert read[("EU", "6A005.d.1.b.1")] == {(w, "<", Decimal(780)), (p, ">", Decimal(25))}
    assert read[("EU", "6A005.d.1.b.2")] == {
        (w, ">=", Decimal(780)), (w, "<", Decimal(1100)), (p, ">", Decimal(30)),
    }  # fmt: skip
    assert ("US", "6A005.d.1.b.4") not in read


def test_stacked_arrays_and_the_us_streak_camera_stay_text(
    mine: list[formalize.FormalEntry], ccl: CommerceControlList
) -> None:
    codes = {(e.jurisdiction, e.code): e for e in mine}
    for jurisdiction in ("US", "EU"):
        assert codes[(jurisdiction, "6A005.d.1.a")].group
        for code in ("6A005.d.1.d.4", "6A005.d.1.e"):  # (6A005.d.1.d.1-.3: families8)
            stacked = codes[(jurisdiction, code)]
            assert stacked.text_only and not stacked.criteria
            assert stacked.kinds == ("semiconductor-laser-stacked-array",)
    streak = ccl.entry("6A003").tree.find("6A003.a.3")
    assert streak is not None and re.search(r"\bbetter than 50 ns", streak.text)
    us, eu = codes[("US", "6A003.a.3")], codes[("EU", "6A003.a.3")]
    assert us.text_only and "better than 50 ns" in us.text_only and not us.criteria
    assert [(c.comparator, c.value) for c in eu.criteria] == [("<", Decimal(50))]
