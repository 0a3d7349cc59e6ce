"""The Commerce Control List as typed data: ECCNs, their licence-requirement rows and exceptions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from exportgraph.loaders.listed_text import Note, SourceFile, TextNode

REASONS = ("NS", "MT", "NP", "CB", "CW", "RS", "CC", "AT", "FC", "SL", "UN", "SI", "EI", "SS")
"""The reason-for-control codes that rows of the licence-requirement tables start with."""
_COLUMN = re.compile(r"\b(?:(?P<reason>[A-Z]{2})\s*)?Column\s*(?P<number>\d)")


@dataclass(frozen=True)
class LicenceRequirementRow:
    """One row of an ECCN's licence requirements: "NS applies to entire entry" → "NS Column 1"."""

    reason: str | None
    """The reason-for-control code the row starts with (``NS``), ``None`` if it names none."""
    applies_to: str
    chart: str
    """What the Country Chart cell says: a column ("NS Column 1.") or a rule of its own."""
    columns: tuple[str, ...]
    """Country Chart columns named, as ``NS1``, ``AT1`` (empty when the row names none)."""
    line: int


@dataclass(frozen=True)
class ListBasedException:
    """A list-based licence exception paragraph of an ECCN (LVS, GBS, STA …) and its words."""

    code: str
    text: str
    line: int


@dataclass(frozen=True)
class Eccn:
    """One ECCN: its tree of lettered items and everything its header says."""

    tree: TextNode
    category: str
    category_title: str
    group: str
    """Product group letter (A–E) of the heading it stands under."""
    group_title: str
    subheading: str
    """A heading between the product group and the ECCN ("I. Cryptographic …"), else empty."""
    reasons: tuple[str, ...]
    licence_requirements: tuple[LicenceRequirementRow, ...]
    licence_exceptions: tuple[ListBasedException, ...]
    related_controls: str
    related_definitions: str
    other_paragraphs: tuple[tuple[str, str], ...]
    """Further labelled header paragraphs as (label, words): "Reporting Requirements", "Unit" …"""
    line: int

    @property
    def code(self) -> str:
        return self.tree.code

    @property
    def heading(self) -> str:
        return self.tree.text.split("\n", 1)[0]


@dataclass(frozen=True)
class GroupText:
    """Words that stand under a heading but outside any ECCN (the notes opening Category 3A,
    the "EAR99" paragraphs, the Annex to Category 1)."""

    category: str
    group: str
    heading: str
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class CommerceControlList:
    source: SourceFile
    entries: tuple[Eccn, ...]
    group_texts: tuple[GroupText, ...]

    def entry(self, code: str) -> Eccn:
        for eccn in self.entries:
            if eccn.code == code:
                return eccn
        raise KeyError(code)


def licence_row(applies_to: str, chart: str, line: int) -> LicenceRequirementRow:
    first = applies_to.split(" ", 1)[0].rstrip(".,:")
    reason = first if first in REASONS else None
    columns: list[str] = []
    for match in _COLUMN.finditer(chart):
        column_reason = match.group("reason") or reason
        if column_reason:
            column = f"{column_reason}{match.group('number')}"
            if column not in columns:
                columns.append(column)
    return LicenceRequirementRow(reason, applies_to, chart, tuple(columns), line)
