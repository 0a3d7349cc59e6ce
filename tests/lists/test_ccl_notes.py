"""Where the notes of the Commerce Control List go (loaders/ccl_notes.py): the eCFR XML sets every
NOTE flat after the last paragraph read; a note closing a list belongs to the paragraph it is
about, as the EU's Annex I (which keeps the Wassenaar layout) places the same notes."""

from __future__ import annotations

import pytest
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.ccl_notes import common_ancestor, mentioned


def _notes(ccl: CommerceControlList, code: str) -> list[str]:
    node = ccl.entry(code.split(".", 1)[0]).tree.find(code)
    assert node is not None, code
    return [f"{n.heading} {n.text}" for n in node.notes]


@pytest.mark.parametrize(
    ("code", "last", "starts"),
    [
        # the N.B.s and Technical Notes after 3A001.a.14.b.2 "Processing of digitized data;"
        (
            "3A001.a.14",
            "3A001.a.14.b.2",
            ["N.B.: 1: For analog-to-digital", "N.B.: 2: For field", "Technical Notes: For the"],
        ),
        # "Repetitive peak off-state voltage in 3A001.h includes …" after 3A001.h.3
        ("3A001.h", "3A001.h.3", ["Technical Note:", "Note 1: Repetitive", "Note 2:", "Note 3:"]),
        # "The control status of a transistor in 3A001.b.3.a through 3A001.b.3.e …" after b.3.f
        ("3A001.b.3", "3A001.b.3.f", ["Note 1: The control status of a transistor", "Note 2:"]),
        # an N.B. that names only other paragraphs goes with the Technical Notes of its run
        ("3A002.h", "3A002.h.2.c", ["N.B.: Digital data recorders", "Technical Notes:", "Note:"]),
        ("3A001.a.5.a", "3A001.a.5.a.5", ["N.B.: For integrated circuits", "Technical Notes:"]),
        # Category 1: "… are specified by … in 1C010.a, 1C010.b or 1C010.c" names no subject
        ("1C010.e", "1C010.e.2.c", ["Note 1: Metal or carbon coated", "Note 2:", "Technical"]),
        # Category 5: "For items specified by 5A001.f.1 …" after 5A001.f.4; N.B. 2 goes with it;
        # "5A001.f.1 and 5A001.f.2 do not apply …", read after 5A001.f.1, names both
        (
            "5A001.f",
            "5A001.f.4",
            ["Note: 5A001.f.1 and 5A001.f.2 do not apply", "N.B. 1: See also the", "N.B. 2:"],
        ),
        # Category 6: a note naming the paragraph it follows and one of another list
        (
            "6A005.d.1.e",
            "6A005.d.1.e.2",
            ["Note 1: 'Stacked arrays'", "Note 2:", "Note 3:", "Technical Notes:"],
        ),
    ],
)
def test_notes_closing_a_list_belong_to_the_paragraph_they_are_about(
    ccl: CommerceControlList, code: str, last: str, starts: list[str]
) -> None:
    notes = _notes(ccl, code)
    assert len(notes) == len(starts), notes
    assert all(note.startswith(start) for note, start in zip(notes, starts, strict=True)), notes
    assert _notes(ccl, last) == []


@pytest.mark.parametrize(
    ("code", "start"),
    [
        ("9A010.a.3", "Note: The weight cut-off is not relevant for nose cones"),
        ("1C111.b.5", "Technical Note: Polytetrahydrofuran polyethylene glycol (TPEG)"),
        ("3A001.b.1", "Note 1: 3A001.b.1 does not control"),
    ],
)
def test_a_note_about_the_paragraph_it_follows_stays_there(
    ccl: CommerceControlList, code: str, start: str
) -> None:
    assert _notes(ccl, code)[0].startswith(start)


def test_a_lettered_paragraph_the_xml_sets_inside_a_note_is_a_paragraph(
    ccl: CommerceControlList,
) -> None:
    # "<P>a.3. Non-“space-qualified” “focal plane arrays” as follows:</P>" closes the NOTE to
    # 6A002.a.2.c.3 in the XML, and "b. Materials not transparent …" the Note 2 to 1C001.a
    fpa = ccl.entry("6A002").tree.find("6A002.a.3")
    assert fpa is not None and fpa.text.startswith("Non-“space-qualified” “focal plane arrays”")
    assert fpa.children[0].code == "6A002.a.3.a"
    assert fpa.notes[0].heading == "N.B.:"
    assert fpa.notes[0].text.startswith("'Microbolometer' non-“space-qualified”")
    assert any(n.text.startswith("6A002.a.3 includes photoconductive") for n in fpa.notes)
    photocathodes = _notes(ccl, "6A002.a.2.c.3")
    assert len(photocathodes) == 1 and "a.3. Non" not in photocathodes[0]
    absorbers = ccl.entry("1C001").tree.find("1C001.b")
    assert absorbers is not None and "exceeding 810 nm" in absorbers.text
    assert absorbers.notes[0].text.startswith("1C001.b does not apply")


def test_us_notes_sit_where_the_eu_text_sets_the_same_notes(
    ccl: CommerceControlList, annex: AnnexI
) -> None:
    """Notes of the entries both lists number (337), matched by their first words: 239 sit on the
    EU's paragraph, 8 below it (204 and 42 when every note went to the last paragraph read)."""
    eu = {entry.code: entry.tree for entry in annex.entries}
    same = deeper = 0
    for code in (eccn.code for eccn in ccl.entries if eccn.code in eu):
        where = {_key(n): node.path for node in eu[code].walk() for n in node.notes}
        for node in ccl.entry(code).tree.walk():
            for note in node.notes:
                path = where.get(_key(note))
                if path is None:
                    continue
                same += path == node.path
                deeper += path != node.path and node.path[: len(path)] == path
    assert same >= 235 and deeper <= 10, (same, deeper)


def _key(note: object) -> str:
    text = f"{getattr(note, 'heading', '')} {getattr(note, 'text', '')}".lower()
    text = text.replace("analogue", "analog").replace("digitised", "digitized")
    return "".join(ch for ch in text if ch.isalpha())[:40]


def test_what_a_note_names() -> None:
    text = "For items specified by 5A001.f.1 (as 5A001.i), see also 5A980; see 5A001.b.5."
    assert mentioned("5A001", text) == [("f", "1"), ("i",)]
    assert common_ancestor([("f", "4"), ("f", "1")]) == ("f",)
    assert common_ancestor([("b", "3", "f"), ("b", "3", "a"), ("b", "3", "e")]) == ("b", "3")
    assert common_ancestor([("a",), ("b",)]) == ()


@pytest.mark.parametrize(
    ("code", "follows", "start"),
    [
        ("5A001.f", "5A001.f.1", "Note: 5A001.f.1 and 5A001.f.2 do not apply"),
        ("7A001.a", "7A001.a.1", "Note: 7A001.a.1 and 7A001.a.2 do not apply"),
        ("6A004.a", "6A004.a.2", "Note: 6A004.a.2 and 6A004.a.3 do not apply"),
    ],
)
def test_a_note_starting_with_a_list_of_paragraphs_goes_to_the_one_enclosing_them(
    ccl: CommerceControlList, code: str, follows: str, start: str
) -> None:
    assert any(note.startswith(start) for note in _notes(ccl, code)), _notes(ccl, code)
    assert not any(note.startswith(start) for note in _notes(ccl, follows))
