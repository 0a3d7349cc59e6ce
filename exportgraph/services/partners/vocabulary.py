"""What deciding an item reads of the vocabulary besides entries: concepts' labels and the facts
that, stated false, hand the status to other equipment."""

from __future__ import annotations

from exportgraph.knowledge.index import Knowledge


def label(knowledge: Knowledge, scheme: str, notation: str) -> str:
    """A concept's English preferred label (its notation when it has none)."""
    concept = knowledge.scheme(scheme).get(notation)
    return (concept.label if concept else None) or notation


def hands_over(knowledge: Knowledge, fact: str) -> bool:
    """Whether the fact, stated false, hands the item's control status to other equipment (the
    data's eg:handsOverWhenFalse: Notes 1 and 2 to Category 3, Product Group A)."""
    concept = knowledge.scheme("facts").get(fact)
    return concept is not None and concept.has("handsOverWhenFalse")
