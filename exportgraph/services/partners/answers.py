"""The shapes of the partners' answers (contract §2 classification, §3 assessment), as typed
dictionaries: what the services return, what the API documents and validates, what the CLI prints.
"""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

from exportgraph.json_types import JsonObject
from exportgraph.services.reference.entries import (
    CriterionShown,
    EntrySummary,
    Equivalent,
    SourceShown,
)

Verdict = bool | Literal["unknown"]


class CriterionEvaluated(CriterionShown):
    value: int | float | None
    """The item's value in the unit the criterion is written in (None: not stated)."""
    satisfied: Verdict


class FactEvaluated(TypedDict):
    fact: str
    value: bool | None
    satisfied: Verdict


class EntryAnswer(EntrySummary):
    criteria: list[CriterionEvaluated]
    facts: NotRequired[list[FactEvaluated]]
    purposes: NotRequired[list[str]]
    material_forms: NotRequired[list[str]]
    material_form: NotRequired[str | None]
    served: NotRequired[list[EntryAnswer]]
    """Software, technology: the named entries that decided whether the served item is
    controlled (those it matches, or, when unknown, those it could match)."""
    parent: str | None
    notes: list[str]
    equivalents: list[str]
    mappings: list[Equivalent]
    missing: NotRequired[list[str]]
    missing_facts: NotRequired[list[str]]


class JurisdictionResult(TypedDict):
    jurisdiction: str
    controlled: Verdict
    entries: list[EntryAnswer]
    notes: list[str]
    equivalents: list[str]
    evidence: Literal["primary", "secondary"]
    lists: list[str]
    missing: NotRequired[list[str]]
    missing_facts: NotRequired[list[str]]
    possible_entries: NotRequired[list[EntryAnswer]]


class ClassifyAnswer(TypedDict):
    as_of: str
    data_version: str
    item: JsonObject
    """The item as read (parameters in their canonical units)."""
    results: list[JurisdictionResult]


class ExclusionAnswer(TypedDict):
    id: str
    title: str
    applies: Verdict
    why: str
    conditions: NotRequired[list[str]]
    evidence: NotRequired[str]


class ExceptionAnswer(TypedDict):
    id: str
    title: str
    available: Verdict
    missing_fact: NotRequired[str]
    why: NotRequired[str]
    conditions: NotRequired[list[str]]
    """What the user must still meet (general authorisations: their Part 3, quoted)."""
    sources: NotRequired[list[SourceShown]]
    evidence: NotRequired[str]


class AssessResult(TypedDict):
    jurisdiction: str
    licence_required: Verdict
    entries: list[str]
    reasons: list[str]
    exclusions: list[ExclusionAnswer]
    exceptions: list[ExceptionAnswer]
    missing_facts: NotRequired[list[str]]
    evidence: Literal["primary", "secondary"]
    notes: NotRequired[list[str]]
    sources: NotRequired[list[SourceShown]]
    """For entries decided from the whole lists: the entry, chart, groups and texts cited."""


class PartyMatchAnswer(TypedDict):
    """A restricted-party list entry the recipient matches (or may match), as the list states it."""

    name: str
    list: str
    entry: str
    score: float
    licence_requirement: str | None
    licence_policy: str | None
    federal_register: str | None
    all_items_subject_to_ear: bool
    country: str


class RecipientScreening(TypedDict):
    """The recipient screened against the restricted-party lists (services/partners/
    assess_parties.py): `listed`, `possible-match` (below the threshold: check), `no-match` (not a
    clearance) or `not-screened`."""

    name: str
    state: Literal["listed", "possible-match", "no-match", "not-screened"]
    threshold: float | None
    matches: list[PartyMatchAnswer]
    candidates: list[PartyMatchAnswer]
    source: str | None
    note: str


AssessAnswer = TypedDict(
    "AssessAnswer",
    {
        "as_of": str,
        "data_version": str,
        "activity": str,
        "subject": JsonObject,
        "from": str,
        "to": str | None,
        "results": list[AssessResult],
        "screening": NotRequired[RecipientScreening],
    },
)
