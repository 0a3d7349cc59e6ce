"""Which paragraph of an ECCN a note of the Commerce Control List belongs to.

The eCFR XML sets every ``NOTE`` flat, right after the last paragraph read, with nothing that
says its level: the notes that close a list ("3A001.a.14.b.2 Processing of digitized data;" then
"N.B.: 1: For analog-to-digital converter integrated circuits see 3A001.a.5.a." and "Technical
Notes: For the purposes of 3A001.a.14: …") belong to the paragraph whose list they close, not to
its last sub-paragraph. The EU's consolidated Annex I, which keeps the Wassenaar layout, places
the same notes at that level ("3A001.a.14 N.B.1. …").

So a note between two paragraphs goes, in this order, to:

1. the paragraph its heading names ("Note to 2B201.a:", "N.B. to paragraph a.4:");
2. the paragraph its words start with ("3A001.h does not apply …", "For the purposes of
   3A001.a.5.a: …"); words starting with a list of paragraphs ("5A001.f.1 and 5A001.f.2 do not
   apply …") name the paragraph enclosing them all (5A001.f);
3. the paragraph enclosing both the one it follows and the paragraphs its words name among that
   one, those it stands under and those of its own list, cross-references ("see 3A001.a.14")
   apart: "Repetitive peak off-state voltage in 3A001.h includes …" after 3A001.h.3 is a note to
   3A001.h; "The control status of a transistor in 3A001.b.3.a through 3A001.b.3.e …" after
   3A001.b.3.f one to 3A001.b.3;
4. a note that names none goes with the notes of its run (the notes between the same two
   paragraphs) that do: the nearest named one after it, else before it;
5. else the paragraph it follows.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from exportgraph.loaders.listed_text import ENTRY_CODE, Note, TreeBuilder, named_path

_CODE_PATH = re.compile(rf"(?<![\w.])({ENTRY_CODE.pattern})((?:\.[a-z0-9]+)*)")
_LISTED = re.compile(r"(?:\.?,\s*|\.?,?\s+(?:and|or|to)\s+)")
"""What separates the paragraphs of a list a note's words start with ("5A001.f.1 and 5A001.f.2")."""
_CROSS_REFERENCE = re.compile(r"\b(?:see|See|SEE)(?:\s+also)?(?:\s+ECCN)?\s*$")


@dataclass(frozen=True)
class PendingNote:
    """A note read after paragraph ``after``, and the paragraph its own words name (if any)."""

    note: Note
    after: tuple[str, ...]
    named: tuple[str, ...] | None


def read_note(code: str, note: Note, after: tuple[str, ...], tree: TreeBuilder) -> PendingNote:
    """The note with the paragraph it names by rules 1–3 (``None``: it names none in the tree)."""
    for found in (named_path(code, note.heading, anywhere=True), _listed(code, note.text)):
        if found is not None and tree.has(found):
            return PendingNote(note, after, found)
    near = [p for p in mentioned(code, note.text) if tree.has(p) and _near(p, after)]
    return PendingNote(note, after, common_ancestor([after, *near]) if near else None)


def _listed(code: str, text: str) -> tuple[str, ...] | None:
    """The paragraph the words start with, or the one enclosing the paragraphs of a list they
    start with ("5A001.f.1 and 5A001.f.2 do not apply …" → 5A001.f)."""
    first = named_path(code, text)
    if first is None:
        return None
    paths, rest = [first], text[text.index(code) + len(code) :]
    rest = rest[len("".join(f".{part}" for part in first)) :]
    while (separator := _LISTED.match(rest)) and rest[separator.end() :].startswith(code):
        rest = rest[separator.end() + len(code) :]
        path = re.match(r"(?:\.[a-z0-9]+)*", rest)
        paths.append(tuple(part for part in (path.group(0) if path else "").split(".") if part))
        rest = rest[path.end() if path else 0 :]
    return common_ancestor(paths)


def mentioned(code: str, text: str) -> list[tuple[str, ...]]:
    """The paragraphs of ECCN ``code`` that the words name, cross-references ("see …") apart."""
    found = []
    for match in _CODE_PATH.finditer(text):
        if match.group(1) != code:
            continue
        if _CROSS_REFERENCE.search(text[max(0, match.start() - 30) : match.start()]):
            continue
        found.append(tuple(part for part in match.group(2).split(".") if part))
    return found


def _near(path: tuple[str, ...], after: tuple[str, ...]) -> bool:
    """Whether ``path`` is the paragraph ``after``, one it stands under, or one of the same list
    (a sibling or below one): words naming paragraphs further off are references, not a subject
    ("… are specified by “fibrous or filamentary materials” in 1C010.a, 1C010.b or 1C010.c")."""
    return after[: len(path)] == path or (
        len(after) > 0 and path[: len(after) - 1] == after[:-1] and len(path) >= len(after)
    )


def common_ancestor(paths: Sequence[tuple[str, ...]]) -> tuple[str, ...]:
    """The longest path every one of ``paths`` starts with."""
    first = paths[0]
    length = 0
    while length < len(first) and all(
        len(p) > length and p[length] == first[length] for p in paths
    ):
        length += 1
    return first[:length]


def place(run: Sequence[PendingNote], tree: TreeBuilder) -> None:
    """Attach a run of notes (all read between the same two paragraphs) to their paragraphs,
    in text order (rules 4 and 5 for the notes that name none)."""
    for index, pending in enumerate(run):
        named = [p.named for p in (*run[index:], *reversed(run[:index])) if p.named is not None]
        tree.note(pending.note, named[0] if named else pending.after)
