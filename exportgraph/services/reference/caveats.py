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
    """One sentence per proposal, provisional date and open question of the entries an answer
    rests on; entries that share one (a sub-entry and its parent) are named together."""
    said: dict[tuple[str, str], list[str]] = {}  # (kind, what) -> entry ids, in order given

    def add(kind: str, what: str, entry: Entry) -> None:
        ids = said.setdefault((kind, what), [])
        if entry.id not in ids:
            ids.append(entry.id)

    for entry in entries:
        status = legal_status(knowledge, entry)
        if status is not None and not status["law"]:
            add("status", f"a {status['label']}, not law as read. {status['why']}", entry)
        basis = date_basis(knowledge, entry)
        if basis is not None and basis["provisional"] and entry.effective_from is not None:
            date = entry.effective_from.isoformat()
            add("date", f"({date}) is provisional ({basis['label']}): {basis['why']}", entry)
        for question in entry.open_questions:
            add("question", _sentence(question), entry)
    notes = []
    for (kind, what), ids in said.items():
        names = ", ".join(ids)
        if kind == "status":
            verb = "is" if len(ids) == 1 else "are each"
            notes.append(f"{names} {verb} {what}")
        elif kind == "date":
            notes.append(f"The effective date of {names} {what}")
        else:
            notes.append(f"Open question on {names}: {what}")
    return notes


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if not text or text.endswith(".") else text + "."
