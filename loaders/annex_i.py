"""Annex I of Regulation (EU) 2021/821 (the EU dual-use list) as typed data, from the JSON of the
consolidated text in ontology/sources/.

Each entry's ``verbatim_text`` has one paragraph a line, each line starting with the code it
belongs to ("4A506.a.1 Quantum computers supporting…", "4A506.c Note 1: 4A506 applies…"). The
extraction prefixes a note with the last item code seen, not with the paragraph the note is about,
so a note goes to the paragraph its own words name ("4A506 applies…" → 4A506) and only otherwise
to the prefixed one. ``docs`` gives the defined terms ("DEFINITIONS OF TERMS USED IN THIS ANNEX"),
``geas`` the Union general export authorisations EU001–EU008 (Annex II) and ``gea_common_list``
Section I of Annex II (items no authorisation of Annex II covers by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from exportgraph.loaders.country_names import CountryNames
from exportgraph.loaders.listed_text import (
    ENTRY_CODE,
    Note,
    SourceFile,
    TextNode,
    TreeBuilder,
    named_path,
    note_heading,
    read_source,
    sha256,
)
from exportgraph.loaders.source_json import SourceObject, as_int, json_object, objects, walking
from exportgraph.loaders.tables import SourceDataError

FILE = "eu-2021-821-annex-i-20251115.json"
_LINE = re.compile(
    rf"^(?P<code>{ENTRY_CODE.pattern})(?P<path>(?:\.[a-z0-9]+)*)\.?(?:\s+|$)(?P<rest>.*)$"
)
_DEFINITION = re.compile(
    r'^["“](?P<term>[^"”]+)["”]\s*(?:\((?P<categories>[\d\s,]*)\))?\s*(?P<rest>.*)$'
)
_QUOTED = re.compile(r'["“]([^"”]{2,80})["”]')
_CODE_REF = re.compile(rf"\b{ENTRY_CODE.pattern}(?:\.[a-z0-9]+)*")


@dataclass(frozen=True)
class AnnexEntry:
    """One Annex I entry: its tree (see loaders/listed_text.py) and the defined terms it quotes."""

    tree: TextNode
    category: str
    defined_terms: tuple[str, ...]
    """Keys (see :func:`term_key`) of the "quoted" defined terms used anywhere in the entry."""
    line: int

    @property
    def code(self) -> str:
        return self.tree.code


@dataclass(frozen=True)
class DefinedTerm:
    """A term of "DEFINITIONS OF TERMS USED IN THIS ANNEX" with its categories and definition."""

    key: str
    term: str
    categories: tuple[str, ...]
    definition: str
    notes: tuple[str, ...]


@dataclass(frozen=True)
class GeneralAuthorisation:
    """A Union general export authorisation of Annex II (EU001 … EU008) read as data."""

    id: str
    title: str
    text: str
    covers_all_items: bool
    """True: all Annex I items except ``item_codes`` (and ``excluded_items``); False: only
    ``item_codes``."""
    item_codes: tuple[str, ...]
    excluded_items: tuple[str, ...]
    """Exclusions written in words ("all items listed in Section I of this Annex" …)."""
    all_destinations: bool
    """True: all destinations except ``destinations``; False: only ``destinations``."""
    destinations: tuple[tuple[str, str | None], ...]
    """(name as the text writes it, ISO code or None)."""
    destination_conditions: tuple[str, ...]
    """Further destination exclusions written in words (EU008: arms embargoes …)."""


@dataclass(frozen=True)
class AnnexI:
    source: SourceFile
    entries: tuple[AnnexEntry, ...]
    terms: tuple[DefinedTerm, ...]
    authorisations: tuple[GeneralAuthorisation, ...]
    section_i: tuple[str, ...]
    """Codes listed in Section I of Annex II (excluded from EU001 and, by reference, others)."""

    def entry(self, code: str) -> AnnexEntry:
        for entry in self.entries:
            if entry.code == code:
                return entry
        raise KeyError(code)

    def term(self, key: str) -> DefinedTerm:
        for term in self.terms:
            if term.key == key:
                return term
        raise KeyError(key)


def read_annex_i(path: Path, names: CountryNames, name: str | None = None) -> AnnexI:
    display = name or str(path)
    data = read_source(path, display)
    document = json_object(data, display)
    lines = _entry_lines(data.decode("utf-8"))
    with walking(display):
        terms = _terms(objects(document["docs"]))
        index = {term.key: term.key for term in terms}
        entries = tuple(
            _entry(raw, lines.get(str(raw.get("entry_code")), 0), index, display)
            for raw in objects(document["entries"])
        )
        section_i = tuple(_codes(str(document.get("gea_common_list", ""))))
        authorisations = tuple(_authorisation(raw, names) for raw in objects(document["geas"]))
        source = SourceFile(
            display,
            sha256(data),
            f"CELEX {document['corpus_version']} (valid from {document['valid_from']})",
            str(document["retrieved_at"]),
            "Regulation (EU) 2021/821, Annex I (consolidated) and Annex II",
            str(document["attribution"]),
        )
        expected = as_int(document["entry_count"])
    if len(entries) != expected:
        raise SourceDataError(
            display, 0, None, f"{len(entries)} entries where the file announces {expected}"
        )
    return AnnexI(source, entries, terms, authorisations, section_i)


def _entry_lines(text: str) -> dict[str, int]:
    """The line of the file where each entry starts (for error messages and node lines)."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.search(r'"entry_code":\s*"([^"]+)"', line)
        if match and match.group(1) not in found:
            found[match.group(1)] = number
    return found


def _entry(raw: SourceObject, line: int, terms: dict[str, str], name: str) -> AnnexEntry:
    code = str(raw.get("entry_code", ""))
    if not ENTRY_CODE.fullmatch(code):
        raise SourceDataError(name, line, None, f"entry {code!r}: not an Annex I entry code")
    text = raw.get("verbatim_text")
    if not isinstance(text, str) or not text.strip():
        raise SourceDataError(name, line, None, f"entry {code}: no verbatim_text")
    paragraphs = text.split("\n")
    builder: TreeBuilder | None = None
    noted: tuple[str, ...] | None = None  # the paragraph of the line before, when a note
    for number, paragraph in enumerate(paragraphs, start=1):
        match = _LINE.match(paragraph.strip())
        if match is None or match.group("code") != code:
            raise SourceDataError(
                name,
                line,
                None,
                f"entry {code}, paragraph {number} does not start with the entry's code: "
                f"{paragraph[:60]!r}",
            )
        path = tuple(part for part in match.group("path").split(".") if part)
        rest = match.group("rest").strip()
        if builder is None:
            if path:
                raise SourceDataError(name, line, None, f"entry {code} starts with a sub-item")
            builder = TreeBuilder("EU", code, rest, line)
            continue
        heading = note_heading(rest)
        if heading is not None:
            kind, head, words = heading
            builder.current = path if builder.has(path) else builder.current
            builder.note(Note(kind, head, words, line), named_path(code, words))
            noted = path
            continue
        if path == noted and rest[:1].islower():
            # a note's words the source put on a line of their own ("3B001.f.1.b where the K
            # factor = 0,35.", after the formula of its Technical Note)
            builder.note_continues(rest)
        elif path:
            builder.paragraph(path, rest, line)
        else:
            builder.current = ()
            builder.continuation(rest)
        noted = None
    assert builder is not None
    tree = builder.freeze()
    quoted = sorted({key for node in tree.walk() for key in _quoted_terms(node.text, terms)})
    return AnnexEntry(tree, str(raw.get("category", code[0])), tuple(quoted), line)


def term_key(term: str) -> str:
    """How a defined term is matched: case-folded, straight quotes, single spaces."""
    return " ".join(term.replace("’", "'").split()).casefold()


def _quoted_terms(text: str, terms: dict[str, str]) -> list[str]:
    found = []
    for quoted in _QUOTED.findall(text):
        key = term_key(quoted)
        singular = key[:-3] + "y" if key.endswith("ies") else key
        for candidate in (key, singular, key.removesuffix("s"), key.removesuffix("es")):
            if candidate in terms:
                found.append(terms[candidate])
                break
    return found


@dataclass
class _TermDraft:
    term: str
    categories: tuple[str, ...]
    definition: list[str]
    notes: list[str] = field(default_factory=list)


def _terms(docs: list[SourceObject]) -> tuple[DefinedTerm, ...]:
    """The "quoted" terms of "DEFINITIONS OF TERMS USED IN THIS ANNEX": a line starting with a
    quoted term opens a definition; N.B./Note lines after it are its notes, other lines continue
    it; a term defined twice (for other categories) gets both definitions."""
    annex = [doc for doc in docs if doc.get("doc_type") == "definitions_annex"]
    if not annex:
        raise KeyError("docs: no definitions_annex")
    drafts: dict[str, _TermDraft] = {}
    current: _TermDraft | None = None
    for raw in str(annex[0]["verbatim_text"]).split("\n"):
        line = raw.strip()
        match = _DEFINITION.match(line)
        if match and match.group("rest"):
            key = term_key(match.group("term"))
            categories = tuple((match.group("categories") or "").replace(",", " ").split())
            current = drafts.setdefault(key, _TermDraft(match.group("term").strip(), (), []))
            current.categories = tuple(dict.fromkeys((*current.categories, *categories)))
            current.definition.append(match.group("rest"))
        elif current is not None and line:
            (current.notes if note_heading(line) else current.definition).append(line)
    return tuple(
        DefinedTerm(key, d.term, d.categories, "\n".join(d.definition), tuple(d.notes))
        for key, d in drafts.items()
    )


def _codes(text: str) -> list[str]:
    """Entry codes a text names ("1C003.b.", "3A001.a.3."), each once, in order."""
    codes = []
    for found in _CODE_REF.findall(text):
        code, *parts = found.rstrip(".").split(".")
        for number, part in enumerate(parts):  # paths start with a letter and then alternate
            if part.isdigit() == (number % 2 == 0):
                break
            code += "." + part
        codes.append(code)
    return list(dict.fromkeys(codes))


def _authorisation(raw: SourceObject, names: CountryNames) -> GeneralAuthorisation:
    text = str(raw["verbatim_text"])
    parts = re.split(r"Part 2\s*[—–-]\s*Destinations", text, maxsplit=1)
    if len(parts) != 2:
        raise ValueError(f"{raw.get('id')}: no 'Part 2 – Destinations'")
    items, rest = parts
    destinations_text = re.split(r"Part 3\s*[—–-]", rest, maxsplit=1)[0]
    items_text = re.split(r"Part 1\s*[—–-]\s*Items", items, maxsplit=1)[-1]
    covers_all = bool(
        re.search(r"covers all (?:dual-use items|technology and software)", items_text)
    )
    excluded = [
        phrase.strip()
        for phrase in re.findall(
            r"(all items listed in Sections? [^;:,.]+(?:of [^;:,.]+)?|"
            r"(?:those )?listed in Section I of this Annex)",
            items_text,
        )
    ]
    all_destinations = "to all destinations, excluding" in destinations_text
    if all_destinations:
        listed = re.search(r"\(b\)\s*(.*?);\s*\(c\)", destinations_text, re.DOTALL)
        names_text = listed.group(1) if listed else ""
        conditions = [
            c.strip() for c in re.findall(r"\((?:a|c)\)\s*([^;]+)", destinations_text) if c.strip()
        ]
    else:
        listed = re.search(r"following destinations:\s*(.*)$", destinations_text, re.DOTALL)
        names_text = listed.group(1) if listed else ""
        conditions = []
    destinations = [(n, names.code(n)) for n in _destination_names(names_text)]
    return GeneralAuthorisation(
        id=str(raw["id"]),
        title=str(raw["title"]),
        text=text,
        covers_all_items=covers_all,
        item_codes=tuple(_codes(items_text)),
        excluded_items=tuple(dict.fromkeys(excluded)),
        all_destinations=all_destinations,
        destinations=tuple(destinations),
        destination_conditions=tuple(conditions),
    )


def _destination_names(text: str) -> list[str]:
    """ "Australia, Switzerland, including Liechtenstein, China (including Hong Kong and Macao),
    United Kingdom (without prejudice …)" → the destinations it names, in order."""
    kept: list[str] = []
    depth = 0
    buffer = ""
    included: list[str] = []
    for char in text:
        if char == "(":
            depth += 1
            if depth == 1:
                buffer = ""
                continue
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                if buffer.strip().startswith("including"):
                    included.append(buffer.strip()[len("including") :])
                continue
        if depth:
            buffer += char
        else:
            kept.append(char)
    names: list[str] = []
    parts = re.split(r"[,;]", "".join(kept))
    for inside in included:
        parts += re.split(r",|\band\b", inside)
    for part in parts:
        name = part.strip().removeprefix("including ").strip().rstrip(".").strip()
        if name and name[0].isupper() and name not in names:
            names.append(name)
    return names
