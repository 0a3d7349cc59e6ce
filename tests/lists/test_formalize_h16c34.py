"""Categories 3 and 4 (h16c34): the equipment the software and technology entries 3D004, 3D980,
3D991, 3E069, 4D090, 4D980 and 4E980 serve, and the materials of 3C003, 3C004 and 3C005, read from
both official texts. Expected values written from ontology/sources/: 3C005.a and .b (US and EU:
resistivities greater than 10,000 ohm-cm at 20 °C), EU 3C003.a, .b and 3C004 (a purity greater
(better) than 99,999 %; the US "better than 99.999%" stays text), 3A003 (spray cooling; its
"specially designed" spray nozzles a fact), US 3A069.b, 3A980, 4A090.a/.b and 4A980 (kinds and
facts alone; the Note to 4A980 an excluded kind); US 3A069.a and 3A981 stay text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.formalize import FormalEntry, without_components_therefor
from exportgraph.loaders.formalize_served import formalize_served, read_served

from exportgraph.paths import ontology_dir
from tests.lists.formal import Criterion, Found, ways

BOTH = ("US", "EU")
MINE = {"3D004", "3D980", "3D991", "3D992.a", "3D993.a", "3D994", "3E069", "3E980", "3E992.a"}
MINE |= {"3E993.a", "3E994", "4D090", "4D980", "4E980"}


def _one(*criteria: Criterion) -> set[frozenset[Criterion]]:
    return {frozenset(criteria)}


RESISTIVITY = _one(("resistivity-20c", ">", Decimal("10000"), "OHM-CentiM"))
LINKED = ("organo-inorganic-element-directly-linked-to-carbon",)
DILUTED = ("hydride-with-20-percent-molar-or-more-inert-gas-or-hydrogen",)

READ: dict[tuple[str, str], tuple[set[frozenset[Criterion]], tuple[str, ...], tuple[str, ...]]] = {
    # (jurisdiction, code): (ways, required facts, excluded kinds)
    **{(j, "3C005.a"): (RESISTIVITY, (), ()) for j in BOTH},
    **{(j, "3C005.b"): (RESISTIVITY, (), ()) for j in BOTH},
    ("EU", "3C003.a"): (
        _one(("purity-metal-basis", ">", Decimal("99.999"), "PERCENT")),
        LINKED,
        (),
    ),
    ("EU", "3C003.b"): (
        _one(("purity-inorganic-element-basis", ">", Decimal("99.999"), "PERCENT")),
        LINKED,
        (),
    ),
    ("EU", "3C004"): (_one(("hydride-purity", ">", Decimal("99.999"), "PERCENT")), (), DILUTED),
    **{(j, "3A003"): (set(), ("spray-cooling-nozzles-specially-designed",), ()) for j in BOTH},
    ("US", "3A980"): (set(), ("not-elsewhere-specified-in-the-ccl",), ()),
    ("US", "3A069.b"): (
        set(),
        (
            "lc-ms-specially-designed-for-top-down-proteomic-analysis",
            "not-fda-authorized-or-exempt-device-excluded-from-3a069",
        ),
        (),
    ),
    ("US", "4A980"): (
        set(),
        ("not-elsewhere-specified-in-the-ccl",),
        ("single-finger-authentication-fingerprint-computer",),
    ),
    ("US", "4A090.a"): (set(), ("contains-integrated-circuit-meeting-3a090-a-limits",), ()),
    ("US", "4A090.b"): (set(), ("contains-integrated-circuit-meeting-3a090-b-limits",), ()),
}


@pytest.mark.parametrize(("jurisdiction", "code"), sorted(READ))
def test_what_each_paragraph_states(found: Found, jurisdiction: str, code: str) -> None:
    expected, facts, excluded = READ[(jurisdiction, code)]
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None  # decided: by its criteria, or by its kind and facts alone
    assert ways(entry) == expected
    assert entry.requires_facts == facts and entry.excluded_kinds == excluded


@pytest.mark.parametrize(
    ("jurisdiction", "code", "words"),
    [
        ("US", "3C003.a", "'better than' without '(greater)'"),
        ("US", "3C003.b", "'better than' without '(greater)'"),
        ("US", "3C004", "'better than' without '(greater)'"),
        ("US", "3A069.a", "a fact or a count, either enough"),
        ("US", "3A981", "n.e.s."),
    ],
)
def test_what_stays_text_says_why(found: Found, jurisdiction: str, code: str, words: str) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.text_only is not None and words in entry.text_only
    assert entry.kinds and not entry.ways  # its kinds are answered "unknown", never false


def test_the_us_and_eu_hydride_notes_are_an_excluded_kind(found: Found) -> None:
    # US "This entry does not control hydrides containing 20% molar or more of inert gases or
    # hydrogen."; EU "3C004 does not control …": the same kind is out of both
    assert found[("US", "3C004")].excluded_kinds == DILUTED == found[("EU", "3C004")].excluded_kinds


def test_components_therefor_add_no_condition_on_the_rule_s_items() -> None:
    us_3a980 = (
        "Voice print identification and analysis equipment and “specially designed” "
        "“components” therefor, n.e.s."
    )
    assert without_components_therefor(us_3a980) == (
        "Voice print identification and analysis equipment, n.e.s."
    )
    # US 3A003 writes "therefore"; the spray nozzles' "specially designed" stays (a fact)
    us_3a003 = "… using “specially designed” spray nozzles …, and “specially designed” “components” therefore."
    assert without_components_therefor(us_3a003) == "… using “specially designed” spray nozzles …."
    assert "specially designed" in without_components_therefor(
        "Equipment “specially designed” for X and “specially designed” “components” therefor"
    )


@pytest.fixture(scope="module")
def served(
    ccl: CommerceControlList, annex: AnnexI, formalized: list[FormalEntry]
) -> dict[tuple[str, str], FormalEntry]:
    trees = {
        "US": {e.code: e.tree for e in ccl.entries},
        "EU": {e.code: e.tree for e in annex.entries},
    }
    rows = [r for r in read_served(ontology_dir(), "served.csv") if r.code in MINE]
    entries, _ = formalize_served(rows, trees, formalized, {})
    return {(e.jurisdiction, e.code): e for e in entries}


@pytest.mark.parametrize(
    ("jurisdiction", "code", "purposes", "serves", "facts"),
    [
        ("US", "3D004", ("development",), ("3A003",), ("software-specially-designed",)),
        ("EU", "3D004", ("development",), ("3A003",), ("software-specially-designed",)),
        (
            "US",
            "3D980",
            ("development", "production", "use"),
            ("3A980", "3A981"),
            ("software-specially-designed",),
        ),
        ("US", "3E980", ("development", "production", "use"), ("3A980", "3A981"), ()),
        ("US", "3E069", ("development", "production"), ("3A069.a", "3A069.b"), ()),
        (
            "US",
            "4D090",
            ("development", "production"),
            ("4A090.a", "4A090.b"),
            ("software-specially-designed-or-modified",),
        ),
        (
            "US",
            "4D980",
            ("development", "production", "use"),
            ("4A980",),
            ("software-specially-designed",),
        ),
        ("US", "4E980", ("development", "production", "use"), ("4A980",), ()),
    ],
)
def test_software_and_technology_serve_the_entries_their_text_names(
    served: dict[tuple[str, str], FormalEntry],
    jurisdiction: str,
    code: str,
    purposes: tuple[str, ...],
    serves: tuple[str, ...],
    facts: tuple[str, ...],
) -> None:
    entry = served[(jurisdiction, code)]
    assert entry.text_only is None
    assert (entry.purposes, entry.serves, entry.requires_facts) == (purposes, serves, facts)


def test_us_3d991_names_its_entries_but_stays_text(
    served: dict[tuple[str, str], FormalEntry],
) -> None:
    # "… controlled by 3A991, … 3A992, … 3B991 and 3B992; or “software” “specially designed”
    # for the “use” of equipment controlled by 3B001.g and .h": two purposes' lists, one row
    entry = served[("US", "3D991")]
    assert entry.text_only is not None and "';'" in entry.text_only
    heads = {code.split(".", 1)[0] for code in entry.serves}
    assert heads == {"3A991", "3A992", "3B991", "3B992", "3B001"}
    assert all(c.startswith(("3B001.g", "3B001.h")) for c in entry.serves if c[:5] == "3B001")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_3e002_reads_the_access_width_as_a_necessary_condition(
    found: Found, jurisdiction: str
) -> None:
    # "having an arithmetic logic unit with an access width of 32 bits or more and any of the
    # following features or characteristics": a.-c. state their figures in words (stay text)
    group = found[(jurisdiction, "3E002")]
    assert group.group and group.kinds == ("technology",)
    assert group.serves_kinds == ("microprocessor-microcircuit",)
    assert group.purposes == ("development", "production")
    assert group.requires_facts == ("technology-not-controlled-by-3e001",)
    for letter in "abc":
        entry = found[(jurisdiction, f"3E002.{letter}")]
        assert entry.text_only is not None  # meeting the width: "unknown", never "controlled"
        assert ways(entry) == _one(("alu-access-width", ">=", Decimal("32"), "BIT"))


def test_any_of_the_following_features_or_characteristics_introduces_alternatives() -> None:
    from exportgraph.loaders.formalize_clauses import _TAIL

    us = "… an access width of 32 bits or more and any of the following features or characteristics"
    tail = _TAIL.search(us)
    assert tail is not None and tail.group("mode") == "any"
    assert us[: tail.start()].endswith("32 bits or more")
    assert _TAIL.search("… and any of the following features") is None  # not what the texts say


LISTED = ("3B001.a.4", "3B001.c", "3B001.d", "3B001.f.1", "3B001.f.5", "3B001.f.6", "3B001.k",
          "3B001.l", "3B001.m", "3B001.n", "3B001.p.2", "3B001.p.4", "3B001.r", "3B002.c")  # fmt: skip


@pytest.mark.parametrize("code", ["3D992.a", "3E992.a"])
def test_us_3d992_a_and_3e992_a_serve_the_3b001_paragraphs_they_list(
    served: dict[tuple[str, str], FormalEntry], code: str
) -> None:
    # "… of commodities specified in 3B001.a.4, c, d, f.1, f.5, f.6, k to n, p.2, p.4, r, or
    # 3B002.c" (3E992.a: "… r; or 3B002.c")
    entry = served[("US", code)]
    assert entry.text_only is None and entry.purposes == ("development", "production")
    assert entry.serves and all(c.startswith(LISTED) for c in entry.serves)
    assert any(c.startswith("3B001.f.1") for c in entry.serves)
    assert not any(c.startswith(("3B001.f.2", "3B001.h", "3B001.a.3")) for c in entry.serves)


def test_us_3e993_a_serves_3b993_and_3d994_3e994_stay_text(
    served: dict[tuple[str, str], FormalEntry],
) -> None:
    e993 = served[("US", "3E993.a")]
    assert e993.text_only is None and {c.split(".", 1)[0] for c in e993.serves} == {"3B993"}
    for code in ("3D994", "3E994"):  # "… specified in 3B994 and “software” as follows"
        entry = served[("US", code)]
        assert entry.text_only is not None and "as follows" in entry.text_only
        assert {c.split(".", 1)[0] for c in entry.serves} == {"3B994"}


def test_a_semicolon_before_the_last_code_of_a_list_is_list_punctuation() -> None:
    from exportgraph.loaders.formalize_served import _list_punctuation

    e992 = "“Technology” … specified in 3B001.a.4, c, d, p.2, p.4, r; or 3B002.c."
    assert _list_punctuation(e992).endswith("p.4, r, or 3B002.c.")
    # two clauses stay two: US 3D991 "… 3B991 and 3B992; or “software” … 3B001.g and .h."
    d991 = "… controlled by 3B991 and 3B992; or “software” for the “use” of 3B001.g and .h."
    assert _list_punctuation(d991) == d991


def test_us_4a994_c_1_reads_16_or_more_processors(found: Found) -> None:
    # "“Electronic assemblies” that are “specially designed” or modified to enhance performance
    # by aggregation of processors, as follows: c.1. Designed to be capable of aggregation in
    # configurations of 16 or more processors"; Notes 1 and 2 to 4A994.c are required facts
    entry = found[("US", "4A994.c.1")]
    assert entry.text_only is None
    assert ways(entry) == _one(
        ("aggregation-configuration-processor-count", ">=", Decimal("16"), "NUM")
    )
    assert set(entry.requires_facts) >= {
        "not-controlled-by-4a001-or-4a003",
        "aggregation-assembly-within-note-1-to-4a994c",
        "aggregation-assembly-not-for-products-within-4a994b-limits",
        "computer-status-not-determined-by-other-equipment-under-note-to-4a994",
    }
    assert ("EU", "4A994.c.1") not in found
