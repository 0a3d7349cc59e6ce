"""What the search index reads: one document per entry of every list — the paragraphs of the whole
official lists (queries/search_paragraphs.rq, search_notes.rq) merged with the curated entries of
the knowledge index (titles, notes, criteria, kinds) — and the SKOS labels of kinds and parameters
that expand a query."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.knowledge.rows import flag, rows
from exportgraph.store import Store

EXPANDING_SCHEMES = ("kinds", "parameters")
"""The SKOS schemes whose labels expand a query and describe an entry."""


@dataclass(frozen=True)
class SearchDocument:
    """One entry as the search index sees it."""

    iri: str
    id: str
    code: str
    jurisdiction: str
    title: str  # the entry's title, else the first words of its text
    text: str  # the official text of the paragraph (empty for curated-only entries)
    notes: tuple[str, ...]  # notes, technical notes, N.B., curated notes, criteria as written
    concepts: tuple[str, ...]  # IRIs of the kinds and parameters the entry states
    scope_kinds: frozenset[str]  # kinds of the entry, its sub-entries and nearest stated parent
    formalized: bool  # whether its criteria are data (eg:criteriaFormalized; curated-only: yes)
    parent: str | None


@dataclass(frozen=True)
class ConceptLabels:
    """A kind or parameter with every label (preferred, alternative, hidden; all languages)."""

    iri: str
    scheme: str
    notation: str
    label: str
    labels: tuple[str, ...]
    english: tuple[str, ...]  # the labels in the lists' language (their words expand a query)


def read_documents(knowledge: Knowledge, store: Store) -> list[SearchDocument]:
    """Every entry of every list: whole-list paragraphs and curated entries, merged by IRI."""
    notes: dict[str, list[str]] = defaultdict(list)
    for row in rows(store, "search_notes"):
        heading = row.get("heading")
        notes[row["entry"]].append(f"{heading} {row['text']}" if heading else row["text"])
    paragraphs = {row["entry"]: row for row in rows(store, "search_paragraphs")}
    parents = {iri: row.get("parent") for iri, row in paragraphs.items()}
    parents.update({iri: e.parent for iri, e in knowledge.entries.items() if e.parent})
    stated = {iri: e.kinds for iri, e in knowledge.entries.items() if e.kinds}
    documents: list[SearchDocument] = []
    for iri in sorted(set(paragraphs) | set(knowledge.entries)):
        row = paragraphs.get(iri, {})
        curated = knowledge.entries.get(iri)
        text = row.get("text") or ""
        title = (curated.title if curated else "") or row.get("title") or text
        documents.append(
            SearchDocument(
                iri=iri,
                id=curated.id if curated else row["id"],
                code=curated.code if curated else row["code"],
                jurisdiction=curated.jurisdiction if curated else row["jurisdiction"],
                title=title,
                text=text,
                notes=tuple(notes.get(iri, ())) + _curated_notes(curated),
                concepts=_concepts(knowledge, curated),
                scope_kinds=_scope_kinds(knowledge, iri, parents, stated),
                formalized=flag(row.get("formalized")) is True if row else curated is not None,
                parent=parents.get(iri),
            )
        )
    return documents


def read_concepts(knowledge: Knowledge) -> list[ConceptLabels]:
    """The kinds and parameters with their labels, for query expansion."""
    found: list[ConceptLabels] = []
    for scheme in EXPANDING_SCHEMES:
        for concept in knowledge.ordered(scheme):
            labels = {
                (text, lang)
                for kind in ("pref", "alt", "hidden")
                for lang, texts in concept.texts.get(kind, {}).items()
                for text in texts
            }
            notation = concept.notation.replace("-", " ")
            found.append(
                ConceptLabels(
                    iri=concept.iri,
                    scheme=scheme,
                    notation=concept.notation,
                    label=concept.label or concept.notation,
                    labels=tuple(sorted({text for text, _ in labels} | {notation})),
                    english=tuple(
                        sorted({t for t, lang in labels if lang in ("en", "")} | {notation})
                    ),
                )
            )
    return found


def _curated_notes(entry: Entry | None) -> tuple[str, ...]:
    if entry is None:
        return ()
    written = [c.legal_text for alt in entry.alternatives for c in alt if c.legal_text]
    return tuple(dict.fromkeys([*entry.notes, *written]))


def _concepts(knowledge: Knowledge, entry: Entry | None) -> tuple[str, ...]:
    """IRIs of the kinds the entry covers and of the parameters its criteria test."""
    if entry is None:
        return ()
    parameters = {
        knowledge.parameters[c.parameter].iri
        for alt in entry.alternatives
        for c in alt
        if c.parameter in knowledge.parameters
    }
    return tuple(sorted(entry.kinds)) + tuple(sorted(parameters))


def _scope_kinds(
    knowledge: Knowledge,
    iri: str,
    parents: dict[str, str | None],
    stated: dict[str, frozenset[str]],
) -> frozenset[str]:
    """The kinds an entry's scope states: its own and its sub-entries' (curated), else those of
    the nearest paragraph above it that states kinds (a sub-item is in its entry's scope)."""
    curated = knowledge.entries.get(iri)
    if curated is not None and curated.subtree_kinds:
        return curated.kinds | frozenset().union(*(d.kinds for d in knowledge.descendants(iri)))
    parent = parents.get(iri)
    for _ in range(50):
        if parent is None:
            break
        if parent in stated:
            return stated[parent]
        parent = parents.get(parent)
    return frozenset()
