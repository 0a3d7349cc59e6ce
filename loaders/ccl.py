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

from pathlib import Path

from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.ccl_reader import EccnReader
from exportgraph.loaders.ccl_xml import top_level_elements
from exportgraph.loaders.listed_text import SourceFile, read_source, sha256

FILE = "us-ccl-15cfr774-supp1.xml"
VERSION = "eCFR as retrieved 2026 (15 CFR part 774, Supplement No. 1)"
RETRIEVED = "2026"
TITLE = "Commerce Control List, 15 CFR part 774, Supplement No. 1 (eCFR XML)"


def read_ccl(path: Path, name: str | None = None) -> CommerceControlList:
    """Read the eCFR XML of the Commerce Control List."""
    display = name or str(path)
    data = read_source(path, display)
    elements = top_level_elements(data, display)
    reader = EccnReader(display)
    for line, element in elements:
        reader.element(element, line)
    entries = reader.finish()
    source = SourceFile(display, sha256(data), VERSION, RETRIEVED, TITLE)
    return CommerceControlList(source, entries, tuple(reader.group_texts))
