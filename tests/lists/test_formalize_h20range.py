"""Phrasings the readers take since h20range, each read from ontology/sources/: one reading of the
numbers the lists write (``formalize.written_number``: the main number and the equivalent in
brackets alike)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders.formalize import written_number
from exportgraph.loaders.formalize_equivalents import celsius


@pytest.mark.parametrize(
    ("written", "jurisdiction", "value"),
    [
        ("1,473", "US", "1473"),  # the CCL separates thousands with a comma
        ("−238", "US", "-238"),  # a minus sign before an equivalent in brackets
        ("+125", "US", "125"),
        ("0,05", "EU", "0.05"),  # Annex I writes a decimal comma
        ("-263,3", "EU", "-263.3"),
    ],
)
def test_one_reading_of_a_written_number(written: str, jurisdiction: str, value: str) -> None:
    assert written_number(written, jurisdiction) == Decimal(value)
    assert celsius(written, jurisdiction) == Decimal(value)  # the degrees in brackets, alike
