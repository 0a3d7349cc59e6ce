"""Restricted-party screening (contract §10): a name, optionally a country, against the US
Consolidated Screening List, with a score, the threshold and an explanation for every match.

`screen` answers GET /v1/screening and `exportgraph screen`; `screen_party` is what the risk
scorer and activity assessment call for a recipient. Every answer names the list, the entry, its
Federal Register citation, the source file's version and the data version, and says that a
non-match is not a clearance.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

from exportgraph.errors import DataUnavailable, InvalidInput
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.screening import (
    CANDIDATE_FLOOR,
    MATCHER,
    screening_data,
    screening_index,
)
from exportgraph.knowledge.screening_index import ScreeningIndex
from exportgraph.loaders.tables import SourceDataError
from exportgraph.services.partners import request_fields
from exportgraph.services.partners.screening_answers import (
    ScreeningMatch,
    ScreeningResult,
    SourceVersion,
)
from exportgraph.services.partners.screening_input import (
    DEFAULT_LIMIT,
    check_limit,
    check_name,
    check_threshold,
)
from exportgraph.services.partners.screening_matches import match_of
from exportgraph.services.partners.screening_port import (
    Hit,
    Screener,
    ScreeningHit,
    not_screened,
)

T = TypeVar("T")

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
PARTY_LIMIT = 5


# ---------------------------------------------------------------------------- answers


def loaded_index() -> ScreeningIndex:
    """The screening index, read on first use; DataUnavailable (503) when the list is missing or
    cannot be read (screening then refuses to answer rather than clear anyone)."""
    index = _available(screening_index)
    if index is None or not index.parties:
        raise DataUnavailable(NOT_INSTALLED)
    return index


def installed_list() -> str:
    """One line on the installed restricted-party list, read and checked now (not indexed: the
    index is built when screening is first asked for): for operators after `exportgraph load`,
    so a broken file shows before the first screening needs it."""
    try:
        data = _available(screening_data)
        if data is None or not data.consolidated.parties:
            raise DataUnavailable(NOT_INSTALLED)
    except DataUnavailable as error:
        return f"restricted-party screening unavailable: {error.detail}"
    file, parties = data.consolidated.source, data.consolidated.parties
    names = sum(1 + len(party.alt_names) for party in parties)
    return (
        f"restricted-party list: {len(parties)} parties, {names} names and alternative names "
        f"from {file.name} (generated {file.version}), read and checked; indexed for matching "
        "when screening is first asked for, outside the graph"
    )


NOT_INSTALLED = (
    "no restricted-party list is installed: screening needs "
    "ontology/sources/us-consolidated-screening-list-*.json and ontology/screening/"
)


def _available(read: Callable[[], T]) -> T:
    """What `read` returns from the installed list; DataUnavailable when it cannot be read."""
    try:
        return read()
    except SourceDataError as error:
        raise DataUnavailable(
            f"the installed restricted-party list cannot be read: {error}"
        ) from None


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
    code = request_fields.country(
        knowledge, country, "country", blank_is_none=True, data_jurisdictions=False
    )
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
        (match_of(index, key, code, scored) for scored in found),
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
