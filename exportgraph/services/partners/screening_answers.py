"""The screening answer (contract §10): the matches, each with its list entry, score and the
explanation of its name and country, and the list file's version."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from exportgraph.knowledge.screening_index import NameScores, WordMatch

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
