"""Agreement documents (JSON, JSON-LD, Turtle) → one RDF graph per agreement.

JSON-LD is parsed by pyoxigraph with the bundled context injected here; a document naming any
other @context is refused, so no context is ever fetched (rdflib's JSON-LD parser would fetch
remote and local-file contexts: never used on this input).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import ExportgraphError, InvalidInput, MalformedInput
from exportgraph.paths import ontology_dir
from exportgraph.services.auditors.agreements import schema

CONTEXT_IRI = "https://w3id.org/exportgraph/agreement.context.jsonld"
"""The name a document may give the bundled context; it is resolved locally, never fetched."""

JSON = "application/json"
JSON_LD = "application/ld+json"
TURTLE = "text/turtle"
MEDIA_TYPES = (JSON, JSON_LD, TURTLE)

AGREEMENT = NamedNode(ns.EG + "Agreement")
RDF_TYPE = NamedNode(ns.RDF + "type")
XSD_DATE = ns.XSD + "date"
XSD_STRING = ns.XSD + "string"
DATE_PROPERTIES = {
    ns.EG + local: field
    for local, field in (
        ("effectiveDate", "effective_date"),
        ("expiryDate", "expiry_date"),
        ("validFrom", "valid_from"),
        ("validUntil", "valid_until"),
        ("verificationDate", "date"),
        ("exchangeFrom", "from"),
        ("exchangeUntil", "until"),
    )
}

Node = NamedNode | BlankNode


class UnsupportedMediaType(ExportgraphError):
    status = 415
    title = "Unsupported media type"
    slug = "unsupported-media-type"


@dataclass(frozen=True)
class ParsedAgreement:
    """One agreement: its node, its triples (the closure reachable from it) and where it came from."""

    node: Node
    triples: tuple[Triple, ...]
    source: str


@cache
def bundled_context() -> dict[str, Any]:
    """The bundled JSON-LD context (ontology/agreement.context.jsonld), as its `@context` value."""
    document = json.loads((ontology_dir() / "agreement.context.jsonld").read_text(encoding="utf-8"))
    context: dict[str, Any] = document["@context"]
    return context


def media_type(content_type: str | None) -> str:
    """The supported media type named by a Content-Type header (parameters ignored)."""
    base = (content_type or JSON).split(";", 1)[0].strip().lower()
    if base in ("", "*/*"):
        return JSON
    if base not in MEDIA_TYPES:
        raise UnsupportedMediaType(
            f"Content-Type {base!r} is not supported; send {', '.join(MEDIA_TYPES)}",
            field="Content-Type",
        )
    return base


def parse(
    body: bytes, content_type: str | None, source: str = "body"
) -> tuple[list[ParsedAgreement], bool]:
    """Parse a request body; return the agreements and whether the body was a list (a batch)."""
    kind = media_type(content_type)
    if kind == TURTLE:
        agreements = parse_turtle(body, source)
        return agreements, len(agreements) > 1
    return parse_json(body, source)


def parse_json(body: bytes, source: str = "body") -> tuple[list[ParsedAgreement], bool]:
    """Parse the JSON (or JSON-LD) form: one agreement or a JSON array of them."""
    try:
        value = json.loads(body)
    except UnicodeDecodeError as error:
        raise MalformedInput(f"{source}: not UTF-8 text ({error.reason})", field=source) from None
    except json.JSONDecodeError as error:
        raise MalformedInput(
            f"{source}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            field=source,
        ) from None
    if isinstance(value, list):
        if not value:
            raise InvalidInput(f"{source}: an empty array holds no agreement", field=source)
        return [from_json(item, source, f"[{index}]") for index, item in enumerate(value)], True
    return [from_json(value, source, "")], False


def from_json(document: Any, source: str = "body", prefix: str = "") -> ParsedAgreement:
    """One agreement in the JSON form → its RDF graph (bundled context injected)."""
    if isinstance(document, dict):
        _check_context(document.get("@context", None), prefix)
    checked = schema.check(document, prefix)
    checked["@context"] = bundled_context()
    checked["type"] = "Agreement"
    data = json.dumps(checked).encode()
    try:
        triples = tuple(quad.triple for quad in pyoxigraph.parse(data, RdfFormat.JSON_LD))
    except SyntaxError as error:  # the checked document should always map; keep it a 400 anyway
        raise MalformedInput(
            f"{source}{prefix}: not mappable to RDF: {error.msg}", field=prefix or source
        ) from None
    node = _agreement_nodes(triples)[0]
    return ParsedAgreement(node, triples, f"{source}{prefix}")


def _check_context(context: Any, prefix: str) -> None:
    where = f"{prefix}.@context" if prefix else "@context"
    if context is None or context == CONTEXT_IRI or context == bundled_context():
        return
    if isinstance(context, dict) and context == {"@context": bundled_context()}:
        return
    shown = context if isinstance(context, str) else type(context).__name__
    raise InvalidInput(
        f"{where}: only the bundled context is accepted (omit @context or use {CONTEXT_IRI!r}); "
        f"got {shown!r} — contexts are never fetched",
        field=where,
    )


def parse_turtle(body: bytes, source: str = "body") -> list[ParsedAgreement]:
    """Parse Turtle; every `eg:Agreement` in it becomes one agreement."""
    try:
        triples = [quad.triple for quad in pyoxigraph.parse(body, RdfFormat.TURTLE)]
    except SyntaxError as error:
        line = f" at line {error.lineno}" if error.lineno else ""
        raise MalformedInput(f"{source}: invalid Turtle{line}: {error.msg}", field=source) from None
    _check_triple_terms(triples)
    _check_literal_types(triples)
    nodes = _agreement_nodes(triples)
    index = _by_subject(triples)
    return [ParsedAgreement(node, tuple(_closure(node, index)), source) for node in nodes]


def _agreement_nodes(triples: Sequence[Triple]) -> list[Node]:
    nodes: list[Node] = []
    for triple in triples:
        if (
            triple.predicate == RDF_TYPE
            and triple.object == AGREEMENT
            and triple.subject not in nodes
        ):
            subject = triple.subject
            assert isinstance(subject, NamedNode | BlankNode)
            nodes.append(subject)
    if not nodes:
        raise InvalidInput(
            f"no agreement in the document (nothing is a <{AGREEMENT.value}>)", field="rdf:type"
        )
    return nodes


def _by_subject(triples: Iterable[Triple]) -> dict[Node, list[Triple]]:
    index: dict[Node, list[Triple]] = {}
    for triple in triples:
        subject = triple.subject
        if isinstance(subject, NamedNode | BlankNode):
            index.setdefault(subject, []).append(triple)
    return index


def _closure(node: Node, index: dict[Node, list[Triple]]) -> list[Triple]:
    seen = {node}
    queue = [node]
    out: list[Triple] = []
    while queue:
        for triple in index.get(queue.pop(), ()):
            out.append(triple)
            obj = triple.object
            if isinstance(obj, NamedNode | BlankNode) and obj not in seen and obj in index:
                seen.add(obj)
                queue.append(obj)
    return out


def _check_triple_terms(triples: Iterable[Triple]) -> None:
    """An RDF 1.2 triple term (`<<( s p o )>>`, or a `<< … >>` reifier) names no agreement fact."""
    for triple in triples:
        if isinstance(triple.object, Triple):
            raise InvalidInput(
                f"{triple.predicate.value} of {_show(triple.subject)}: RDF 1.2 triple terms "
                f"({triple.object}) are not supported in agreements",
                field=triple.predicate.value,
            )


def _check_literal_types(triples: Iterable[Triple]) -> None:
    """A number or boolean where a date belongs is a malformed document, as in the JSON form."""
    for triple in triples:
        field = DATE_PROPERTIES.get(triple.predicate.value)
        obj = triple.object
        if field is None:
            continue
        if not isinstance(obj, Literal) or obj.datatype.value not in (XSD_DATE, XSD_STRING):
            shown = obj.value if isinstance(obj, Literal | NamedNode) else "a blank node"
            kind = f" ({obj.datatype.value})" if isinstance(obj, Literal) else ""
            raise InvalidInput(
                f"{triple.predicate.value} of {_show(triple.subject)}: expected an xsd:date, got {shown}{kind}",
                field=field,
            )


def _show(node: object) -> str:
    return node.value if isinstance(node, NamedNode) else "a blank node"
