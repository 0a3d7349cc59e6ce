"""The RDF being built from the control tables, and the cells every table shares (sources,
evidence grade, notes, gaps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exportgraph.loaders.tables import Row
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns

RDF_TYPE = ns.iri(ns.RDF, "type")
RDFS_LABEL = ns.iri(ns.RDFS, "label")
SKOS_NOTATION = ns.iri(ns.SKOS, "notation")
DCT_IDENTIFIER = ns.iri(ns.DCTERMS, "identifier")
DCT_TITLE = ns.iri(ns.DCTERMS, "title")
DCT_SOURCE = ns.iri(ns.DCTERMS, "source")
DCT_CITATION = ns.iri(ns.DCTERMS, "bibliographicCitation")
XSD_DATE = ns.iri(ns.XSD, "date")
XSD_DECIMAL = ns.iri(ns.XSD, "decimal")
XSD_BOOLEAN = ns.iri(ns.XSD, "boolean")
XSD_ANYURI = ns.iri(ns.XSD, "anyURI")
XSD_INTEGER = ns.iri(ns.XSD, "integer")


@dataclass
class ControlGraph:
    """The triples read so far and the vocabulary (from the ontology) the cells must use."""

    activities: frozenset[str]
    evidence: frozenset[str]
    material_forms: frozenset[str]
    date_bases: frozenset[str]
    legal_statuses: frozenset[str]
    triples: list[Triple] = field(default_factory=list)

    def add(self, s: NamedNode, p: NamedNode, o: NamedNode | Literal) -> None:
        self.triples.append(Triple(s, p, o))

    def text(self, s: NamedNode, p: NamedNode, value: str, lang: str | None = None) -> None:
        if value:
            self.add(s, p, Literal(value, language=lang) if lang else Literal(value))

    def flag(self, s: NamedNode, p: NamedNode, value: bool) -> None:
        self.add(s, p, Literal("true" if value else "false", datatype=XSD_BOOLEAN))


def rel(root: Path, path: Path) -> str:
    try:
        return str(path.relative_to(root.parent.parent))
    except ValueError:
        return str(path)


def optional_table(folder: Path, name: str) -> Path | None:
    path = folder / name
    return path if path.exists() else None


def evidence(row: Row, graph: ControlGraph, column: str = "evidence") -> str:
    value = row.require(column)
    if value not in graph.evidence:
        known = " or ".join(sorted(graph.evidence))
        raise row.error(column, f"evidence must be {known}, got {value!r}")
    return value


def source_refs(row: Row, column: str, code: str, sources: set[str]) -> list[NamedNode]:
    refs = []
    for source_id in row.words(column):
        if source_id not in sources:
            raise row.error(column, f"unknown source id {source_id!r} (not in {code}/sources.csv)")
        refs.append(ns.source_iri(code, source_id))
    return refs


def common(row: Row, node: NamedNode, code: str, sources: set[str], graph: ControlGraph) -> None:
    """Sources, evidence, notes and gaps, shared by exceptions, exclusions and entries."""
    for ref in source_refs(row, "sources", code, sources):
        graph.add(node, DCT_SOURCE, ref)
    if row.get("evidence"):
        graph.text(node, ns.eg("evidence"), evidence(row, graph))
    for note in row.texts("notes"):
        graph.text(node, ns.eg("note"), note, "en")
    for gap in row.texts("gaps"):
        graph.text(node, ns.eg("gap"), gap, "en")
