"""The comparator words of the official texts (loaders/formalize_words.py) as the readers take them
and as coverage counts them, on real paragraphs: capitalised comparators at a clause's start,
"above"/"below" (exclusive as written), "or greater", "or less (better)", numbers before "or
less" in a rule's paragraph, "between" counted but never formalized, and a family heading with
a threshold of its own. The expected values were written from the texts in ontology/sources/.
Phrases are made here (not rows of phrases.csv): what is tested is the reader."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize, formalize_tree
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.formalize_clauses import NotRead, ParagraphReader, Phrase
from exportgraph.loaders.formalize_words import sign, stated_thresholds
from exportgraph.loaders.listed_text import TextNode

from exportgraph.paths import ontology_dir

UNITS = {
    **formalize.read_units(ontology_dir(), "units.csv"),
    "Gb/s": formalize.unit_iri("GigaBIT-PER-SEC"),
    "μm": formalize.unit_iri("qudt:MicroM"),
    "dBm": formalize.unit_iri("DeciB_M"),
}
Criterion = tuple[str, str, Decimal, str]


def _node(ccl: CommerceControlList, annex: AnnexI, public: str) -> TextNode:
    jurisdiction, code = public.split(":")
    entries = ccl.entries if jurisdiction == "US" else annex.entries
    tree = next(e.tree for e in entries if e.code == code.split(".")[0])
    node = tree.find(code)
    assert node is not None, public
    return node


def _phrase(under: str, template: str, parameter: str, unit: str = "") -> Phrase:
    return Phrase(under, template, parameter, "", None, unit, "", 0)


def _read(node: TextNode, *phrases: Phrase) -> set[Criterion]:
    reading = ParagraphReader(phrases, UNITS).read(node)
    return {
        (c.parameter, c.comparator, c.value, c.unit.rsplit("/", 1)[-1]) for c in reading.criteria
    }


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("More than", ">"),
        ("Less (better) than", "<"),
        ("Equal to or more than", ">="),
        ("equal to or below", "<="),
        ("below or equal to", "<="),
        ("less (better) than or equal to", "<="),
        # the other order (US 6A005.g.2, g.4, e.3.a.1; EU 2B206.d.2)
        ("better (less) than", "<"),
        ("equal to or better (less) than", "<="),
        ("better (less) than or equal to", "<="),
        ("better (greater) than", ">"),
        ("above", ">"),
        ("below", "<"),
        ("in excess of", ">"),
        ("Exceeding", ">"),
    ],
)
def test_comparators_read_into_signs(words: str, expected: str) -> None:
    assert sign(words) == expected


def test_capitalised_comparator_at_a_clauses_start(ccl: CommerceControlList, annex: AnnexI) -> None:
    # US 3A001.a.10.a "More than 1,500 terminals;"  EU: "More than 1500 terminals;"
    terminals = _phrase("3A001.a.10", "{} terminals", "terminals", formalize.unit_iri("qudt:NUM"))
    for public, value in (("US:3A001.a.10.a", "1500"), ("EU:3A001.a.10.a", "1500")):
        node = _node(ccl, annex, public)
        assert stated_thresholds(node.text) == 1
        assert _read(node, terminals) == {("terminals", ">", Decimal(value), "NUM")}


def test_or_greater_after_the_number(ccl: CommerceControlList, annex: AnnexI) -> None:
    # 3A001.a.7.b "An 'aggregate one-way peak serial transceiver data rate' of 500 Gb/s or greater"
    rate = _phrase("3A001.a.7", "An aggregate one-way peak serial transceiver data rate {}", "rate")
    for public in ("US:3A001.a.7.b", "EU:3A001.a.7.b"):
        node = _node(ccl, annex, public)
        assert stated_thresholds(node.text) == 1
        assert _read(node, rate) == {("rate", ">=", Decimal(500), "GigaBIT-PER-SEC")}


def test_or_less_better_and_a_second_clause(ccl: CommerceControlList, annex: AnnexI) -> None:
    # EU 6A005.f.3.a "An "accuracy" of 0,1 μm or less (better), for wavelengths greater than 1 μm"
    node = _node(ccl, annex, "EU:6A005.f.3.a")
    accuracy = _phrase("6A005.f", "An accuracy {}", "accuracy")
    wavelengths = _phrase("6A005.f", "for wavelengths {}", "wavelength")
    assert stated_thresholds(node.text) == 2
    assert _read(node, accuracy, wavelengths) == {
        ("accuracy", "<=", Decimal("0.1"), "MicroM"),
        ("wavelength", ">", Decimal(1), "MicroM"),
    }


def test_above_and_below_are_exclusive_as_written(ccl: CommerceControlList, annex: AnnexI) -> None:
    # US 3B993.f.2 "… an overlay accuracy above 1.5 nm and less (better) than or equal to 4.0 nm."
    node = _node(ccl, annex, "US:3B993.f.2")
    overlay = _phrase("3B993.f", "Imprint lithography equipment having an overlay accuracy {}", "o")
    assert stated_thresholds(node.text) == 2
    assert _read(node, overlay) == {
        ("o", ">", Decimal("1.5"), "NanoM"),
        ("o", "<=", Decimal("4.0"), "NanoM"),
    }
    # 5A001.b.1.b "Using an electromagnetic carrier frequency below 30 kHz"
    carrier = _phrase("5A001.b.1", "Using an electromagnetic carrier frequency {}", "carrier")
    for public in ("US:5A001.b.1.b", "EU:5A001.b.1.b"):
        assert _read(_node(ccl, annex, public), carrier) == {
            ("carrier", "<", Decimal(30), "KiloHZ")
        }


def test_an_explicit_plus_sign_and_a_range_opened_by_above(
    ccl: CommerceControlList, annex: AnnexI
) -> None:
    # US 5A001.d.1 "Rated for operation above 31.8 GHz, but not exceeding 57 GHz, and having an
    # Effective Radiated Power (ERP) equal to or greater than +20 dBm (22.15 dBm Effective
    # Isotropic Radiated Power (EIRP));"
    node = _node(ccl, annex, "US:5A001.d.1")
    rated = _phrase("5A001.d", "Rated for operation {}", "frequency")
    erp = "having an Effective Radiated Power (ERP) {} (22.15 dBm Effective Isotropic Radiated Power (EIRP))"
    assert _read(node, rated, _phrase("5A001.d", erp, "erp")) == {
        ("frequency", ">", Decimal("31.8"), "GigaHZ"),
        ("frequency", "<=", Decimal(57), "GigaHZ"),
        ("erp", ">=", Decimal(20), "DeciB_M"),
    }


def test_a_negated_threshold_is_never_read_with_the_sign_it_writes(
    ccl: CommerceControlList, annex: AnnexI
) -> None:
    # 3A229.c.1 "No dimension greater than 35 mm;": at most 35 mm, not more than 35 mm
    for public in ("US:3A229.c.1", "EU:3A229.c.1"):
        node = _node(ccl, annex, public)
        assert stated_thresholds(node.text) == 1
        with pytest.raises(NotRead, match="negate"):
            _read(node, _phrase("3A229.c", "No dimension {}", "dimension"))


def test_a_range_written_upper_bound_first(ccl: CommerceControlList, annex: AnnexI) -> None:
    # US 3C002.a.1 "Positive resists adjusted (optimized) for use at wavelengths less than 193 nm
    # but equal to or greater than 15 nm;"
    node = _node(ccl, annex, "US:3C002.a.1")
    template = "Positive resists adjusted (optimized) for use at wavelengths {}"
    assert _read(node, _phrase("3C002.a", template, "wavelength")) == {
        ("wavelength", "<", Decimal(193), "NanoM"),
        ("wavelength", ">=", Decimal(15), "NanoM"),
    }


def test_between_is_counted_but_never_formalized(ccl: CommerceControlList, annex: AnnexI) -> None:
    # US 6A205.a.1 "Operating at wavelengths between 500 nm and 600 nm; and": the ends are not
    # said to be included or not
    node = _node(ccl, annex, "US:6A205.a.1")
    assert stated_thresholds(node.text) == 2
    with pytest.raises(NotRead):
        _read(node, _phrase("6A205", "Operating at wavelengths {}", "wavelength"))


@pytest.mark.parametrize(
    ("public", "stated"),
    [
        ("US:6A004.d.2.a.3", 1),  # "10 µrad (microradians) or less (better)"
        ("US:3A233.d.2", 1),  # "193 K (−80 °C) or less"
        ("US:5A001.b.3.b", 2),  # "100 or more times …" and "in excess of 50 kHz"
        ("US:5A001.d.1", 3),  # "above 31.8 GHz, but not exceeding 57 GHz … equal to or greater
        # than +20 dBm"
        ("US:3B001.f.1.a", 1),  # "shorter than 193 nm"
        ("US:3A001.a.2.a", 1),  # "above 398 K (+125 °C)": the Celsius figure restates it
        ("US:6A005.g.4", 1),  # "better (less) than 1 nm"
        ("US:6A005.e.3.a.1", 2),  # "better (less) than or equal to 0.3 dB … exceeding 1,000 W"
        ("EU:2B206.d.2", 1),  # "equal to or better (less) than 0,1 % per day"
    ],
)
def test_stated_thresholds_counted(
    ccl: CommerceControlList, annex: AnnexI, public: str, stated: int
) -> None:
    assert stated_thresholds(_node(ccl, annex, public).text) == stated


def test_a_number_before_or_less_in_a_rules_paragraph(
    ccl: CommerceControlList, annex: AnnexI
) -> None:
    # US 6A203.a.2 "Electronic streak cameras capable of 50 ns or less time resolution;"
    rule = formalize.Rule(
        "6A203.a.2", ("US",), ("electronic-streak-camera",), (), (),
        "streak-camera-temporal-resolution", "capable of", "", "", 0, "rules.csv",
    )  # fmt: skip
    trees = {"US": {e.code: e.tree for e in ccl.entries}}
    (entry,) = formalize.formalize([rule], trees, UNITS, {})
    (criterion,) = entry.criteria
    assert entry.text_only is None
    assert (criterion.comparator, criterion.value, criterion.written) == ("<=", 50, "50 ns")


def test_a_family_heading_with_a_threshold_of_its_own(
    ccl: CommerceControlList, annex: AnnexI
) -> None:
    # US 6A995.f "Non-"tunable" "lasers", having a wavelength exceeding 1,400 nm, but not
    # exceeding 1555 nm and having any of the following: 1. An output energy exceeding 100 mJ
    # per pulse and a pulsed "peak power" exceeding 1 W; or 2. An average or CW output power
    # exceeding 1 W."
    phrases = [
        _phrase("6A995.f", "Non-tunable lasers, having a wavelength {}", "wavelength"),
        _phrase("6A995.f", "An output energy {} per pulse", "energy"),
        _phrase("6A995.f", "a pulsed peak power {}", "peak"),
        _phrase("6A995.f", "An average or CW output power {}", "power"),
    ]
    family = formalize_tree.Family("6A995.f", ("US",), ("laser",), (), (), "", 0, "families.csv")
    trees = {"US": {e.code: e.tree for e in ccl.entries}}
    found = formalize_tree.formalize_families([family], phrases, trees, UNITS, {})
    entries = {e.code: e for e in found}
    assert list(entries) == ["6A995.f", "6A995.f.1", "6A995.f.2"]
    assert entries["6A995.f"].group and not entries["6A995.f"].criteria
    band = {
        ("wavelength", ">", Decimal(1400), "NanoM"),
        ("wavelength", "<=", Decimal(1555), "NanoM"),
    }
    energy = {("energy", ">", Decimal(100), "MilliJ"), ("peak", ">", Decimal(1), "W")}
    for code, own in (("6A995.f.1", energy), ("6A995.f.2", {("power", ">", Decimal(1), "W")})):
        entry = entries[code]
        assert entry.text_only is None and entry.parent == "6A995.f"
        assert _ways(entry) == {frozenset(band | own)}  # the heading's band with each item's
    # without the phrase that reads the heading's words, the family is not read, never read
    # without its heading's threshold
    (alone,) = formalize_tree.formalize_families([family], phrases[1:], trees, UNITS, {})
    assert alone.text_only and not alone.criteria
    # a sub-paragraph not read keeps the heading's band as an incomplete entry: an item outside
    # the band is not controlled by it, one inside is "unknown"
    partial = formalize_tree.formalize_families([family], phrases[:2], trees, UNITS, {})
    one = next(e for e in partial if e.code == "6A995.f.1")
    assert one.text_only and _ways(one) == {frozenset(band)}


def _ways(entry: formalize.FormalEntry) -> set[frozenset[Criterion]]:
    return {
        frozenset((c.parameter, c.comparator, c.value, c.unit.rsplit("/", 1)[-1]) for c in way)
        for way in entry.ways
    }


def test_own_words_ending_with_and_before_sub_paragraphs(
    ccl: CommerceControlList, annex: AnnexI
) -> None:
    # US 6A995.a.2 "A pulsed output with a "pulse duration" exceeding 10 microseconds; and
    # a.2.a. An average output power exceeding 10 kW; or a.2.b. A pulsed "peak power" exceeding
    # 100 kW; or": its own words with any one of its sub-paragraphs (joined by "or")
    phrases = [
        _phrase("6A995.a", "A CW output power {}", "cw"),
        _phrase("6A995.a", "A pulsed output with a pulse duration {}", "duration"),
        _phrase("6A995.a", "An average output power {}", "average"),
        _phrase("6A995.a", "A pulsed peak power {}", "peak"),
        _phrase("6A995.a", "A pulse energy {} per pulse", "energy"),
        _phrase("6A995.a", "peak power {}", "peak"),
    ]
    family = formalize_tree.Family("6A995.a", ("US",), ("laser",), (), (), "", 0, "families.csv")
    trees = {"US": {e.code: e.tree for e in ccl.entries}}
    found = formalize_tree.formalize_families([family], phrases, trees, UNITS, {})
    entries = {e.code: e for e in found}
    longer = ("duration", ">", Decimal(10), "MicroSEC")
    assert _ways(entries["6A995.a.2"]) == {
        frozenset({longer, ("average", ">", Decimal(10), "KiloW")}),
        frozenset({longer, ("peak", ">", Decimal(100), "KiloW")}),
    }
    shorter = ("duration", "<=", Decimal(10), "MicroSEC")
    assert _ways(entries["6A995.a.3"]) == {
        frozenset(
            {shorter, ("energy", ">", Decimal(5), "J"), ("peak", ">", Decimal("2.5"), "KiloW")}
        ),
        frozenset({shorter, ("average", ">", Decimal("2.5"), "KiloW")}),
    }
    # sub-paragraphs not read: text ("unknown"), its own words kept as a necessary condition
    alone = formalize_tree.formalize_families([family], phrases[:2], trees, UNITS, {})
    text = {e.code: e for e in alone}["6A995.a.2"]
    assert text.text_only and _ways(text) == {frozenset({longer})}
