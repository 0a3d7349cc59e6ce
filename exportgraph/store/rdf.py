"""RDF documents for a store: formats by name or media type, sources with their data version,
parsing that names the source and line, and the prefixes an export declares."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Self

import pyoxigraph
from pyoxigraph import (
    Literal,
    NamedNode,
    Quad,
    RdfFormat,
    Triple,
)

from exportgraph.store.terms import META_GRAPH, GraphName, LoadError

_PARSER_POSITION = re.compile(r"^Parser error (?:at|between) line [^:]*: ", re.DOTALL)

_ALIASES = {
    "turtle": "ttl",
    "ttl": "ttl",
    "nt": "nt",
    "ntriples": "nt",
    "n-triples": "nt",
    "nq": "nq",
    "nquads": "nq",
    "n-quads": "nq",
    "trig": "trig",
    "xml": "rdf",
    "rdf": "rdf",
    "rdfxml": "rdf",
    "rdf/xml": "rdf",
    "rdf-xml": "rdf",
    "json-ld": "jsonld",
    "jsonld": "jsonld",
    "n3": "n3",
}


def rdf_format(name: str) -> RdfFormat:
    """The pyoxigraph format for a media type (``text/turtle``), an extension or a short name.

    Raises ``ValueError`` for anything pyoxigraph cannot parse or serialize.
    """
    cleaned = name.strip().lower()
    found = RdfFormat.from_media_type(cleaned) if "/" in cleaned else None
    if found is None:
        alias = _ALIASES.get(cleaned)
        found = RdfFormat.from_extension(alias) if alias else None
    if found is None:
        raise ValueError(f"unsupported RDF format {name!r}")
    return found


@dataclass(frozen=True)
class RdfSource:
    """One RDF document to load: a name (repository-relative path), its bytes, its media type.

    The name takes part in the data version, so pass a stable, relative name
    (``ontology/core.ttl``), not an absolute path that differs between checkouts.
    """

    name: str
    data: bytes
    format: str

    @property
    def path_or_name(self) -> str:
        """Alias of :attr:`name`."""
        return self.name

    @classmethod
    def from_path(
        cls, path: str | Path, *, name: str | None = None, format: str | None = None
    ) -> Self:
        """Read a file; the format defaults to the one its extension implies."""
        file = Path(path)
        media_type = format or rdf_format(file.suffix.lstrip(".") or "?").media_type
        return cls(name if name is not None else str(path), file.read_bytes(), media_type)


def compute_data_version(sources: Iterable[RdfSource]) -> str:
    """Hex SHA-256 over the sources' names and bytes, sorted by name (then bytes).

    Each source contributes ``len(name) || name || len(data) || data`` (lengths as 8-byte
    big-endian integers, name UTF-8), so no two different inputs share a framing. The media type is
    not part of the version.
    """
    digest = hashlib.sha256()
    for source in sorted(sources, key=lambda s: (s.name, s.data)):
        name = source.name.encode("utf-8")
        digest.update(len(name).to_bytes(8, "big"))
        digest.update(name)
        digest.update(len(source.data).to_bytes(8, "big"))
        digest.update(source.data)
    return digest.hexdigest()


def parse_source(source: RdfSource, *, allow_named_graphs: bool) -> list[Quad]:
    """Parse one source completely (pyoxigraph parses lazily); errors become LoadError."""
    try:
        fmt = rdf_format(source.format)
    except ValueError as error:
        raise LoadError(source.name, None, None, str(error)) from None
    try:
        return list(
            pyoxigraph.parse(
                source.data,
                fmt,
                rename_blank_nodes=True,
                without_named_graphs=not allow_named_graphs,
            )
        )
    except SyntaxError as error:
        message = _PARSER_POSITION.sub("", error.msg or str(error))
        raise LoadError(source.name, error.lineno, error.offset, message) from None
    except (ValueError, OSError) as error:
        raise LoadError(source.name, None, None, str(error)) from None


def is_meta_graph(graph: GraphName) -> bool:
    return isinstance(graph, NamedNode) and graph.value == META_GRAPH


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

EXPORT_FORMATS = (
    RdfFormat.TURTLE,
    RdfFormat.N_TRIPLES,
    RdfFormat.RDF_XML,
    RdfFormat.JSON_LD,
    RdfFormat.N3,
)

EXPORT_PREFIXES = {
    "eg": "https://w3id.org/exportgraph/ontology#",
    "egid": "https://w3id.org/exportgraph/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "sh": "http://www.w3.org/ns/shacl#",
    "unit": "http://qudt.org/vocab/unit/",
}


def used_prefixes(triples: Iterable[Triple], prefixes: Mapping[str, str]) -> dict[str, str]:
    """The prefixes whose namespace occurs in the triples (keeps exported files uncluttered)."""
    stems: set[str] = set()
    for triple in triples:
        for term in (triple.subject, triple.predicate, triple.object):
            if isinstance(term, Literal):
                iri = "" if term.language else term.datatype.value
                iri = "" if iri == _XSD_STRING else iri
            else:
                iri = term.value if isinstance(term, NamedNode) else ""
            cut = max(iri.rfind("#"), iri.rfind("/"))
            if cut > 0:
                stems.add(iri[: cut + 1])
    return {
        prefix: namespace
        for prefix, namespace in prefixes.items()
        if any(stem.startswith(namespace) for stem in stems)
    }
