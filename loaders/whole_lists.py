"""Read every whole official list in ontology/sources/ and return its RDF (the build's entry point).

Which codes the curated tables define is read from ontology/controls/{US,EU}/entries.csv (and the
EU general authorisations from EU/exceptions.csv), so the whole-list RDF never adds a second title,
sort key or scope to a curated entry.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from exportgraph.loaders import annex_i, ccl, country_chart, listed_rdf
from exportgraph.loaders.country_names import CountryNames
from exportgraph.loaders.tables import read_table
from pyoxigraph import Triple

COUNTRY_NAMES = "controls/country-names.csv"


def load_whole_lists(ontology: Path, relative: Callable[[Path], str] = str) -> list[Triple]:
    """The RDF of the CCL, EU Annex I (with definitions and GEAs), the Country Chart and the
    Country Groups. ``relative`` names files in errors and provenance (project-relative paths)."""
    sources = ontology / "sources"
    names = CountryNames(ontology / COUNTRY_NAMES, relative(ontology / COUNTRY_NAMES))
    graph = listed_rdf.Triples()

    us_file = sources / ccl.FILE
    listed_rdf.ccl(graph, ccl.read_ccl(us_file, relative(us_file)), _codes(ontology, "US"))

    eu_file = sources / annex_i.FILE
    eu = annex_i.read_annex_i(eu_file, names, relative(eu_file))
    listed_rdf.annex_i(graph, eu, _codes(ontology, "EU"), _ids(ontology, "EU", "exceptions.csv"))

    chart_file = sources / country_chart.CHART_FILE
    chart = country_chart.read_country_chart(chart_file, names, relative(chart_file))
    listed_rdf.country_chart(graph, chart)
    groups_file = sources / country_chart.GROUPS_FILE
    groups = country_chart.read_country_groups(groups_file, names, relative(groups_file))
    listed_rdf.country_groups(graph, groups)
    return graph.triples


def _codes(ontology: Path, jurisdiction: str) -> set[str]:
    return _ids(ontology, jurisdiction, "entries.csv", "code")


def _ids(ontology: Path, jurisdiction: str, table: str, column: str = "id") -> set[str]:
    path = ontology / "controls" / jurisdiction / table
    if not path.exists():
        return set()
    return {row.require(column) for row in read_table(path, (column,))}
