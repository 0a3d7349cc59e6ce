"""A paragraph of a whole official list that the curated tables do not hold (contract §13):
`GET /v1/entries/US:3A001.a.1` and its page — the official words, the paragraphs above and below
it, the notes the text attaches, the US licence requirements (reasons for control and country-chart
columns) and list-based licence exceptions, and the source file it was read from.

Its criteria are not formalized: the answer says so and sends the reader to the text."""

from __future__ import annotations

from typing import NotRequired

from pyoxigraph import Literal, NamedNode
from typing_extensions import TypedDict

from exportgraph.errors import NotFound, shown
from exportgraph.graph.queries import bind
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.listed import Paragraph
from exportgraph.services.reference.entries import EntryDetail, get_entry
from exportgraph.store import Store

NOT_FORMALIZED = (
    "The criteria of this paragraph are not formalized as data: read the official text below; "
    "a classification against it is yours (or the authority's) to make."
)


class ListedNote(TypedDict):
    kind: str
    heading: str | None
    text: str


class ListedSourceShown(TypedDict):
    file: str
    version: str
    retrieved: str
    sha256: str


class RequirementShown(TypedDict):
    reason: str | None
    applies_to: str
    country_chart: str
    columns: list[str]


class ListedExceptionShown(TypedDict):
    code: str
    text: str


class ListedEntryDetail(TypedDict):
    id: str
    jurisdiction: str
    code: str
    title: str | None
    official_text: str
    formalized: bool
    note: str
    parent: str | None
    within: list[str]
    sub_entries: list[str]
    notes: list[ListedNote]
    licence_requirements: NotRequired[list[RequirementShown]]
    licence_exceptions: NotRequired[list[ListedExceptionShown]]
    source: ListedSourceShown
    data_version: str


def _value(term: object) -> str:
    return term.value if isinstance(term, Literal | NamedNode) else ""


def _paragraph(knowledge: Knowledge, entry_id: str) -> Paragraph | None:
    """The paragraph by public id; the jurisdiction's aliases and letter case do not matter."""
    public_id = knowledge.public_id(entry_id)
    return knowledge.listed.paragraph(public_id) if public_id else None


def _children(knowledge: Knowledge) -> dict[str, list[str]]:
    def build(k: Knowledge) -> dict[str, list[str]]:
        children: dict[str, list[str]] = {}
        for paragraph in k.listed.paragraphs.values():
            if paragraph.parent is not None:
                children.setdefault(paragraph.parent, []).append(paragraph.id)
        return children

    return knowledge.derived("listed-entries:children", build)


def listed_entry(knowledge: Knowledge, store: Store, entry_id: str) -> ListedEntryDetail:
    """A whole-list paragraph by public id; NotFound (404) when no list of the data has it."""
    paragraph = _paragraph(knowledge, entry_id)
    if paragraph is None:
        raise NotFound(f"no entry {shown(entry_id)} in the lists of the data", field="id")
    entry = NamedNode(paragraph.iri)
    rows = store.select(bind("listed_entry", [{"entry": entry}]))
    if not rows:
        raise NotFound(f"no official text for {shown(entry_id)} in the data", field="id")
    row = rows[0]
    lineage = knowledge.listed.lineage(paragraph)
    notes: list[ListedNote] = [
        {
            "kind": _value(note.get("kind")).rsplit("#", 1)[-1],
            "heading": _value(note.get("heading")) or None,
            "text": _value(note.get("text")),
        }
        for note in store.select(bind("listed_notes", [{"entry": entry}]))
    ]
    parent = knowledge.listed.by_iri.get(paragraph.parent) if paragraph.parent else None
    detail: ListedEntryDetail = {
        "id": paragraph.id,
        "jurisdiction": paragraph.jurisdiction,
        "code": paragraph.code,
        "title": _value(row.get("title")) or None,
        "official_text": _value(row.get("text")),
        "formalized": _value(row.get("formalized")) == "true",
        "note": NOT_FORMALIZED,
        "parent": parent.id if parent is not None else None,
        "within": [p.id for p in reversed(lineage[1:])],
        "sub_entries": sorted(_children(knowledge).get(paragraph.iri, [])),
        "notes": notes,
        "source": {
            "file": _value(row.get("file")),
            "version": _value(row.get("version")),
            "retrieved": _value(row.get("retrieved")),
            "sha256": _value(row.get("sha256")),
        },
        "data_version": knowledge.version,
    }
    top = lineage[-1]
    requirements = knowledge.listed.requirements.get(top.iri, ())
    if requirements:
        detail["licence_requirements"] = [
            {
                "reason": r.reason,
                "applies_to": r.applies_to,
                "country_chart": r.chart,
                "columns": list(r.columns),
            }
            for r in requirements
        ]
    exceptions = knowledge.listed.exceptions.get(top.iri, ())
    if exceptions:
        detail["licence_exceptions"] = [{"code": e.code, "text": e.text} for e in exceptions]
    return detail


def any_entry(knowledge: Knowledge, store: Store, entry_id: str) -> EntryDetail | ListedEntryDetail:
    """A curated entry (criteria as data) or else a whole-list paragraph known as text."""
    try:
        return get_entry(knowledge, entry_id)
    except NotFound:
        return listed_entry(knowledge, store, entry_id)
