"""Whether a new data version answers every classification and assessment as the previous one
did, word for word but for the data version it names: what the change touched of the index is
equal, or is only texts of concepts that the answers do not show (a label in another language, an
alternative label). Answers kept from the previous version can then be given again, naming the
new version, instead of being computed again (api/routers/partners.py: the answer cache)."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Concept
from exportgraph.knowledge.read import SECTIONS

SHOWN_TEXTS = ("pref", "definition", "note")
"""The texts of a concept classification and assessment answers show (each in English, else
untagged, else another language: Concept.pick); alternative and hidden labels are not shown."""


def shown(concept: Concept) -> tuple[str | None, ...]:
    """What the answers show of a concept: its notation and its shown texts."""
    return (concept.notation, *(concept.pick(kind)[0] for kind in SHOWN_TEXTS))


def same_answers(
    previous: Knowledge,
    knowledge: Knowledge,
    reread: Sequence[str],
    followed: Collection[str],
) -> bool:
    """Whether `knowledge` answers as `previous` did: each section read again (`reread`) holds
    what it held, except the concepts when they were followed (only texts changed): then no
    concept shows another text."""
    for section in SECTIONS:
        if section.name not in reread:
            continue
        if section.name == "concepts" and section.name in followed:
            if not _same_shown(previous, knowledge):
                return False
        elif any(getattr(previous, f) != getattr(knowledge, f) for f in section.fields):
            return False
    return True


def _same_shown(previous: Knowledge, knowledge: Knowledge) -> bool:
    before = previous.concepts
    return all(
        iri in before and shown(before[iri]) == shown(concept)
        for iri, concept in knowledge.concepts.items()
        if before.get(iri) is not concept
    )
