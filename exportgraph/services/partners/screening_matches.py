"""A scored list name presented as a match: the entry, what its licence requirement covers, its
sources, and why the name and the country were matched."""

from __future__ import annotations

import re

from exportgraph.knowledge.screening_index import Scored, ScreeningIndex
from exportgraph.knowledge.screening_names import NameKey
from exportgraph.knowledge.screening_words import legal_forms_agree
from exportgraph.loaders.screening_model import Party
from exportgraph.services.partners.screening_answers import (
    CountryAgreement,
    CountryCheck,
    Explanations,
    LegalForms,
    NameExplanation,
    ScreeningMatch,
    Source,
)

ENTITY_LIST = "EL"

_ALL_ITEMS = re.compile(r"^\s*(for\s+)?all\s+items\s+subject\s+to\s+the\s+ear\b", re.IGNORECASE)
_QUALIFIED = re.compile(
    r"\bexcept\b|\bapart from\b|\bwhen used in\b|\bmay be overcome\b", re.IGNORECASE
)


def covers_all_items(requirement: str | None) -> bool:
    """Whether a licence requirement, as the Entity List writes it, covers all items subject to
    the EAR ("For all items subject to the EAR (See § 744.11 …)")."""
    return bool(requirement and _ALL_ITEMS.match(requirement))


def is_qualified(requirement: str | None) -> bool:
    return bool(requirement and _QUALIFIED.search(requirement))


def _agreement(country: str | None, party: Party) -> CountryAgreement:
    if country is None:
        return "not checked"
    if not party.countries:
        return "party lists no country"
    return "match" if country in party.countries else "mismatch"


def match_of(
    index: ScreeningIndex, query_key: NameKey, country: str | None, scored: Scored
) -> ScreeningMatch:
    party, listed = scored.party, scored.listed
    party_list = index.lists.get(party.list_code)
    all_items = party.list_code == ENTITY_LIST and covers_all_items(party.licence_requirement)
    return ScreeningMatch(
        name=party.name,
        list=party_list.name if party_list else party.list_code,
        list_code=party.list_code,
        entry=party.id,
        country=country if country in party.countries else next(iter(party.countries), None),
        countries=party.countries,
        regions=party.regions,
        score=scored.score,
        entity_number=party.entity_number,
        licence_requirement=party.licence_requirement,
        licence_policy=party.licence_policy,
        all_items_subject_to_ear=all_items,
        licence_requirement_qualified=is_qualified(party.licence_requirement),
        federal_register=party.federal_register,
        list_effect=party_list.effect if party_list else "",
        party_type=party.party_type,
        alt_names=party.alt_names,
        programmes=party.programmes,
        sources=_sources(index, party),
        explanations=Explanations(
            name=NameExplanation(
                matched=listed.text,
                matched_as=listed.kind,
                derived=listed.derived,
                query_normalised=query_key.normalised,
                matched_normalised=listed.key.normalised,
                query_key=query_key.key,
                matched_key=listed.key.key,
                legal_forms=LegalForms(
                    tuple(f.label for f in query_key.legal_forms),
                    tuple(f.label for f in listed.key.legal_forms),
                    legal_forms_agree(query_key.legal_forms, listed.key.legal_forms),
                ),
                scorer=scored.scorer,
                scores=scored.scores,
                words=scored.words,
            ),
            country=CountryCheck(country, party.countries, _agreement(country, party)),
        ),
    )


def _sources(index: ScreeningIndex, party: Party) -> tuple[Source, ...]:
    sources = []
    party_list = index.lists.get(party.list_code)
    if party_list:
        sources.append(Source("list", f"{party_list.name}: {party_list.citation}", party_list.url))
    if party.federal_register:
        sources.append(Source("federal-register", party.federal_register, None))
    file = index.source
    citation = f"{file.title}, generated {file.version} ({file.name}, sha256 {file.sha256})"
    sources.append(Source("source-file", citation, file.url))
    return tuple(sources)
