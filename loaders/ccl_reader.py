"""Reads the CCL's top-level XML elements in order into ECCNs (headings, header paragraphs, items,
notes and licence-requirement tables) and the words that stand outside any ECCN."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from exportgraph.loaders.ccl_header import (
    EXCEPTION_LABEL,
    HEADER_LABEL,
    LOOSE_LABEL,
    MARKERS,
    OTHER_LABEL,
    EccnDraft,
    continuation,
    labelled,
    licence_rows,
    lists_after_header,
)
from exportgraph.loaders.ccl_model import Eccn, GroupText, ListBasedException
from exportgraph.loaders.ccl_notes import place, read_note
from exportgraph.loaders.ccl_xml import (
    heading_code,
    leading_label,
    note_parts,
    render,
    split_note,
)
from exportgraph.loaders.listed_text import (
    ENTRY_CODE,
    Note,
    TreeBuilder,
    named_path,
    note_heading,
    note_kind,
    split_label,
)
from exportgraph.loaders.tables import SourceDataError

_TOP_LEVEL = {"HEAD", "HD1", "HD2", "HD3", "FP-2", "FP-1", "FP", "P", "NOTE", "EXTRACT", "DIV"}
_IGNORED = {"img", "EDNOTE", "CITA"}  # page images and the editorial trailer of the supplement


class EccnReader:
    """Turns the list's top-level elements, fed in order, into ECCNs and group texts."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.category = ("", "")
        self.group = ("", "")
        self.subheading = ""
        self.draft: EccnDraft | None = None
        self.done: list[Eccn] = []
        self.group_texts: list[GroupText] = []
        self._group_notes: list[Note] = []
        self._note_before: str | None = None
        """The kind of the note just read, when nothing but page images came since: a note
        without a heading there continues it (a formula image splits US Technical Notes)."""

    # ------------------------------------------------------------------ dispatch

    def element(self, element: ElementTree.Element, line: int) -> None:
        tag = element.tag
        if tag in _IGNORED:
            return
        if tag not in _TOP_LEVEL:
            raise self.error(line, f"unexpected element <{tag}> in the list")
        if tag != "NOTE":
            self._note_before = None
        try:
            self._element(element, line)
        except SourceDataError:
            raise
        except (ValueError, IndexError, KeyError) as error:  # a paragraph this reader mis-reads
            raise self.error(line, f"cannot read <{tag}>: {error}") from error

    def _element(self, element: ElementTree.Element, line: int) -> None:
        tag = element.tag
        text = render(element)
        if tag in ("HD1", "HD2", "HD3", "HEAD"):
            self.heading(tag, text, line)
            return
        code = heading_code(element)
        if code is not None:
            self.start(code, text, line)
            return
        if (
            tag == "FP-2"
            and element.find("B") is None
            and re.match(rf"{ENTRY_CODE.pattern}\s", text)
        ):
            raise self.error(line, f"ECCN heading {text[:5]} without its <B> element")
        if tag == "FP-2" and text.startswith("EAR99"):
            self.close()
            self._group_notes.append(Note("ear99", "EAR99", text, line))
            return
        if self.draft is None:
            self.outside(element, text, line)
        elif tag in ("NOTE", "EXTRACT"):
            for part in split_note(element):
                if part.tag == "P":
                    self.paragraph(part, render(part), line)
                else:
                    self.note(part, line)
        elif tag == "DIV":
            self.table(element, line)
        else:
            self.paragraph(element, text, line)

    def error(self, line: int, message: str) -> SourceDataError:
        where = f"ECCN {self.draft.tree.code}" if self.draft else "outside any ECCN"
        return SourceDataError(self.name, line, None, f"{where}: {message}")

    # ------------------------------------------------------------------ headings

    def heading(self, tag: str, text: str, line: int) -> None:
        if self.draft is not None and tag == "HD1":
            self.place_notes()
            for pattern, section in MARKERS:
                if pattern.match(text):  # 3A090 sets its sections as HD1 headings
                    self.draft.section = section
                    return
        self.close()
        self._flush_group()
        category = re.match(r"^Category (\d+)\s*[—–-]\s*(.*)$", text)
        group = re.match(r"^([A-E])\.\s*(.*)$", text)
        if tag == "HEAD":
            return
        if tag == "HD1" and category:
            self.category = (category.group(1), category.group(2))
            self.group = ("", "")
            self.subheading = ""
        elif tag == "HD1" and group:
            self.group = (group.group(1), group.group(2))
            self.subheading = ""
        else:
            self.subheading = text

    def start(self, code: str, text: str, line: int) -> None:
        self.close()
        self._flush_group()
        heading = text[len(code) :].strip()
        self.draft = EccnDraft(
            TreeBuilder("US", code, heading, line),
            line,
            self.category,
            self.group,
            self.subheading,
        )

    def outside(self, element: ElementTree.Element, text: str, line: int) -> None:
        """Words under a heading but before (or between) ECCNs."""
        if element.tag in ("NOTE", "EXTRACT"):
            heading, body = note_parts(element)
            self._group_notes.append(Note(note_kind(heading), heading, body, line))
        elif text:
            self._group_notes.append(Note("text", "", text, line))

    def _flush_group(self) -> None:
        if self._group_notes:
            heading = self.subheading or self.group[1] or self.category[1]
            self.group_texts.append(
                GroupText(self.category[0], self.group[0], heading, tuple(self._group_notes))
            )
            self._group_notes = []

    # ------------------------------------------------------------------ ECCN content

    def paragraph(self, element: ElementTree.Element, text: str, line: int) -> None:
        draft = self.draft
        assert draft is not None
        if not text:
            return
        heading = note_heading(text) if draft.in_items and split_label(text) is None else None
        if heading is not None:
            kind, head, words = heading
            self.add_note(Note(kind, head, words, line))
            return
        self.place_notes()
        for pattern, section in MARKERS:
            if pattern.match(text) and not draft.in_items:
                draft.section = section
                draft.last = ""
                draft.listing = False
                if section == "Reporting Requirements":
                    draft.other.append([section, ""])
                    draft.last = "other"
                return
        header = HEADER_LABEL.match(text) or (None if draft.in_items else LOOSE_LABEL.match(text))
        if header:
            words = labelled(draft, header.group("label"), header.group("rest").strip(), line)
            if words:
                self.item(words, line)
            return
        if draft.in_items:
            self.item(text, line)
            return
        exception = EXCEPTION_LABEL.match(text)
        if exception:
            draft.listing = False
            draft.exceptions.append(
                ListBasedException(exception.group("label"), exception.group("rest").strip(), line)
            )
            draft.last = "exception"
            return
        other = OTHER_LABEL.match(text)
        label = other.group("label") if other else leading_label(element)
        if label is not None:
            draft.listing = False
            draft.other.append([label, text[len(label) + 1 :].strip()])
            draft.last = "other"
            return
        if split_label(text) and lists_after_header(draft):
            continuation(draft, text, line)
            return
        if draft.section == "list" and split_label(text) and text.startswith("a."):
            draft.in_items = True  # a few ECCNs list their items without an "Items:" line
            self.item(text, line)
            return
        continuation(draft, text, line)

    def item(self, text: str, line: int) -> None:
        draft = self.draft
        assert draft is not None
        labelled = split_label(text)
        if labelled is not None:
            paths, words = labelled
            for path in paths:
                draft.tree.paragraph(path, words, line)
            return
        draft.tree.continuation(text)

    def note(self, element: ElementTree.Element, line: int) -> None:
        draft = self.draft
        assert draft is not None
        heading, body = note_parts(element)
        kind = note_kind(heading)
        if not heading.strip() and self._note_before is not None:
            kind = self._note_before
        self._note_before = kind
        if re.match(r"License Requirements? Notes?", heading, re.IGNORECASE):
            kind = "licence-requirement-note"
        elif re.match(r"License Exceptions? Notes?", heading, re.IGNORECASE):
            kind = "licence-exception-note"
        if draft.in_items:
            self.add_note(Note(kind, heading, body, line))
            return
        code = draft.tree.code
        path = named_path(code, heading, anywhere=True)
        if path is None:
            path = named_path(code, body)
        draft.tree.note(Note(kind, heading, body, line), () if path is None else path)

    def add_note(self, note: Note) -> None:
        """A note among the lettered items: placed with the notes of its run (loaders/ccl_notes)."""
        draft = self.draft
        assert draft is not None
        draft.notes.append(read_note(draft.tree.code, note, draft.tree.current, draft.tree))

    def place_notes(self) -> None:
        draft = self.draft
        if draft is not None and draft.notes:
            place(draft.notes, draft.tree)
            draft.notes = []

    def table(self, element: ElementTree.Element, line: int) -> None:
        draft = self.draft
        assert draft is not None
        self.place_notes()
        table = element.find(".//TABLE")
        if table is None:
            text = render(element)
            if text:
                draft.tree.continuation(text)
            return
        headers = [render(th) for th in table.iter("TH")]
        if headers and headers[0].startswith("Control") and not draft.in_items:
            problem = licence_rows(draft, table, line)
            if problem:
                raise self.error(line, problem)
            return
        rows = [" | ".join(render(cell) for cell in tr) for tr in table.iter("TR")]
        draft.tree.continuation("\n".join(row for row in rows if row.strip(" |")))

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        draft = self.draft
        if draft is None:
            return
        self.place_notes()
        self.draft = None
        tree = draft.tree.freeze()
        self.done.append(
            Eccn(
                tree=tree,
                category=draft.category[0],
                category_title=draft.category[1],
                group=draft.group[0],
                group_title=draft.group[1],
                subheading=draft.subheading,
                reasons=draft.reasons,
                licence_requirements=tuple(draft.rows),
                licence_exceptions=tuple(draft.exceptions),
                related_controls="\n".join(draft.related_controls),
                related_definitions="\n".join(draft.related_definitions),
                other_paragraphs=tuple((label, text) for label, text in draft.other),
                line=draft.line,
            )
        )

    def finish(self) -> tuple[Eccn, ...]:
        self.close()
        self._flush_group()
        seen: dict[str, int] = {}
        for eccn in self.done:
            if eccn.code in seen:
                raise SourceDataError(
                    self.name,
                    eccn.line,
                    None,
                    f"ECCN {eccn.code} appears twice (first at line {seen[eccn.code]})",
                )
            seen[eccn.code] = eccn.line
            if not eccn.category or eccn.code[0] != eccn.category:
                raise SourceDataError(
                    self.name, eccn.line, None, f"ECCN {eccn.code} stands under no Category heading"
                )
        return tuple(self.done)
