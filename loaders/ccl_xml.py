"""The eCFR XML of the Commerce Control List: its top-level elements (with lines) and their words."""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast
from xml.etree import ElementTree

from exportgraph.loaders.listed_text import ENTRY_CODE, note_heading, plain, split_label
from exportgraph.loaders.tables import SourceDataError

_SUPERSCRIPT = {"SU"}
_SUPERSCRIPT_E = {"51", "53"}


def top_level_elements(data: bytes, name: str) -> list[tuple[int, ElementTree.Element]]:
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
                    heading = heading_code(element)
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


def heading_code(element: ElementTree.Element) -> str | None:
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


def note_parts(element: ElementTree.Element) -> tuple[str, str]:
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
    return heading, "\n".join(part for part in body if part)


def leading_label(element: ElementTree.Element) -> str | None:
    """The italic label a header paragraph starts with ("Unit:", "Special Reporting:"), if any."""
    if (element.text or "").strip() or len(element) == 0 or element[0].tag not in ("I", "E"):
        return None
    label = render(element[0])
    return label[:-1].strip() if label.endswith(":") else None


def split_note(element: ElementTree.Element) -> list[ElementTree.Element]:
    """A NOTE as the elements it stands for: itself, or — where the XML closes the NOTE after a
    lettered paragraph of the list, set upright ("<P>a.3. Non-“space-qualified” “focal plane
    arrays” as follows:</P>" inside the note to 6A002.a.2.c.3; 1C001.b likewise) — the note before
    that paragraph, the paragraph, and the note after it ("N.B.: 'Microbolometer' …")."""
    children = list(element)
    for index, child in enumerate(children):
        if child.tag == "P" and (child.text or "").strip() and split_label(render(child)):
            parts = [_note_of(children[:index]), child, _note_of(children[index + 1 :])]
            return [part for part in parts if len(part) or part.tag == "P"]
    return [element]


def _note_of(children: list[ElementTree.Element]) -> ElementTree.Element:
    note = ElementTree.Element("NOTE")
    note.extend(children)
    return note
