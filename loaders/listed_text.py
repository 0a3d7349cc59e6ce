"""The shape shared by the whole-list loaders (loaders/ccl.py, loaders/annex_i.py): an entry of an
official control list as a tree of lettered paragraphs, each with its verbatim text and notes.

A tree is built by :class:`TreeBuilder` while a parser walks the text in order, then frozen into
:class:`TextNode` values (immutable; children in text order). The threshold formalization reads
these trees: ``node.code`` is the full code (``3A001.a.1``), ``node.path`` its lettered path below
the entry (``("a", "1")``, empty for the entry itself), ``node.text`` the paragraph's own words,
``node.notes`` the notes and technical notes that the text attaches to it, ``node.parent`` the
parent's code (``None`` for the entry) and ``node.children`` the sub-paragraphs.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from exportgraph.loaders.tables import SourceDataError

ENTRY_CODE = re.compile(r"\d[A-E]\d{3}")
"""A control-list entry number as the Wassenaar-based lists write it (category, group, number)."""
NOTE_KINDS = {
    "note": "note",
    "notes": "note",
    "technical note": "technical-note",
    "technical notes": "technical-note",
    "n.b.": "nb",
    "nota bene": "nb",
}


@dataclass(frozen=True)
class Note:
    """A note, technical note or N.B. as the text writes it: its heading ("Note 1 to paragraph
    0A501.a:", "Technical Note:"), its words, and the source line it starts on."""

    kind: str
    """"note", "technical-note", "nb", or the heading's own kind ("licence-requirement-note"…)."""
    heading: str
    text: str
    line: int


@dataclass(frozen=True)
class TextNode:
    """One paragraph of an entry: the entry itself (``path == ()``) or a lettered sub-item."""

    jurisdiction: str
    code: str
    """Full code as the list writes it: ``3A001``, ``3A001.a``, ``3A001.a.1``."""
    path: tuple[str, ...]
    """The lettered path below the entry: ``("a", "1")`` for ``3A001.a.1``."""
    text: str
    """The paragraph's verbatim words (superscripts written ``10^3``), without its label."""
    notes: tuple[Note, ...]
    parent: str | None
    """Code of the parent paragraph; ``None`` for the entry."""
    children: tuple[TextNode, ...]
    line: int

    @property
    def public_id(self) -> str:
        """The contract's public entry id: ``US:3A001.a.1``."""
        return f"{self.jurisdiction}:{self.code}"

    @property
    def reserved(self) -> bool:
        """A paragraph the list keeps empty ("[Reserved]", "Not used;")."""
        return bool(re.fullmatch(r"(?:\S+\s+)?\[Reserved\][.;]?|Not used;?", self.text.strip()))

    def walk(self) -> Iterator[TextNode]:
        """This node and every node below it, in text order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, code: str) -> TextNode | None:
        """The node of this tree with that code, if any."""
        return next((node for node in self.walk() if node.code == code), None)


@dataclass
class _Draft:
    path: tuple[str, ...]
    line: int
    text: list[str]
    notes: list[Note] = field(default_factory=list)
    children: list[_Draft] = field(default_factory=list)


class TreeBuilder:
    """Collects the paragraphs of one entry in text order and freezes them into a tree.

    A paragraph whose parent path was not given (the lists skip a level now and then, e.g. a
    Note between ``a.`` and ``a.1.a.``) hangs under its nearest given ancestor; a path given twice
    continues the paragraph given first (the text repeats a label only for a continuation).
    """

    def __init__(self, jurisdiction: str, code: str, text: str, line: int) -> None:
        self.jurisdiction = jurisdiction
        self.code = code
        self._root = _Draft((), line, [text] if text else [])
        self._by_path: dict[tuple[str, ...], _Draft] = {(): self._root}
        self.current: tuple[str, ...] = ()
        self._noted: tuple[str, ...] = ()

    def has(self, path: tuple[str, ...]) -> bool:
        return path in self._by_path

    def paragraph(self, path: tuple[str, ...], text: str, line: int) -> None:
        """A lettered paragraph; it becomes the current one."""
        draft = self._by_path.get(path)
        if draft is not None:
            draft.text.append(text)
        else:
            parent = path[:-1]
            while parent not in self._by_path:
                parent = parent[:-1]
            draft = _Draft(path, line, [text] if text else [])
            self._by_path[parent].children.append(draft)
            self._by_path[path] = draft
        self.current = path

    def continuation(self, text: str) -> None:
        """More words of the current paragraph (a list, a table, a second sentence)."""
        if text:
            self._by_path[self.current].text.append(text)

    def note(self, note: Note, path: tuple[str, ...] | None = None) -> None:
        """A note on the paragraph it names (when that paragraph exists), else the current one."""
        target = path if path is not None and path in self._by_path else self.current
        self._by_path[target].notes.append(note)
        self._noted = target

    def note_continues(self, text: str) -> None:
        """More words of the note placed last (a line the source split off it)."""
        notes = self._by_path[self._noted].notes
        notes[-1] = replace(notes[-1], text=f"{notes[-1].text}\n{text}")

    def freeze(self) -> TextNode:
        return self._freeze(self._root, None)

    def _freeze(self, draft: _Draft, parent: str | None) -> TextNode:
        code = self.code + "".join(f".{part}" for part in draft.path)
        return TextNode(
            jurisdiction=self.jurisdiction,
            code=code,
            path=draft.path,
            text="\n".join(draft.text),
            notes=tuple(draft.notes),
            parent=parent,
            children=tuple(self._freeze(child, code) for child in draft.children),
            line=draft.line,
        )


_RANGE = re.compile(r"^(?P<first>[a-z])\.\s*(?:[-–]|through|to)\s*(?P<last>[a-z])\.\s")
_LABEL = re.compile(
    r"^(?:(?P<label>[a-z](?:\.(?:\d+|[a-z]))+)(?:\.\s*|\s+)|(?P<single>[a-z])\.\s*)"
)


def split_label(text: str) -> tuple[tuple[tuple[str, ...], ...], str] | None:
    """The lettered path(s) a paragraph starts with and the words after the label:
    ``"a.1. Integrated…"`` → ``((("a", "1"),), "Integrated…")``; a range ``"b.-d. [Reserved]"``
    gives one path per letter (and keeps the whole paragraph as the words). ``None`` when the
    paragraph has no label."""
    span = _RANGE.match(text)
    if span is not None:
        first, last = span.group("first"), span.group("last")
        letters = [chr(c) for c in range(ord(first), ord(last) + 1)]
        return tuple((letter,) for letter in letters), text
    match = _LABEL.match(text)
    if match is None:
        return None
    parts = tuple((match.group("label") or match.group("single")).split("."))
    # letters and numbers alternate ("f.2.1." with two numbers occurs); two letters do not
    if any(a.isalpha() and b.isalpha() for a, b in itertools.pairwise(parts)):
        return None
    return (parts,), text[match.end() :].strip()


_NOTE_HEAD = re.compile(
    r"^(?P<kind>Technical Notes?|Notes?|N\.\s?B\.|Nota bene)(?P<number>\s*\d+)?"
    r"(?P<scope>\s+(?:to|on)\s+[^:]{1,120}?)?\s*[:.]?(?=\s|$|\d)",
    re.IGNORECASE,
)


def note_heading(text: str) -> tuple[str, str, str] | None:
    """``(kind, heading, words)`` when a paragraph starts with a note heading ("Note 2:",
    "Technical Note to 3A090.a:", "N.B."), else ``None``."""
    match = _NOTE_HEAD.match(text)
    if match is None:
        return None
    word = match.group("kind").lower().replace("n. b.", "n.b.")
    kind = NOTE_KINDS.get(word, "note")
    return kind, text[: match.end()].strip(), text[match.end() :].strip()


def note_kind(heading: str) -> str:
    """The kind of a note from its heading alone ("Technical Notes:" → "technical-note")."""
    found = note_heading(heading)
    return found[0] if found else "note"


def named_path(code: str, text: str, *, anywhere: bool = False) -> tuple[str, ...] | None:
    """The paragraph of entry ``code`` that a note names as its subject: in a heading ("Note to
    3A001.a.2", "N.B. to paragraph a.4", anywhere=True) or at the start of its words ("3A001.a.2
    does not apply…", "For the purposes of 4A506.c, …", "Items specified by 4A506.b include…").
    ``None`` when it names none (or names a paragraph of another note: "… to paragraph b. of
    Note 2")."""
    own = re.escape(code)
    if anywhere:
        if re.search(r"\bof (?:Note|the Note)\b", text):
            return None
        match = re.search(rf"{own}((?:\.[a-z0-9]+)*)", text) or re.search(
            r"\bparagraphs?\s+((?:\.?[a-z](?:\.[a-z0-9]+)*))", text
        )
    else:
        lead = (
            r"^(?:(?:For the purposes? of|Items (?:specified|controlled|described) (?:by|in|under)"
            r"|In|Under|Paragraph)\s+)?(?:(?:ECCN|entry)\s+)?"
        )
        match = re.search(lead + rf"{own}((?:\.[a-z0-9]+)*)", text)
    if match is None:
        return None
    return tuple(part for part in match.group(1).split(".") if part)


def plain(text: str) -> str:
    """Whitespace collapsed to single spaces, trimmed."""
    return " ".join(text.split())


@dataclass(frozen=True)
class SourceFile:
    """One official source file as read: its path in the project, sha256 computed at load,
    version and retrieval date as its provenance records them."""

    name: str
    """Path relative to the project root (``ontology/sources/…``)."""
    sha256: str
    version: str
    retrieved: str
    """ISO date (or date-time) the file was retrieved from its publisher."""
    title: str
    attribution: str = ""


def read_source(path: Path, name: str) -> bytes:
    """The file's bytes, or a SourceDataError naming it when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise SourceDataError(name, 0, None, f"cannot read the file: {error.strerror}") from error


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()
