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
