"""The formalizer (loaders/formalize.py): numbers, comparators and units read from the official
text exactly, refusals where the text says what criteria cannot express, and every formalized
value found again in the sentence it came from."""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.listed_text import Note, TextNode
from exportgraph.loaders.tables import SourceDataError
from exportgraph.loaders.threshold_check import NUMBER, readings

from exportgraph.paths import ontology_dir

ONTOLOGY = ontology_dir()
UNITS = formalize.read_units(ONTOLOGY, "units.csv")


def _node(text: str, jurisdiction: str = "US") -> TextNode:
    return TextNode(jurisdiction, "6A006.a.2", ("a", "2"), text, (), "6A006", (), 1)


def _rule(**changes: str | tuple[str, ...]) -> formalize.Rule:
    rule = formalize.Rule(
        "6A006.a.2", (), ("optically-pumped-magnetometer",), (), (),
        "magnetometer-sensitivity-1hz", "'sensitivity'", "", "", 1, "rules.csv",
    )  # fmt: skip
    return replace(rule, **changes)


def _root(child: TextNode, notes: tuple[Note, ...] = ()) -> TextNode:
    return TextNode(child.jurisdiction, "6A006", (), "", notes, None, (child,), 1)


def _one(
    text: str, jurisdiction: str = "US", **changes: str | tuple[str, ...]
) -> formalize.FormalCriterion:
    trees = {jurisdiction: {"6A006": _root(_node(text, jurisdiction))}}
    (entry,) = formalize.formalize([_rule(**changes)], trees, UNITS, {})
    (criterion,) = entry.criteria
    return criterion


@pytest.mark.parametrize(
    ("text", "jurisdiction", "comparator", "value", "unit"),
    [
        (
            "having a 'sensitivity' lower (better) than 20 pT (rms) per square root Hz",
            "US",
            "<",
            "20",
            "PicoT",
        ),
        (
            "having a 'sensitivity' equal to or less (better) than 50 fT (rms) per square root Hz",
            "EU",
            "<=",
            "50",
            "FemtoT",
        ),
        (
            "a 'sensitivity' less (better) than 0,05 nT (rms) per square root Hz",
            "EU",
            "<",
            "0.05",
            "NanoT",
        ),
        (
            "a 'sensitivity' less than 1 × 10^−3 nT (rms) per square root Hz",
            "US",
            "<",
            "0.001",
            "NanoT",
        ),
        (
            "a 'sensitivity' less than 1 × 10-4 nT (rms) per square root Hz",
            "EU",
            "<",
            "0.0001",
            "NanoT",
        ),
        (
            "a 'sensitivity' less than or equal to 1,100 fT (rms) per square root Hz",
            "US",
            "<=",
            "1100",
            "FemtoT",
        ),
        ("a 'sensitivity' exceeding 2,5 fT (rms) per square root Hz", "EU", ">", "2.5", "FemtoT"),
    ],
)
def test_comparator_number_and_unit_read_in_each_jurisdictions_spelling(
    text: str, jurisdiction: str, comparator: str, value: str, unit: str
) -> None:
    criterion = _one(text, jurisdiction)
    assert criterion.comparator == comparator
    assert criterion.value == Decimal(value)
    assert criterion.unit.rsplit("/", 1)[-1].startswith(unit)
    assert criterion.source_text == text


@pytest.mark.parametrize(
    ("text", "changes", "why"),
    [
        (
            "'sensitivity' lower than 20 pT (rms) per square root Hz, except marine ones",
            {},
            "except",
        ),
        (
            "“specially designed”, 'sensitivity' lower than 20 pT (rms) per square root Hz",
            {},
            "specially designed",
        ),
        (
            "'sensitivity' lower than 20 pT (rms) per square root Hz and mass less than 2 kg",
            {},
            "2 thresholds",
        ),
        (
            "'sensitivity' lower than 20 pT (rms) per square root Hz",
            {"measured": "at a frequency of 1 Hz"},
            "1 Hz",
        ),
        ("'sensitivity' lower than 20 furlongs", {}, "no single"),
        ("a range lower than 20 pT (rms) per square root Hz", {}, "no single"),
    ],
)
def test_what_criteria_cannot_express_fails_the_load_naming_the_rule(
    text: str, changes: dict[str, str], why: str
) -> None:
    with pytest.raises(SourceDataError, match=re.escape(why)) as raised:
        _one(text, **changes)
    assert "rules.csv, line 1" in str(raised.value)
    assert "US:6A006.a.2" in str(raised.value)


@pytest.mark.parametrize(("text", "jurisdiction"), [("1.5", "EU"), ("1,5", "US"), ("1,50,0", "US")])
def test_a_number_not_written_the_lists_way_is_refused(text: str, jurisdiction: str) -> None:
    sentence = f"'sensitivity' lower than {text} pT (rms) per square root Hz"
    with pytest.raises(SourceDataError, match="not written as"):
        _one(sentence, jurisdiction)


def test_a_parent_with_conditions_of_its_own_is_refused() -> None:
    child = _node("'sensitivity' lower than 20 pT (rms) per square root Hz")
    for words in ("having all of the following:", "having a mass of less than 2 kg, as follows:"):
        parent = TextNode("US", "6A006", (), words, (), None, (child,), 1)
        with pytest.raises(SourceDataError, match="adds conditions of its own"):
            formalize.formalize([_rule()], {"US": {"6A006": parent}}, UNITS, {})


def test_a_note_excluding_items_needs_the_excluded_kinds() -> None:
    note = Note("note", "Note:", "6A006 does not control instruments for fishery", 2)
    child = _node("'sensitivity' lower than 20 pT (rms) per square root Hz")
    trees = {"US": {"6A006": _root(child, (note,))}}
    with pytest.raises(SourceDataError, match="excluded kinds"):
        formalize.formalize([_rule()], trees, UNITS, {})
    (entry,) = formalize.formalize([_rule(excluded_kinds=("fishery",))], trees, UNITS, {})
    assert entry.criteria and entry.excluded_kinds == ("fishery",)


def test_stated_thresholds_counted_in_the_words() -> None:
    assert (
        formalize.stated_thresholds("34 or more qubits and an error less than or equal to 10^-4")
        == 2
    )
    assert formalize.stated_thresholds("at a frequency of 1 Hz") == 0
    assert formalize.stated_thresholds("a cooling source temperature below 218 K") == 1
    assert formalize.stated_thresholds("not exceeding 10 Hz; greater than 1,3 GSPS") == 2


@pytest.fixture(scope="module")
def formalized(ccl: CommerceControlList, annex: AnnexI) -> list[formalize.FormalEntry]:
    trees = {
        "US": {e.code: e.tree for e in ccl.entries},
        "EU": {e.code: e.tree for e in annex.entries},
    }
    rules = formalize.read_rules(ONTOLOGY, "rules.csv")
    return formalize.formalize(rules, trees, UNITS, {})


def test_every_formalized_value_is_found_in_the_sentence_it_came_from(
    formalized: list[formalize.FormalEntry],
) -> None:
    spelled = {iri: [s for s, i in UNITS.items() if i == iri] for iri in UNITS.values()}
    criteria = [(e, c) for e in formalized for c in e.criteria]
    assert len(criteria) >= 6
    for entry, criterion in criteria:
        assert criterion.source_text == entry.title
        hits = [
            m for m in NUMBER.finditer(criterion.source_text)
            if criterion.value in readings(m)
            and any(criterion.source_text[m.end():].lstrip().startswith(s) for s in spelled[criterion.unit])
        ]  # fmt: skip
        assert hits, f"{entry.jurisdiction}:{entry.code}: {criterion.value} not in its text"


def test_quantum_adjacent_thresholds_as_the_texts_state_them(
    formalized: list[formalize.FormalEntry],
) -> None:
    found = {
        (e.jurisdiction, e.code): (c.comparator, c.value, c.unit.rsplit("/", 1)[-1])
        for e in formalized
        for c in e.criteria
    }
    assert found[("US", "6A006.a.2")] == ("<", Decimal(20), "PicoT-PER-HZ0dot5")
    assert found[("US", "6A006.a.3")] == ("<=", Decimal(10), "PicoT-PER-HZ0dot5")
    for jurisdiction in ("US", "EU"):
        assert found[(jurisdiction, "6A007.a")] == ("<", Decimal(10), "MicroGAL")
        assert found[(jurisdiction, "3A002.g.2")] == ("<", Decimal("1E-11"), "UNITLESS")
    assert found[("US", "3A002.c.3")] == (">", Decimal(90), "GigaHZ")
    assert found[("EU", "3A002.c.3")] == (">", Decimal(110), "GigaHZ")
    # the EU Note to 6A006 (fishery, medical biomagnetic instruments) is a fact EU 6A006.a.2 asks
    eu = {(e.jurisdiction, e.code): e for e in formalized}[("EU", "6A006.a.2")]
    assert found[("EU", "6A006.a.2")] == ("<", Decimal(20), "PicoT-PER-HZ0dot5")
    assert eu.requires_facts == ("not-for-fishery-or-biomagnetic-medical-diagnostics",)


def test_curated_codes_are_never_formalized(ccl: CommerceControlList, annex: AnnexI) -> None:
    trees = {"US": {e.code: e.tree for e in ccl.entries}}
    rules = formalize.read_rules(ONTOLOGY, "rules.csv")
    found = formalize.formalize(rules, trees, UNITS, {"US": {"6A007.a"}})
    assert "6A007.a" not in {e.code for e in found}
    assert "6A007.c" in {e.code for e in found}


def test_rules_table_problems_name_the_line(tmp_path: Path) -> None:
    folder = tmp_path / formalize.FOLDER
    folder.mkdir(parents=True)
    (folder / "rules.csv").write_text(
        "code,jurisdictions,kind,excluded_kinds,requires_facts,parameter,phrase,measured,reason\n"
        "6A007.a,,ground-gravity-meter,,,gravimeter-static-accuracy,,,\n"
    )
    with pytest.raises(SourceDataError, match=r"line 2.*phrase"):
        formalize.read_rules(tmp_path, "rules.csv")


def test_squid_thresholds_with_the_facts_their_words_state(
    formalized: list[formalize.FormalEntry],
) -> None:
    """US 6A006.a.1.a: "SQUID systems designed for stationary operation, without 'specially
    designed' subsystems designed to reduce in-motion noise, and having a 'sensitivity' equal to
    or lower (better) than 50 fT (rms) per square root Hz at a frequency of 1 Hz"; a.1.b: "an
    in-motion-magnetometer 'sensitivity' lower (better) than 20 pT (rms) per square root Hz at a
    frequency of 1 Hz and 'specially designed' to reduce in-motion noise"."""
    found = {(e.jurisdiction, e.code): e for e in formalized}
    a = found[("US", "6A006.a.1.a")]
    assert a.requires_facts == ("squid-stationary-without-in-motion-noise-reduction",)
    (criterion,) = a.criteria
    assert (criterion.parameter, criterion.comparator, criterion.value) == (
        "magnetometer-sensitivity-1hz", "<=", Decimal(50),
    )  # fmt: skip
    assert criterion.unit.endswith("FemtoT-PER-HZ0dot5")
    b = found[("US", "6A006.a.1.b")]
    assert b.requires_facts == ("squid-specially-designed-to-reduce-in-motion-noise",)
    (criterion,) = b.criteria
    assert (criterion.parameter, criterion.comparator, criterion.value) == (
        "magnetometer-in-motion-sensitivity-1hz", "<", Decimal(20),
    )  # fmt: skip
    assert criterion.unit.endswith("PicoT-PER-HZ0dot5")
    for code, us in (("6A006.a.1.a", a), ("6A006.a.1.b", b)):  # the EU Note (fishery, medical)
        eu = found[("EU", code)]
        assert eu.criteria[0].value == us.criteria[0].value and eu.text_only is None
        assert eu.requires_facts == (
            *us.requires_facts,
            "not-for-fishery-or-biomagnetic-medical-diagnostics",
        )


def test_a_fact_expresses_a_blocking_word_only_when_the_rule_requires_facts(
    tmp_path: Path,
) -> None:
    folder = tmp_path / formalize.FOLDER
    folder.mkdir(parents=True)
    header = "code,jurisdictions,kind,excluded_kinds,requires_facts,parameter,phrase,measured,reason,facts_express\n"
    (folder / "rules.csv").write_text(
        header + "6A006.a.1.a,,squid-magnetometer,,,,,,,specially designed\n"
    )
    with pytest.raises(SourceDataError, match="only required facts"):
        formalize.read_rules(tmp_path, "rules.csv")


@pytest.mark.parametrize(
    ("written", "jurisdiction", "value"),
    [
        ("2 × 10^9", "US", Decimal("2E9")),  # US 5A001.c: a caret before a positive exponent
        ("2 × 109", "EU", Decimal("2E9")),  # EU 5A001.c: the superscript lost, against the 10
        ("1 × 10^−11", "US", Decimal("1E-11")),
        ("1 × 10-11", "EU", Decimal("1E-11")),
    ],
)
def test_powers_of_ten_as_each_list_writes_them(
    written: str, jurisdiction: str, value: Decimal
) -> None:
    match = re.fullmatch(formalize.NUMBER, written)
    assert match is not None
    groups = (match.group("plain"), match.group("mantissa"), match.group("exponent"))
    assert formalize.written_value(*groups, jurisdiction) == value


def test_a_ten_apart_from_its_digits_is_no_power_of_ten() -> None:
    # "2 × 10 9" and "2 × 10" are not read as numbers: the words stay text
    assert re.fullmatch(formalize.NUMBER, "2 × 10 9") is None
    assert re.fullmatch(formalize.NUMBER, "2 × 10") is None
