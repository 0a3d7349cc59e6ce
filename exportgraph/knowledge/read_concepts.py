"""The concepts of every scheme (kinds, parameters, facts, purposes, activities, stages …) with
their labels, definitions, hierarchy, display order and the eg: yes/no properties they carry;
after a change of texts only, the texts of the concepts it changed (`follow_texts`)."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from exportgraph import namespaces as ns
from exportgraph.graph.queries import bind
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Concept
from exportgraph.knowledge.rows import plain, tail
from exportgraph.store import Store

_CLASS_SCHEMES = {
    ns.EG + "ItemKind": "kinds",
    ns.EG + "Parameter": "parameters",
    ns.EG + "Fact": "facts",
    ns.EG + "Purpose": "purposes",
}
_CONCEPT_TEXTS = {
    ns.SKOS + "prefLabel": "pref",
    ns.SKOS + "altLabel": "alt",
    ns.SKOS + "hiddenLabel": "hidden",
    ns.SKOS + "definition": "definition",
    ns.SKOS + "scopeNote": "note",
}
_MAKES_CONCEPTS = {ns.RDF + "type", ns.SKOS + "notation", ns.RDFS + "subClassOf"}
"""What queries/knowledge_concepts.rq reads of a node that is not (yet) a concept."""
_CONCEPT_LINKS = {
    ns.SKOS + "broader": "broader",
    ns.SKOS + "narrower": "narrower",
    ns.DCTERMS + "isReplacedBy": "replaced_by",
    ns.EG + "valueScheme": "value_scheme",
    ns.EG + "entriesAbout": "entries_about",
    ns.EG + "negationOf": "negation_of",
}


@dataclass
class _ConceptDraft:
    notation: str
    scheme: str | None = None
    texts: dict[str, dict[str, dict[str, None]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(dict))
    )
    """Per text property and language, the values in the order read (a dict: each kept once,
    looked up in constant time; a list searched per value was quadratic in a concept's labels)."""
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    flags: set[str] = field(default_factory=set)
    order: int | None = None
    deprecated: bool = False
    unit: str | None = None

    def add(self, prop: str, value: object) -> None:
        """Take one (property, value) row of queries/knowledge_concepts.rq."""
        if prop in _CONCEPT_TEXTS and isinstance(value, Literal):
            self.texts[_CONCEPT_TEXTS[prop]][value.language or ""].setdefault(value.value)
        elif prop in _CONCEPT_LINKS and isinstance(value, NamedNode):
            self.links[_CONCEPT_LINKS[prop]].add(value.value)
        elif prop == ns.OWL + "deprecated":
            self.deprecated = plain(value) in ("true", "1")
        elif prop == ns.EG + "canonicalUnit" and isinstance(value, NamedNode):
            self.unit = value.value
        elif prop == ns.EG + "displayOrder" and isinstance(value, Literal):
            with contextlib.suppress(ValueError):
                self.order = int(value.value)
        elif prop.startswith(ns.EG) and isinstance(value, Literal) and value.value in ("true", "1"):
            self.flags.add(prop.removeprefix(ns.EG))

    def concept(self, iri: str) -> Concept:
        return Concept(
            iri=iri,
            notation=self.notation,
            scheme=self.scheme,
            texts={k: {lang: tuple(v) for lang, v in ls.items()} for k, ls in self.texts.items()},
            links={k: frozenset(v) for k, v in self.links.items()},
            deprecated=self.deprecated,
            order=self.order,
            flags=frozenset(self.flags),
            canonical_unit=self.unit,
        )


def read_concepts(knowledge: Knowledge, solutions: Iterable[Mapping[str, object]]) -> None:
    drafts: dict[str, _ConceptDraft] = {}
    for row in solutions:
        iri, notation = row.get("concept"), row.get("notation")
        if not isinstance(iri, NamedNode) or not isinstance(notation, Literal):
            continue
        draft = drafts.setdefault(iri.value, _ConceptDraft(notation.value))
        scheme, kind = row.get("scheme"), row.get("type")
        if isinstance(scheme, NamedNode):
            draft.scheme = tail(scheme.value)
        elif draft.scheme is None and isinstance(kind, NamedNode):
            draft.scheme = _CLASS_SCHEMES.get(kind.value)
        prop, value = row.get("property"), row.get("value")
        if isinstance(prop, NamedNode) and value is not None:
            draft.add(prop.value, value)
    concepts = {iri: draft.concept(iri) for iri, draft in drafts.items()}
    # broader/narrower stated either way
    broader: dict[str, set[str]] = defaultdict(set)
    for iri, concept in concepts.items():
        broader[iri].update(concept.broader)
        for child in concept.narrower:
            broader[child].add(iri)
    narrower: dict[str, set[str]] = defaultdict(set)
    for child, parents in broader.items():
        for parent in parents:
            narrower[parent].add(child)
    for iri, concept in list(concepts.items()):
        links = dict(concept.links)
        links["broader"] = frozenset(p for p in broader[iri] if p in concepts)
        links["narrower"] = frozenset(narrower[iri])
        concepts[iri] = replace(concept, links=links)
    knowledge.concepts = concepts
    knowledge.schemes = _schemes(concepts)
    for kind in knowledge.kinds.values():
        knowledge.kind_ancestors[kind.iri] = closure(kind.iri, broader)
        knowledge.kind_descendants[kind.iri] = closure(kind.iri, narrower)


def _schemes(concepts: Mapping[str, Concept]) -> dict[str, dict[str, Concept]]:
    """The concepts of each scheme by notation (the first by IRI when a notation repeats)."""
    schemes: dict[str, dict[str, Concept]] = {}
    for concept in sorted(concepts.values(), key=lambda c: c.iri):
        if concept.scheme:
            schemes.setdefault(concept.scheme, {}).setdefault(concept.notation, concept)
    return schemes


def _schemes_after(
    previous: Mapping[str, dict[str, Concept]],
    concepts: Mapping[str, Concept],
    changed: Iterable[str],
) -> dict[str, dict[str, Concept]]:
    """`_schemes(concepts)` when only the texts of the `changed` concepts differ from those
    `previous` was made of (their schemes and notations, so each notation's concept by IRI, are
    the same): `previous` with those concepts replaced where they are the ones named, instead of
    sorting every concept again after each label approved."""
    schemes = dict(previous)
    copied: set[str] = set()
    for iri in changed:
        concept = concepts[iri]
        named = schemes.get(concept.scheme or "", {}).get(concept.notation)
        if concept.scheme is None or named is None or named.iri != iri:
            continue
        if concept.scheme not in copied:  # the previous version's index keeps its own
            schemes[concept.scheme] = dict(schemes[concept.scheme])
            copied.add(concept.scheme)
        schemes[concept.scheme][concept.notation] = concept
    return schemes


def follow_texts(
    previous: Knowledge, knowledge: Knowledge, store: Store, changed: Sequence[Quad]
) -> bool:
    """Fill `knowledge`'s concepts from `previous` when the `changed` statements (those the
    concepts query can read) change at most labels, definitions and notes of known concepts: the
    texts of those concepts are read again, nothing else (statements about anything else that
    neither make it a concept nor change the classes leave the concepts as they are). False
    (nothing filled) otherwise: read them all again."""
    subjects: set[str] = set()
    for quad in changed:
        subject, predicate = quad.subject, quad.predicate.value
        if not isinstance(quad.graph_name, DefaultGraph):
            return False
        if not (isinstance(subject, NamedNode) and subject.value in previous.concepts):
            if predicate in _MAKES_CONCEPTS:
                return False
            continue  # not about a concept, and makes nothing one
        if predicate not in _CONCEPT_TEXTS or not isinstance(quad.object, Literal):
            return False
        subjects.add(subject.value)
    concepts = dict(previous.concepts)
    if subjects:
        wanted = [{"concept": NamedNode(iri)} for iri in sorted(subjects)]
        drafts = {iri: _ConceptDraft(previous.concepts[iri].notation) for iri in subjects}
        for row in store.select(bind("knowledge_concept_texts", wanted)):
            node, prop, value = row.get("concept"), row.get("property"), row.get("value")
            if isinstance(node, NamedNode) and isinstance(prop, NamedNode) and value is not None:
                drafts[node.value].add(prop.value, value)
        for iri, draft in drafts.items():
            concepts[iri] = replace(concepts[iri], texts=draft.concept(iri).texts)
    knowledge.concepts = concepts
    knowledge.schemes = (
        _schemes_after(previous.schemes, concepts, subjects) if subjects else previous.schemes
    )
    knowledge.kind_ancestors = previous.kind_ancestors  # the hierarchy did not change
    knowledge.kind_descendants = previous.kind_descendants
    return True


def closure(start: str, edges: Mapping[str, set[str]]) -> frozenset[str]:
    seen = {start}
    stack = list(edges.get(start, ()))
    while stack:
        iri = stack.pop()
        if iri not in seen:
            seen.add(iri)
            stack.extend(edges.get(iri, ()))
    return frozenset(seen)
