"""Category 6 optics read from the official texts (families.csv, phrases.csv): beam steering
mirror stages (6A004.d.2.a). Each paragraph's criteria are the comparators, values and units its
own words state, in each list's spelling; the expected values below were written from
ontology/sources/, not from the formalizer. Also the reader: a root ending "and “specially
designed” electronic control equipment therefor" (another kind), and "all the following" without
"of"."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_clauses import _TAIL

from tests.lists.formal import Criterion, ways

ROOTS = ("6A004.d.2.a",)
BOTH = ("US", "EU")
Found = dict[tuple[str, str], formalize.FormalEntry]


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith(ROOTS)}


def _criterion(parameter: str, comparator: str, value: str, unit: str) -> Criterion:
    return (parameter, comparator, Decimal(value), unit)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_beam_steering_mirror_stages(found: Found, jurisdiction: str) -> None:
    # 6A004.d.2.a "Beam steering mirror stages designed to carry mirrors having diameter or major
    # axis length greater than 50 mm and having all of the following, and “specially designed”
    # electronic control equipment therefor: 1. A maximum angular travel of ±26 mrad or more;
    # 2. A mechanical resonant frequency of 500 Hz or more; and 3. An angular “accuracy” of
    # 10 µrad (microradians) or less (better)" (EU: μrad, the Greek mu)
    entry = found[(jurisdiction, "6A004.d.2.a")]
    assert entry.text_only is None and entry.requires_facts == ()
    assert entry.kinds == ("beam-steering-mirror-stage",)
    assert ways(entry) == {
        frozenset({
            _criterion("beam-steering-stage-mirror-diameter-or-major-axis-length", ">", "50", "MilliM"),
            _criterion("beam-steering-stage-maximum-angular-travel", ">=", "26", "MilliRAD"),
            _criterion("beam-steering-stage-mechanical-resonant-frequency", ">=", "500", "HZ"),
            _criterion("beam-steering-stage-angular-accuracy", "<=", "10", "MicroRAD"),
        })
    }  # fmt: skip
    assert {c.paragraph for c in entry.criteria} == {
        "6A004.d.2.a", "6A004.d.2.a.1", "6A004.d.2.a.2", "6A004.d.2.a.3",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("words", "mode"),
    [
        ("having all of the following, and specially designed electronic control equipment therefor", "all"),
        ("having any of the following, and “specially designed” “components” therefor", "any"),
        ("Having all the following", "all"),
        ("having any of the following", "any"),
    ],
)  # fmt: skip
def test_the_tail_the_reader_takes(words: str, mode: str) -> None:
    tail = _TAIL.search(f"Mirrors of some kind {words}")
    assert tail is not None and tail.group("mode").lower() == mode


def test_other_equipment_therefor_is_not_a_tail() -> None:
    # only the components or the electronic control equipment are another kind's words
    assert _TAIL.search("Stages having all of the following, and specially designed lasers therefor") is None  # fmt: skip
