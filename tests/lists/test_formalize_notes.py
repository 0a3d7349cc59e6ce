"""Notes 1 and 2 to Category 3, Product Group A, read from notes.csv (loaders/formalize_notes.py):
every formalized 3A001/3A002 paragraph the notes describe requires the note's fact and carries its
words; the paragraphs Note 1 excepts (3A001.a.3-a.10, a.12-a.14, b.12) are Note 2's or neither's."""

from __future__ import annotations

import pytest
from exportgraph.loaders import formalize, formalize_notes, formalize_tree
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl import CommerceControlList
from exportgraph.loaders.listed_text import Note
from exportgraph.loaders.tables import SourceDataError, read_table

from exportgraph.paths import ontology_dir

ONTOLOGY = ontology_dir()
NOTES = formalize_notes.read_notes(ONTOLOGY, "notes.csv")
NOTE_1, NOTE_2 = "not-specially-designed-for-other-equipment", "not-programmed-for-other-equipment"


@pytest.fixture(scope="module")
def found(ccl: CommerceControlList, annex: AnnexI) -> list[formalize.FormalEntry]:
    trees = {
        "US": {e.code: e.tree for e in ccl.entries},
        "EU": {e.code: e.tree for e in annex.entries},
    }
    units = formalize.read_units(ONTOLOGY, "units.csv")
    rules = formalize.read_rules(ONTOLOGY, "rules.csv")
    families = formalize_tree.read_families(ONTOLOGY, "families.csv")
    phrases = formalize_tree.read_phrases(ONTOLOGY, "phrases.csv")
    entries = formalize.formalize(rules, trees, units, {})
    entries += formalize_tree.formalize_families(families, phrases, trees, units, {})
    return formalize_notes.apply_notes(entries, NOTES)


def test_each_paragraph_under_a_note_asks_its_fact(found: list[formalize.FormalEntry]) -> None:
    by_code = {(e.jurisdiction, e.code): e for e in found}
    for jurisdiction in ("US", "EU"):
        # 3A002.g.2 "Non-rubidium and having a long-term stability less (better) than 1 × 10−11/month"
        g2 = by_code[(jurisdiction, "3A002.g.2")]
        assert g2.requires_facts == (NOTE_1,)
        assert g2.notes and g2.notes[0].startswith("Note 1 to Category 3, Product Group A")
        assert by_code[(jurisdiction, "3A002.f")].requires_facts == (
            "measures-amplitude-and-phase-simultaneously",
            NOTE_1,
        )
        # excepted from Note 1, described by Note 2
        assert by_code[(jurisdiction, "3A001.a.13.b")].requires_facts == (NOTE_2,)
        assert NOTE_1 not in by_code[(jurisdiction, "3A001.a.5.a.2")].requires_facts
    under = [e for e in found if e.code.startswith(("3A001", "3A002"))]
    # 3A001.a.10 is excepted from Note 1 ("other than … 3A001.a.3 to 3A001.a.10") and not among
    # Note 2's ("3A001.a.3 to 3A001.a.9, … 3A001.a.12 to 3A001.a.14"): neither applies to it;
    # nor to 3A001.b.12 (transmit/receive modules: excepted from Note 1, not integrated circuits)
    neither = [e for e in under if e.code.startswith(("3A001.a.10", "3A001.b.12"))]
    assert neither and all(
        NOTE_1 not in e.requires_facts and NOTE_2 not in e.requires_facts for e in neither
    )
    assert under and all(
        (NOTE_1 in e.requires_facts) != (NOTE_2 in e.requires_facts)
        for e in under
        if e not in neither
    )
    # in Category 6 only the Notes to 6A005.d.1 (semiconductor lasers specially designed for other
    # equipment) and to 6A001.a.2.a (hydrophones, likewise) hand the control status over; Note 1
    # to 6A008.j (surveying LIDAR only in 6A008.j.3) asks its fact of 6A008.j.1 and 6A008.j.2; the
    # Notes to 6A005.a.2 (argon lasers), 6A005.c.1 (multimode dye lasers) and 6A008.k.2 (marine
    # radar) take items out of their own paragraph, asked as facts
    noted = [e for e in found if e.code.startswith("6A") and e.notes]
    under = (
        "6A005.d.1", "6A001.a.2.a", "6A008.j.1", "6A008.j.2", "6A005.a.2", "6A005.c.1", "6A008.k.2"
    )  # fmt: skip
    assert noted and all(e.code.startswith(under) for e in noted)


def test_a_group_holding_excepted_paragraphs_fails_the_load(
    found: list[formalize.FormalEntry],
) -> None:
    (entry,) = [e for e in found if (e.jurisdiction, e.code) == ("EU", "3A002.g.2")]
    group = formalize.FormalEntry(
        "EU", "3A001", None, "Electronic items as follows:", ("x",), (), (), (), None
    )
    with pytest.raises(SourceDataError, match=r"3A001 holds .* exceptions below it"):
        formalize_notes.apply_notes([entry, group], NOTES)


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_curated_rows_under_a_note_ask_its_fact_too(jurisdiction: str) -> None:
    """The curated quantum rows (ontology/controls/{J}/entries.csv) stand under the same notes:
    US Note 1 covers 3A901 and Note 2 the integrated circuits of 3A901; EU Note 1 covers 3A501
    "other than … 3A501.a.15", which Note 2 does not name."""
    path = ONTOLOGY / "controls" / jurisdiction / "entries.csv"
    asked = {
        row.require("code"): set(row.words("requires_facts"))
        for row in read_table(path, ("code",))
        if row.get("kinds")
    }
    expected: dict[str, set[str]] = {code: set() for code in asked}
    for note in NOTES:
        if jurisdiction not in note.jurisdictions:
            continue
        for code in asked:
            if _within(code, note.under) and not _within(code, note.excepted):
                expected[code].add(note.fact)
    for code, facts in expected.items():
        assert facts <= asked[code], (code, facts - asked[code])
    heading_notes = {NOTE_1, NOTE_2}
    if jurisdiction == "US":
        assert (
            asked["3A901.a"] & heading_notes
            == asked["3A901.b"] & heading_notes
            == {
                NOTE_1,
                NOTE_2,
            }
        )
    else:
        assert asked["3A501.b.13"] & heading_notes == {NOTE_1}
        assert asked["3A501.a.15"] & heading_notes == set()


def _within(code: str, codes: tuple[str, ...]) -> bool:
    return any(code == c or code.startswith(c + ".") for c in codes)


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("For excimer “lasers” “specially designed” for lithography equipment, see 3B001.", True),
        ("For focused, deflected-beam systems(direct write systems), see 3B991.b.1.j or b.10.", True),
        ("See § 740.2(a)(9)(ii) of the EAR for license exception restrictions for ECCN 3A001.z.", True),
        ("6A005.a.2 does not control Argon “lasers” having an output power equal to or less than 50 W.", False),
        ("LIDAR equipment “specially designed” for surveying is only specified by 6A008.j.3.", False),
        ("For the purposes of 6A005.a.1, 'x' means y.", False),
    ],
)  # fmt: skip
def test_a_note_that_only_points_elsewhere_takes_nothing_out(text: str, points: bool) -> None:
    # the US prints as a Note what Annex I prints as an N.B. (6A005.d.4.d.2 / 6A005.d.4)
    assert formalize_notes.points_elsewhere(Note("note", "Note:", text, 1)) is points


def test_the_us_excimer_pointer_leaves_6a005_d_4_d_complete(
    formalized: list[formalize.FormalEntry],
) -> None:
    found = {(e.jurisdiction, e.code): e for e in formalized}
    for jurisdiction in ("US", "EU"):
        entry = found[(jurisdiction, "6A005.d.4.d")]
        assert entry.text_only is None and entry.criteria
