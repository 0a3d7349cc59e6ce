"""The harmonized SKOS concepts (kinds, parameters, facts, purposes) with multilingual labels,
and label search across languages."""

from __future__ import annotations

import re
import unicodedata
from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.errors import InvalidInput, NotFound
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import DEFAULT_LANGUAGE, Concept

LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")
MAX_QUERY = 200


def fold(text: str) -> str:
    """Text for matching: case folded, accents and width differences removed."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _name(knowledge: Knowledge, iri: str) -> str:
    concept = knowledge.concepts.get(iri)
    return concept.notation if concept else iri


def _language(lang: str | None) -> str:
    if lang is None or lang == "":
        return DEFAULT_LANGUAGE
    if not LANGUAGE.match(lang):
        raise InvalidInput(
            f"lang must be a language tag such as fr or de-CH, got {lang!r}", field="lang"
        )
    return lang.lower()


class MatchedLabel(TypedDict):
    label: str
    language: str | None


class ConceptSummary(TypedDict):
    notation: str
    iri: str
    scheme: str | None
    label: str | None
    label_language: str | None
    labels: dict[str, str]
    definition: str | None
    broader: list[str]
    narrower: list[str]
    deprecated: bool
    replaced_by: list[str]
    matched: NotRequired[MatchedLabel]


class ConceptDetail(ConceptSummary):
    alt_labels: dict[str, list[str]]
    hidden_labels: dict[str, list[str]]
    definitions: dict[str, list[str]]
    scope_notes: dict[str, list[str]]
    canonical_unit: str | None


def _summary(knowledge: Knowledge, concept: Concept, lang: str) -> ConceptSummary:
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
        "broader": sorted(_name(knowledge, i) for i in concept.links.get("broader", ())),
        "narrower": sorted(_name(knowledge, i) for i in concept.links.get("narrower", ())),
        "deprecated": concept.deprecated,
        "replaced_by": sorted(_name(knowledge, i) for i in concept.links.get("replaced_by", ())),
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
    knowledge: Knowledge, lang: str | None = None, q: str | None = None, scheme: str | None = None
) -> list[ConceptSummary]:
    """Concepts with their label in `lang` (else English); `q` searches labels in every language
    (case and accents ignored; exact matches first); `scheme` keeps one scheme (kinds, …)."""
    language = _language(lang)
    concepts = sorted(knowledge.concepts.values(), key=lambda c: (c.scheme or "", c.notation))
    if scheme:
        concepts = [c for c in concepts if c.scheme == scheme]
    if q is None:
        return [_summary(knowledge, c, language) for c in concepts]
    if not q.strip() or len(q) > MAX_QUERY:
        raise InvalidInput(f"q must be 1-{MAX_QUERY} characters", field="q")
    query = fold(q.strip())
    found = []
    for concept in concepts:
        match = _matches(concept, query)
        if match is not None:
            rank, label, label_lang = match
            summary = _summary(knowledge, concept, language)
            summary["matched"] = {"label": label, "language": label_lang}
            found.append((rank, concept.notation, summary))
    return [summary for _, _, summary in sorted(found, key=lambda item: item[:2])]


def get_concept(
    knowledge: Knowledge, notation: str, lang: str | None = None, scheme: str | None = None
) -> ConceptDetail:
    """One concept with every label, alternative label and definition by language."""
    language = _language(lang)
    found = [
        c
        for c in knowledge.concepts.values()
        if c.notation == notation and (scheme is None or c.scheme == scheme)
    ]
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

    return {
        **_summary(knowledge, concept, language),
        "alt_labels": by_language("alt"),
        "hidden_labels": by_language("hidden"),
        "definitions": by_language("definition"),
        "scope_notes": by_language("note"),
        "canonical_unit": concept.canonical_unit,
    }
