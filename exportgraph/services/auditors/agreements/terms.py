"""The agreement vocabulary as the parser and the answers need it: the bundled JSON-LD context,
the contract's JSON field name of each property, and which properties take a node (not text)."""

from __future__ import annotations

import json
from functools import cache

import pyoxigraph
from pyoxigraph import NamedNode, RdfFormat

from exportgraph import namespaces as ns
from exportgraph.json_types import JsonObject
from exportgraph.paths import ontology_dir


@cache
def bundled_context() -> JsonObject:
    """The bundled JSON-LD context (ontology/agreement.context.jsonld), as its `@context` value."""
    document = json.loads((ontology_dir() / "agreement.context.jsonld").read_text(encoding="utf-8"))
    context: JsonObject = document["@context"]
    return context


def context_prefixes(context: JsonObject) -> dict[str, str]:
    """The prefixes a context defines (`eg` → `https://w3id.org/exportgraph/ontology#`)."""
    return {
        k: v
        for k, v in context.items()
        if isinstance(v, str) and not k.startswith("@") and v.endswith(("#", "/"))
    }


class TermNames:
    """Property IRI → the contract's JSON field name (`eg:effectiveDate` → `effective_date`)."""

    def __init__(self, context: JsonObject) -> None:
        self.names: dict[str, str] = {}
        self.lists: set[str] = set()
        self._walk(context, context_prefixes(context))

    def _walk(self, context: JsonObject, prefixes: dict[str, str]) -> None:
        for term, definition in context.items():
            if term.startswith("@") or term in prefixes:
                continue
            target = definition if isinstance(definition, str) else ""
            if isinstance(definition, dict):
                target = str(definition.get("@id", ""))
            if ":" in target and not target.startswith("@"):
                prefix, local = target.split(":", 1)
                iri = prefixes.get(prefix, prefix + ":") + local
                self.names.setdefault(iri, term)
                if isinstance(definition, dict) and definition.get("@container") in (
                    "@set",
                    "@list",
                ):
                    self.lists.add(iri)
            if isinstance(definition, dict):
                inner = definition.get("@context")
                if isinstance(inner, dict):
                    self._walk(inner, prefixes)

    def get(self, iri: str, default: str) -> str:
        return self.names.get(iri, default)

    def is_list(self, iri: str) -> bool:
        return iri in self.lists


@cache
def term_names() -> TermNames:
    """The names of the bundled context (cached)."""
    return TermNames(bundled_context())


@cache
def node_properties() -> frozenset[str]:
    """The agreement vocabulary's object properties (ontology/agreement.ttl): their values are
    nodes — a party, an item, a country code — never text."""
    document = (ontology_dir() / "agreement.ttl").read_bytes()
    rdf_type = NamedNode(ns.RDF + "type")
    object_property = NamedNode(ns.OWL + "ObjectProperty")
    return frozenset(
        quad.subject.value
        for quad in pyoxigraph.parse(document, RdfFormat.TURTLE)
        if quad.predicate == rdf_type
        and quad.object == object_property
        and isinstance(quad.subject, NamedNode)
        and quad.subject.value.startswith(ns.EG)
    )
