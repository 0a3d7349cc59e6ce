"""Restricted-party screening data as typed records: the list file, its lists and parties, and
the name-matching tables."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SourceFile:
    """The published file the parties come from, as PROV-O records it."""

    name: str
    """Repository-relative path (``ontology/sources/…json``)."""
    title: str
    version: str
    """When the publisher generated the data (the file's ``sourceGeneratedAt``)."""
    retrieved_at: str
    sha256: str
    url: str
    entry_count: int


@dataclass(frozen=True)
class PartyList:
    """One list of the consolidated file (Entity List, Denied Persons List, SDN, …)."""

    code: str
    name: str
    citation: str
    effect: str
    url: str | None


@dataclass(frozen=True)
class Party:
    """One entry of a list: a person, organisation, vessel or aircraft."""

    id: str
    """``{list code}:{entity number}``, or ``{list code}:{12 hex digits}`` (a digest of the
    entry's name, countries and Federal Register citation) for lists without entity numbers."""
    list_code: str
    name: str
    alt_names: tuple[str, ...]
    party_type: str | None
    countries: tuple[str, ...]
    """ISO 3166-1 alpha-2 codes of the addresses."""
    regions: tuple[str, ...]
    """Address places the list names that are no ISO 3166-1 country (``REGION: WEST BANK``)."""
    entity_number: str | None
    licence_requirement: str | None
    licence_policy: str | None
    programmes: tuple[str, ...]
    federal_register: str | None


@dataclass(frozen=True)
class ScreeningList:
    """The consolidated file read: its provenance, its lists and its parties."""

    source: SourceFile
    lists: tuple[PartyList, ...]
    parties: tuple[Party, ...]


@dataclass(frozen=True)
class LegalForm:
    """A legal form of organisation and the ways names write it (``LLC``, ``OOO``, ``GmbH``)."""

    notation: str
    label: str
    variants: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class SpellingFold:
    """One spelling difference between transliterations of a name (``ks`` / ``x``)."""

    order: int
    pattern: str
    replacement: str
    position: str
    example: str
    note: str


@dataclass(frozen=True)
class ScreeningData:
    """Everything screening reads: the list file and the name-matching tables."""

    consolidated: ScreeningList
    legal_forms: tuple[LegalForm, ...]
    spelling_folds: tuple[SpellingFold, ...]
    inputs_digest: str
    """sha256 over the input files (names and bytes): the index is built once per digest."""
