"""The tables around the entries: jurisdictions, legal sources, lists, licence exceptions and
research exclusions (with their conditions as data)."""

from __future__ import annotations

import re
from pathlib import Path

from exportgraph.loaders.controls_graph import (
    DCT_CITATION,
    DCT_IDENTIFIER,
    DCT_SOURCE,
    DCT_TITLE,
    RDF_TYPE,
    RDFS_LABEL,
    SKOS_NOTATION,
    XSD_ANYURI,
    ControlGraph,
    common,
    evidence,
    optional_table,
    rel,
    source_refs,
)
from exportgraph.loaders.tables import Row, read_table
from pyoxigraph import Literal, NamedNode

from exportgraph import namespaces as ns


def load_jurisdictions(root: Path, graph: ControlGraph) -> set[str]:
    path = root / "jurisdictions.csv"
    rows = read_table(path, ("code", "label_en"), name=rel(root, path))
    codes = {row.require("code") for row in rows}
    for row in rows:
        code = row.require("code")
        node = ns.jurisdiction_iri(code)
        graph.add(node, RDF_TYPE, ns.eg("Jurisdiction"))
        graph.text(node, SKOS_NOTATION, code)
        graph.text(node, RDFS_LABEL, row.require("label_en"), "en")
        for parent in row.words("part_of"):
            if parent not in codes:
                raise row.error("part_of", f"unknown jurisdiction {parent!r}")
            graph.add(node, ns.eg("partOf"), ns.jurisdiction_iri(parent))
        if row.flag("destination_only", False):
            graph.flag(node, ns.eg("destinationOnly"), True)
        if row.get("deemed_export"):
            graph.flag(node, ns.eg("deemedExportRule"), row.flag("deemed_export", False))
        if row.get("deemed_export_source"):
            graph.add(
                node,
                ns.eg("deemedExportBasis"),
                ns.source_iri(code, row.get("deemed_export_source")),
            )
        for note in row.texts("notes"):
            graph.text(node, ns.eg("note"), note, "en")
    return codes


def load_sources(root: Path, folder: Path, code: str, graph: ControlGraph) -> set[str]:
    path = folder / "sources.csv"
    ids: set[str] = set()
    for row in read_table(path, ("id", "citation", "evidence"), name=rel(root, path)):
        source_id = row.require("id")
        if source_id in ids:
            raise row.error("id", f"duplicate source id {source_id!r}")
        ids.add(source_id)
        node = ns.source_iri(code, source_id)
        graph.add(node, RDF_TYPE, ns.eg("LegalSource"))
        graph.text(node, SKOS_NOTATION, source_id)
        graph.text(node, DCT_CITATION, row.require("citation"))
        if row.get("url"):
            graph.add(node, ns.eg("url"), Literal(row.get("url"), datatype=XSD_ANYURI))
        graph.text(node, ns.eg("evidence"), evidence(row, graph))
        for note in row.texts("notes"):
            graph.text(node, ns.eg("note"), note, "en")
    return ids


def load_lists(
    root: Path, folder: Path, code: str, sources: set[str], jur: NamedNode, graph: ControlGraph
) -> set[str]:
    path = folder / "lists.csv"
    ids: set[str] = set()
    for row in read_table(path, ("id", "title"), name=rel(root, path)):
        list_id = row.require("id")
        ids.add(list_id)
        node = ns.list_iri(code, list_id)
        graph.add(node, RDF_TYPE, ns.eg("ControlList"))
        graph.add(node, ns.eg("jurisdiction"), jur)
        graph.text(node, SKOS_NOTATION, list_id)
        graph.text(node, DCT_TITLE, row.require("title"))
        for ref in source_refs(row, "sources", code, sources):
            graph.add(node, DCT_SOURCE, ref)
        for note in row.texts("notes"):
            graph.text(node, ns.eg("note"), note, "en")
    return ids


def load_exceptions(
    root: Path,
    folder: Path,
    code: str,
    sources: set[str],
    jurisdictions: set[str],
    graph: ControlGraph,
) -> set[str]:
    path = optional_table(folder, "exceptions.csv")
    if path is None:
        return set()
    ids: set[str] = set()
    for row in read_table(path, ("id", "title", "eligible_destinations"), name=rel(root, path)):
        exception_id = row.require("id")
        ids.add(exception_id)
        node = ns.exception_iri(code, exception_id)
        graph.add(node, RDF_TYPE, ns.eg("LicenceException"))
        graph.add(node, ns.eg("jurisdiction"), ns.jurisdiction_iri(code))
        graph.text(node, DCT_IDENTIFIER, f"{code}:{exception_id}")
        graph.text(node, SKOS_NOTATION, exception_id)
        graph.text(node, DCT_TITLE, row.require("title"))
        destinations = row.words("eligible_destinations")
        known = destinations != ["unknown"]
        graph.flag(node, ns.eg("eligibleDestinationsKnown"), known)
        for destination in destinations if known else []:
            if destination not in jurisdictions:
                raise row.error("eligible_destinations", f"unknown jurisdiction {destination!r}")
            graph.add(node, ns.eg("eligibleDestination"), ns.jurisdiction_iri(destination))
        common(row, node, code, sources, graph)
    return ids


def load_exclusions(
    root: Path, folder: Path, code: str, sources: set[str], jur: NamedNode, graph: ControlGraph
) -> None:
    path = optional_table(folder, "exclusions.csv")
    if path is None:
        return
    for row in read_table(path, ("id", "title", "applies_to", "conditions"), name=rel(root, path)):
        exclusion_id = row.require("id")
        node = ns.exclusion_iri(code, exclusion_id)
        graph.add(node, RDF_TYPE, ns.eg("ResearchExclusion"))
        graph.add(node, ns.eg("exclusionOf"), jur)
        graph.text(node, DCT_IDENTIFIER, f"{code}:{exclusion_id}")
        graph.text(node, SKOS_NOTATION, exclusion_id)
        graph.text(node, DCT_TITLE, row.require("title"))
        for kind in row.words("applies_to"):
            graph.add(node, ns.eg("appliesToKind"), ns.concept_iri("kind", kind))
        for index, text in enumerate(row.require("conditions").split(";"), start=1):
            if text.strip():
                _condition(row, NamedNode(f"{node.value}/condition/{index}"), text, node, graph)
        common(row, node, code, sources, graph)


_CONDITION = re.compile(
    r"^\s*(?P<field>[a-z_]+)\s*(?:=\s*(?P<value>\S+)|\s+in\s+(?P<values>\S+))\s*$"
)


def _condition(
    row: Row, node: NamedNode, text: str, exclusion: NamedNode, graph: ControlGraph
) -> None:
    """One condition of the table's compact form (`field=value`, `field in a|b`) as data: the
    request field and the values for which it holds."""
    match = _CONDITION.match(text)
    if not match:
        raise row.error("conditions", f"expected field=value or field in a|b, got {text.strip()!r}")
    graph.add(exclusion, ns.eg("hasCondition"), node)
    graph.add(node, RDF_TYPE, ns.eg("Condition"))
    graph.text(node, ns.eg("onRequestField"), match["field"])
    values = [match["value"]] if match["value"] is not None else match["values"].split("|")
    for value in values:
        graph.text(node, ns.eg("allowedValue"), value)
