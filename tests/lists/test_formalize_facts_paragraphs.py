"""A family's ``facts_paragraphs`` may name a paragraph anywhere below its root (US 3B001.d.8.c.1,
under 3B001.d.8.c), as long as its parent requires all its sub-paragraphs: a required fact among
alternatives would be required of every way, and the load refuses it."""

from __future__ import annotations

import pytest
from exportgraph.loaders import formalize, formalize_tree
from exportgraph.loaders.formalize_clauses import LEAD_IN, Phrase
from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.tables import SourceDataError

from exportgraph.paths import ontology_dir

UNITS = formalize.read_units(ontology_dir(), "units.csv")
VESSEL = "ald-precursor-vessel-operating-temperature"
WORK_FUNCTION = "deposited-work-function-metal-work-function"
PHRASES = [
    Phrase("3B001.d.8", "Precursor vessel designed to operate at a temperature {}", VESSEL, "", None, "", "", 1),
    Phrase("3B001.d.8", "Enabling a work function {}", WORK_FUNCTION, "", None, "", "", 2),
    Phrase("3B001.d.8", "Designed for depositing a metal", LEAD_IN, "", None, "", "", 3),
]  # fmt: skip


def _node(path: str, text: str, *kids: TextNode) -> TextNode:
    code = "3B001." + path
    return TextNode("US", code, tuple(path.split(".")), text, (), code.rsplit(".", 1)[0], kids, 1)


def _read(mode: str, facts: str) -> list[formalize.FormalEntry]:
    root = _node(
        "d.8", "Equipment designed for deposition having all of the following:",
        _node("d.8.a", "Precursor vessel designed to operate at a temperature greater than 30 °C; and"),
        _node(
            "d.8.c", f"Designed for depositing a metal having {mode} of the following:",
            _node("d.8.c.1", "Deposition of titanium-aluminum carbide (TiAlC); and"),
            _node("d.8.c.2", "Enabling a work function greater than 4.0 eV;"),
        ),
    )  # fmt: skip
    family = formalize_tree.Family(
        "3B001.d.8", ("US",), ("work-function-metal-ald-equipment",), (),
        ("ald-deposits-tialc-work-function-metal",), "", 1, "families.csv", "", tuple(facts.split()),
    )  # fmt: skip
    heading = TextNode("US", "3B001.d", ("d",), "Deposition equipment, as follows:", (), "3B001", (root,), 1)  # fmt: skip
    trees = {"US": {"3B001": TextNode("US", "3B001", (), "Equipment, as follows:", (), None, (heading,), 1)}}  # fmt: skip
    return formalize_tree.formalize_families([family], PHRASES, trees, UNITS, {})


def test_a_fact_paragraph_below_a_sub_paragraph_of_all() -> None:
    (entry,) = _read("all", "3B001.d.8.c.1")
    assert entry.text_only is None
    assert {(c.parameter, c.comparator, str(c.value)) for c in entry.criteria} == {
        (VESSEL, ">", "30"),
        (WORK_FUNCTION, ">", "4.0"),
    }
    assert entry.requires_facts == ("ald-deposits-tialc-work-function-metal",)


def test_without_the_fact_paragraph_its_words_are_not_read() -> None:
    (entry,) = _read("all", "")
    assert entry.text_only and "3B001.d.8.c.1" in entry.text_only


def test_a_fact_paragraph_among_alternatives_fails_the_load() -> None:
    with pytest.raises(SourceDataError, match="not under 'all of the following'"):
        _read("any", "3B001.d.8.c.1")


def test_a_fact_paragraph_outside_the_root_fails_the_load() -> None:
    with pytest.raises(SourceDataError, match="not a paragraph below it"):
        _read("all", "3B001.d.9")
