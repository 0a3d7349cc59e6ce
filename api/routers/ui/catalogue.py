"""Pages for one entry and for the harmonized concepts (labels in every language the data has)."""

from __future__ import annotations

from collections.abc import Sequence

from exportgraph.api.deps import get_context, get_knowledge
from exportgraph.api.routers.ui.common import call, error_page, render
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from exportgraph.errors import ExportgraphError, NotFound
from exportgraph.services.reference import concepts, entries
from exportgraph.services.reference import concepts as concepts_service
from exportgraph.services.reference.listed_entries import listed_entry
from exportgraph.services.standards import equivalence
from exportgraph.services.standards.equivalence import EquivalentsAnswer

router = APIRouter()


@router.get("/entries/{entry_id:path}", response_class=HTMLResponse)
async def entry_page(request: Request, entry_id: str) -> HTMLResponse:
    """Everything about one entry: criteria, licence, sources, dates, notes, equivalents."""
    knowledge = await get_knowledge(request)
    try:
        entry = entries.get_entry(knowledge, entry_id)
    except NotFound:
        return await _listed_entry_page(request, entry_id)
    except ExportgraphError as error:
        return await error_page(request, error)
    equivalents: EquivalentsAnswer | None = None
    knowledge = await get_knowledge(request)
    try:
        equivalents = await call(equivalence.equivalents, knowledge, entry["id"])
    except NotFound:
        equivalents = None
    labels = {j["code"]: j["label"] for j in entries.list_jurisdictions(knowledge)}
    return await render(
        request,
        "ui/entry.html",
        section="/compare",
        title=f"{entry['id']} — {entry.get('title') or ''}",
        entry=entry,
        equivalents=equivalents,
        jurisdiction_label=labels.get(entry["jurisdiction"], entry["jurisdiction"]),
    )


async def _listed_entry_page(request: Request, entry_id: str) -> HTMLResponse:
    """A paragraph of a whole list, known as text: its words, notes, requirements, source."""
    knowledge = await get_knowledge(request)
    try:
        paragraph = await call(listed_entry, knowledge, get_context(request).store, entry_id)
    except ExportgraphError as error:
        return await error_page(request, error)
    return await render(
        request,
        "ui/listed_entry.html",
        section="/search",
        title=f"{paragraph['id']} — official text",
        entry=paragraph,
    )


LANGUAGE_NAMES = {
    "en": "English",
    "fr": "français",
    "de": "Deutsch",
    "es": "español",
    "it": "italiano",
    "ja": "日本語",
    "nl": "Nederlands",
}
SCHEME_TITLES = {
    "kinds": "Item kinds",
    "parameters": "Parameters",
    "facts": "Qualitative facts",
    "purposes": "Purposes",
}


def _languages(concepts: Sequence[concepts_service.ConceptSummary]) -> list[tuple[str, str]]:
    """Every language the data has a label in, English first, with its own name."""
    found = {lang for c in concepts for lang in c["labels"] if lang}
    ordered = sorted(found, key=lambda lang: (lang != "en", lang))
    return [(lang, LANGUAGE_NAMES.get(lang, lang)) for lang in ordered]


@router.get("/concepts", response_class=HTMLResponse)
async def concepts_page(request: Request, lang: str = "en", q: str = "") -> HTMLResponse:
    """The harmonized concepts by scheme, labelled in the chosen language; search in any."""
    knowledge = await get_knowledge(request)
    try:
        every = concepts.list_concepts(knowledge, lang)
        shown = concepts.list_concepts(knowledge, lang, q) if q.strip() else every
    except ExportgraphError as error:
        return await error_page(request, error)
    schemes: dict[str, list[concepts_service.ConceptSummary]] = {}
    for concept in shown:
        schemes.setdefault(concept["scheme"] or "other", []).append(concept)
    return await render(
        request,
        "ui/concepts.html",
        section="/concepts",
        title="Harmonized concepts",
        schemes=schemes,
        scheme_titles=SCHEME_TITLES,
        languages=_languages(every),
        lang=lang.lower(),
        q=q,
    )


@router.get("/concepts/{notation}", response_class=HTMLResponse)
async def concept_page(request: Request, notation: str, lang: str = "en") -> HTMLResponse:
    """One concept: labels and definitions in every language the data has, its neighbours and,
    for an item kind, the entries that cover it."""
    knowledge = await get_knowledge(request)
    try:
        concept = concepts.get_concept(knowledge, notation, lang)
    except ExportgraphError as error:
        return await error_page(request, error)
    covering: list[entries.EntryListed] = []
    if concept.get("scheme") == "kinds":
        listed = entries.list_entries(knowledge, None, notation)
        ids = {e["id"] for e in listed}
        covering = [e for e in listed if e.get("parent") not in ids]
    return await render(
        request,
        "ui/concept.html",
        section="/concepts",
        title=concept.get("label") or notation,
        concept=concept,
        languages=_languages([concept]),
        language_names=LANGUAGE_NAMES,
        scheme_titles=SCHEME_TITLES,
        entries=covering,
        lang=lang.lower(),
    )
