"""Answers list their notes, gaps, open questions and condition values in one defined order
(alphabetical), not in the store's internal order — which changes whenever a text changes, so the
same answer would otherwise reorder between data versions (and docs/partners.md with it)."""

from __future__ import annotations

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current


def _in_order(values: tuple[str, ...]) -> bool:
    return list(values) == sorted(values)


def test_entry_texts_are_in_alphabetical_order(context: Context) -> None:
    knowledge = current(context)
    several = [e for e in knowledge.entries.values() if len(e.notes) > 1]
    assert several, "the real data has entries with several notes"
    for entry in knowledge.entries.values():
        assert _in_order(entry.notes), entry.id
        assert _in_order(entry.open_questions), entry.id


def test_exclusion_conditions_and_exception_notes_are_in_alphabetical_order(
    context: Context,
) -> None:
    knowledge = current(context)
    conditions = [c for x in knowledge.exclusions for c in x.conditions]
    assert any(len(c.values) > 1 for c in conditions)
    assert all(_in_order(c.values) for c in conditions)
    assert all(_in_order(x.notes) for x in knowledge.exclusions)
    assert all(_in_order(x.notes) for x in knowledge.exceptions.values())
    assert all(_in_order(j.notes) for j in knowledge.jurisdictions.values())
