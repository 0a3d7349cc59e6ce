"""Semiconductor epitaxy and etch equipment as the official texts state it (US 3B001.a.4, .c.1.a,
.c.1.c, .c.2, .c.4; EU 3B501.a.4, .f.1, .k.1, .k.2). Expected values written from
ontology/sources/, not from the formalizer."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders.formalize_words import stated_thresholds

from tests.lists.formal import Criterion, Found, ways


def _one(parameter: str, comparator: str, value: str, unit: str) -> set[frozenset[Criterion]]:
    return {frozenset({(parameter, comparator, Decimal(value), unit)})}


EPITAXY = "epitaxy-deposition-chamber-lowest-temperature"
SELECTIVITY_100 = _one("sige-si-etch-selectivity", ">=", "100", "UNITLESS")
SWITCHING_300 = _one("fast-gas-switching-valve-switching-time", "<", "300", "MilliSEC")
ETCH_FACTS = {"etch-pulsed-rf-output", "electrostatic-chuck-twenty-or-more-temperature-elements"}


def test_si_epitaxy_us_includes_685_degrees_the_eu_does_not(found: Found) -> None:
    # US 3B001.a.4.b "equal to or below 958 K (685 °C)"; EU 3B501.a.4.b "below 958 K (685 °C)"
    us, eu = found[("US", "3B001.a.4")], found[("EU", "3B501.a.4")]
    assert ways(us) == _one(EPITAXY, "<=", "685", "DEG_C")
    assert ways(eu) == _one(EPITAXY, "<", "685", "DEG_C")
    for entry in (us, eu):
        assert entry.kinds == ("silicon-epitaxial-growth-equipment",)
        assert entry.requires_facts == ("epitaxy-preclean-chamber",)


@pytest.mark.parametrize(
    ("jurisdiction", "code"),
    [("US", "3B001.c.1.a"), ("EU", "3B501.k.1"), ("US", "3B001.c.2")],
)
def test_sige_si_etch_selectivity_of_100_to_1(found: Found, jurisdiction: str, code: str) -> None:
    assert ways(found[(jurisdiction, code)]) == SELECTIVITY_100


@pytest.mark.parametrize(("jurisdiction", "code"), [("US", "3B001.c.1.c"), ("EU", "3B501.k.2")])
def test_anisotropic_dry_etch(found: Found, jurisdiction: str, code: str) -> None:
    entry = found[(jurisdiction, code)]
    assert ways(entry) == SWITCHING_300
    # the pulsed RF output and the "twenty or more" temperature elements are asked as facts
    assert set(entry.requires_facts) == ETCH_FACTS


def test_tsv_etch_all_three(found: Found) -> None:
    assert ways(found[("US", "3B001.c.4")]) == {
        frozenset(
            {
                ("silicon-etch-rate", ">", Decimal("7"), "MicroM-PER-MIN"),
                ("wiw-etch-depth-non-uniformity", "<=", Decimal("2"), "PERCENT"),
                ("tsv-aspect-ratio", ">=", Decimal("10"), "UNITLESS"),
            }
        )
    }


def test_eu_3b501_f_1_b_is_the_us_reading(found: Found) -> None:
    # EU 3B501.f.1.b: 193 nm or longer, MRF (K = 0,25) 45 nm or less, overlay 1,50 nm or less
    eu, us = found[("EU", "3B501.f.1.b")], found[("US", "3B001.f.1.b")]
    assert (
        ways(eu)
        == ways(us)
        == {
            frozenset(
                {
                    ("lithography-light-source-wavelength", ">=", Decimal("193"), "NanoM"),
                    ("lithography-mrf-k-0-25", "<=", Decimal("45"), "NanoM"),
                    ("dedicated-chuck-overlay", "<=", Decimal("1.50"), "NanoM"),
                }
            )
        }
    )


@pytest.mark.parametrize(
    ("words", "count"),
    [
        ("etch depth non-uniformity of less than or equal 2 percent", 1),
        ("a ratio greater than or equal 5:1", 1),
        ("less than or equal to 2 percent", 1),
    ],
)
def test_or_equal_without_to_is_counted(words: str, count: int) -> None:
    assert stated_thresholds(words) == count
