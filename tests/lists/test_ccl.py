"""The Commerce Control List read as trees: shape of real entries, header data, counts."""

from __future__ import annotations

import re

from exportgraph.loaders.ccl_model import CommerceControlList

from tests.lists.conftest import source_path


def test_every_eccn_heading_of_the_file_is_an_entry(ccl: CommerceControlList) -> None:
    raw = source_path("us-ccl-15cfr774-supp1.xml").read_text(encoding="utf-8")
    headings = set(re.findall(r"<FP-[12]><B>(\d[A-E]\d{3})\b", raw))
    codes = [eccn.code for eccn in ccl.entries]
    assert len(codes) == len(set(codes)) == len(headings) == 638
    assert set(codes) == headings
    assert {eccn.category for eccn in ccl.entries} == {str(n) for n in range(10)}
    assert all(eccn.code[1] == eccn.group for eccn in ccl.entries)


def test_3a001_tree_notes_and_header(ccl: CommerceControlList) -> None:
    eccn = ccl.entry("3A001")
    assert (eccn.category_title, eccn.group) == ("Electronics", "A")
    tree = eccn.tree
    assert tree.public_id == "US:3A001"
    assert tree.text.startswith("Electronic items as follows")
    assert [child.code for child in tree.children][:3] == ["3A001.a", "3A001.b", "3A001.c"]
    node = tree.find("3A001.a.1.a")
    assert node is not None
    assert node.parent == "3A001.a.1" and node.path == ("a", "1", "a")
    assert node.text == "A total dose of 5 × 10^3 Gy (Si), or higher;"  # superscript kept
    a2 = tree.find("3A001.a.2")
    assert a2 is not None
    # the N.B. and the Note after a.2.c are a.2's (loaders/ccl_notes.py)
    assert [n.heading for n in a2.notes] == ["Technical Note:", "N.B.:", "Note:"]
    assert "civil automobile or railway" in a2.notes[2].text
    assert [c.code for c in a2.children] == ["3A001.a.2.a", "3A001.a.2.b", "3A001.a.2.c"]
    # the text skips z.1: its sub-items hang under z
    z = tree.find("3A001.z")
    assert z is not None and "3A001.z.1.a" in [c.code for c in z.children]
    assert eccn.reasons == ("NS", "RS", "MT", "NP", "AT")
    columns = [(row.reason, row.columns) for row in eccn.licence_requirements]
    assert ("NS", ("NS2",)) in columns and ("MT", ("MT1",)) in columns
    assert ("AT", ("AT1",)) in columns
    rs_worldwide = [r for r in eccn.licence_requirements if "z.1.a" in r.applies_to]
    assert rs_worldwide[0].columns == () and "worldwide" in rs_worldwide[0].chart
    exceptions = {e.code: e.text for e in eccn.licence_exceptions}
    assert "$1500: 3A001.c." in exceptions["LVS"]  # the continuation lines belong to LVS
    assert exceptions["GBS"].startswith("Yes for 3A001.a.1.b")
    assert "Country Group A:5 or A:6" in exceptions["STA"]
    assert eccn.related_definitions.startswith("'Microcircuit' means")
    assert "3A901" in eccn.related_controls


def test_3a901_and_4a906_quantum_entries(ccl: CommerceControlList) -> None:
    cryo = ccl.entry("3A901").tree
    amplifier = cryo.find("3A901.b")
    assert amplifier is not None
    assert [c.text.split(" ")[0] for c in amplifier.children] == ["Designed", "Designed", "A"]
    assert {n.heading for n in amplifier.notes} == {"Note:", "Technical Note:"}
    computer = ccl.entry("4A906")
    assert [c.code for c in computer.tree.find("4A906.a").children] == [  # type: ignore[union-attr]
        f"4A906.a.{n}" for n in range(1, 9)
    ]
    notes = {n.heading: n.text for n in computer.tree.notes}
    assert "does not apply to adiabatic (or annealing)" in notes["Note 1:"]
    assert "'C-NOT error'" in notes["Technical Notes:"]
    b = computer.tree.find("4A906.b")
    assert b is not None and b.notes[0].heading == "Note 3:"  # "Items specified by 4A906.b…"
    rows = computer.licence_requirements
    assert [r.reason for r in rows] == ["NS", "RS", "AT"]
    assert rows[0].chart.startswith("Worldwide control") and rows[2].columns == ("AT1",)
    assert [e.code for e in computer.licence_exceptions] == ["LVS", "GBS", "IEC", "STA"]


def test_5a002_and_6a005(ccl: CommerceControlList) -> None:
    crypto = ccl.entry("5A002")
    assert crypto.subheading.startswith("I. Cryptographic")
    assert crypto.reasons == ("NS", "RS", "AT", "EI")
    headings = [n.heading for n in crypto.tree.notes]
    assert "License Requirements Note:" in headings
    a4 = crypto.tree.find("5A002.a.4")
    assert a4 is not None and any(n.heading == "N.B. to paragraph a.4:" for n in a4.notes)
    lasers = ccl.entry("6A005")
    assert [c.code for c in lasers.tree.children] == [f"6A005.{x}" for x in "abcdefg"]
    assert [(r.reason, r.columns) for r in lasers.licence_requirements] == [
        ("NS", ("NS2",)),
        ("NP", ("NP1",)),
        ("AT", ("AT1",)),
    ]
    assert sum(1 for _ in lasers.tree.walk()) > 150


def test_headers_other_paragraphs_and_group_notes(ccl: CommerceControlList) -> None:
    label, words = ccl.entry("4E906").other_paragraphs[0]
    assert label == "Special Reporting" and "§ 743.8" in words
    assert ccl.entry("4E906").tree.text.startswith("“Technology” according to")
    opening = [g for g in ccl.group_texts if g.category == "3" and g.group == "A"]
    assert opening and opening[0].notes[0].heading == "Note 1:"


def test_a_lettered_list_a_header_introduces_is_not_the_entrys_items(
    ccl: CommerceControlList,
) -> None:
    """ "ECCN Controls: This entry does not control the following:" and "Related Controls: … are
    subject to the ITAR …:" are followed by lettered paragraphs before "Items:": they are that
    header's list. Read as items, 1C230.a ("Metal windows for X-ray machines", excluded) was a
    controlled paragraph, 1A008 gained the ITAR list's e-g, and 1C240.a began with an exclusion."""
    for code in ("1C230", "1C237"):
        eccn = ccl.entry(code)
        assert not eccn.tree.children
        label, words = eccn.other_paragraphs[0]
        assert label == "ECCN Controls" and "\na. " in words and "\nb. " in words
    assert "Metal windows for X-ray machines" in ccl.entry("1C230").other_paragraphs[0][1]
    nickel = ccl.entry("1C240")
    assert [c.text for c in nickel.tree.children] == [
        "Nickel powder having both of the following characteristics:",
        "Porous nickel metal produced from materials controlled by 1C240.a.",
    ]
    assert "a. Filamentary nickel powders;" in nickel.other_paragraphs[0][1]
    charges = ccl.entry("1A008")
    assert [c.code for c in charges.tree.children] == [f"1A008.{x}" for x in "abcd"]
    assert charges.tree.children[0].text == "'Shaped charges' having all of the following:"
    assert "a. High explosives and related equipment" in charges.related_controls
