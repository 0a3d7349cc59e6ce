"""The shapes of a diff between two versions of the terminology (contract §5 GET
/v1/releases/{a}/diff/{b}), as typed dictionaries: what diff.py returns and the API validates."""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

Category = Literal["entries", "criteria", "concepts", "other"]
"""The categories of things (labels and mappings are listed on their own)."""


class DiffItem(TypedDict):
    """An entry, criterion or concept: its IRI, public name and English title."""

    iri: str
    id: str
    title: str | None


class PropertyChange(TypedDict):
    """One property of a changed item: its values before and after, as a reader sees them."""

    property: str
    before: list[str]
    after: list[str]


class ChangedItem(DiffItem):
    changes: list[PropertyChange]
    deprecated: NotRequired[bool]
    """True when the change deprecates the item."""


class ItemChanges(TypedDict):
    added: list[DiffItem]
    removed: list[DiffItem]
    changed: list[ChangedItem]


class Label(TypedDict):
    """A label property of an entry or concept, in one language (None: no language tag)."""

    iri: str
    id: str
    property: str
    language: str | None


class LabelValue(Label):
    value: str


class LabelChange(Label):
    before: str
    after: str


class LabelChanges(TypedDict):
    added: list[LabelValue]
    removed: list[LabelValue]
    changed: list[LabelChange]


class MappingRelation(TypedDict):
    """A SKOS mapping (relation without the skos: prefix) between two named things."""

    subject: str
    object: str
    relation: str


class MappingChange(TypedDict):
    subject: str
    object: str
    before: list[str]
    after: list[str]


class MappingChanges(TypedDict):
    added: list[MappingRelation]
    removed: list[MappingRelation]
    changed: list[MappingChange]


class DiffCounts(TypedDict):
    added: int
    removed: int
    changed: int


class DiffSummary(TypedDict):
    """How many things of each category were added, removed and changed."""

    entries: DiffCounts
    criteria: DiffCounts
    concepts: DiffCounts
    labels: DiffCounts
    mappings: DiffCounts
    other: DiffCounts


class Diff(TypedDict):
    """What changed between two versions of the terminology."""

    summary: DiffSummary
    entries: ItemChanges
    criteria: ItemChanges
    concepts: ItemChanges
    labels: LabelChanges
    mappings: MappingChanges
    other: ItemChanges


class DiffRow(TypedDict):
    """A row of the diff as a table."""

    category: str
    change: str
    item: str
    property: str
    before: str
    after: str


_Ends = TypedDict("_Ends", {"from": str, "to": str})  # "from" is a keyword: the functional form


class ReleaseDiff(_Ends, Diff):
    """What changed from release `from` to release `to` ("current": the unreleased terminology)."""
