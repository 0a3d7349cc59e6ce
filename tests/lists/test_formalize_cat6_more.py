"""More Category 6 families read from the official texts (families.csv, phrases.csv): lightweight
mirrors (6A004.a.2, 6A004.a.3), resonator alignment equipment (6A004.d.2.b) and gimbals
(6A004.d.3), ground-based radar (6A008.i). Each paragraph's criteria are the comparators, values and units its own words state,
in each list's spelling (US "0.15 m", "kg/m^2"; EU "0,15 m", "kg/m2"); the expected values below
were written from ontology/sources/, not from the formalizer. Also the reader: a sub-paragraph
"Having any of the following:" under an "all of" paragraph is read as alternatives."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize, formalize_tree
from exportgraph.loaders.listed_text import TextNode

from exportgraph.paths import ontology_dir
from tests.lists.formal import Criterion, ways

ONTOLOGY = ontology_dir()
ROOTS = ("6A004.a.2", "6A004.a.3", "6A004.d.2.b", "6A004.d.3", "6A008.i")
BOTH = ("US", "EU")
Found = dict[tuple[str, str], formalize.FormalEntry]
Way = frozenset[Criterion]


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith(ROOTS)}


def _criterion(parameter: str, comparator: str, value: str, unit: str) -> Criterion:
    return (parameter, comparator, Decimal(value), unit)


HELIOSTAT = "mirror-not-specially-designed-for-terrestrial-heliostats"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_lightweight_mirrors_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    # 6A004.a.2: "an average 'equivalent density' of less than 30 kg/m^2 [EU: kg/m2] and a total
    # mass exceeding 10 kg"; 6A004.a.3 (composite or foam structures): the same, "exceeding 2 kg"
    density = _criterion("mirror-average-equivalent-density", "<", "30", "KiloGM-PER-M2")
    for code, mass in (("6A004.a.2", "10"), ("6A004.a.3", "2")):
        entry = found[(jurisdiction, code)]
        assert entry.text_only is None
        assert ways(entry) == {
            frozenset({density, _criterion("mirror-total-mass", ">", mass, "KiloGM")})
        }
        # the Note (US: to 6A004.a; EU: to each paragraph) on heliostat mirrors is a fact asked
        assert entry.requires_facts == (HELIOSTAT,)
    assert found[(jurisdiction, "6A004.a.2")].kinds == ("lightweight-monolithic-mirror",)
    assert found[(jurisdiction, "6A004.a.3")].kinds == (
        "lightweight-composite-or-foam-mirror-structure",
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_resonator_alignment_equipment(found: Found, jurisdiction: str) -> None:
    # "having bandwidths equal to or more than 100 Hz and an 'accuracy' of 10 µrad or less
    # (better)" (EU: μrad, the Greek mu)
    entry = found[(jurisdiction, "6A004.d.2.b")]
    assert entry.text_only is None and entry.requires_facts == ()
    assert ways(entry) == {
        frozenset({
            _criterion("resonator-alignment-bandwidth", ">=", "100", "HZ"),
            _criterion("resonator-alignment-accuracy", "<=", "10", "MicroRAD"),
        })
    }  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_gimbals_two_ways_under_three_conditions(found: Found, jurisdiction: str) -> None:
    # 6A004.d.3 "Gimbals having all of the following: a. A maximum slew exceeding 5°; b. A
    # bandwidth of 100 Hz or more; c. Angular pointing errors of 200 µrad (microradians) or
    # less; and d. Having any of the following: 1. Exceeding 0.15 m [EU: 0,15 m] but not
    # exceeding 1 m in diameter or major axis length and capable of angular accelerations
    # exceeding 2 rad (radians)/s^2 [EU: s2]; or 2. Exceeding 1 m … exceeding 0.5 [EU: 0,5] rad
    # (radians)/s^2"
    common = {
        _criterion("gimbal-maximum-slew", ">", "5", "DEG"),
        _criterion("gimbal-bandwidth", ">=", "100", "HZ"),
        _criterion("gimbal-angular-pointing-error", "<=", "200", "MicroRAD"),
    }
    size, turn = "gimbal-diameter-or-major-axis-length", "gimbal-angular-acceleration"
    smaller = {
        _criterion(size, ">", "0.15", "M"), _criterion(size, "<=", "1", "M"),
        _criterion(turn, ">", "2", "RAD-PER-SEC2"),
    }  # fmt: skip
    larger = {_criterion(size, ">", "1", "M"), _criterion(turn, ">", "0.5", "RAD-PER-SEC2")}
    entry = found[(jurisdiction, "6A004.d.3")]
    assert entry.text_only is None and entry.kinds == ("gimbal",)
    assert ways(entry) == {frozenset(common | smaller), frozenset(common | larger)}
    paragraphs = {c.paragraph for way in entry.ways for c in way}
    assert paragraphs == {f"6A004.d.3.{p}" for p in ("a", "b", "c", "d.1", "d.2")}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_ground_based_radar_and_its_notes(found: Found, jurisdiction: str) -> None:
    # 6A008.i "Providing ground-based operation with a maximum 'instrumented range' exceeding
    # 185 km"; the Notes to 6A008 and to 6A008.i (fishing, en route ATC, weather balloon
    # radars) are the facts asked
    entry = found[(jurisdiction, "6A008.i")]
    assert entry.text_only is None and entry.kinds == ("ground-based-radar",)
    range_ = _criterion("radar-maximum-instrumented-range", ">", "185", "KiloM")
    assert ways(entry) == {frozenset({range_})}
    assert entry.requires_facts == (
        "radar-not-excluded-by-note-to-6a008",
        "radar-not-excluded-by-note-to-6a008i",
    )


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
    assert ways(entry) == {
        frozenset({short, _criterion("laser-cw-output-power", ">", "1", "W")}),
        frozenset({short, _criterion("laser-cw-output-power", "<", "1", "MilliW")}),
    }
