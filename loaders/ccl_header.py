"""An ECCN's header as the CCL writes it before (and beside) its list of items: the section
markers ("License Requirements", "List Based License Exceptions", "List of Items Controlled"), the
labelled paragraphs (reasons for control, licence-requirement rows, related controls and
definitions) and the unlabelled paragraphs that continue the last of them. The reader of the
whole ECCN (loaders/ccl_reader.py) keeps an ``EccnDraft`` per ECCN and hands these paragraphs
here."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from xml.etree import ElementTree

from exportgraph.loaders.ccl_model import LicenceRequirementRow, ListBasedException, licence_row
from exportgraph.loaders.ccl_notes import PendingNote
from exportgraph.loaders.ccl_xml import render
from exportgraph.loaders.listed_text import TreeBuilder

MARKERS = (
    (re.compile(r"^License Requirements$"), "licence"),
    (re.compile(r"^(?:List Based )?License Exceptions\b(?! Note)"), "exceptions"),
    (re.compile(r"^Special Conditions for STA$"), "sta"),
    (re.compile(r"^List of Items Controlled:?$"), "list"),
    (re.compile(r"^Reporting Requirements$"), "Reporting Requirements"),
)
"""Headings that open a section of an ECCN, and the section each opens."""
HEADER_LABEL = re.compile(
    r"^(?P<label>Reasons? for Control|Control\(s\)|Controls|Related Controls"
    r"|Related Definitions?|Items)\s*:\s*(?P<rest>.*)$",
    re.IGNORECASE | re.DOTALL,
)
LOOSE_LABEL = re.compile(
    r"^(?P<label>Related Controls|Related Definitions?|Country Chart)\s*[:.]?\s+(?P<rest>.*)$",
    re.DOTALL,
)
OTHER_LABEL = re.compile(
    r"^(?P<label>Special Reporting|Reporting Requirements|License Requirements?(?: Notes?)?"
    r"|License Exceptions? Notes?|Unit|ECCN Controls)\s*:\s*(?P<rest>.*)$",
    re.DOTALL,
)
EXCEPTION_LABEL = re.compile(r"^(?P<label>[A-Z]{3}(?:/[A-Z]{3})?)\s*:\s*(?P<rest>.*)$", re.DOTALL)


@dataclass
class EccnDraft:
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
    notes: list[PendingNote] = field(default_factory=list)
    """The notes read since the last lettered paragraph, placed when the next one starts."""
    last: str = ""
    """Where an unlabelled header paragraph continues: "exception", "controls", "definitions",
    "other" or "" (nothing yet)."""
    listing: bool = False
    """The last header paragraph ended with a colon and lettered paragraphs follow it: they are
    its list (1C230's "ECCN Controls: This entry does not control the following:"), not items."""


def labelled(draft: EccnDraft, label: str, rest: str, line: int) -> str:
    """A labelled header paragraph ("Reason for Control: NS, AT"); for "Items:" the words after
    the label, which the caller reads as the first item ("" when none)."""
    key = label.lower()
    draft.listing = False
    if key.startswith("reason"):
        draft.reasons = tuple(re.findall(r"\b[A-Z]{2}\b", rest))
        draft.last = ""
    elif key in ("control(s)", "controls", "country chart"):
        if rest:  # an empty "Control(s):" is followed by its rows
            draft.rows.append(licence_row(rest, rest, line))
        draft.last = "row" if rest else ""
    elif key == "related controls":
        draft.related_controls.append(rest)
        draft.last = "controls"
    elif key.startswith("related definition"):
        draft.related_definitions.append(rest)
        draft.last = "definitions"
    else:  # Items:
        draft.in_items = True
        return rest
    return ""


def lists_after_header(draft: EccnDraft) -> bool:
    """Whether a lettered paragraph here belongs to the header paragraph before it: one that
    ended with a colon ("… the following:", "… subject to the ITAR (see 22 CFR …):"), or whose
    list is under way. Such a list sits before "Items:" and names what the entry does not
    control or what another regulation does, so it never becomes the entry's items."""
    if draft.in_items:
        return False
    if not draft.listing:
        words = {
            "other": draft.other[-1][1] if draft.other else "",
            "controls": draft.related_controls[-1] if draft.related_controls else "",
            "definitions": draft.related_definitions[-1] if draft.related_definitions else "",
        }.get(draft.last, "")
        draft.listing = words.rstrip().endswith(":")
    return draft.listing


def continuation(draft: EccnDraft, text: str, line: int) -> None:
    """An unlabelled paragraph: it continues the last labelled one (or the heading's text)."""
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
        draft.rows[-1] = licence_row(previous.applies_to, joined, previous.line)
    elif draft.section == "sta":
        draft.exceptions.append(ListBasedException("STA", text, line))
        draft.last = "exception"
    else:
        draft.tree.continuation(text)


def licence_rows(draft: EccnDraft, table: ElementTree.Element, line: int) -> str | None:
    """The rows of a licence-requirement table; what is wrong with it (None when nothing)."""
    for offset, tr in enumerate(table.iter("TR")):
        cells = [render(td) for td in tr.findall("TD")]
        while cells and not cells[-1]:  # some tables carry an empty third column
            cells.pop()
        if not cells:
            continue
        if len(cells) == 1:  # a one-column table: the row says it all
            draft.rows.append(licence_row(cells[0], cells[0], line + offset))
            continue
        if len(cells) != 2:
            return f"a licence-requirement row with {len(cells)} cells"
        draft.rows.append(licence_row(cells[0], cells[1], line + offset))
    return None
