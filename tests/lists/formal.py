"""What a formalized entry says, as plain values the tests write from the official texts."""

from __future__ import annotations

from decimal import Decimal

from exportgraph.loaders.formalize import FormalEntry

Criterion = tuple[str, str, Decimal, str]
"""(parameter, comparator, value, unit's QUDT local name)."""
Found = dict[tuple[str, str], FormalEntry]
"""Formalized entries by (jurisdiction, code)."""


def ways(entry: FormalEntry) -> set[frozenset[Criterion]]:
    """Every way the entry is met, each a set of criteria."""
    return {
        frozenset((c.parameter, c.comparator, c.value, c.unit.rsplit("/", 1)[-1]) for c in way)
        for way in entry.ways
    }


def criterion(parameter: str, comparator: str, value: str, unit: str) -> Criterion:
    """A criterion as the tests write it, the value as the text's digits ("1E-11", "0.3")."""
    return (parameter, comparator, Decimal(value), unit)
