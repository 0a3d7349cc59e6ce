"""Heading notes that hand a paragraph's control status to other equipment (Notes 1 and 2 to
Category 3, Product Group A: an item "specially designed" for other equipment, or an integrated
circuit unalterably programmed for it, has the other equipment's control status), read from
ontology/controls/formalize/notes.csv.

Each formalized entry under such a note (its code, or a code it is a sub-paragraph of, listed in
``under`` and not in ``excepted``) requires the note's fact and carries the note: an item meeting
the criteria is "controlled" only when the fact is stated true, "unknown" (the fact asked, the
note quoted) when it is not stated — never "controlled" on criteria the note may override.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from exportgraph.loaders.formalize import FormalEntry, read_rows
from exportgraph.loaders.listed_text import Note, TextNode
from exportgraph.loaders.tables import Row, SourceDataError


@dataclass(frozen=True)
class HeadingNote:
    jurisdictions: tuple[str, ...]
    under: tuple[str, ...]
    """The codes whose paragraphs the note describes (each with its sub-paragraphs)."""
    excepted: tuple[str, ...]
    """The codes the note names as exceptions (each with its sub-paragraphs)."""
    fact: str
    """The fact that, stated true, lets the paragraph decide (the note does not hand it over)."""
    note: str
    """The note's words and what to state, shown with every entry it applies to."""
    line: int
    file: str


def read_notes(ontology: Path, name: str) -> list[HeadingNote]:
    columns = ("jurisdictions", "under", "fact", "note")
    return read_rows(ontology, "notes.csv", columns, name, _note)


def _note(row: Row) -> HeadingNote:
    return HeadingNote(
        tuple(row.words("jurisdictions")),
        tuple(row.require("under").split()),
        tuple(row.words("excepted")),
        row.require("fact"),
        row.require("note"),
        row.line,
        row.file,
    )


def _within(code: str, codes: Sequence[str]) -> bool:
    return any(code == c or code.startswith(c + ".") for c in codes)


def applies(note: HeadingNote, jurisdiction: str, code: str) -> bool:
    """Whether the heading note applies to the entry ``code`` of ``jurisdiction``."""
    if note.jurisdictions and jurisdiction not in note.jurisdictions:
        return False
    return _within(code, note.under) and not _within(code, note.excepted)


def states(notes: Sequence[HeadingNote], entry: TextNode, note: Note) -> bool:
    """Whether a heading note that applies to ``entry`` quotes ``note`` (a note of the list on a
    paragraph of the entry): its fact, which the entry will require, states what the note takes
    out, so the note no longer keeps the entry open."""
    words = _plain(note.text)
    return bool(words) and any(
        words in _plain(n.note) for n in notes if applies(n, entry.jurisdiction, entry.code)
    )


_POINTER = re.compile(r"(?:For\b.*?,\s*see|See)\s", re.IGNORECASE)
_TAKES_OUT = re.compile(r"\b(?:not|only)\b", re.IGNORECASE)


def points_elsewhere(note: Note) -> bool:
    """Whether a note only points to another entry ("For excimer “lasers” “specially designed”
    for lithography equipment, see 3B001.", a note in the CCL, an N.B. in Annex I): it takes
    nothing out of the paragraph it is on."""
    words = " ".join(note.text.split())
    return bool(_POINTER.match(words)) and not _TAKES_OUT.search(words)


def _plain(text: str) -> str:
    """Words without quotation marks or spacing differences (the CSV quotes a note's words)."""
    return " ".join(re.sub(r"[“”\"‘’']", "", text).split()).casefold()


def apply_notes(found: Iterable[FormalEntry], notes: Sequence[HeadingNote]) -> list[FormalEntry]:
    """The entries, each under a note requiring its fact and carrying its words. An entry above
    an excepted paragraph (a group holding both kinds) fails the load: split the family."""
    out = []
    for entry in found:
        for note in notes:
            if not applies(note, entry.jurisdiction, entry.code):
                continue
            if any(e.startswith(entry.code + ".") for e in note.excepted):
                why = f"{entry.jurisdiction}:{entry.code} holds {note.fact} exceptions below it"
                raise SourceDataError(note.file, note.line, "excepted", why)
            facts = tuple(dict.fromkeys((*entry.requires_facts, note.fact)))
            entry = replace(entry, requires_facts=facts, notes=(*entry.notes, note.note))
        out.append(entry)
    return out
