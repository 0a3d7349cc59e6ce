"""The US Consolidated Screening List file (JSON, short keys explained by its ``fieldKey``) read
into typed records; every error names the JSON path of the bad value."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from exportgraph.loaders.screening_countries import countries_and_regions
from exportgraph.loaders.screening_model import Party, PartyList, ScreeningList, SourceFile
from exportgraph.loaders.tables import SourceDataError

from exportgraph.json_types import JsonObject

FIELD_KEYS = frozenset({"n", "a", "s", "t", "c", "e", "lr", "lp", "pg", "fr", "u"})
"""The short keys of an entry this loader reads (the file's own ``fieldKey`` explains them)."""
TABLE_INDEXED = {
    "s": "sources",
    "lr": "licenceRequirements",
    "lp": "licencePolicies",
    "pg": "programmes",
    "u": "urls",
}


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

    def mapping(self, value: Any, key: str) -> JsonObject:
        found = value.get(key) if isinstance(value, dict) else None
        if not isinstance(found, dict):
            raise self.error(key, "expected a JSON object")
        return found

    def text(self, value: JsonObject, key: str, where: str | None = None) -> str:
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

    def _indexed(self, entry: JsonObject, key: str, where: str) -> str | None:
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
            countries, regions = countries_and_regions(raw_countries, spellings)
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

    def _optional(self, entry: JsonObject, key: str, where: str) -> str | None:
        if key not in entry or entry[key] is None:
            return None
        value = entry[key]
        if not isinstance(value, str):
            raise self.error(f"{where}.{key}", "expected a string")
        return value.strip() or None


def _digest(name: str, countries: Iterable[str], federal_register: str | None) -> str:
    key = "\x1f".join([name, "|".join(sorted(countries)), federal_register or ""])
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:12]
