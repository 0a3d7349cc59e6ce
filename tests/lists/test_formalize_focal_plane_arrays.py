"""The non-"space-qualified" focal plane arrays of 6A002.a.3 as both official texts state them
(families.csv, phrases.csv): each paragraph's criteria are the comparators, values and units its
own words state; the expected values below were written from ontology/sources/, not from the
formalizer. 6A002.a.3.f ('microbolometer' arrays: an unfiltered response over a band) stays
text; 6A002.a.3.d is read since (tests/lists/test_formalize_h6opt.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize

from tests.lists.formal import Criterion, ways

BOTH = ("US", "EU")
NOTE_2 = "focal-plane-array-not-excluded-by-note-2-to-6a002a3"
PEAK, TIME = "detector-peak-response-wavelength", "detector-response-time-constant"
GAIN = "charge-multiplication-maximum-radiant-sensitivity"
GAIN_760 = "charge-multiplication-radiant-sensitivity-above-760nm"
Found = dict[tuple[str, str], formalize.FormalEntry]


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith("6A002.a.3")}


def _c(parameter: str, comparator: str, value: str, unit: str) -> Criterion:
    return (parameter, comparator, Decimal(value), unit)


def _band(low: str, high: str) -> set[Criterion]:
    return {_c(PEAK, ">", low, "NanoM"), _c(PEAK, "<=", high, "NanoM")}


EXPECTED = {
    "6A002.a.3.a": [
        _band("900", "1050") | {_c(TIME, "<", "0.5", "NanoSEC")},
        _band("900", "1050") | {_c(GAIN, ">", "10", "MilliA-PER-W")},
    ],
    "6A002.a.3.b": [
        _band("1050", "1200") | {_c(TIME, "<=", "95", "NanoSEC")},
        _band("1050", "1200") | {_c(GAIN, ">", "10", "MilliA-PER-W")},
    ],
    "6A002.a.3.c": [_band("1200", "30000")],
    "6A002.a.3.e": [_band("3000", "30000")],
    "6A002.a.3.g": [
        _band("400", "900")
        | {
            _c(GAIN_760, ">", "10", "MilliA-PER-W"),
            _c("focal-plane-array-element-count", ">", "32", "NUM"),
        }
    ],
}
KINDS = {
    "6A002.a.3.a": "focal-plane-array",
    "6A002.a.3.b": "focal-plane-array",
    "6A002.a.3.c": "two-dimensional-focal-plane-array",
    "6A002.a.3.e": "linear-focal-plane-array",
    "6A002.a.3.g": "focal-plane-array",
}


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_focal_plane_arrays_as_the_texts_state_them(
    found: Found, jurisdiction: str, code: str
) -> None:
    entry = found[(jurisdiction, code)]
    assert ways(entry) == {frozenset(way) for way in EXPECTED[code]}
    assert [k.rsplit("/", 1)[-1] for k in entry.kinds] == [KINDS[code]]
    assert {k.rsplit("/", 1)[-1] for k in entry.excluded_kinds} == {
        "microbolometer-focal-plane-array"
    }
    assert {f.rsplit("/", 1)[-1] for f in entry.requires_facts} == {"not-space-qualified", NOTE_2}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_the_paragraphs_left_as_text(found: Found, jurisdiction: str) -> None:
    for code in ("6A002.a.3.f",):
        entry = found[(jurisdiction, code)]
        assert entry.text_only and not entry.ways, code
