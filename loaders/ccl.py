"""The whole Commerce Control List (15 CFR 774 Supp. 1, eCFR XML) as typed data.

The XML is flat: under the root, ``HD1``/``HD2``/``HD3`` headings (category, product group,
sub-headings), an ECCN heading as ``FP-2`` (once ``FP-1``) holding ``<B>3A001 …</B>``, then the
ECCN's paragraphs in order: "License Requirements", "Reason for Control:", a ``TABLE`` of
reason-for-control rows with their Country Chart columns, "List Based License Exceptions" (LVS,
GBS, STA …), "List of Items Controlled", "Related Controls:", "Related Definitions:", "Items:",
then the lettered items as ``P`` (``a.``, ``a.1.``, ``a.1.a.`` …) with ``NOTE`` blocks (notes,
technical notes, N.B.) after the paragraph they belong to.

:func:`read_ccl` returns every ECCN as an :class:`Eccn` whose ``tree`` is a
:class:`~exportgraph.loaders.listed_text.TextNode` tree (see that module for the shape). A file
that is not well-formed XML, an element this reader does not know, or an ECCN that cannot be read
raises :class:`~exportgraph.loaders.tables.SourceDataError` naming the file, the line and the ECCN.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import cast
from xml.etree import ElementTree

from exportgraph.loaders.listed_text import (
    ENTRY_CODE,
    Note,
    SourceFile,
    TextNode,
    TreeBuilder,
    named_path,
    note_heading,
    note_kind,
    plain,
    read_source,
    sha256,
    split_label,
)
from exportgraph.loaders.tables import SourceDataError

FILE = "us-ccl-15cfr774-supp1.xml"
VERSION = "eCFR as retrieved 2026 (15 CFR part 774, Supplement No. 1)"
RETRIEVED = "2026"
TITLE = "Commerce Control List, 15 CFR part 774, Supplement No. 1 (eCFR XML)"

REASONS = ("NS", "MT", "NP", "CB", "CW", "RS", "CC", "AT", "FC", "SL", "UN", "SI", "EI", "SS")
"""The reason-for-control codes that rows of the licence-requirement tables start with."""
_TOP_LEVEL = {"HEAD", "HD1", "HD2", "HD3", "FP-2", "FP-1", "FP", "P", "NOTE", "EXTRACT", "DIV"}
_IGNORED = {"img", "EDNOTE", "CITA"}  # page images and the editorial trailer of the supplement
_SUPERSCRIPT = {"SU"}
_SUPERSCRIPT_E = {"51", "53"}
_MARKERS = (
    (re.compile(r"^License Requirements$"), "licence"),
    (re.compile(r"^(?:List Based )?License Exceptions\b(?! Note)"), "exceptions"),
    (re.compile(r"^Special Conditions for STA$"), "sta"),
    (re.compile(r"^List of Items Controlled:?$"), "list"),
    (re.compile(r"^Reporting Requirements$"), "Reporting Requirements"),
)
_HEADER_LABEL = re.compile(
    r"^(?P<label>Reasons? for Control|Control\(s\)|Controls|Related Controls"
    r"|Related Definitions?|Items)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
_LOOSE_LABEL = re.compile(
    r"^(?P<label>Related Controls|Related Definitions?|Country Chart)\s*[:.]?\s+(?P<rest>.*)$",
    re.DOTALL,
)
_OTHER_LABEL = re.compile(
    r"^(?P<label>Special Reporting|Reporting Requirements|License Requirements?(?: Notes?)?"
    r"|License Exceptions? Notes?|Unit|ECCN Controls)\s*:\s*(?P<rest>.*)$",
    re.DOTALL,
)
_EXCEPTION_LABEL = re.compile(r"^(?P<label>[A-Z]{3}(?:/[A-Z]{3})?)\s*:\s*(?P<rest>.*)$", re.DOTALL)
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


def read_ccl(path: Path, name: str | None = None) -> CommerceControlList:
    """Read the eCFR XML of the Commerce Control List."""
    display = name or str(path)
    data = read_source(path, display)
    elements = _top_level_elements(data, display)
    reader = _Reader(display)
    for line, element in elements:
        reader.element(element, line)
    entries = reader.finish()
    source = SourceFile(display, sha256(data), VERSION, RETRIEVED, TITLE)
    return CommerceControlList(source, entries, tuple(reader.group_texts))


def _top_level_elements(data: bytes, name: str) -> list[tuple[int, ElementTree.Element]]:
    """The root's children with the line each starts on (fed line by line to a pull parser)."""
    parser: ElementTree.XMLPullParser[ElementTree.Element] = ElementTree.XMLPullParser(
        events=("start", "end")
    )
    found: list[tuple[int, ElementTree.Element]] = []
    depth = 0
    starts: list[int] = []
    last_heading = "the start of the list"
    number = 0
    try:
        for number, chunk in enumerate(data.splitlines(keepends=True), start=1):
            parser.feed(chunk)
            events = cast("Iterator[tuple[str, object]]", parser.read_events())
            for event, element in events:
                if not isinstance(element, ElementTree.Element):
                    continue
                if event == "start":
                    depth += 1
                    if depth == 2:
                        starts.append(number)
                    continue
                depth -= 1
                if depth == 1:
                    found.append((starts.pop(), element))
                    heading = _heading_code(element)
                    if heading:
                        last_heading = f"ECCN {heading}"
        parser.close()
    except ElementTree.ParseError as error:
        line = error.position[0] if error.position else number
        raise SourceDataError(
            name,
            line,
            None,
            f"the XML is not well-formed ({error}); last entry read: {last_heading}",
        ) from error
    if not found:
        raise SourceDataError(name, number, None, "no Commerce Control List content found")
    return found


def _heading_code(element: ElementTree.Element) -> str | None:
    """The ECCN of a heading paragraph (``<FP-2><B>3A001 …</B>``), else None."""
    if element.tag not in ("FP-2", "FP-1") or element.find("B") is None:
        return None
    match = ENTRY_CODE.match(render(element))
    return match.group(0) if match else None


def render(element: ElementTree.Element) -> str:
    """The element's words, superscripts written ``^3`` so that 10^3 is not read as 103."""
    return plain(_render(element))


def _render(element: ElementTree.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == "br":
            parts.append(" ")
        elif child.tag in _SUPERSCRIPT or (child.tag == "E" and child.get("T") in _SUPERSCRIPT_E):
            parts[-1] = parts[-1].rstrip()  # "10\n<SU>3</SU>" is 10^3
            parts.append("^" + plain(_render(child)))
        else:
            parts.append(_render(child))
        parts.append(child.tail or "")
    return "".join(parts)


@dataclass
class _Draft:
    """An ECCN while its paragraphs are read."""

    tree: TreeBuilder
    line: int
    category: tuple[str, str]
    group: tuple[str, str]
    subheading: str
    section: str = "licence"
    in_items: bool = False
    reasons: tuple[str, ...] = ()
    rows: list[LicenceRequirementRow] = field(default_factory=list)
    exceptions: list[ListBasedException] = field(default_factory=list)
    related_controls: list[str] = field(default_factory=list)
    related_definitions: list[str] = field(default_factory=list)
    other: list[list[str]] = field(default_factory=list)
    last: str = ""
    """Where an unlabelled header paragraph continues: "exception", "controls", "definitions",
    "other" or "" (nothing yet)."""


class _Reader:
    def __init__(self, name: str) -> None:
        self.name = name
        self.category = ("", "")
        self.group = ("", "")
        self.subheading = ""
        self.draft: _Draft | None = None
        self.done: list[Eccn] = []
        self.group_texts: list[GroupText] = []
        self._group_notes: list[Note] = []

    # ------------------------------------------------------------------ dispatch

    def element(self, element: ElementTree.Element, line: int) -> None:
        tag = element.tag
        if tag in _IGNORED:
            return
        if tag not in _TOP_LEVEL:
            raise self.error(line, f"unexpected element <{tag}> in the list")
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
        code = _heading_code(element)
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
            self.note(element, line)
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
            for pattern, section in _MARKERS:
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
        self.draft = _Draft(
            TreeBuilder("US", code, heading, line),
            line,
            self.category,
            self.group,
            self.subheading,
        )

    def outside(self, element: ElementTree.Element, text: str, line: int) -> None:
        """Words under a heading but before (or between) ECCNs."""
        if element.tag in ("NOTE", "EXTRACT"):
            heading, body = _note_parts(element)
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
        for pattern, section in _MARKERS:
            if pattern.match(text) and not draft.in_items:
                draft.section = section
                draft.last = ""
                if section == "Reporting Requirements":
                    draft.other.append([section, ""])
                    draft.last = "other"
                return
        header = _HEADER_LABEL.match(text) or (None if draft.in_items else _LOOSE_LABEL.match(text))
        if header:
            self.labelled(header.group("label"), header.group("rest").strip(), line)
            return
        if draft.in_items:
            self.item(text, line)
            return
        exception = _EXCEPTION_LABEL.match(text)
        if exception:
            draft.exceptions.append(
                ListBasedException(exception.group("label"), exception.group("rest").strip(), line)
            )
            draft.last = "exception"
            return
        other = _OTHER_LABEL.match(text)
        label = other.group("label") if other else _leading_label(element)
        if label is not None:
            draft.other.append([label, text[len(label) + 1 :].strip()])
            draft.last = "other"
            return
        if draft.section == "list" and split_label(text) and text.startswith("a."):
            draft.in_items = True  # a few ECCNs list their items without an "Items:" line
            self.item(text, line)
            return
        self.continuation(text, line)

    def labelled(self, label: str, rest: str, line: int) -> None:
        draft = self.draft
        assert draft is not None
        key = label.lower()
        if key.startswith("reason"):
            draft.reasons = tuple(re.findall(r"\b[A-Z]{2}\b", rest))
            draft.last = ""
        elif key in ("control(s)", "controls", "country chart"):
            if rest:  # an empty "Control(s):" is followed by its rows
                draft.rows.append(_row(rest, rest, line))
            draft.last = "row" if rest else ""
        elif key == "related controls":
            draft.related_controls.append(rest)
            draft.last = "controls"
        elif key.startswith("related definition"):
            draft.related_definitions.append(rest)
            draft.last = "definitions"
        else:  # Items:
            draft.in_items = True
            if rest:
                self.item(rest, line)

    def continuation(self, text: str, line: int) -> None:
        draft = self.draft
        assert draft is not None
        if draft.last == "exception":
            last = draft.exceptions[-1]
            draft.exceptions[-1] = replace(last, text=f"{last.text}\n{text}".strip())
        elif draft.last == "controls":
            draft.related_controls.append(text)
        elif draft.last == "definitions":
            draft.related_definitions.append(text)
        elif draft.last == "other":
            draft.other[-1][1] = f"{draft.other[-1][1]}\n{text}".strip()
        elif draft.last == "row":
            previous = draft.rows[-1]
            joined = f"{previous.chart}\n{text}"
            draft.rows[-1] = _row(previous.applies_to, joined, previous.line)
        elif draft.section == "sta":
            draft.exceptions.append(ListBasedException("STA", text, line))
            draft.last = "exception"
        else:
            draft.tree.continuation(text)

    def item(self, text: str, line: int) -> None:
        draft = self.draft
        assert draft is not None
        labelled = split_label(text)
        if labelled is not None:
            paths, words = labelled
            for path in paths:
                draft.tree.paragraph(path, words, line)
            return
        heading = note_heading(text)
        if heading is not None:
            kind, head, words = heading
            draft.tree.note(Note(kind, head, words, line), named_path(draft.tree.code, words))
            return
        draft.tree.continuation(text)

    def note(self, element: ElementTree.Element, line: int) -> None:
        draft = self.draft
        assert draft is not None
        heading, body = _note_parts(element)
        kind = note_kind(heading)
        if re.match(r"License Requirements? Notes?", heading, re.IGNORECASE):
            kind = "licence-requirement-note"
        elif re.match(r"License Exceptions? Notes?", heading, re.IGNORECASE):
            kind = "licence-exception-note"
        code = draft.tree.code
        path = named_path(code, heading, anywhere=True)
        if path is None:
            path = named_path(code, body)
        if path is None and not draft.in_items:
            path = ()
        draft.tree.note(Note(kind, heading, body, line), path)

    def table(self, element: ElementTree.Element, line: int) -> None:
        draft = self.draft
        assert draft is not None
        table = element.find(".//TABLE")
        if table is None:
            text = render(element)
            if text:
                draft.tree.continuation(text)
            return
        headers = [render(th) for th in table.iter("TH")]
        if headers and headers[0].startswith("Control") and not draft.in_items:
            self.licence_table(table, line)
            return
        rows = [" | ".join(render(cell) for cell in tr) for tr in table.iter("TR")]
        draft.tree.continuation("\n".join(row for row in rows if row.strip(" |")))

    def licence_table(self, table: ElementTree.Element, line: int) -> None:
        draft = self.draft
        assert draft is not None
        for offset, tr in enumerate(table.iter("TR")):
            cells = [render(td) for td in tr.findall("TD")]
            while cells and not cells[-1]:  # some tables carry an empty third column
                cells.pop()
            if not cells:
                continue
            if len(cells) == 1:  # a one-column table: the row says it all
                draft.rows.append(_row(cells[0], cells[0], line + offset))
                continue
            if len(cells) != 2:
                raise self.error(line, f"a licence-requirement row with {len(cells)} cells")
            draft.rows.append(_row(cells[0], cells[1], line + offset))

    # ------------------------------------------------------------------ closing

    def close(self) -> None:
        draft = self.draft
        if draft is None:
            return
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


def _row(applies_to: str, chart: str, line: int) -> LicenceRequirementRow:
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


def _note_parts(element: ElementTree.Element) -> tuple[str, str]:
    """A NOTE's heading (its HED) and its words (each paragraph on its own line)."""
    heading = ""
    body: list[str] = []
    for child in element:
        if child.tag == "HED":
            heading = render(child)
        else:
            text = render(child)
            if text:
                body.append(text)
    if not heading and body:
        found = note_heading(body[0])
        if found:
            heading, body[0] = found[1], found[2]
    return heading, "\n".join(body)


def _leading_label(element: ElementTree.Element) -> str | None:
    """The italic label a header paragraph starts with ("Unit:", "Special Reporting:"), if any."""
    if (element.text or "").strip() or len(element) == 0 or element[0].tag not in ("I", "E"):
        return None
    label = render(element[0])
    return label[:-1].strip() if label.endswith(":") else None
