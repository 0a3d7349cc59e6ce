"""Restricted-party screening data → typed records.

Sources: the US Consolidated Screening List as published in ``ontology/sources/``
(``us-consolidated-screening-list-*.json``; its ``fieldKey`` explains the short keys) and the
name-matching tables of ``ontology/screening/`` (legal forms, transliteration spelling folds, the
list's own country spellings). The records are read straight from these files, on first use, into
the screening index (``exportgraph.knowledge.screening``): 25,921 parties are not terminology, so
they stay out of the reasoned graph and out of the data version (answers name the file's version
and sha256 instead).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import pycountry
from exportgraph.loaders.tables import SourceDataError, read_table

LIST_FILE_PATTERN = "us-consolidated-screening-list-*.json"
TABLES_DIR = "screening"
JURISDICTION = "US"
FIELD_KEYS = frozenset({"n", "a", "s", "t", "c", "e", "lr", "lp", "pg", "fr", "u"})
"""The short keys of an entry this loader reads (the file's own ``fieldKey`` explains them)."""
TABLE_INDEXED = {
    "s": "sources",
    "lr": "licenceRequirements",
    "lp": "licencePolicies",
    "pg": "programmes",
    "u": "urls",
}
FOLD_POSITIONS = ("any", "start", "end", "word")


@dataclass(frozen=True)
class SourceFile:
    """The published file the parties come from, as PROV-O records it."""

    name: str
    """Repository-relative path (``ontology/sources/…json``)."""
    title: str
    version: str
    """When the publisher generated the data (the file's ``sourceGeneratedAt``)."""
    retrieved_at: str
    sha256: str
    url: str
    entry_count: int


@dataclass(frozen=True)
class PartyList:
    """One list of the consolidated file (Entity List, Denied Persons List, SDN, …)."""

    code: str
    name: str
    citation: str
    effect: str
    url: str | None


@dataclass(frozen=True)
class Party:
    """One entry of a list: a person, organisation, vessel or aircraft."""

    id: str
    """``{list code}:{entity number}``, or ``{list code}:{12 hex digits}`` (a digest of the
    entry's name, countries and Federal Register citation) for lists without entity numbers."""
    list_code: str
    name: str
    alt_names: tuple[str, ...]
    party_type: str | None
    countries: tuple[str, ...]
    """ISO 3166-1 alpha-2 codes of the addresses."""
    regions: tuple[str, ...]
    """Address places the list names that are no ISO 3166-1 country (``REGION: WEST BANK``)."""
    entity_number: str | None
    licence_requirement: str | None
    licence_policy: str | None
    programmes: tuple[str, ...]
    federal_register: str | None


@dataclass(frozen=True)
class ScreeningList:
    """The consolidated file read: its provenance, its lists and its parties."""

    source: SourceFile
    lists: tuple[PartyList, ...]
    parties: tuple[Party, ...]


@dataclass(frozen=True)
class LegalForm:
    """A legal form of organisation and the ways names write it (``LLC``, ``OOO``, ``GmbH``)."""

    notation: str
    label: str
    variants: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class SpellingFold:
    """One spelling difference between transliterations of a name (``ks`` / ``x``)."""

    order: int
    pattern: str
    replacement: str
    position: str
    example: str
    note: str


# ---------------------------------------------------------------------------- reading


def list_files(sources_dir: Path) -> list[Path]:
    """The consolidated-list files present, oldest first (the date is in the name)."""
    return sorted(sources_dir.glob(LIST_FILE_PATTERN))


def read_country_spellings(path: Path, name: str) -> dict[str, str]:
    """The list's spellings of countries that are not ISO codes (``PRC`` → ``CN``)."""
    spellings: dict[str, str] = {}
    for row in read_table(path, ("spelling", "country"), name=name):
        country = row.require("country")
        if not is_iso_country(country):
            raise row.error("country", f"not an ISO 3166-1 alpha-2 code: {country!r}")
        spellings[row.require("spelling").upper()] = country
    return spellings


def read_legal_forms(path: Path, name: str) -> list[LegalForm]:
    forms = []
    for row in read_table(path, ("notation", "label_en", "variants"), name=name):
        variants = tuple(row.texts("variants"))
        if not variants:
            raise row.error("variants", "a legal form needs at least one written variant")
        forms.append(
            LegalForm(row.require("notation"), row.require("label_en"), variants, row.get("note"))
        )
    return forms


def read_spelling_folds(path: Path, name: str) -> list[SpellingFold]:
    folds = []
    columns = ("pattern", "replacement", "position")
    for order, row in enumerate(read_table(path, columns, name=name), start=1):
        pattern = row.require("pattern")
        if not (pattern.isascii() and pattern.isalpha() and pattern.islower()):
            raise row.error("pattern", f"expected lower-case ASCII letters, got {pattern!r}")
        replacement = row.get("replacement")
        if replacement and not (replacement.isascii() and replacement.isalpha()):
            raise row.error("replacement", f"expected ASCII letters, got {replacement!r}")
        position = row.require("position")
        if position not in FOLD_POSITIONS:
            raise row.error("position", f"expected one of {', '.join(FOLD_POSITIONS)}")
        folds.append(
            SpellingFold(order, pattern, replacement, position, row.get("example"), row.get("note"))
        )
    return folds


def read_screening_list(path: Path, name: str, spellings: Mapping[str, str]) -> ScreeningList:
    """Read one consolidated-list file; a malformed entry raises SourceDataError naming it."""
    data = path.read_bytes()
    try:
        document = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise SourceDataError(name, getattr(error, "lineno", 1), None, str(error)) from None
    reader = _Reader(name, document)
    source = SourceFile(
        name=name,
        title=reader.text(document, "citation"),
        version=reader.text(document, "sourceGeneratedAt"),
        retrieved_at=reader.text(document, "retrievedAt"),
        sha256=hashlib.sha256(data).hexdigest(),
        url=reader.text(reader.mapping(document, "source"), "url", "source.url"),
        entry_count=len(reader.entries),
    )
    lists = reader.lists()
    parties = reader.parties(spellings)
    declared = document.get("entryCount")
    if declared != len(parties):
        raise SourceDataError(
            name, 1, "entryCount", f"declares {declared} entries, the file holds {len(parties)}"
        )
    return ScreeningList(source, lists, parties)


class _Reader:
    """Walks the file's structure; every error names the JSON path of the bad value."""

    def __init__(self, name: str, document: Any) -> None:
        self.name = name
        if not isinstance(document, dict):
            raise self.error("$", "expected a JSON object")
        self.document = document
        tables = self.mapping(document, "tables")
        self.tables = {
            key: self._strings(tables.get(table), f"tables.{table}")
            for key, table in TABLE_INDEXED.items()
        }
        entries = document.get("entries")
        if not isinstance(entries, list):
            raise self.error("entries", "expected a list of entries")
        self.entries: list[Any] = entries
        self.authority = self.mapping(document, "listAuthority")
        unknown = set(self.mapping(document, "fieldKey")) - FIELD_KEYS
        if unknown:
            raise self.error(
                "fieldKey",
                f"unknown entry field(s) {', '.join(sorted(unknown))}: update the loader",
            )

    def error(self, where: str, message: str) -> SourceDataError:
        return SourceDataError(self.name, 1, where, message)

    def mapping(self, value: Any, key: str) -> dict[str, Any]:
        found = value.get(key) if isinstance(value, dict) else None
        if not isinstance(found, dict):
            raise self.error(key, "expected a JSON object")
        return found

    def text(self, value: dict[str, Any], key: str, where: str | None = None) -> str:
        found = value.get(key)
        if not isinstance(found, str) or not found.strip():
            raise self.error(where or key, "expected a non-empty string")
        return found.strip()

    def _strings(self, value: Any, where: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise self.error(where, "expected a list of strings")
        return value

    def lists(self) -> tuple[PartyList, ...]:
        url_indexes: dict[Any, set[Any]] = {}
        for entry in self.entries:
            if isinstance(entry, dict):
                url_indexes.setdefault(entry.get("s"), set()).add(entry.get("u"))
        lists = []
        for index, source in enumerate(self.tables["s"]):
            authority = self.mapping(self.authority, source)
            where = f"listAuthority[{source!r}]"
            urls = url_indexes.get(index, set())
            # a list whose entries disagree on the address names none
            url = self._indexed({"u": urls.pop()}, "u", "entries[].u") if len(urls) == 1 else None
            lists.append(
                PartyList(
                    code=self.text(authority, "code", f"{where}.code"),
                    name=source,
                    citation=self.text(authority, "citation", f"{where}.citation"),
                    effect=self.text(authority, "effect", f"{where}.effect"),
                    url=url,
                )
            )
        return tuple(lists)

    def _indexed(self, entry: dict[str, Any], key: str, where: str) -> str | None:
        if key not in entry:
            return None
        index = entry[key]
        table = self.tables[key]
        if not isinstance(index, int) or not 0 <= index < len(table):
            raise self.error(where, f"index {index!r} is outside tables.{TABLE_INDEXED[key]}")
        return table[index]

    def parties(self, spellings: Mapping[str, str]) -> tuple[Party, ...]:
        codes = [self.text(self.mapping(self.authority, s), "code") for s in self.tables["s"]]
        seen: set[str] = set()
        parties = []
        for number, entry in enumerate(self.entries):
            where = f"entries[{number}]"
            if not isinstance(entry, dict):
                raise self.error(where, "expected a JSON object")
            unknown = set(entry) - FIELD_KEYS
            if unknown:
                raise self.error(where, f"unknown field(s) {', '.join(sorted(unknown))}")
            source = entry.get("s")
            if not isinstance(source, int) or not 0 <= source < len(codes):
                raise self.error(f"{where}.s", f"index {source!r} is outside tables.sources")
            name = self.text(entry, "n", f"{where}.n")
            alt_names = tuple(
                alias.strip() for alias in self._strings(entry.get("a", []), f"{where}.a")
            )
            raw_countries = self._strings(entry.get("c", []), f"{where}.c")
            countries, regions = _countries(raw_countries, spellings)
            entity_number = self._optional(entry, "e", where)
            federal_register = self._optional(entry, "fr", where)
            code = codes[source]
            local = entity_number or _digest(name, raw_countries, federal_register)
            party_id = f"{code}:{local}"
            suffix = 2
            while party_id in seen:  # an identical entry listed twice keeps both
                party_id = f"{code}:{local}-{suffix}"
                suffix += 1
            seen.add(party_id)
            programmes = self._indexed(entry, "pg", f"{where}.pg")
            parties.append(
                Party(
                    id=party_id,
                    list_code=code,
                    name=name,
                    alt_names=tuple(a for a in dict.fromkeys(alt_names) if a and a != name),
                    party_type=self._optional(entry, "t", where),
                    countries=countries,
                    regions=regions,
                    entity_number=entity_number,
                    licence_requirement=self._indexed(entry, "lr", f"{where}.lr"),
                    licence_policy=self._indexed(entry, "lp", f"{where}.lp"),
                    programmes=tuple(p.strip() for p in (programmes or "").split(";") if p.strip()),
                    federal_register=federal_register,
                )
            )
        return tuple(parties)

    def _optional(self, entry: dict[str, Any], key: str, where: str) -> str | None:
        if key not in entry or entry[key] is None:
            return None
        value = entry[key]
        if not isinstance(value, str):
            raise self.error(f"{where}.{key}", "expected a string")
        return value.strip() or None


@cache
def is_iso_country(code: str) -> bool:
    """An ISO 3166-1 alpha-2 code (upper case)."""
    return len(code) == 2 and code.isupper() and pycountry.countries.get(alpha_2=code) is not None


def _countries(
    raw: Iterable[str], spellings: Mapping[str, str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """ISO codes, and the places that are none (kept verbatim as regions)."""
    countries: list[str] = []
    regions: list[str] = []
    for value in raw:
        text = value.strip()
        code = text if is_iso_country(text) else spellings.get(text.upper())
        if code:
            countries.append(code)
        elif text:
            regions.append(text)
    return tuple(dict.fromkeys(countries)), tuple(dict.fromkeys(regions))


def _digest(name: str, countries: Iterable[str], federal_register: str | None) -> str:
    key = "\x1f".join([name, "|".join(sorted(countries)), federal_register or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]


TABLE_FILES = ("country-spellings.csv", "legal-forms.csv", "spelling-folds.csv")


@dataclass(frozen=True)
class ScreeningData:
    """Everything screening reads: the list file and the name-matching tables."""

    consolidated: ScreeningList
    legal_forms: tuple[LegalForm, ...]
    spelling_folds: tuple[SpellingFold, ...]
    inputs_digest: str
    """sha256 over the input files (names and bytes): the index is built once per digest."""


def input_files(ontology: Path) -> list[Path]:
    """The files screening reads; none when no consolidated list is present (should two versions
    be present, the newest counts: a new version replaces the file)."""
    files = list_files(ontology / "sources")
    if not files:
        return []
    tables = ontology / TABLES_DIR
    return [files[-1], *(tables / name for name in TABLE_FILES)]


def inputs_digest(files: Iterable[Path], relative: Callable[[Path], str] = str) -> str:
    """sha256 over the names and bytes of the files (length-prefixed, so no two inputs collide)."""
    digest = hashlib.sha256()
    for path in files:
        for part in (relative(path).encode("utf-8"), path.read_bytes()):
            digest.update(len(part).to_bytes(8, "big"))
            digest.update(part)
    return digest.hexdigest()


def load_screening(ontology: Path, relative: Callable[[Path], str] = str) -> ScreeningData | None:
    """The screening data read from ``ontology`` (``relative`` names the files in errors and
    provenance); None when the consolidated list is absent. A malformed input raises
    SourceDataError naming the file and the place."""
    files = input_files(ontology)
    if not files:
        return None
    list_file, spellings_path, forms_path, folds_path = files
    spellings = read_country_spellings(spellings_path, relative(spellings_path))
    return ScreeningData(
        consolidated=read_screening_list(list_file, relative(list_file), spellings),
        legal_forms=tuple(read_legal_forms(forms_path, relative(forms_path))),
        spelling_folds=tuple(read_spelling_folds(folds_path, relative(folds_path))),
        inputs_digest=inputs_digest(files, relative),
    )
