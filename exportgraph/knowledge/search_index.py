"""Full-text and term search over every entry of every list, built once per data version.

Ranking: an exact code or id (`3A001.a.1`, `US:4A906.a.2`) first; then BM25F over the entry's
code, title, official text, notes and the SKOS concepts it states (kinds, parameters). A query that
names a kind or parameter by any of its labels (preferred, alternative, hidden; any language) is
expanded with that concept, the kinds above and below it, and its other labels — so "dilution
refrigerator" finds the entries on cryogenic cooling systems. Words in the query's order in a
title or text raise the score (phrase bonus).
"""

from __future__ import annotations

import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.search_documents import (
    ConceptLabels,
    SearchDocument,
    read_concepts,
    read_documents,
)
from exportgraph.knowledge.search_text import all_terms, analyse, terms
from exportgraph.store import Store

K1 = 1.2
B = 0.75
FIELD_WEIGHTS = {
    "code": 4.0,
    "title": 3.0,
    "text": 1.5,
    "notes": 0.5,
    "context": 0.4,
    "concepts": 3.0,
}
"""How much a word counts in each field (BM25F); `context` is the words of the paragraph a
sub-item stands under ("Being a rubidium standard" under "Atomic frequency standards …")."""
CONCEPT_WEIGHT = 1.0  # the named concept itself
RELATED_WEIGHT = 0.6  # kinds above or below it
LABEL_WEIGHT = 0.3  # the words of its other labels
PHRASE_BONUS = 1.5  # the query's words in order in the title or text
PHRASE_CANDIDATES = 200  # how many of the best hits are checked for the phrase
PARTIAL_CONCEPTS = 3  # a query inside the labels of at most this many concepts names them


def concept_term(iri: str) -> str:
    """The index term standing for a concept an entry states (never produced by words)."""
    return f" concept {iri}"


@dataclass(frozen=True)
class Expansion:
    """A concept the query named, and the weighted terms it added."""

    concept: ConceptLabels
    terms: dict[str, float]


@dataclass(frozen=True)
class Scored:
    document: SearchDocument
    score: float
    code_match: bool
    matched: frozenset[str]  # the stems that matched (for highlights)


@dataclass(frozen=True)
class Ranked:
    hits: list[Scored]
    total: int
    expansions: list[Expansion]


@dataclass
class SearchIndex:
    """Postings with each document's BM25F contribution precomputed, codes, concept labels."""

    version: str
    documents: list[SearchDocument]
    postings: dict[str, list[tuple[int, float]]] = field(default_factory=dict)
    codes: dict[str, list[int]] = field(default_factory=dict)
    by_iri: dict[str, int] = field(default_factory=dict)
    sequences: list[tuple[str, ...]] = field(default_factory=list)
    concepts: list[ConceptLabels] = field(default_factory=list)
    concept_labels: list[tuple[ConceptLabels, tuple[str, ...]]] = field(default_factory=list)
    label_words: dict[str, list[int]] = field(default_factory=dict)
    """A word → the concept labels (positions in concept_labels) that contain it."""
    related: dict[str, frozenset[str]] = field(default_factory=dict)

    def rank(
        self,
        query: str,
        jurisdictions: Collection[str] | None = None,
        kinds: Collection[str] | None = None,
        limit: int = 20,
        expand: bool = True,
    ) -> Ranked:
        """The best `limit` documents for the query, optionally only of some jurisdictions and
        only those whose scope states one of `kinds`; exact code matches first. `expand=False`:
        the query's own words only (no SKOS expansion)."""
        words = list(dict.fromkeys(all_terms(query)))
        weights: dict[str, float] = {word: 1.0 for word in words}
        expansions = self._expand(terms(query)) if expand else []
        for expansion in expansions:
            for term, weight in expansion.terms.items():
                weights[term] = max(weights.get(term, 0.0), weight)
        scores: dict[int, float] = defaultdict(float)
        matched: dict[int, set[str]] = defaultdict(set)
        for term, weight in weights.items():
            for doc, contribution in self.postings.get(term, ()):
                scores[doc] += weight * contribution
                matched[doc].add(term)
        exact = set(self._code_matches(query))
        for doc in exact:
            scores.setdefault(doc, 0.0)

        def allowed(doc: int) -> bool:
            document = self.documents[doc]
            if jurisdictions is not None and document.jurisdiction not in jurisdictions:
                return False
            return kinds is None or bool(document.scope_kinds & set(kinds))

        chosen = [doc for doc in scores if allowed(doc)]
        self._phrase_bonus(terms(query), chosen, scores, matched)
        first = sorted((d for d in chosen if d in exact), key=lambda d: self.documents[d].id)
        rest = heapq.nlargest(limit, (d for d in chosen if d not in exact), key=scores.__getitem__)
        rest.sort(key=lambda d: (-scores[d], self.documents[d].id))
        hits = [
            Scored(self.documents[d], scores[d], d in exact, frozenset(matched.get(d, ())))
            for d in (first + rest)[:limit]
        ]
        return Ranked(hits, len(chosen), expansions)

    def within(self, document: SearchDocument) -> list[SearchDocument]:
        """The paragraphs a document stands under, the top-level entry first."""
        chain: list[SearchDocument] = []
        parent = document.parent
        while parent in self.by_iri and len(chain) < 50:
            above = self.documents[self.by_iri[parent]]
            chain.append(above)
            parent = above.parent
        return chain[::-1]

    def _code_matches(self, query: str) -> list[int]:
        key = query.strip().rstrip(".").lower()
        return self.codes.get(key, [])

    def _expand(self, words: list[str]) -> list[Expansion]:
        """The concepts the query names by a whole label, else (a rarer word) inside a label."""
        if not words:
            return []
        candidates = sorted({n for word in words for n in self.label_words.get(word, ())})
        labels = [self.concept_labels[n] for n in candidates]
        named = list(dict.fromkeys(c.iri for c, label in labels if _within(label, words)))
        if not named:
            partial = list(dict.fromkeys(c.iri for c, label in labels if _within(words, label)))
            named = partial if len(partial) <= PARTIAL_CONCEPTS else []
        by_iri = {c.iri: c for c in self.concepts}
        expansions: list[Expansion] = []
        for iri in named:
            concept = by_iri[iri]
            added: dict[str, float] = {concept_term(iri): CONCEPT_WEIGHT}
            for other in self.related.get(iri, frozenset()) - {iri}:
                added.setdefault(concept_term(other), RELATED_WEIGHT)
            for label in concept.english:
                for term in terms(label):
                    if term not in words:
                        added.setdefault(term, LABEL_WEIGHT)
            expansions.append(Expansion(concept, added))
        return expansions

    def _phrase_bonus(
        self,
        words: list[str],
        chosen: list[int],
        scores: dict[int, float],
        matched: dict[int, set[str]],
    ) -> None:
        if len(words) < 2:
            return
        phrase, needed = tuple(words), set(words)
        complete = [doc for doc in chosen if needed <= matched[doc]]
        for doc in heapq.nlargest(PHRASE_CANDIDATES, complete, key=scores.__getitem__):
            if _within(phrase, self.sequences[doc]):
                scores[doc] *= PHRASE_BONUS


def _within(part: Iterable[str], whole: Iterable[str]) -> bool:
    """Whether `part` occurs in `whole` as consecutive items."""
    needle = part if isinstance(part, tuple) else tuple(part)
    haystack = whole if isinstance(whole, tuple) else tuple(whole)
    n = len(needle)
    if n == 0:
        return False
    first = needle[0]
    return any(word == first and haystack[i : i + n] == needle for i, word in enumerate(haystack))


def build_search_index(knowledge: Knowledge, store: Store) -> SearchIndex:
    """The index of the knowledge's data version (documents read from `store`)."""
    documents = read_documents(knowledge, store)
    concepts = read_concepts(knowledge)
    index = SearchIndex(version=knowledge.version, documents=documents, concepts=concepts)
    fields_of: list[dict[str, Counter[str]]] = []
    lengths: list[float] = []
    index.by_iri = {document.iri: number for number, document in enumerate(documents)}
    for number, document in enumerate(documents):
        above = (
            documents[index.by_iri[document.parent]] if document.parent in index.by_iri else None
        )
        title_words, title_terms = analyse(document.title)
        text_words, text_terms = (
            (title_words, title_terms)
            if document.text == document.title
            else analyse(document.text)
        )
        fields = {
            "code": Counter(all_terms(document.code)),
            "title": Counter(title_terms),
            "text": Counter(text_terms),
            "notes": Counter(all_terms(" ".join(document.notes))),
            "context": Counter(all_terms(above.text or above.title) if above else ()),
            "concepts": Counter(concept_term(iri) for iri in document.concepts),
        }
        fields_of.append(fields)
        lengths.append(sum(FIELD_WEIGHTS[f] * sum(c.values()) for f, c in fields.items()))
        index.sequences.append((*title_words, "", *text_words))
        for key in (document.code, document.id):
            index.codes.setdefault(key.lower(), []).append(number)
    average = sum(lengths) / len(lengths) if lengths else 1.0
    frequency: Counter[str] = Counter()
    for fields in fields_of:
        frequency.update({term for counts in fields.values() for term in counts})
    count = len(documents)
    idf = {t: math.log(1 + (count - n + 0.5) / (n + 0.5)) for t, n in frequency.items()}
    for number, fields in enumerate(fields_of):
        weighted: dict[str, float] = defaultdict(float)
        for name, counts in fields.items():
            for term, tf in counts.items():
                weighted[term] += FIELD_WEIGHTS[name] * tf
        norm = K1 * (1 - B + B * lengths[number] / average)
        for term, weight in weighted.items():
            contribution = idf[term] * weight * (K1 + 1) / (weight + norm)
            index.postings.setdefault(term, []).append((number, contribution))
    index.concept_labels = [
        (concept, tuple(words))
        for concept in concepts
        for label in concept.labels
        if (words := terms(label))
    ]
    for number, (_, label_terms) in enumerate(index.concept_labels):
        for word in set(label_terms):
            index.label_words.setdefault(word, []).append(number)
    index.related = {
        c.iri: knowledge.ancestors_of_kind(c.iri) | knowledge.descendants_of_kind(c.iri)
        for c in concepts
        if c.scheme == "kinds"
    }
    return index


def search_index(knowledge: Knowledge, store: Store) -> SearchIndex:
    """The search index of the knowledge's data version, built once and kept with it."""
    return knowledge.derived("search-index", lambda k: build_search_index(k, store))
