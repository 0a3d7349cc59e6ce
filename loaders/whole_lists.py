"""Read every whole official list in ontology/sources/ and return its RDF (the build's entry point).

Which codes the curated tables define is read from ontology/controls/{US,EU}/entries.csv (and the
EU general authorisations from EU/exceptions.csv), so the whole-list RDF never adds a second title,
sort key or scope to a curated entry.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path

from exportgraph.loaders import (
    annex_i,
    ccl,
    correspondence,
    country_chart,
    destinations,
    formalize,
    formalize_notes,
    formalize_rdf,
    formalize_served,
    formalize_tree,
    listed_rdf,
)
from exportgraph.loaders.controls import triples_to_ntriples
from exportgraph.loaders.country_names import CountryNames
from exportgraph.loaders.listed_text import TextNode
from exportgraph.loaders.tables import read_table
from pyoxigraph import Triple

COUNTRY_NAMES = "controls/country-names.csv"


def load_whole_lists(ontology: Path, relative: Callable[[Path], str] = str) -> list[Triple]:
    """The RDF of the CCL, EU Annex I (with definitions and GEAs), the Country Chart and the
    Country Groups, with the destinations and the groupings of them that risk models score, and
    the proposed US-EU correspondences of their Wassenaar-numbered entries (not asserted).
    ``relative`` names files in errors and provenance (project-relative paths)."""
    return list(_cached(ontology, relative, _state(ontology, relative)))


def whole_lists_ntriples(ontology: Path, relative: Callable[[Path], str] = str) -> bytes:
    """:func:`load_whole_lists` as N-Triples. Read once per process and input state: a rebuild
    (tests, change sets) whose input files are unchanged (same path, size and modification time)
    reuses the result."""
    return _serialized(ontology, relative, _state(ontology, relative))


State = tuple[tuple[str, str, int, int], ...]


def _state(ontology: Path, relative: Callable[[Path], str]) -> State:
    files = [ontology / COUNTRY_NAMES, *sorted((ontology / "sources").iterdir())]
    files += sorted((ontology / formalize.FOLDER).glob("*.csv"))
    for jurisdiction in ("US", "EU"):
        files += sorted((ontology / "controls" / jurisdiction).glob("*.csv"))
    return tuple((str(p), relative(p), p.stat().st_mtime_ns, p.stat().st_size) for p in files)


@functools.lru_cache(maxsize=4)
def _cached(ontology: Path, relative: Callable[[Path], str], state: State) -> tuple[Triple, ...]:
    return tuple(_read(ontology, relative))


@functools.lru_cache(maxsize=4)
def _serialized(ontology: Path, relative: Callable[[Path], str], state: State) -> bytes:
    return triples_to_ntriples(_cached(ontology, relative, state))


def _read(ontology: Path, relative: Callable[[Path], str]) -> list[Triple]:
    sources = ontology / "sources"
    names = CountryNames(ontology / COUNTRY_NAMES, relative(ontology / COUNTRY_NAMES))
    graph = listed_rdf.Triples()

    us_file = sources / ccl.FILE
    us = ccl.read_ccl(us_file, relative(us_file))
    eu_file = sources / annex_i.FILE
    eu = annex_i.read_annex_i(eu_file, names, relative(eu_file))
    curated_kinds = {"US": _kinds(ontology, "US"), "EU": _kinds(ontology, "EU")}
    curated = {jurisdiction: set(kinds) for jurisdiction, kinds in curated_kinds.items()}
    trees = {
        "US": {eccn.code: eccn.tree for eccn in us.entries},
        "EU": {entry.code: entry.tree for entry in eu.entries},
    }
    formal = _formalized(ontology, relative, trees, curated)
    served_rows = formalize_served.read_served(
        ontology, relative(ontology / formalize.FOLDER / formalize_served.FILE)
    )
    serving, widened = formalize_served.formalize_served(served_rows, trees, formal, curated_kinds)
    formal += serving
    decided = {(e.jurisdiction, e.code) for e in formal if e.text_only is None}
    listed_rdf.ccl(graph, us, curated["US"], {c for j, c in decided if j == "US"})
    exceptions = _ids(ontology, "EU", "exceptions.csv")
    listed_rdf.annex_i(graph, eu, curated["EU"], exceptions, {c for j, c in decided if j == "EU"})
    bases = formalize_rdf.read_text_bases(
        ontology, relative(ontology / formalize.FOLDER / "texts.csv")
    )
    formalize_rdf.rdf(graph.add, formal, bases, listed_rdf.LISTS)
    for (jurisdiction, code), served in widened.items():
        formalize_rdf.served_entries(graph.add, jurisdiction, code, served.codes, served.kinds)
    proposed = correspondence.proposals([e.tree for e in us.entries], [e.tree for e in eu.entries])
    graph.triples += correspondence.proposal_triples(proposed)

    chart_file = sources / country_chart.CHART_FILE
    chart = country_chart.read_country_chart(chart_file, names, relative(chart_file))
    listed_rdf.country_chart(graph, chart)
    groups_file = sources / country_chart.GROUPS_FILE
    groups = country_chart.read_country_groups(groups_file, names, relative(groups_file))
    listed_rdf.country_groups(graph, groups)
    destinations.destination_groupings(graph, chart, groups, eu, relative(ontology / COUNTRY_NAMES))
    return graph.triples


def _formalized(
    ontology: Path,
    relative: Callable[[Path], str],
    trees: dict[str, dict[str, TextNode]],
    curated: dict[str, set[str]],
) -> list[formalize.FormalEntry]:
    folder = ontology / formalize.FOLDER
    rules = formalize.read_rules(ontology, relative(folder / "rules.csv"))
    units = formalize.read_units(ontology, relative(folder / "units.csv"))
    families = formalize_tree.read_families(ontology, relative(folder / formalize_tree.FAMILIES))
    phrases = formalize_tree.read_phrases(ontology, relative(folder / formalize_tree.PHRASES))
    notes = formalize_notes.read_notes(ontology, relative(folder / "notes.csv"))
    found = formalize.formalize(rules, trees, units, curated)
    read = formalize_tree.formalize_families(families, phrases, trees, units, curated, notes)
    found += formalize_tree.give_way(found, read)
    return formalize_notes.apply_notes(formalize_tree.distinct(found, relative(folder)), notes)


def _kinds(ontology: Path, jurisdiction: str) -> dict[str, tuple[str, ...]]:
    """Each curated code's item kinds."""
    path = ontology / "controls" / jurisdiction / "entries.csv"
    return {
        row.require("code"): tuple(row.words("kinds"))
        for row in read_table(path, ("code", "kinds"))
    }


def _ids(ontology: Path, jurisdiction: str, table: str, column: str = "id") -> set[str]:
    path = ontology / "controls" / jurisdiction / table
    if not path.exists():
        return set()
    return {row.require(column) for row in read_table(path, (column,))}
