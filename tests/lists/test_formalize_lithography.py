"""Lithography equipment, 3B001.f and US 3B993.f, as the official texts state it: US and EU differ in f.1.b (the
US adds a wavelength floor and a dedicated chuck overlay, and computes the MRF with K = 0.25, the
EU with K = 0,35). Expected values written from ontology/sources/."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.lists.formal import Criterion, Found, ways


def _nm(parameter: str, comparator: str, value: str) -> Criterion:
    return (parameter, comparator, Decimal(value), "NanoM")


SHORTER_THAN_193 = _nm("lithography-light-source-wavelength", "<", "193")
EXPECTED: dict[tuple[str, str], set[frozenset[Criterion]]] = {
    ("US", "3B001.f.1.a"): {frozenset({SHORTER_THAN_193})},
    ("EU", "3B001.f.1.a"): {frozenset({SHORTER_THAN_193})},
    ("US", "3B001.f.1.b"): {
        frozenset({
            _nm("lithography-light-source-wavelength", ">=", "193"),
            _nm("lithography-mrf-k-0-25", "<=", "45"),
            _nm("dedicated-chuck-overlay", "<=", "1.50"),
        })
    },
    ("EU", "3B001.f.1.b"): {frozenset({_nm("lithography-mrf-k-0-35", "<=", "45")})},
    ("US", "3B001.f.2"): {frozenset({_nm("imprint-feature-size", "<=", "45")})},
    ("EU", "3B001.f.2"): {frozenset({_nm("imprint-feature-size", "<=", "45")})},
    ("US", "3B001.f.3"): {
        frozenset({_nm("mask-writer-fwhm-spot-size", "<", "65"), _nm("mask-writer-image-placement", "<", "17")}),
        frozenset({_nm("mask-second-layer-overlay-error", "<", "23")}),
    },
    ("US", "3B001.f.4"): {
        frozenset({_nm("direct-write-minimum-beam-size", "<=", "15")}),
        frozenset({_nm("direct-write-overlay-error", "<", "27")}),
    },
}  # fmt: skip
EXPECTED[("US", "3B993.f.1")] = {
    frozenset({
        _nm("lithography-light-source-wavelength", ">=", "193"),
        _nm("lithography-mrf-k-0-25", "<=", "45"),
        _nm("dedicated-chuck-overlay", ">", "1.50"),
        _nm("dedicated-chuck-overlay", "<=", "2.40"),
    })
}  # fmt: skip
EXPECTED[("US", "3B993.f.2")] = {
    frozenset({_nm("imprint-overlay-accuracy", ">", "1.5"), _nm("imprint-overlay-accuracy", "<=", "4.0")})
}  # fmt: skip
EXPECTED[("EU", "3B001.f.3")] = EXPECTED[("US", "3B001.f.3")]
EXPECTED[("EU", "3B001.f.4")] = EXPECTED[("US", "3B001.f.4")]
FACTS = {"3B001.f.3": "mask-writer-deflected-focused-beam", "3B001.f.4": "deflected-focused-electron-beam"}  # fmt: skip


@pytest.mark.parametrize(("jurisdiction", "code"), sorted(EXPECTED))
def test_the_lithography_paragraphs_read_from_each_list(
    found: Found, jurisdiction: str, code: str
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None
    assert ways(entry) == EXPECTED[(jurisdiction, code)]
    fact = FACTS.get(code)
    assert list(entry.requires_facts) == ([fact] if fact else [])


def test_the_notes_split_off_by_the_sources_stay_notes(
    found: Found,
) -> None:
    # US: a formula image splits the Technical Notes to 3B001.f.1.b in two NOTE elements, the
    # second without a heading; EU: "where the K factor = 0,35." is a line of its own. Read as
    # paragraph words or as a note that excludes items, f.1.b stayed text.
    for jurisdiction in ("US", "EU"):
        entry = found[(jurisdiction, "3B001.f.1.b")]
        assert "K factor" not in entry.title and entry.text_only is None
