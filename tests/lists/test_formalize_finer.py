""" "Finer than" and "or finer" (loaders/formalize_words.py): of a length finer when smaller (a
resolution, precision or positioning accuracy in micrometres, US 3B991/3B992) they bound it from
above, and coverage counts them; "no better than" is neither read nor counted, a signed tolerance
("finer than ±0.25 micrometer") is counted and read only by a phrase that reads one (the ± phrases
of tests/lists/test_formalize_h18c3.py; here it is not). The expected values were written from the CCL text in
ontology/sources/; phrases are made here (not rows of phrases.csv): what is tested is the
reader."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.formalize_clauses import NotRead, ParagraphReader, Phrase
from exportgraph.loaders.formalize_words import sign, sign_after, stated_thresholds
from exportgraph.loaders.listed_text import TextNode

from exportgraph.paths import ontology_dir

UNITS = formalize.read_units(ontology_dir(), "units.csv")


def _node(ccl: CommerceControlList, code: str) -> TextNode:
    tree = next(e.tree for e in ccl.entries if e.code == code.split(".")[0])
    node = tree.find(code)
    assert node is not None, code
    return node


def _read(node: TextNode, template: str) -> set[tuple[str, str, Decimal, str]]:
    phrase = Phrase(node.code, template, "p", "", None, "", "", 0)
    reading = ParagraphReader([phrase], UNITS).read(node)
    return {(c.parameter, c.comparator, c.value, c.unit.rsplit("/", 1)[-1]) for c in reading.criteria}  # fmt: skip


def test_signs() -> None:
    assert sign("finer than") == "<"
    assert sign("Finer than") == "<"
    assert sign_after("or finer") == "<="
    assert sign_after("or less") == "<="
    assert sign_after("or more") == ">="


@pytest.mark.parametrize(
    ("code", "stated"),
    [
        ("3B992.b.3.a", 1),  # "Positioning accuracy finer than 3.5 micrometer;"
        ("3B991.b.2.e.1", 1),  # "A resolution of 0.25 micrometer or finer; and"
        ("3B991.b.2.e.2", 2),  # "0.75 micrometer or finer over a distance … of 63.5 mm or more"
        ("3B991.b.1.j.5", 1),  # "… precision of 1 micrometer or finer;"
        ("3B992.b.2.b", 1),
        ("3B992.b.2.c", 2),  # "10 micrometer or less with a resolution of 1 micrometer or finer"
        ("3B992.b.6.a", 1),
        # a signed tolerance: counted, read only by a "±" phrase (test_formalize_h18c3.py)
        ("3B991.b.2.f.2", 1),  # "Alignment with a precision finer than ±0.25 micrometer (3 sigma);"
        ("3B991.b.2.f.3", 0),  # "Machine-to-machine overlay no better than ±0.3 micrometer; or"
        ("3B991.b.3.a.3", 1),  # "Placement accuracy in the X-Y plane of finer than ±10 micrometer;"
    ],
)
def test_counted(ccl: CommerceControlList, code: str, stated: int) -> None:
    assert stated_thresholds(_node(ccl, code).text) == stated


def test_finer_than_read(ccl: CommerceControlList) -> None:
    node = _node(ccl, "3B992.b.3.a")
    assert _read(node, "Positioning accuracy {}") == {("p", "<", Decimal("3.5"), "MicroM")}


def test_or_finer_read(ccl: CommerceControlList) -> None:
    node = _node(ccl, "3B991.b.2.e.1")
    assert _read(node, "A resolution of {}") == {("p", "<=", Decimal("0.25"), "MicroM")}


def test_a_signed_tolerance_is_not_read(ccl: CommerceControlList) -> None:
    node = _node(ccl, "3B991.b.2.f.2")
    with pytest.raises(NotRead):
        _read(node, "Alignment with a precision {} (3 sigma)")
    node = _node(ccl, "3B991.b.2.f.3")
    with pytest.raises(NotRead):
        _read(node, "Machine-to-machine overlay {}")
