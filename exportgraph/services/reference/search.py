"""Search across the entries of every list (contract §13): `GET /v1/search`, the UI's search page
and `exportgraph search`. Ranking and expansion: exportgraph.knowledge.search_index."""

from __future__ import annotations

import html
from urllib.parse import quote

from typing_extensions import TypedDict

from exportgraph.errors import InvalidInput, shown
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.search_index import Scored, SearchIndex, search_index
from exportgraph.knowledge.search_text import highlight
from exportgraph.store import Store

MAX_QUERY = 200
"""Characters of a query (a code, a term or a phrase; longer texts are not a search)."""
MAX_LIMIT = 100
DEFAULT_LIMIT = 20
MAX_HIGHLIGHTS = 3
TITLE_CHARS = 200
WITHIN_CHARS = 100


class Expanded(TypedDict):
    concept: str
    scheme: str
    label: str


class Within(TypedDict):
    id: str
    title: str


class SearchHit(TypedDict):
    id: str
    jurisdiction: str
    code: str
    title: str
    score: float
    match: str  # "code": the query is the entry's code or id; "text": words and terms
    formalized: bool
    highlights: list[str]
    within: list[Within]  # the paragraphs it stands under, the top-level entry first
    href: str


class SearchAnswer(TypedDict):
    query: str
    data_version: str
    jurisdictions: list[str] | None
    kind: str | None
    total: int
    limit: int
    expanded: list[Expanded]
    hits: list[SearchHit]


def search(
    knowledge: Knowledge,
    store: Store,
    q: object,
    jurisdiction: str | None = None,
    kind: str | None = None,
    limit: object = DEFAULT_LIMIT,
) -> SearchAnswer:
    """The entries that best match `q`, exact code matches first; InvalidInput naming the field
    for an empty or too long query, an unknown jurisdiction or kind, a limit out of range."""
    query = _query(knowledge, q)
    count = _limit(limit)
    codes = _jurisdictions(knowledge, jurisdiction)
    kinds = None
    if kind is not None:
        concept = knowledge.concept("kinds", kind.strip(), "kind", "item kind")
        kinds = knowledge.ancestors_of_kind(concept.iri)
    index = search_index(knowledge, store)
    ranked = index.rank(query, codes, kinds, count)
    return {
        "query": query,
        "data_version": knowledge.version,
        "jurisdictions": sorted(codes) if codes is not None else None,
        "kind": kind.strip() if kind is not None else None,
        "total": ranked.total,
        "limit": count,
        "expanded": [
            {"concept": e.concept.notation, "scheme": e.concept.scheme, "label": e.concept.label}
            for e in ranked.expansions
        ],
        "hits": [_hit(index, hit) for hit in ranked.hits],
    }


def _query(knowledge: Knowledge, q: object) -> str:
    if not isinstance(q, str) or not q.strip():
        raise InvalidInput("q: give the words, term or entry code to search for", field="q")
    query = " ".join(q.split())
    if len(query) > MAX_QUERY:
        raise InvalidInput(
            f"q: a search is at most {MAX_QUERY} characters (got {len(query)})", field="q"
        )
    prefix, colon, code = query.partition(":")
    if colon and " " not in query and prefix.upper() != knowledge.canonical_code(prefix):
        query = f"{knowledge.canonical_code(prefix)}:{code}"  # UK:PL9013 → GB:PL9013
    return query


def _limit(limit: object) -> int:
    try:
        count = int(str(limit))
    except ValueError:
        count = 0
    if not 1 <= count <= MAX_LIMIT:
        raise InvalidInput(
            f"limit: give a whole number from 1 to {MAX_LIMIT} (got {shown(limit)})",
            field="limit",
        )
    return count


def _jurisdictions(knowledge: Knowledge, jurisdiction: str | None) -> frozenset[str] | None:
    """The lists searched: each named jurisdiction's own and its unions' (FR → FR and EU)."""
    if jurisdiction is None:
        return None
    codes: set[str] = set()
    for code in (c for c in jurisdiction.split(",") if c.strip()):
        found = knowledge.jurisdiction(code, "jurisdiction")
        if found.destination_only:
            raise InvalidInput(
                f"jurisdiction: {found.code} ({found.label}) is known only as a destination: "
                "it has no control list to search",
                field="jurisdiction",
            )
        codes.update(knowledge.governing(found.code))
    if not codes:
        raise InvalidInput(
            "jurisdiction: give a jurisdiction code such as US", field="jurisdiction"
        )
    return frozenset(codes)


def _hit(index: SearchIndex, hit: Scored) -> SearchHit:
    document = hit.document
    words = {term for term in hit.matched if not term.startswith(" ")}
    fragments: list[str] = []
    texts = [document.text, *document.notes]
    if document.title != document.text:
        texts.insert(0, document.title)
    for text in texts:
        fragments.extend(
            f for f in highlight(text, words) if not any(_same(f, seen) for seen in fragments)
        )
        if len(fragments) >= MAX_HIGHLIGHTS:
            break
    if not fragments:  # matched by its code or by a concept it states: show its opening words
        fragments.append(html.escape(_short(document.text or document.title)))
    return {
        "id": document.id,
        "jurisdiction": document.jurisdiction,
        "code": document.code,
        "title": _short(document.title),
        "score": round(hit.score, 3),
        "match": "code" if hit.code_match else "text",
        "formalized": document.formalized,
        "highlights": fragments[:MAX_HIGHLIGHTS],
        "within": [
            {"id": above.id, "title": _short(above.title, WITHIN_CHARS)}
            for above in index.within(document)
        ],
        "href": f"/v1/entries/{quote(document.id, safe=':')}",
    }


def _same(fragment: str, other: str) -> bool:
    """Whether two fragments open with the same words (a heading repeated in the text)."""
    return fragment[:80] == other[:80]


def _short(text: str, chars: int = TITLE_CHARS) -> str:
    if len(text) <= chars:
        return text
    cut = text.rfind(" ", 0, chars)
    return text[: cut if cut > 0 else chars] + "…"
