"""What an answer must say about the standing of the entries it rests on, in the users' words:
an effective date that was not read but inferred (how, from the date-bases scheme), an entry that
is a proposal rather than law (legal-statuses scheme), and the open questions recorded on it."""

from __future__ import annotations

from collections.abc import Iterable

from typing_extensions import TypedDict

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry


class DateBasisShown(TypedDict):
    basis: str
    label: str
    provisional: bool
    why: str
    """The basis's definition, then the entry's own note on how the date was found."""


class LegalStatusShown(TypedDict):
    status: str
    label: str
    law: bool
    why: str


def date_basis(knowledge: Knowledge, entry: Entry) -> DateBasisShown | None:
    """How the entry's effective date was established, when the data says (None: as read)."""
    concept = knowledge.scheme("date-bases").get(entry.date_basis or "")
    if concept is None:
        return None
    definition = concept.pick("definition")[0] or ""
    why = " ".join(part for part in (definition, _sentence(entry.effective_date_note)) if part)
    return {
        "basis": concept.notation,
        "label": concept.label or concept.notation,
        "provisional": concept.has("dateProvisional"),
        "why": why,
    }


def legal_status(knowledge: Knowledge, entry: Entry) -> LegalStatusShown | None:
    """Whether the entry is law or a proposal, when the data says (None: law as read)."""
    concept = knowledge.scheme("legal-statuses").get(entry.legal_status or "")
    if concept is None:
        return None
    return {
        "status": concept.notation,
        "label": concept.label or concept.notation,
        "law": concept.has("isLaw"),
        "why": concept.pick("definition")[0] or "",
    }


def caveat_notes(knowledge: Knowledge, entries: Iterable[Entry]) -> list[str]:
    """One sentence per provisional date, proposal and open question of the entries an answer
    rests on (each once, in the order given)."""
    notes: list[str] = []

    def add(text: str) -> None:
        if text not in notes:
            notes.append(text)

    for entry in entries:
        status = legal_status(knowledge, entry)
        if status is not None and not status["law"]:
            add(f"{entry.id} is a {status['label']}, not law as read. {status['why']}")
        basis = date_basis(knowledge, entry)
        if basis is not None and basis["provisional"] and entry.effective_from is not None:
            add(
                f"The effective date of {entry.id} ({entry.effective_from.isoformat()}) is "
                f"provisional ({basis['label']}): {basis['why']}"
            )
        for question in entry.open_questions:
            add(f"Open question on {entry.id}: {_sentence(question)}")
    return notes


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if not text or text.endswith(".") else text + "."
