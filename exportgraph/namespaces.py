"""IRIs of the vocabularies exportgraph uses, as pyoxigraph terms and plain strings."""

from __future__ import annotations

from urllib.parse import quote

from pyoxigraph import NamedNode

EG = "https://w3id.org/exportgraph/ontology#"
EGID = "https://w3id.org/exportgraph/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
QUDT_UNIT = "http://qudt.org/vocab/unit/"
SH = "http://www.w3.org/ns/shacl#"

META_GRAPH = EGID + "graph/meta"
INFERRED_GRAPH = EGID + "graph/inferred"

PREFIXES = {
    "eg": EG,
    "egid": EGID,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "unit": QUDT_UNIT,
    "sh": SH,
}


def eg(local: str) -> NamedNode:
    """A term of the exportgraph ontology."""
    return NamedNode(EG + local)


def iri(namespace: str, local: str) -> NamedNode:
    """A term of any namespace."""
    return NamedNode(namespace + local)


def _seg(value: str) -> str:
    return quote(value, safe=".-_~")


def jurisdiction_iri(code: str) -> NamedNode:
    return NamedNode(f"{EGID}jurisdiction/{_seg(code)}")


def entry_iri(jurisdiction: str, code: str) -> NamedNode:
    return NamedNode(f"{EGID}entry/{_seg(jurisdiction)}/{_seg(code)}")


def concept_iri(scheme: str, notation: str) -> NamedNode:
    """A SKOS concept: scheme is 'kind', 'parameter', 'fact' or 'purpose'."""
    return NamedNode(f"{EGID}{scheme}/{_seg(notation)}")


def source_iri(jurisdiction: str, source_id: str) -> NamedNode:
    return NamedNode(f"{EGID}source/{_seg(jurisdiction)}/{_seg(source_id)}")


def list_iri(jurisdiction: str, list_id: str) -> NamedNode:
    return NamedNode(f"{EGID}list/{_seg(jurisdiction)}/{_seg(list_id)}")


def exception_iri(jurisdiction: str, exception_id: str) -> NamedNode:
    return NamedNode(f"{EGID}exception/{_seg(jurisdiction)}/{_seg(exception_id)}")


def exclusion_iri(jurisdiction: str, exclusion_id: str) -> NamedNode:
    return NamedNode(f"{EGID}exclusion/{_seg(jurisdiction)}/{_seg(exclusion_id)}")


def sparql_prefixes() -> str:
    """PREFIX declarations for every namespace above."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def defined_term_iri(jurisdiction: str, key: str) -> NamedNode:
    """A defined term of a list's definitions (a SKOS concept), keyed by its case-folded words."""
    return NamedNode(f"{EGID}term/{_seg(jurisdiction)}/{_seg(key)}")


def chart_column_iri(jurisdiction: str, column: str) -> NamedNode:
    """A Country Chart column: ``NS1``, ``AT1`` …"""
    return NamedNode(f"{EGID}chart-column/{_seg(jurisdiction)}/{_seg(column)}")


def country_group_iri(jurisdiction: str, group: str) -> NamedNode:
    """A country group of a jurisdiction's rules: ``A:1`` … ``E:2`` for the US."""
    return NamedNode(f"{EGID}country-group/{_seg(jurisdiction)}/{_seg(group)}")


def source_file_iri(name: str) -> NamedNode:
    """An official source file as read by a loader (``ontology/sources/…``), by its file name."""
    return NamedNode(f"{EGID}source-file/{_seg(name.rsplit('/', 1)[-1])}")
