"""Agreement documents (JSON, JSON-LD, Turtle) → one RDF graph per agreement.

JSON-LD is parsed by pyoxigraph with the bundled context injected here; a document naming any
other @context is refused, so no context is ever fetched (rdflib's JSON-LD parser would fetch
remote and local-file contexts: never used on this input). Every format ends in the same checks:
nothing nested deeper than an agreement can be, no text where a clause or code belongs, no facts
stated about the knowledge graph's own nodes.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import ExportgraphError, InvalidInput, MalformedInput
from exportgraph.services.auditors.agreements import nesting, schema
from exportgraph.services.auditors.agreements.identifiers import Identifiers
from exportgraph.services.auditors.agreements.terms import (
    bundled_context,
    node_properties,
    term_names,
)

CONTEXT_IRI = "https://w3id.org/exportgraph/agreement.context.jsonld"
"""The name a document may give the bundled context; it is resolved locally, never fetched."""

JSON = "application/json"
JSON_LD = "application/ld+json"
TURTLE = "text/turtle"
MEDIA_TYPES = (JSON, JSON_LD, TURTLE)

AGREEMENT = NamedNode(ns.EG + "Agreement")
RDF_TYPE = NamedNode(ns.RDF + "type")
IDENTIFIER = NamedNode(ns.DCTERMS + "identifier")
PARAMETERS = ns.EG + "parameters"
ITEM_FACTS = ns.EG + "itemFacts"
XSD_DATE = ns.XSD + "date"
XSD_STRING = ns.XSD + "string"
NUMBERS = {ns.XSD + local for local in ("integer", "decimal", "double", "float")}
DATE_PROPERTIES = {
    ns.EG + local
    for local in (
        "effectiveDate",
        "expiryDate",
        "validFrom",
        "validUntil",
        "verificationDate",
        "exchangeFrom",
        "exchangeUntil",
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
    body: bytes,
    content_type: str | None,
    source: str = "body",
    aliases: Mapping[str, str] | None = None,
) -> tuple[list[ParsedAgreement], bool]:
    """Parse a request body; return the agreements and whether the body was a list (a batch).
    `aliases`: the data's country-code aliases (UK → GB), applied to the JSON form's codes."""
    kind = media_type(content_type)
    if kind == TURTLE:
        agreements = parse_turtle(body, source)
        return agreements, len(agreements) > 1
    return parse_json(body, source, aliases)


def parse_json(
    body: bytes, source: str = "body", aliases: Mapping[str, str] | None = None
) -> tuple[list[ParsedAgreement], bool]:
    """Parse the JSON (or JSON-LD) form: one agreement or a JSON array of them."""
    value = nesting.load_json(body, source, "the JSON document is")
    if isinstance(value, list):
        if not value:
            raise InvalidInput(f"{source}: an empty array holds no agreement", field=source)
        return [
            from_json(item, source, f"[{index}]", aliases) for index, item in enumerate(value)
        ], True
    return [from_json(value, source, "", aliases)], False


def from_json(
    document: Any,
    source: str = "body",
    prefix: str = "",
    aliases: Mapping[str, str] | None = None,
) -> ParsedAgreement:
    """One agreement in the JSON form → its RDF graph (ids minted, bundled context injected)."""
    if isinstance(document, dict):
        _check_context(document.get("@context", None), prefix)
    checked = schema.check(document, prefix, aliases)
    identifiers = Identifiers()
    identifiers.assign(checked, prefix)
    checked["@context"] = bundled_context()
    checked["type"] = "Agreement"
    data = json.dumps(checked).encode()
    try:
        triples = [quad.triple for quad in pyoxigraph.parse(data, RdfFormat.JSON_LD)]
    except SyntaxError as error:  # the checked document should always map; keep it a 400 anyway
        raise MalformedInput(
            f"{source}{prefix}: not mappable to RDF: {error.msg}", field=prefix or source
        ) from None
    triples += [
        Triple(NamedNode(iri), IDENTIFIER, Literal(reference))
        for iri, reference in identifiers.references.items()
    ]
    node = _agreement_nodes(triples)[0]
    _check_document(triples)
    return ParsedAgreement(node, tuple(triples), f"{source}{prefix}")


def _check_context(context: Any, prefix: str) -> None:
    where = f"{prefix}.@context" if prefix else "@context"
    if context is None or context == CONTEXT_IRI or context == bundled_context():
        return
    if isinstance(context, dict) and context == {"@context": bundled_context()}:
        return
    shown = json.dumps(context) if isinstance(context, str) else schema.describe(context)
    raise InvalidInput(
        f"{where}: only the bundled context is accepted (omit @context or write "
        f'"{CONTEXT_IRI}"); got {shown} — contexts are never fetched',
        field=where,
    )


def parse_turtle(body: bytes, source: str = "body") -> list[ParsedAgreement]:
    """Parse Turtle; every agreement in it (a node typed Agreement) becomes one agreement."""
    try:
        triples = [quad.triple for quad in pyoxigraph.parse(body, RdfFormat.TURTLE)]
    except SyntaxError as error:
        line = f" at line {error.lineno}" if error.lineno else ""
        raise MalformedInput(f"{source}: invalid Turtle{line}: {error.msg}", field=source) from None
    _check_triple_terms(triples)
    _check_document(triples)
    _check_parameters(triples)
    nodes = _agreement_nodes(triples)
    index = _by_subject(triples)
    return [ParsedAgreement(node, tuple(_closure(node, index, source)), source) for node in nodes]


def _agreement_nodes(triples: Sequence[Triple]) -> list[Node]:
    nodes: list[Node] = []
    seen: set[Node] = set()
    for triple in triples:
        if (
            triple.predicate == RDF_TYPE
            and triple.object == AGREEMENT
            and triple.subject not in seen
        ):
            subject = triple.subject
            assert isinstance(subject, NamedNode | BlankNode)
            seen.add(subject)
            nodes.append(subject)
    if not nodes:
        raise InvalidInput(
            "the document holds no agreement: give the agreement's node the type Agreement of "
            f"the agreement vocabulary ({_property(AGREEMENT.value)}; see docs/auditors.md)",
            field="rdf:type",
        )
    return nodes


def _by_subject(triples: Iterable[Triple]) -> dict[Node, list[Triple]]:
    index: dict[Node, list[Triple]] = {}
    for triple in triples:
        subject = triple.subject
        if isinstance(subject, NamedNode | BlankNode):
            index.setdefault(subject, []).append(triple)
    return index


def _closure(node: Node, index: dict[Node, list[Triple]], source: str) -> list[Triple]:
    """The triples reachable from the agreement node, level by level; a structure deeper than
    nesting.MAX_DEPTH is refused (nothing downstream then walks a long chain of nodes)."""
    seen = {node}
    level = [node]
    out: list[Triple] = []
    depth = 0
    while level:
        depth += 1
        if depth > nesting.MAX_DEPTH:
            raise nesting.too_deep(source, f"the agreement {_show(node)} has nodes")
        following: list[Node] = []
        for subject in level:
            for triple in index.get(subject, ()):
                out.append(triple)
                obj = triple.object
                if isinstance(obj, NamedNode | BlankNode) and obj not in seen and obj in index:
                    seen.add(obj)
                    following.append(obj)
        level = following
    return out


def _check_triple_terms(triples: Iterable[Triple]) -> None:
    """An RDF 1.2 triple term (`<<( s p o )>>`, or a `<< … >>` reifier) names no agreement fact."""
    for triple in triples:
        if isinstance(triple.object, Triple):
            field = _field(triple.predicate.value)
            raise InvalidInput(
                f"{field} ({_property(triple.predicate.value)}) of {_show(triple.subject)}: a "
                "statement about a statement (an RDF 1.2 triple term) is no part of an "
                "agreement; write the clause itself",
                field=field,
            )


def _check_document(triples: Iterable[Triple]) -> None:
    """Text where a node belongs (an item, a licence, a country code), a date that is not a date,
    or a fact stated about the knowledge graph's own nodes (its countries, kinds): refused."""
    nodes = node_properties()
    for triple in triples:
        predicate, obj, subject = triple.predicate.value, triple.object, triple.subject
        if isinstance(subject, NamedNode) and subject.value.startswith(ns.EGID):
            raise InvalidInput(
                f"{_show(subject)} is a country, kind or purpose of the knowledge graph; an "
                "agreement refers to it but states nothing about it (remove the statements "
                f"whose subject it is, e.g. {_property(predicate)})",
                field=subject.value,
            )
        if predicate in nodes and isinstance(obj, Literal):
            field = _field(predicate)
            raise InvalidInput(
                f"{field} ({_property(predicate)}) of {_show(subject)}: got the text "
                f"{json.dumps(obj.value, ensure_ascii=False)}; {_node_hint(field)}",
                field=field,
            )
        if predicate in DATE_PROPERTIES and not (
            isinstance(obj, Literal) and obj.datatype.value in (XSD_DATE, XSD_STRING)
        ):
            field = _field(predicate)
            got = _literal(obj) if isinstance(obj, Literal) else f"the node {_show(obj)}"
            raise InvalidInput(
                f"{field} ({_property(predicate)}) of {_show(subject)}: expected a date written "
                f"YYYY-MM-DD, got {got}",
                field=field,
            )


_JSON_OBJECTS = {
    PARAMETERS: ("parameters", '{"physical-qubits": 120}'),
    ITEM_FACTS: ("facts", '{"specially-designed-for-controlled-quantum-computer": true}'),
}


def _check_parameters(triples: Iterable[Triple]) -> None:
    """An item's parameters and facts are JSON objects (contract §2), as in the JSON form."""
    for triple in triples:
        if triple.predicate.value not in _JSON_OBJECTS:
            continue
        name, example = _JSON_OBJECTS[triple.predicate.value]
        where = f"{name} of {_show(triple.subject)}"
        if not isinstance(triple.object, Literal):
            raise InvalidInput(
                f"{where}: expected the {name} as a JSON object in a literal, got a node",
                field=name,
            )
        try:
            value = nesting.load_json(triple.object.value, where, f"the {name} are")
        except MalformedInput as error:  # the document parsed; its values break the schema
            raise InvalidInput(error.detail, field=name) from None
        if not isinstance(value, dict):
            raise InvalidInput(
                f"{where}: expected a JSON object such as {example}, got {schema.describe(value)}",
                field=name,
            )
        if name == "facts" and not all(isinstance(v, bool) for v in value.values()):
            raise InvalidInput(f"{where}: each fact is true or false", field=name)


def _node_hint(field: str) -> str:
    if field in ("country", "destination", "nationality", "jurisdiction"):
        return (
            "a country is the node of its code (the jurisdiction IRI ending in DE, JP …), not text"
        )
    if field in ("kind", "for_kind", "purpose"):
        return (
            "a kind or purpose is the node of its code (the IRI ending in technology …), not text"
        )
    if field in ("covers", "access"):
        return "name each item by its node (the item's IRI), not by text"
    return f"write {field} as a node (an IRI or [ … ]) with its own fields, not as text"


def _field(predicate: str) -> str:
    """The contract's JSON name of a property (`effective_date`), else the property itself."""
    return term_names().get(predicate, predicate)


def _property(iri: str) -> str:
    """A property as the Turtle document writes it, for pointing at the offending statement."""
    return f"<{iri}>"


def _literal(literal: Literal) -> str:
    shown = json.dumps(literal.value, ensure_ascii=False)
    if literal.datatype.value == XSD_STRING:
        return shown
    numeric = literal.datatype.value in NUMBERS
    return f"{shown} ({'a number' if numeric else 'a value of another type'}, not a date)"


def _show(node: object) -> str:
    return f"<{node.value}>" if isinstance(node, NamedNode) else "a node without IRI"
