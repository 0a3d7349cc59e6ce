"""The concepts of every scheme (kinds, parameters, facts, purposes, activities, stages …) with
their labels, definitions, hierarchy, display order and the eg: yes/no properties they carry."""

from __future__ import annotations

import contextlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace

from pyoxigraph import Literal, NamedNode

from exportgraph import namespaces as ns
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Concept
from exportgraph.knowledge.rows import plain, tail

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
_CONCEPT_LINKS = {
    ns.SKOS + "broader": "broader",
    ns.SKOS + "narrower": "narrower",
    ns.DCTERMS + "isReplacedBy": "replaced_by",
    ns.EG + "valueScheme": "value_scheme",
}


@dataclass
class _ConceptDraft:
    notation: str
    scheme: str | None = None
    texts: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    flags: set[str] = field(default_factory=set)
    order: int | None = None
    deprecated: bool = False
    unit: str | None = None

    def add(self, prop: str, value: object) -> None:
        """Take one (property, value) row of queries/knowledge_concepts.rq."""
        if prop in _CONCEPT_TEXTS and isinstance(value, Literal):
            values = self.texts[_CONCEPT_TEXTS[prop]][value.language or ""]
            if value.value not in values:
                values.append(value.value)
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
    for concept in sorted(concepts.values(), key=lambda c: c.iri):
        if concept.scheme:
            knowledge.schemes.setdefault(concept.scheme, {}).setdefault(concept.notation, concept)
    for kind in knowledge.kinds.values():
        knowledge.kind_ancestors[kind.iri] = closure(kind.iri, broader)
        knowledge.kind_descendants[kind.iri] = closure(kind.iri, narrower)


def closure(start: str, edges: Mapping[str, set[str]]) -> frozenset[str]:
    seen = {start}
    stack = list(edges.get(start, ()))
    while stack:
        iri = stack.pop()
        if iri not in seen:
            seen.add(iri)
            stack.extend(edges.get(iri, ()))
    return frozenset(seen)
