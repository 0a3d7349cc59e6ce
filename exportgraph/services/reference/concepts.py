"""The harmonized SKOS concepts (kinds, parameters, facts, purposes) with multilingual labels,
and label search across languages."""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import Literal, NamedNode

from exportgraph import namespaces as ns
from exportgraph.errors import InvalidInput, NotFound
from exportgraph.graph.queries import load_query
from exportgraph.graph.version_cache import PerVersion
from exportgraph.store import Store

LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
DEFAULT_LANGUAGE = "en"
MAX_QUERY = 200
_LOCAL = {
    ns.SKOS + "prefLabel": "pref",
    ns.SKOS + "altLabel": "alt",
    ns.SKOS + "hiddenLabel": "hidden",
    ns.SKOS + "definition": "definition",
    ns.SKOS + "scopeNote": "note",
    ns.SKOS + "broader": "broader",
    ns.SKOS + "narrower": "narrower",
    ns.OWL + "deprecated": "deprecated",
    ns.DCTERMS + "isReplacedBy": "replaced_by",
    ns.EG + "canonicalUnit": "canonical_unit",
}


def fold(text: str) -> str:
    """Text for matching: case folded, accents and width differences removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass
class Concept:
    """One concept, its labels by language and its links."""

    iri: str
    notation: str
    scheme: str | None = None
    texts: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(list))
    )  # kind of text -> language -> values
    links: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    deprecated: bool = False

    def pick(self, kind: str, language: str) -> tuple[str | None, str | None]:
        """The text of `kind` in `language`, else English, else any; with its language."""
        values = self.texts.get(kind, {})
        for lang in (language, language.split("-")[0], DEFAULT_LANGUAGE, ""):
            if values.get(lang):
                return sorted(values[lang])[0], lang or None
        for lang in sorted(values):
            if values[lang]:
                return sorted(values[lang])[0], lang or None
        return None, None


@dataclass
class ConceptIndex:
    """Concepts of one data version, by IRI and by notation."""

    by_iri: dict[str, Concept] = field(default_factory=dict)
    by_notation: dict[str, list[Concept]] = field(default_factory=lambda: defaultdict(list))

    def name(self, iri: str) -> str:
        concept = self.by_iri.get(iri)
        return concept.notation if concept else iri


def build_concepts(store: Store) -> ConceptIndex:
    """Read every concept with a notation."""
    index = ConceptIndex()
    for row in store.select(load_query("concepts")):
        concept_term, notation = row["concept"], row["notation"]
        if not isinstance(concept_term, NamedNode) or not isinstance(notation, Literal):
            continue
        concept = index.by_iri.get(concept_term.value)
        if concept is None:
            concept = Concept(concept_term.value, notation.value)
            index.by_iri[concept.iri] = concept
            index.by_notation[concept.notation].append(concept)
        scheme = row.get("scheme")
        if isinstance(scheme, NamedNode):
            concept.scheme = scheme.value.rsplit("/", 1)[-1]
        prop, value = row.get("property"), row.get("value")
        if not isinstance(prop, NamedNode) or value is None:
            continue
        kind = _LOCAL[prop.value]
        if kind == "deprecated":
            concept.deprecated = isinstance(value, Literal) and value.value in ("true", "1")
        elif isinstance(value, NamedNode):
            concept.links[kind].add(value.value)
        elif isinstance(value, Literal):
            texts = concept.texts[kind][value.language or ""]
            if value.value not in texts:
                texts.append(value.value)
    for concept in index.by_iri.values():  # broader/narrower stated either way
        for broader in concept.links.get("broader", set()):
            if broader in index.by_iri:
                index.by_iri[broader].links["narrower"].add(concept.iri)
        for narrower in concept.links.get("narrower", set()):
            if narrower in index.by_iri:
                index.by_iri[narrower].links["broader"].add(concept.iri)
    return index


_INDEX: PerVersion[ConceptIndex] = PerVersion(build_concepts)


def concept_index(store: Store) -> ConceptIndex:
    """The concept index of the store's current data version (cached)."""
    return _INDEX.get(store)


def _language(lang: str | None) -> str:
    if lang is None or lang == "":
        return DEFAULT_LANGUAGE
    if not LANGUAGE.match(lang):
        raise InvalidInput(
            f"lang must be a language tag such as fr or de-CH, got {lang!r}", field="lang"
        )
    return lang.lower()


def _summary(index: ConceptIndex, concept: Concept, lang: str) -> dict[str, Any]:
    label, label_lang = concept.pick("pref", lang)
    definition, _ = concept.pick("definition", lang)
    return {
        "notation": concept.notation,
        "iri": concept.iri,
        "scheme": concept.scheme,
        "label": label,
        "label_language": label_lang,
        "labels": {
            lang or "": sorted(v)[0]
            for lang, v in sorted(concept.texts.get("pref", {}).items())
            if v
        },
        "definition": definition,
        "broader": sorted(index.name(i) for i in concept.links.get("broader", ())),
        "narrower": sorted(index.name(i) for i in concept.links.get("narrower", ())),
        "deprecated": concept.deprecated,
        "replaced_by": sorted(index.name(i) for i in concept.links.get("replaced_by", ())),
    }


def _matches(concept: Concept, query: str) -> tuple[int, str, str | None] | None:
    """How well the concept's labels match: (rank, label, language); None when they do not."""
    best: tuple[int, str, str | None] | None = None
    candidates: list[tuple[str, str | None]] = [(concept.notation, None)]
    for kind in ("pref", "alt", "hidden"):
        for lang, values in concept.texts.get(kind, {}).items():
            candidates += [(value, lang or None) for value in values]
    for text, language in candidates:
        folded = fold(text)
        if folded == query:
            rank = 0
        elif folded.startswith(query):
            rank = 1
        elif query in folded:
            rank = 2
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, text, language)
    return best


def list_concepts(
    store: Store, lang: str | None = None, q: str | None = None, scheme: str | None = None
) -> list[dict[str, Any]]:
    """Concepts with their label in `lang` (else English); `q` searches labels in every language
    (case and accents ignored; exact matches first); `scheme` keeps one scheme (kinds, …)."""
    language = _language(lang)
    index = concept_index(store)
    concepts = sorted(index.by_iri.values(), key=lambda c: (c.scheme or "", c.notation))
    if scheme:
        concepts = [c for c in concepts if c.scheme == scheme]
    if q is None:
        return [_summary(index, c, language) for c in concepts]
    if not q.strip() or len(q) > MAX_QUERY:
        raise InvalidInput(f"q must be 1-{MAX_QUERY} characters", field="q")
    query = fold(q.strip())
    found = []
    for concept in concepts:
        match = _matches(concept, query)
        if match is not None:
            rank, label, label_lang = match
            summary = _summary(index, concept, language)
            summary["matched"] = {"label": label, "language": label_lang}
            found.append((rank, concept.notation, summary))
    return [summary for _, _, summary in sorted(found, key=lambda item: item[:2])]


def get_concept(
    store: Store, notation: str, lang: str | None = None, scheme: str | None = None
) -> dict[str, Any]:
    """One concept with every label, alternative label and definition by language."""
    language = _language(lang)
    index = concept_index(store)
    found = [c for c in index.by_notation.get(notation, []) if scheme is None or c.scheme == scheme]
    if not found:
        raise NotFound(f"no concept with notation {notation!r}", field="notation")
    if len(found) > 1:
        schemes = ", ".join(sorted(c.scheme or "?" for c in found))
        raise InvalidInput(
            f"notation {notation!r} is in several schemes ({schemes}); add ?scheme=", field="scheme"
        )
    concept = found[0]

    def by_language(kind: str) -> dict[str, list[str]]:
        return {
            lang or "": sorted(v) for lang, v in sorted(concept.texts.get(kind, {}).items()) if v
        }

    detail = _summary(index, concept, language)
    detail.update(
        {
            "alt_labels": by_language("alt"),
            "hidden_labels": by_language("hidden"),
            "definitions": by_language("definition"),
            "scope_notes": by_language("note"),
            "canonical_unit": next(iter(sorted(concept.links.get("canonical_unit", ()))), None),
        }
    )
    return detail
