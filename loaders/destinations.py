"""Destinations and the legal groupings of them that risk models score, from the whole lists the
build has already read (loaders/whole_lists.py): the US Country Groups A–E (15 CFR 740 Supp. 1),
the destinations and territories of the Commerce Country Chart (15 CFR 738 Supp. 1, 738.3(b)),
and the destinations of Union general export authorisation EU001 (Reg. (EU) 2021/821 Annex II).

A Country Group is one node (``country-group/US/A%3A1``): the whole-list loader writes its
members as the source names them, this module makes it a destination grouping and adds the
territories whose chart row is another country's. A name of these sources without an ISO code is
an error naming the country-names table: a new version of a source must not drop a country from a
grouping silently.
"""

from __future__ import annotations

from collections.abc import Iterable

import pycountry
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.country_chart import CountryChart, CountryGroups
from exportgraph.loaders.listed_rdf import Triples
from exportgraph.loaders.tables import SourceDataError
from pyoxigraph import NamedNode

from exportgraph import namespaces as ns

RDF_TYPE = ns.iri(ns.RDF, "type")
RDFS_LABEL = ns.iri(ns.RDFS, "label")
SKOS_NOTATION = ns.iri(ns.SKOS, "notation")
DCT_IDENTIFIER = ns.iri(ns.DCTERMS, "identifier")
DCT_SOURCE = ns.iri(ns.DCTERMS, "source")
REFERENCE = ns.EGID + "reference/"
MACAU = "MO"
EU001 = "EU001"


def grouping_iri(slug: str) -> NamedNode:
    """A grouping the sources write out but do not name as a group (Macau or D:5, EU001)."""
    return NamedNode(f"{ns.EGID}grouping/{slug}")


class _Destinations:
    """The destinations met so far: code → the names the sources give it."""

    def __init__(self, names_table: str) -> None:
        self.names_table = names_table
        self.seen: dict[str, set[str]] = {}

    def code(self, name: str, iso: str | None, where: str) -> str:
        if iso is None:
            raise SourceDataError(
                where,
                0,
                None,
                f"destination {name!r} is neither an ISO 3166 country name nor listed in "
                f"{self.names_table}",
            )
        self.seen.setdefault(iso, set()).add(name)
        return iso

    def codes(self, members: Iterable[tuple[str, str | None]], where: str) -> set[str]:
        return {self.code(name, iso, where) for name, iso in members}


def destination_groupings(
    graph: Triples,
    chart: CountryChart,
    groups: CountryGroups,
    annex: AnnexI,
    names_table: str,
) -> None:
    """Add the destinations and the groupings of them to `graph`."""
    found = _Destinations(names_table)
    chart_file = chart.source.name
    for row in chart.countries:
        found.code(row.name, row.iso, chart_file)
    territories = {
        found.code(t.name, t.iso, chart_file): (found.code(t.row, t.row_iso, chart_file), t.basis)
        for t in chart.territories
    }
    members: dict[str, set[str]] = {}
    for group in groups.groups:
        codes = found.codes(group.members, groups.source.name)
        codes |= {t for t, (country, _) in territories.items() if country in codes}
        members[group.code] = codes
        node = ns.country_group_iri("US", group.code)
        _grouping(graph, node, f"US-CG-{group.code}", None, "CG", codes)
    if "D:5" in members:
        node = _grouping(
            graph,
            grouping_iri("us-ear-macau-or-D-5"),
            "US-EAR-D:5+MO",
            "Macau or a destination specified in Country Group D:5 (as the EAR writes it)",
            "CG",
            members["D:5"] | {MACAU},
        )
        for note in groups.notes:
            if "Macau" in note:
                graph.text(node, ns.eg("basis"), note)
    for gea in annex.authorisations:
        if gea.id == EU001:
            _grouping(
                graph,
                grouping_iri(f"eu-gea-{EU001}"),
                f"EU-GEA-{EU001}",
                "Destinations of Union general export authorisation EU001 "
                "(Reg. (EU) 2021/821 Annex II, Section A)",
                "EU-GEA",
                found.codes(gea.destinations, annex.source.name),
            )
    for code in sorted(found.seen | dict.fromkeys(territories)):
        node = ns.jurisdiction_iri(code)
        graph.add(node, RDF_TYPE, ns.eg("Destination"))
        graph.text(node, SKOS_NOTATION, code, None)
        graph.text(node, ns.eg("countryName"), _country_name(code, found.seen.get(code, set())))
        for name in sorted(found.seen.get(code, ())):
            graph.text(node, ns.eg("nameInSource"), name, None)
        if code in territories:
            country, basis = territories[code]
            graph.text(node, ns.eg("basis"), f"In the Country Groups of {country}: {basis}")
            graph.add(node, ns.eg("chartRowOf"), ns.jurisdiction_iri(country))


def _grouping(
    graph: Triples,
    node: NamedNode,
    identifier: str,
    label: str | None,
    source: str,
    members: Iterable[str],
) -> NamedNode:
    graph.add(node, RDF_TYPE, ns.eg("DestinationGrouping"))
    graph.text(node, DCT_IDENTIFIER, identifier, None)
    if label:
        graph.text(node, RDFS_LABEL, label)
    graph.add(node, DCT_SOURCE, NamedNode(REFERENCE + source))
    for code in sorted(set(members)):
        graph.add(node, ns.eg("member"), ns.jurisdiction_iri(code))
    return node


def _country_name(code: str, names: set[str]) -> str:
    country = pycountry.countries.get(alpha_2=code)
    if country is not None:
        return str(getattr(country, "common_name", None) or country.name)
    return sorted(names or {code})[0]
