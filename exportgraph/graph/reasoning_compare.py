"""Compare two closures at the instance level (what the queries read), ignoring schema noise."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, Triple

from exportgraph import namespaces as ns

_SCHEMA_PREDICATES = {
    ns.RDFS + "domain",
    ns.RDFS + "range",
    ns.RDFS + "subClassOf",
    ns.RDFS + "subPropertyOf",
    ns.OWL + "disjointWith",
    ns.OWL + "equivalentClass",
    ns.OWL + "equivalentProperty",
    ns.OWL + "inverseOf",
}
_SCHEMA_TYPES = {
    ns.OWL + "Class",
    ns.RDFS + "Class",
    ns.RDFS + "Datatype",
    ns.OWL + "ObjectProperty",
    ns.OWL + "DatatypeProperty",
    ns.OWL + "AnnotationProperty",
    ns.RDF + "Property",
    ns.OWL + "TransitiveProperty",
    ns.OWL + "SymmetricProperty",
    ns.OWL + "FunctionalProperty",
    ns.OWL + "Ontology",
}


def is_schema_level(triple: Triple) -> bool:
    """True for statements about classes, properties and datatypes rather than instances."""
    if triple.predicate.value in _SCHEMA_PREDICATES:
        return True
    obj = triple.object
    return (
        triple.predicate.value == ns.RDF + "type"
        and isinstance(obj, NamedNode)
        and obj.value in _SCHEMA_TYPES
    )


def instance_level(triples: Iterable[Triple]) -> set[Triple]:
    """The triples that are not schema-level."""
    return {triple for triple in triples if not is_schema_level(triple)}
