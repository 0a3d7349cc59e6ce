"""Restricted-party screening (contract §10): a name, optionally a country, against the US
Consolidated Screening List, with a score, the threshold and an explanation for every match.

`screen` answers GET /v1/screening and `exportgraph screen`; `screen_party` is what the risk
scorer and activity assessment call for a recipient. Every answer names the list, the entry, its
Federal Register citation, the source file's version and the data version, and says that a
non-match is not a clearance.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from exportgraph.errors import DataUnavailable, InvalidInput
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.screening import (
    CANDIDATE_FLOOR,
    DEFAULT_THRESHOLD,
    MATCHER,
    screening_index,
)
from exportgraph.knowledge.screening_index import NameScores, Scored, ScreeningIndex, WordMatch
from exportgraph.knowledge.screening_names import NameKey
from exportgraph.knowledge.screening_words import legal_forms_agree
from exportgraph.loaders.screening_countries import is_iso_country
from exportgraph.loaders.screening_model import Party
from exportgraph.loaders.tables import SourceDataError
from exportgraph.services.partners.screening_port import (
    Hit,
    Screener,
    ScreeningHit,
    not_screened,
)

NOTE = (
    "A match is a lead to check against the list entry, not a finding that the party is the one "
    "listed. A non-match is not a clearance: lists change, names are written many ways, and "
    "owners, agents, addresses and end uses need checks of their own."
)


class NameTooShort(InvalidInput):
    """A name with too few letters or digits to be screened (it would resemble anything)."""


PARTY_CACHE_SIZE = 4096
"""Screened parties kept per data version (names of a project's partners repeat)."""
MIN_NAME_CHARACTERS = 3
"""Letters and digits a name needs to be screened (shorter ones match anything)."""
MAX_NAME_LENGTH = 200
DEFAULT_LIMIT = 10
MAX_LIMIT = 100
PARTY_LIMIT = 5
ENTITY_LIST = "EL"

_ALL_ITEMS = re.compile(r"^\s*(for\s+)?all\s+items\s+subject\s+to\s+the\s+ear\b", re.IGNORECASE)
_QUALIFIED = re.compile(
    r"\bexcept\b|\bapart from\b|\bwhen used in\b|\bmay be overcome\b", re.IGNORECASE
)

CountryAgreement = Literal["match", "mismatch", "party lists no country", "not checked"]


@dataclass(frozen=True)
class Source:
    kind: str
    """``list`` (its legal basis), ``federal-register`` or ``source-file``."""
    citation: str
    url: str | None


@dataclass(frozen=True)
class LegalForms:
    query: tuple[str, ...]
    matched: tuple[str, ...]
    agree: bool | None
    """None when either name states no legal form (legal forms never change the score)."""


@dataclass(frozen=True)
class NameExplanation:
    """Which of the party's names matched, how both names were read, and how they scored."""

    matched: str
    matched_as: str
    """``name`` or ``alternative name``."""
    derived: str | None
    query_normalised: str
    matched_normalised: str
    query_key: str
    matched_key: str
    legal_forms: LegalForms
    scorer: str
    scores: NameScores
    words: tuple[WordMatch, ...]


@dataclass(frozen=True)
class CountryCheck:
    query: str | None
    party: tuple[str, ...]
    agreement: CountryAgreement


@dataclass(frozen=True)
class Explanations:
    name: NameExplanation
    country: CountryCheck


@dataclass(frozen=True)
class ScreeningMatch:
    """One listed party that matches, with the list entry as the list states it."""

    name: str
    list: str
    list_code: str
    entry: str
    country: str | None
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    score: float
    entity_number: str | None
    licence_requirement: str | None
    licence_policy: str | None
    all_items_subject_to_ear: bool
    """An Entity List entry whose licence requirement covers all items subject to the EAR."""
    licence_requirement_qualified: bool
    """The requirement carries an exception or a condition ("except", "apart from", "when used
    in", "may be overcome by License Exception …"): read the entry."""
    federal_register: str | None
    list_effect: str
    party_type: str | None
    alt_names: tuple[str, ...]
    programmes: tuple[str, ...]
    sources: tuple[Source, ...]
    explanations: Explanations


@dataclass(frozen=True)
class SourceVersion:
    file: str
    title: str
    version: str
    retrieved_at: str
    sha256: str
    url: str


@dataclass(frozen=True)
class ScreeningResult:
    query: str
    country: str | None
    threshold: float
    matcher: str
    matches: tuple[ScreeningMatch, ...]
    entity_list_all_items: bool
    """Some match is an Entity List party whose licence requirement covers all items subject to
    the EAR (those matches: ``entity_list_matches``)."""
    entity_list_matches: tuple[ScreeningMatch, ...]
    source: SourceVersion
    data_version: str
    note: str
    candidates: tuple[ScreeningMatch, ...] = ()
    """Parties scoring below the threshold but at least ``candidates_from`` (party screening):
    possible matches a person must check."""
    candidates_from: float | None = None

    @property
    def matched(self) -> bool:
        return bool(self.matches)


def covers_all_items(requirement: str | None) -> bool:
    """Whether a licence requirement, as the Entity List writes it, covers all items subject to
    the EAR ("For all items subject to the EAR (See § 744.11 …)")."""
    return bool(requirement and _ALL_ITEMS.match(requirement))


def is_qualified(requirement: str | None) -> bool:
    return bool(requirement and _QUALIFIED.search(requirement))


# ---------------------------------------------------------------------------- input


def check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("name: a name to screen is required", field="name")
    text = " ".join(name.split())
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"name: at most {MAX_NAME_LENGTH} characters, got {len(text)}", field="name"
        )
    return text


def check_country(knowledge: Knowledge, country: object, field: str = "country") -> str | None:
    """An ISO 3166-1 alpha-2 code (the data's aliases applied: UK → GB), or None."""
    if country is None or (isinstance(country, str) and not country.strip()):
        return None
    code = knowledge.canonical_code(country) if isinstance(country, str) else ""
    if not is_iso_country(code):
        raise InvalidInput(
            f"{field}: expected an ISO 3166-1 alpha-2 country code such as DE, got {country!r}",
            field=field,
        )
    return code


def check_threshold(threshold: object) -> float:
    if threshold is None:
        return DEFAULT_THRESHOLD
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not math.isfinite(threshold)
        or not 0 < threshold <= 100
    ):
        raise InvalidInput(
            f"threshold: expected a score above 0 and at most 100 (default {DEFAULT_THRESHOLD:g}), "
            f"got {threshold!r}",
            field="threshold",
        )
    return float(threshold)


def check_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit: expected 1 to {MAX_LIMIT}, got {limit!r}", field="limit")
    return limit


# ---------------------------------------------------------------------------- answers


def loaded_index() -> ScreeningIndex:
    """The screening index, read on first use; DataUnavailable (503) when the list is missing or
    cannot be read (screening then refuses to answer rather than clear anyone)."""
    try:
        index = screening_index()
    except SourceDataError as error:
        raise DataUnavailable(
            f"the installed restricted-party list cannot be read: {error}"
        ) from None
    if index is None or not index.parties:
        raise DataUnavailable(
            "no restricted-party list is installed: screening needs "
            "ontology/sources/us-consolidated-screening-list-*.json and ontology/screening/",
        )
    return index


def installed_list() -> str:
    """One line on the installed restricted-party list (read now if it was not): for operators
    after `exportgraph load`, so a broken file shows before the first screening needs it."""
    try:
        index = loaded_index()
    except DataUnavailable as error:
        return f"restricted-party screening unavailable: {error.detail}"
    file = index.source
    return (
        f"restricted-party list: {len(index.parties)} parties, {len(index.names)} names from "
        f"{file.name} (generated {file.version}), read on first use, outside the graph"
    )


def screen(
    knowledge: Knowledge,
    name: object,
    country: object = None,
    *,
    threshold: object = None,
    limit: object = DEFAULT_LIMIT,
    filter_by_country: bool = True,
    candidates_from: float | None = None,
) -> ScreeningResult:
    """Screen a name (GET /v1/screening). With a country and `filter_by_country`, only parties
    at an address in that country, or listing none, are considered; otherwise the country is
    compared and reported. With `candidates_from`, parties scoring from there up to the threshold
    are returned as candidates. InvalidInput names the bad field."""
    text = check_name(name)
    code = check_country(knowledge, country)
    cut = check_threshold(threshold)
    most = check_limit(limit)
    index = loaded_index()
    key = index.keys.key(text)
    if not key.tokens:
        raise InvalidInput("name: has no letters or digits to compare", field="name")
    if sum(len(token) for token in key.tokens) < MIN_NAME_CHARACTERS:
        # one or two letters resemble hundreds of listed names: no score would mean anything
        raise NameTooShort(
            f"name: too short to screen (at least {MIN_NAME_CHARACTERS} letters or digits); "
            "give the party's full name",
            field="name",
        )
    # more found than shown when the country reorders them or candidates are shown as well
    wider = (code is not None and not filter_by_country) or candidates_from is not None
    floor = cut if candidates_from is None else min(cut, candidates_from)
    found = index.search(
        key, floor, code if filter_by_country else None, most * 4 if wider else most
    )
    ranked = sorted(
        (_match(index, key, code, scored) for scored in found),
        key=lambda m: (-m.score, m.explanations.country.agreement != "match", m.entry),
    )
    matches = [m for m in ranked if m.score >= cut][:most]
    candidates = tuple(m for m in ranked if m.score < cut)[:most]
    entity_list = tuple(m for m in matches if m.all_items_subject_to_ear)
    source = index.source
    return ScreeningResult(
        query=text,
        country=code,
        threshold=cut,
        matcher=MATCHER,
        matches=tuple(matches),
        entity_list_all_items=bool(entity_list),
        entity_list_matches=entity_list,
        source=SourceVersion(
            source.name,
            source.title,
            source.version,
            source.retrieved_at,
            source.sha256,
            source.url,
        ),
        data_version=knowledge.version,
        note=NOTE,
        candidates=candidates,
        candidates_from=candidates_from,
    )


def screen_party(knowledge: Knowledge, name: str, country: str | None = None) -> ScreeningResult:
    """Screen a transaction party (for the risk scorer and /v1/assess): the best PARTY_LIMIT
    matches at the default threshold, and candidates from CANDIDATE_FLOOR up to it. The country
    is compared, never used to leave a party out: a listed party may act from an address the
    list does not name. Answers are kept per data version and list file (a plan screens the
    same partners for every activity, in its assessments and its risk scores)."""
    cache: dict[tuple[str, str, str | None], ScreeningResult] = knowledge.derived(
        "screening:parties", lambda _: {}
    )
    key = (loaded_index().source.sha256, name, country)
    found = cache.get(key)
    if found is None:
        found = screen(
            knowledge,
            name,
            country,
            limit=PARTY_LIMIT,
            filter_by_country=False,
            candidates_from=CANDIDATE_FLOOR,
        )
        if len(cache) < PARTY_CACHE_SIZE:
            cache[key] = found
    return found


def _agreement(country: str | None, party: Party) -> CountryAgreement:
    if country is None:
        return "not checked"
    if not party.countries:
        return "party lists no country"
    return "match" if country in party.countries else "mismatch"


def _match(
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


def _hit(match: ScreeningMatch, matched: bool) -> Hit:
    return Hit(
        list_code=match.list_code,
        name=match.name,
        score=match.score,
        matched=matched,
        all_items_licence=match.all_items_subject_to_ear,
        entry=match.entry,
        federal_register=match.federal_register,
    )


def screened_hits(knowledge: Knowledge, name: str, country: str | None) -> list[Hit] | None:
    """A party screened for risk scoring (screening_port.Screener): matches and candidates; None
    (not screened, never clear) when no list is installed or the name has nothing to compare."""
    try:
        result = screen_party(knowledge, name, country)
    except (DataUnavailable, InvalidInput):
        return None
    return [_hit(m, True) for m in result.matches] + [_hit(m, False) for m in result.candidates]


def default_screener(context: Context | None = None) -> Screener:
    """The screener risk scoring and plans use for a context: the restricted-party lists of the
    installed data (read on first use), or `not_screened` without a context."""
    if context is None:
        return not_screened

    def screen_end_user(name: str, country: str | None) -> Sequence[ScreeningHit] | None:
        return screened_hits(current(context), name, country)

    return screen_end_user
