"""EU Annex I read as trees, its defined terms and the general authorisations of Annex II."""

from __future__ import annotations

import json

from exportgraph.loaders.annex_i import AnnexI

from tests.lists.conftest import source_path


def test_all_384_entries_with_their_paragraphs(annex: AnnexI) -> None:
    raw = json.loads(source_path("eu-2021-821-annex-i-20251115.json").read_text("utf-8"))
    assert len(annex.entries) == 384 == len(raw["index"])
    assert [e.code for e in annex.entries] == [i["code"] for i in raw["index"]]
    paragraphs = sum(1 for e in annex.entries for _ in e.tree.walk())
    assert paragraphs > 3000
    assert all(e.tree.public_id.startswith("EU:") for e in annex.entries)


def test_4a506_tree_and_note_1(annex: AnnexI) -> None:
    tree = annex.entry("4A506").tree
    a = tree.find("4A506.a")
    assert a is not None
    assert [c.code for c in a.children] == [f"4A506.a.{n}" for n in range(1, 9)]
    assert "'C-NOT error' of less than or equal to 10-4" in a.children[0].text
    # the extraction prefixes Note 1 with "4A506.c"; its words name 4A506, where it belongs
    note = next(n for n in tree.notes if n.heading == "Note 1:")
    assert "circuit model (or gate-based)" in note.text
    assert "one-way (or measurement-based)" in note.text
    assert "does not apply to adiabatic (or annealing) quantum computers" in note.text
    c = tree.find("4A506.c")
    assert c is not None and [n.heading for n in c.notes] == ["Note 4:"]
    assert [n.heading for n in tree.find("4A506.b").notes] == ["Note 3:"]  # type: ignore[union-attr]


def test_defined_terms_and_their_use(annex: AnnexI) -> None:
    laser = annex.term("laser")
    assert laser.term == "Laser" and laser.definition
    accuracy = annex.term("accuracy")
    assert accuracy.categories == ("2", "3", "6", "7")
    assert "inaccuracy" in accuracy.definition
    # 4A506 quotes "electronic assemblies": the defined term "Electronic assembly"
    assert "electronic assembly" in annex.entry("4A506").defined_terms
    assert "laser" in annex.entry("6A005").defined_terms


def test_general_authorisations(annex: AnnexI) -> None:
    by_id = {g.id: g for g in annex.authorisations}
    assert sorted(by_id) == [f"EU00{n}" for n in range(1, 9)]
    eu001 = by_id["EU001"]
    assert not eu001.all_destinations and eu001.covers_all_items
    assert {iso for _, iso in eu001.destinations} == {
        "AU",
        "CA",
        "IS",
        "JP",
        "NZ",
        "NO",
        "CH",
        "LI",
        "GB",
        "US",
    }
    assert any("Section I" in words for words in eu001.excluded_items)
    assert "1C351" in annex.section_i and "9A117" in annex.section_i
    eu003 = by_id["EU003"]
    assert "1C350" in eu003.item_codes and "9A011" in eu003.item_codes
    assert ("French overseas territories", None) in eu003.destinations  # kept as a name
    assert {"CN", "HK", "MO", "BA"} <= {iso for _, iso in eu003.destinations}
    eu002 = by_id["EU002"]
    assert not eu002.covers_all_items and "3A001.a.3" in eu002.item_codes
    eu008 = by_id["EU008"]
    assert eu008.all_destinations
    assert {"CN", "RU", "KP", "MM"} <= {iso for _, iso in eu008.destinations}
    assert any("EU001" in c for c in eu008.destination_conditions)
