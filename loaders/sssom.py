"""Read and write SSSOM mapping tables (TSV with a commented YAML header)."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping as MappingOf
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from exportgraph.loaders.tables import SourceDataError
from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns

MAPPING_PREDICATES = ("exactMatch", "closeMatch", "broadMatch", "narrowMatch", "relatedMatch")
REQUIRED = ("subject_id", "predicate_id", "object_id", "mapping_justification")
COLUMNS = (*REQUIRED, "confidence", "author_id", "comment")
XSD_DOUBLE = ns.iri(ns.XSD, "double")


@dataclass(frozen=True)
class Mapping:
    """One row of an SSSOM table, with CURIEs expanded."""

    subject: str
    predicate: str  # local name in SKOS: exactMatch, closeMatch, …
    object: str
    justification: str
    confidence: float | None
    comment: str
    author: str


def read_sssom(text: str, name: str) -> tuple[dict[str, str], list[Mapping]]:
    """Parse SSSOM TSV text into its curie map and mappings; errors name the line."""
    header_lines: list[str] = []
    body_start = 0
    lines = text.splitlines()
    for number, text_line in enumerate(lines):
        if text_line.startswith("#"):
            header_lines.append(text_line[1:])
        else:
            body_start = number
            break
    try:
        metadata = yaml.safe_load("\n".join(header_lines)) or {}
    except yaml.YAMLError as error:
        raise SourceDataError(name, 1, None, f"the YAML header is not valid: {error}") from None
    curie_map = dict(metadata.get("curie_map") or {})
    curie_map.setdefault("skos", ns.SKOS)
    reader = csv.DictReader(io.StringIO("\n".join(lines[body_start:])), delimiter="\t")
    missing = [column for column in REQUIRED if column not in (reader.fieldnames or [])]
    if missing:
        raise SourceDataError(
            name, body_start + 1, None, f"missing column(s): {', '.join(missing)}"
        )
    mappings = []
    for offset, row in enumerate(reader, start=2):
        line = body_start + offset

        def expand(column: str, row: dict[str, str] = row, line: int = line) -> str:
            curie = (row.get(column) or "").strip()
            prefix, sep, local = curie.partition(":")
            if not sep or prefix not in curie_map:
                raise SourceDataError(name, line, column, f"unknown prefix in {curie!r}")
            return str(curie_map[prefix]) + local

        predicate = expand("predicate_id")
        local = predicate.removeprefix(ns.SKOS)
        if local not in MAPPING_PREDICATES or predicate == local:
            raise SourceDataError(
                name, line, "predicate_id", f"not a SKOS mapping property: {predicate}"
            )
        confidence_text = (row.get("confidence") or "").strip()
        try:
            confidence = float(confidence_text) if confidence_text else None
        except ValueError:
            raise SourceDataError(
                name, line, "confidence", f"not a number: {confidence_text!r}"
            ) from None
        if confidence is not None and not 0.0 <= confidence <= 1.0:
            raise SourceDataError(name, line, "confidence", "must be between 0 and 1")
        mappings.append(
            Mapping(
                subject=expand("subject_id"),
                predicate=local,
                object=expand("object_id"),
                justification=(row.get("mapping_justification") or "").strip(),
                confidence=confidence,
                comment=(row.get("comment") or "").strip(),
                author=(row.get("author_id") or "").strip(),
            )
        )
    return curie_map, mappings


def mappings_to_triples(mappings: list[Mapping]) -> list[Triple]:
    """The SKOS mapping triples plus one eg:AssertedMapping node per row (justification, …)."""
    triples: list[Triple] = []
    for mapping in mappings:
        predicate = ns.iri(ns.SKOS, mapping.predicate)
        triples.append(Triple(NamedNode(mapping.subject), predicate, NamedNode(mapping.object)))
        triples += mapping_node(mapping, "AssertedMapping")
    return triples


def mapping_node(mapping: Mapping, node_type: str, key_prefix: str = "") -> list[Triple]:
    """One eg:{node_type} node describing a mapping row: its subject, predicate, object,
    justification and, where given, confidence, comment and author; named by a digest of
    `key_prefix` and the row (so a proposed row's node is not an asserted one's)."""
    subject, obj = NamedNode(mapping.subject), NamedNode(mapping.object)
    key = f"{key_prefix}{mapping.subject} {mapping.predicate} {mapping.object}".encode()
    node = NamedNode(f"{ns.EGID}mapping/{hashlib.sha1(key).hexdigest()[:16]}")
    triples = [
        Triple(node, ns.iri(ns.RDF, "type"), ns.eg(node_type)),
        Triple(node, ns.eg("mappingSubject"), subject),
        Triple(node, ns.eg("mappingPredicate"), ns.iri(ns.SKOS, mapping.predicate)),
        Triple(node, ns.eg("mappingObject"), obj),
        Triple(node, ns.eg("mappingJustification"), Literal(mapping.justification)),
    ]
    if mapping.confidence is not None:
        confidence = Literal(repr(mapping.confidence), datatype=XSD_DOUBLE)
        triples.append(Triple(node, ns.eg("confidence"), confidence))
    if mapping.comment:
        comment = Literal(mapping.comment, language="en")
        triples.append(Triple(node, ns.iri(ns.RDFS, "comment"), comment))
    if mapping.author:
        triples.append(Triple(node, ns.iri(ns.DCTERMS, "creator"), Literal(mapping.author)))
    return triples


def load_sssom(path: Path, name: str | None = None) -> list[Triple]:
    """Read one SSSOM file into RDF triples."""
    _, mappings = read_sssom(path.read_text(encoding="utf-8"), name or str(path))
    return mappings_to_triples(mappings)


def compact(iri: str, curie_map: MappingOf[str, str]) -> str:
    """The CURIE of an IRI under the longest matching namespace; ValueError when none matches."""
    best = max(
        ((prefix, space) for prefix, space in curie_map.items() if iri.startswith(space)),
        key=lambda item: len(item[1]),
        default=None,
    )
    if best is None:
        raise ValueError(f"no prefix in the curie map covers {iri}")
    prefix, namespace = best
    return f"{prefix}:{iri[len(namespace) :]}"


def _cell(text: str) -> str:
    return " ".join(text.split())  # no tabs or line breaks inside a cell


def write_sssom(
    mappings: Sequence[Mapping],
    curie_map: MappingOf[str, str],
    metadata: MappingOf[str, Any] | None = None,
) -> str:
    """SSSOM TSV (a commented YAML header, then one row per mapping) that read_sssom reads back."""
    used = {"skos": ns.SKOS, **curie_map}
    header = {**(metadata or {}), "curie_map": dict(sorted(used.items()))}
    lines = ["#" + line for line in yaml.safe_dump(header, sort_keys=False).splitlines()]
    out = io.StringIO()
    out.write("\n".join(lines) + "\n")
    writer = csv.writer(out, delimiter="\t", lineterminator="\n")
    writer.writerow(COLUMNS)
    for mapping in mappings:
        writer.writerow(
            (
                compact(mapping.subject, used),
                compact(ns.SKOS + mapping.predicate, used),
                compact(mapping.object, used),
                _cell(mapping.justification),
                "" if mapping.confidence is None else repr(mapping.confidence),
                _cell(mapping.author),
                _cell(mapping.comment),
            )
        )
    return out.getvalue()
