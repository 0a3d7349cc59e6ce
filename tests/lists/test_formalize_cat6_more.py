"""More Category 6 paragraphs read from the official texts (families.csv, phrases.csv); the
reader: a sub-paragraph "Having any of the following:" under an "all of" paragraph is read as
alternatives."""

from __future__ import annotations

from decimal import Decimal

from exportgraph.loaders import formalize, formalize_tree
from exportgraph.loaders.listed_text import TextNode

from exportgraph.paths import ontology_dir

ONTOLOGY = ontology_dir()
Criterion = tuple[str, str, Decimal, str]
Way = frozenset[Criterion]


def _criterion(parameter: str, comparator: str, value: str, unit: str) -> Criterion:
    return (parameter, comparator, Decimal(value), unit)


def _ways(entry: formalize.FormalEntry) -> set[Way]:
    return {
        frozenset((c.parameter, c.comparator, c.value, c.unit.rsplit("/", 1)[-1]) for c in way)
        for way in entry.ways
    }


def _node(code: str, text: str, *children: TextNode) -> TextNode:
    parts = tuple(code.split(".")[1:])
    parent = code.rsplit(".", 1)[0] if parts else None
    return TextNode("US", code, parts, text, (), parent, children, 1)


def test_having_any_of_the_following_under_all_of_is_read_as_alternatives() -> None:
    """A sub-paragraph saying only "Having any of the following:" has no conditions of its own:
    its sub-paragraphs are alternatives, each required with its siblings' conditions (before,
    the whole family stayed text: "a paragraph without conditions")."""
    units = formalize.read_units(ONTOLOGY, "units.csv")
    phrases = formalize_tree.read_phrases(ONTOLOGY, "phrases.csv")
    root = _node(
        "6A005.a", "Lasers having all of the following:",
        _node("6A005.a.1", "Output wavelength less than 150 nm;"),
        _node(
            "6A005.a.2", "Having any of the following:",
            _node("6A005.a.2.a", "Output power exceeding 1 W; or"),
            _node("6A005.a.2.b", "Output power less than 1 mW;"),
        ),
    )  # fmt: skip
    family = formalize_tree.Family("6A005.a", (), ("non-tunable-cw-laser",), (), (), "", 1, "f")
    trees = {"US": {"6A005": _node("6A005", "Lasers", root)}}
    entries = formalize_tree.formalize_families([family], phrases, trees, units, {})
    (entry,) = [e for e in entries if e.code == "6A005.a"]
    short = _criterion("laser-output-wavelength", "<", "150", "NanoM")
    assert entry.text_only is None
    assert _ways(entry) == {
        frozenset({short, _criterion("laser-cw-output-power", ">", "1", "W")}),
        frozenset({short, _criterion("laser-cw-output-power", "<", "1", "MilliW")}),
    }
