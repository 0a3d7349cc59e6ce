"""Destinations and the published legal groupings of them, from the official source texts in
ontology/sources/: the US Country Groups A–E (15 CFR 740 Supp. 1), the destinations and
territories of the Commerce Country Chart (15 CFR 738 Supp. 1, 738.3(b)), and the destinations
of Union general export authorisation EU001 (Reg. (EU) 2021/821 Annex II).

The sources name countries ("China (PRC)", "Korea, South"); pycountry gives the ISO 3166-1
alpha-2 code, and ontology/destinations/names.csv the codes of the names it does not know. A name
neither resolves is an error naming the file: a new version of a source must not drop a country
silently. Without the source files (a test fixture tree) there is nothing to load.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pycountry
from exportgraph.loaders.tables import SourceDataError, read_table
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns

COUNTRY_GROUPS = Path("sources/us-15cfr740-country-groups.json")
COUNTRY_CHART = Path("sources/us-15cfr738-country-chart.json")
EU_ANNEX = Path("sources/eu-2021-821-annex-i-20251115.json")
NAMES = Path("destinations/names.csv")

RDF_TYPE = ns.iri(ns.RDF, "type")
RDFS_LABEL = ns.iri(ns.RDFS, "label")
SKOS_NOTATION = ns.iri(ns.SKOS, "notation")
DCT_IDENTIFIER = ns.iri(ns.DCTERMS, "identifier")
DCT_SOURCE = ns.iri(ns.DCTERMS, "source")
REFERENCE = ns.EGID + "reference/"
MACAU = "Macau"
_EU001_DESTINATIONS = re.compile(r"following destinations:(?P<list>.*?)Part 3", re.DOTALL)


def grouping_iri(slug: str) -> NamedNode:
    return NamedNode(f"{ns.EGID}grouping/{slug}")


@dataclass
class _Names:
    """Source names → ISO codes: pycountry first, then the names table."""

    table: dict[str, str]
    file: str
    seen: dict[str, set[str]] = field(default_factory=dict)  # code → names in the sources

    def code(self, name: str, where: str) -> str:
        code = self.table.get(name)
        if code is None:
            try:
                code = str(pycountry.countries.lookup(name).alpha_2)
            except LookupError:
                raise SourceDataError(
                    where,
                    0,
                    None,
                    f"destination {name!r} is neither an ISO 3166 country name nor listed in "
                    f"{self.file}",
                ) from None
        self.seen.setdefault(code, set()).add(name)
        return code


@dataclass
class _Graph:
    triples: list[Triple] = field(default_factory=list)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.triples.append(Triple(s, p, o))

    def grouping(
        self, slug: str, identifier: str, label: str, source: str, members: Iterable[str]
    ) -> NamedNode:
        node = grouping_iri(slug)
        self.add(node, RDF_TYPE, ns.eg("DestinationGrouping"))
        self.add(node, DCT_IDENTIFIER, Literal(identifier))
        self.add(node, RDFS_LABEL, Literal(label, language="en"))
        self.add(node, DCT_SOURCE, NamedNode(REFERENCE + source))
        for code in sorted(set(members)):
            self.add(node, ns.eg("member"), ns.jurisdiction_iri(code))
        return node


def _read_json(ontology: Path, relative: Path) -> Mapping[str, Any] | None:
    path = ontology / relative
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise SourceDataError(str(relative), error.lineno, None, error.msg) from error
    if not isinstance(data, Mapping):
        raise SourceDataError(str(relative), 1, None, "expected a JSON object")
    return data


def _read_names(ontology: Path) -> _Names:
    path = ontology / NAMES
    table: dict[str, str] = {}
    for row in read_table(path, ("name_in_source", "code"), name=str(NAMES)):
        code = row.require("code")
        if not re.fullmatch(r"[A-Z]{2}", code):
            raise row.error("code", f"expected a two-letter code, got {code!r}")
        table[row.require("name_in_source")] = code
    return _Names(table, str(NAMES))


def _slug(group: str) -> str:
    return group.replace(":", "-")


def _country_groups(
    data: Mapping[str, Any],
    names: _Names,
    graph: _Graph,
    inherited: Mapping[str, tuple[str, str]],
) -> None:
    """One grouping per Country Group, and 'Macau or D:5' as the EAR writes it."""
    where = str(COUNTRY_GROUPS)
    labels: Mapping[str, str] = data.get("labels", {})
    groups: Mapping[str, list[str]] = data.get("groups", {})
    if not groups:
        raise SourceDataError(where, 0, None, "no country groups in the file")
    members: dict[str, set[str]] = {}
    for group, listed in groups.items():
        members[group] = {names.code(name, where) for name in listed}
    for territory, (country, _) in inherited.items():  # governed by the country's row
        for codes in members.values():
            if country in codes:
                codes.add(territory)
    for group in sorted(members):
        title = labels.get(group, "")
        label = f"Country Group {group}" + (f" — {title}" if title else "")
        graph.grouping(f"us-cg-{_slug(group)}", f"US-CG-{group}", label, "CG", members[group])
    if "D:5" in members:
        macau = names.code(MACAU, where)
        node = graph.grouping(
            "us-ear-macau-or-D-5",
            "US-EAR-D:5+MO",
            "Macau or a destination specified in Country Group D:5 (as the EAR writes it)",
            "CG",
            members["D:5"] | {macau},
        )
        note = data.get("notes", {}).get("macau")
        if note:
            graph.add(node, ns.eg("basis"), Literal(str(note), language="en"))


def _territories(data: Mapping[str, Any], names: _Names) -> dict[str, tuple[str, str]]:
    """Territory code → (the code of the country whose row governs it, the chart's basis)."""
    where = str(COUNTRY_CHART)
    found: dict[str, tuple[str, str]] = {}
    for territory, rule in (data.get("territoryInheritance") or {}).items():
        if not isinstance(rule, Mapping) or "row" not in rule:
            raise SourceDataError(where, 0, None, f"territory {territory!r} names no row")
        code = names.code(str(territory).title(), where)
        found[code] = (names.code(str(rule["row"]), where), str(rule.get("basis") or ""))
    return found


def _chart_destinations(data: Mapping[str, Any], names: _Names) -> set[str]:
    """Every destination the Country Chart has a row for (embargoed rows included)."""
    where = str(COUNTRY_CHART)
    rows = [*(data.get("countries") or {}), *(data.get("embargoed") or {})]
    return {names.code(name, where) for name in rows}


def _strip_parentheses(text: str) -> str:
    """The text without its (possibly nested) parenthetical remarks."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif depth == 0:
            out.append(char)
    return "".join(out)


def eu001_destination_names(verbatim: str) -> list[str]:
    """The destination names of EU001's "Part 2 – Destinations" ("Switzerland, including
    Liechtenstein" gives both)."""
    found = _EU001_DESTINATIONS.search(verbatim)
    if found is None:
        return []
    text = _strip_parentheses(found.group("list"))
    names = []
    for part in text.split(","):
        name = part.strip().rstrip(".").strip()
        name = re.sub(r"^(including|and)\s+", "", name)
        if name:
            names.append(name)
    return names


def _eu_general_authorisations(data: Mapping[str, Any], names: _Names, graph: _Graph) -> None:
    where = str(EU_ANNEX)
    for gea in data.get("geas") or []:
        if not isinstance(gea, Mapping) or gea.get("id") != "EU001":
            continue
        listed = eu001_destination_names(str(gea.get("verbatim_text", "")))
        if not listed:
            raise SourceDataError(where, 0, None, "EU001 lists no destinations (Part 2)")
        graph.grouping(
            "eu-gea-EU001",
            "EU-GEA-EU001",
            "Destinations of Union general export authorisation EU001 (Reg. (EU) 2021/821 Annex II, Section A)",
            "EU-GEA",
            [names.code(name, where) for name in listed],
        )


def load_destinations(ontology: Path) -> list[Triple]:
    """The destinations and groupings of the official sources under `ontology` (none when the
    source files are not there)."""
    groups = _read_json(ontology, COUNTRY_GROUPS)
    chart = _read_json(ontology, COUNTRY_CHART)
    annex = _read_json(ontology, EU_ANNEX)
    if groups is None and chart is None and annex is None:
        return []
    names = _read_names(ontology)
    graph = _Graph()
    territories = _territories(chart, names) if chart else {}
    every: set[str] = set(territories)
    if chart:
        every |= _chart_destinations(chart, names)
    if groups:
        _country_groups(groups, names, graph, territories)
    if annex:
        _eu_general_authorisations(annex, names, graph)
    every |= set(names.seen)
    for code in sorted(every):
        node = ns.jurisdiction_iri(code)
        graph.add(node, RDF_TYPE, ns.eg("Destination"))
        graph.add(node, SKOS_NOTATION, Literal(code))
        graph.add(node, ns.eg("countryName"), Literal(_country_name(code, names), language="en"))
        for name in sorted(names.seen.get(code, ())):
            graph.add(node, ns.eg("nameInSource"), Literal(name))
        if code in territories:
            country, basis = territories[code]
            text = f"In the Country Groups of {country}: {basis}".rstrip(": ")
            graph.add(node, ns.eg("basis"), Literal(text, language="en"))
    return graph.triples


def _country_name(code: str, names: _Names) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        return str(getattr(country, "common_name", None) or country.name)
    return sorted(names.seen.get(code, {code}))[0]
