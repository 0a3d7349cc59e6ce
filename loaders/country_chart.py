"""The Commerce Country Chart (15 CFR 738 Supp. 1) and the Country Groups (15 CFR 740 Supp. 1)
as typed data, from the JSON arrangements in ontology/sources/.

Columns are written ``NS1`` (reason for control + column number), as the ECCN tables name them
("NS Column 1"); each country keeps the name its source writes and the ISO 3166-1 alpha-2 code
that name resolves to (``None`` when it resolves to none).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from exportgraph.loaders.country_names import CountryNames
from exportgraph.loaders.listed_text import SourceFile, read_source, sha256
from exportgraph.loaders.source_json import (
    SourceObject,
    as_array,
    as_object,
    as_text,
    json_object,
    objects_by_name,
    walking,
)
from exportgraph.loaders.tables import SourceDataError

CHART_FILE = "us-15cfr738-country-chart.json"
GROUPS_FILE = "us-15cfr740-country-groups.json"
_COLUMN = re.compile(r"^([A-Z]{2})\s*(\d)$")
_GROUP = re.compile(r"^[A-E](?::\d)?$")


@dataclass(frozen=True)
class ChartCountry:
    """One row of the Country Chart: the columns marked with an X and the footnotes it cites."""

    name: str
    iso: str | None
    marks: tuple[str, ...]
    footnotes: tuple[str, ...]
    embargoed: bool
    pointer: str
    """For an embargoed destination, where the EAR sends the reader instead of the chart."""


@dataclass(frozen=True)
class Territory:
    """A destination without a row of its own, governed by another country's row (738.3(b))."""

    name: str
    iso: str | None
    row: str
    row_iso: str | None
    basis: str


@dataclass(frozen=True)
class CountryChart:
    source: SourceFile
    columns: dict[str, str]
    """Column id (``NS1``) → what it controls for ("National security")."""
    countries: tuple[ChartCountry, ...]
    footnotes: dict[str, str]
    notes: tuple[str, ...]
    """The arrangement's reading notes (embargoed rows, Hong Kong, substantive footnotes)."""
    territories: tuple[Territory, ...] = ()

    def country(self, iso: str) -> ChartCountry:
        for country in self.countries:
            if country.iso == iso:
                return country
        raise KeyError(iso)


@dataclass(frozen=True)
class CountryGroup:
    """A Country Group of 15 CFR 740 Supp. 1 (``A:1`` … ``E:2``) and its members."""

    code: str
    label: str
    members: tuple[tuple[str, str | None], ...]
    """(name as the source writes it, ISO code or None), in the source's order."""

    @property
    def iso_members(self) -> tuple[str, ...]:
        return tuple(iso for _, iso in self.members if iso)


@dataclass(frozen=True)
class CountryGroups:
    source: SourceFile
    groups: tuple[CountryGroup, ...]
    notes: tuple[str, ...]

    def group(self, code: str) -> CountryGroup:
        for group in self.groups:
            if group.code == code:
                return group
        raise KeyError(code)


def read_country_chart(path: Path, names: CountryNames, name: str | None = None) -> CountryChart:
    display = name or str(path)
    data = read_source(path, display)
    document = json_object(data, display)
    with walking(display):
        labels = as_object(document["columnLabels"])
        columns = {
            _column(c, display): str(labels[c]) for c in map(as_text, as_array(document["columns"]))
        }
        countries = [
            ChartCountry(
                country,
                names.code(country),
                tuple(_column(as_text(mark), display) for mark in as_array(row["marks"])),
                _footnotes(row),
                False,
                "",
            )
            for country, row in objects_by_name(document["countries"]).items()
        ]
        countries += [
            ChartCountry(
                country, names.code(country), (), _footnotes(row), True, str(row["pointer"])
            )
            for country, row in objects_by_name(document["embargoed"]).items()
        ]
        footnotes = {str(k): str(v) for k, v in as_object(document["footnotes"]).items()}
        notes = _notes(document)
        territories = tuple(
            Territory(
                name.title(),
                names.code(name.title()),
                str(rule["row"]),
                names.code(str(rule["row"])),
                str(rule.get("basis") or ""),
            )
            for name, rule in objects_by_name(document.get("territoryInheritance") or {}).items()
        )
        source = _source(display, data, document, "country chart")
    for country in countries:
        unknown = [f for f in country.footnotes if f not in footnotes]
        if unknown:
            raise SourceDataError(
                display, 0, None, f"{country.name} cites unknown footnote(s) {', '.join(unknown)}"
            )
    return CountryChart(source, columns, tuple(countries), footnotes, notes, territories)


def read_country_groups(path: Path, names: CountryNames, name: str | None = None) -> CountryGroups:
    display = name or str(path)
    data = read_source(path, display)
    document = json_object(data, display)
    with walking(display):
        labels = as_object(document["labels"])
        groups = []
        for code, members in as_object(document["groups"]).items():
            if not _GROUP.match(code):
                raise SourceDataError(display, 0, None, f"unexpected country group {code!r}")
            groups.append(
                CountryGroup(
                    code,
                    str(labels[code]),
                    tuple((str(m), names.code(str(m))) for m in as_array(members)),
                )
            )
        notes = _notes(document)
        source = _source(display, data, document, "country groups")
    return CountryGroups(source, tuple(groups), notes)


def _footnotes(row: SourceObject) -> tuple[str, ...]:
    return tuple(str(f) for f in as_array(row["footnotes"]))


def _notes(document: SourceObject) -> tuple[str, ...]:
    """The arrangement's reading notes, in its order."""
    return tuple(str(v) for v in as_object(document.get("notes", {})).values())


def _source(name: str, data: bytes, document: SourceObject, what: str) -> SourceFile:
    """The file's provenance as its arrangement records it, with the credit line it asks for."""
    return SourceFile(
        name,
        sha256(data),
        f"eCFR issue {document['ecfrIssueDate']}",
        str(document["retrievedAt"]),
        str(document["citation"]),
        f"{what} arranged by the export-controls-agent-mcp project, MIT",
    )


def _column(text: str, name: str) -> str:
    match = _COLUMN.match(text.strip())
    if match is None:
        raise SourceDataError(name, 0, None, f"unexpected Country Chart column {text!r}")
    return match.group(1) + match.group(2)
