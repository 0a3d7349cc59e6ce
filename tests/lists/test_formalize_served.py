"""Software and technology paragraphs read as the entries they serve (served.csv,
loaders/formalize_served.py): the entries each names, as the official text writes them, checked
by hand here; and the readings the load refuses (a purpose, a code or a condition the row did not
read from the text)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.formalize import FormalEntry
from exportgraph.loaders.formalize_served import ServedRow, formalize_served, read_served
from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.tables import SourceDataError

from exportgraph.paths import ontology_dir

ROWS = read_served(ontology_dir(), "served.csv")
Trees = dict[str, dict[str, TextNode]]
CURATED = {  # curated codes and their kinds (a few, as ontology/controls/*/entries.csv has them)
    "US": {"4A906": (), "4A906.b": ("qubit-device",), "3E901": ("technology",)},
    "EU": {"3E001": ("technology",), "3D001": ("software",), "4E001.a": ("technology",)},
}


@pytest.fixture(scope="module")
def trees(ccl: CommerceControlList, annex: AnnexI) -> Trees:
    return {
        "US": {e.code: e.tree for e in ccl.entries},
        "EU": {e.code: e.tree for e in annex.entries},
    }


@pytest.fixture(scope="module")
def served(
    trees: Trees, formalized: list[FormalEntry]
) -> tuple[dict[tuple[str, str], FormalEntry], dict[tuple[str, str], tuple[str, ...]]]:
    entries, widened = formalize_served(ROWS, trees, formalized, CURATED)
    return {(e.jurisdiction, e.code): e for e in entries}, widened


def test_us_6e001_serves_6a_to_6d_but_the_entries_it_excepts(served: tuple) -> None:
    entries, _ = served
    entry = entries[("US", "6E001")]
    assert entry.kinds == ("technology",) and entry.purposes == ("development",)
    codes = set(entry.serves)
    # "controlled by 6A (Except 6A991, 6A992, 6A994, 6A995 …)": lasers of 6A005 in, 6A995 out
    assert any(c.startswith("6A005.a") for c in codes)
    assert any(c.startswith("6A006.a") for c in codes)
    assert not any(c.startswith(("6A995", "6A991", "6A999.c", "6C992")) for c in codes)
    # a sub-entry is served through its group (6A005.a: CW lasers), never twice
    assert "6A005.a" in codes and not any(c.startswith("6A005.a.") for c in codes)
    assert len(codes) == len(entry.serves)
    # the EU text names the same categories without exceptions: 6A995 does not exist there
    assert entries[("EU", "6E001")].purposes == ("development",)
    assert entries[("EU", "6E002")].purposes == ("production",)


def test_ranges_and_continued_codes_as_the_texts_write_them(served: tuple) -> None:
    entries, _ = served
    # US 3E201 "3A001.e.2 or .e.3, 3A201 or 3A225 to 3A234"
    us = {c.split(".", 1)[0] for c in entries[("US", "3E201")].serves}
    assert {"3A201", "3A228", "3A230"} <= us  # formalized entries between 3A225 and 3A234
    assert us <= {"3A001", "3A201"} | {f"3A{n}" for n in range(225, 235)}
    assert "3A001.e.2" in entries[("US", "3E201")].serves
    # US 3D001 excepts "3B001.a.4, c, d, f.1, f.5, k to n …": 3B001.c, k and n are out, h in
    d001 = set(entries[("US", "3D001")].serves)
    assert not any(c.startswith(("3B001.c", "3B001.k", "3B001.n", "3B001.a.4")) for c in d001)
    assert any(c.startswith("3B001.h") for c in d001)
    # software "specially designed or modified" requires that fact; "specially designed" its own
    assert entries[("US", "4D001.a")].requires_facts == ("software-specially-designed-or-modified",)
    assert entries[("EU", "6D001")].requires_facts == ("software-specially-designed",)


def test_a_curated_entry_gains_what_its_text_names(served: tuple) -> None:
    _, widened = served
    # EU 3E001 (curated: the quantum rows) serves every 3A, 3B and 3C entry its text names
    eu = widened[("EU", "3E001")]
    assert any(c.startswith("3A002") for c in eu.codes)
    assert any(c.startswith("3B001") for c in eu.codes)
    assert "technology" not in eu.kinds and "rubidium-frequency-standard" in eu.kinds


def _one(code: str, jurisdiction: str) -> ServedRow:
    (row,) = [
        r
        for r in ROWS
        if r.code == code and (not r.jurisdictions or jurisdiction in r.jurisdictions)
    ]
    return replace(row, jurisdictions=(jurisdiction,))


@pytest.mark.parametrize(
    ("change", "column", "words"),
    [
        ({"purposes": ("development", "production")}, "purposes", "the text names development"),
        ({"serves": ("6A", "6B", "6C")}, "serves", "6D"),
        ({"serves": ("6A", "6B", "6C", "6D", "7A")}, "serves", "7A is not in the text"),
        ({"kind": "software"}, "kind", "not about software"),
    ],
)
def test_a_reading_the_text_does_not_bear_fails_the_load(
    trees: Trees, formalized: list[FormalEntry], change: dict, column: str, words: str
) -> None:
    row = replace(_one("6E001", "EU"), **change)
    with pytest.raises(SourceDataError) as raised:
        formalize_served([row], trees, formalized, CURATED)
    assert raised.value.column == column and words in raised.value.message


@pytest.mark.parametrize(
    ("code", "jurisdiction", "words"),
    [
        ("4E001.a", "US", "controlled under"),  # "and 'use' of equipment controlled under 4A090"
        ("5E001.a", "US", "excluding"),  # "'use' (excluding operation)"
        ("6E201", "US", "meet or exceed"),  # "(that meet or exceed the parameters of 6A205)"
        ("4D001.b", "US", "other than"),
    ],
)
def test_a_condition_served_entries_cannot_express_keeps_the_text(
    trees: Trees, formalized: list[FormalEntry], code: str, jurisdiction: str, words: str
) -> None:
    row = ServedRow(code, (jurisdiction,), "technology", ("use",), ("4A",), (), (), "t", 1)
    with pytest.raises(SourceDataError) as raised:
        formalize_served([row], trees, formalized, CURATED)
    assert words in raised.value.message and "stays text" in raised.value.message


def test_a_row_whose_entries_are_all_text_fails_the_load(
    trees: Trees, formalized: list[FormalEntry], tmp_path: Path
) -> None:
    # US 3E202 serves the software of 3D201 and 3D202, of which nothing is formalized: an entry
    # serving nothing would be answered for any technology
    row = ServedRow(
        "3E202",
        ("US",),
        "technology",
        ("development", "production", "use"),
        ("3D201", "3D202"),
        (),
        (),
        "t",
        7,
    )
    with pytest.raises(SourceDataError) as raised:
        formalize_served([row], trees, formalized, CURATED)
    assert raised.value.line == 7 and "none of the entries it names" in raised.value.message


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
@pytest.mark.parametrize("code", ["4D001.b.1", "4E001.b.1"])
def test_software_and_technology_for_computers_state_the_served_figure(
    found: dict[tuple[str, str], FormalEntry], jurisdiction: str, code: str
) -> None:
    # "“Digital computers” having an “Adjusted Peak Performance” (“APP”) exceeding 24 Weighted
    # TeraFLOPS (WT)" (both lists), for the "development" or "production" of such computers
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None
    assert entry.purposes == ("development", "production")
    assert entry.serves_kinds == ("digital-computer",)
    ((criterion,),) = entry.ways
    assert (criterion.parameter, criterion.comparator, criterion.value) == (
        "adjusted-peak-performance",
        ">",
        24,
    )
    assert criterion.unit.endswith("WeightedTeraFLOPS")
    fact = "not-controlled-by-4e001-a" if code.startswith("4E") else "not-controlled-by-4d001-a"
    assert fact in entry.requires_facts


def test_a_second_row_for_one_paragraph_fails_the_load(
    trees: Trees, formalized: list[FormalEntry]
) -> None:
    """Two rows for US 6E201 (a merge kept the row it replaced) made two entries of one IRI — two
    sort keys, and a what-if that saw the US list changed by any change at all."""
    row = _one("6E001", "EU")
    again = replace(row, line=row.line + 40)
    with pytest.raises(SourceDataError) as raised:
        formalize_served([row, again], trees, formalized, CURATED)
    assert raised.value.line == row.line + 40
    assert f"read by line {row.line} already" in raised.value.message
