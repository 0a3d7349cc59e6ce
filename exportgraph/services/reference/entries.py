"""Control entries and jurisdictions as every answer shows them (contract §2 entries, §5 reading):
`GET /v1/jurisdictions`, `GET /v1/entries`, `GET /v1/entries/{id}`, and the entry and criterion
summaries that classification and assessment answers embed."""

from __future__ import annotations

import datetime as dt
from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.errors import NotFound
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Criterion, Entry, Licence, LicenceException, Source
from exportgraph.services.inputs import json_number, parse_date
from exportgraph.services.reference.caveats import (
    DateBasisShown,
    LegalStatusShown,
    date_basis,
    legal_status,
)


class SourceShown(TypedDict):
    id: str
    citation: str
    url: NotRequired[str]
    evidence: NotRequired[str]


class CriterionShown(TypedDict):
    parameter: str
    comparator: str
    threshold: int | float
    unit: str
    canonical_threshold: NotRequired[int | float]
    canonical_unit: NotRequired[str]
    legal_text: NotRequired[str]
    evidence: NotRequired[str]
    """Only when the value is of lower grade than the legal text ('secondary')."""
    sources: NotRequired[list[str]]


class EntrySummary(TypedDict):
    id: str
    code: str
    jurisdiction: str
    title: str
    type: str
    effective_from: str | None
    effective_until: NotRequired[str]
    effective_date_note: NotRequired[str]
    date_basis: NotRequired[DateBasisShown]
    """How the effective date was established when it was not read as such (provisional)."""
    legal_status: NotRequired[LegalStatusShown]
    """Present when the entry is not simply law as read (e.g. a proposal)."""
    open_questions: NotRequired[list[str]]
    sources: list[SourceShown]
    evidence: str
    provisional: NotRequired[bool]
    code_provisional: NotRequired[bool]


class EntryListed(EntrySummary):
    parent: str | None
    kinds: list[str]


class LicenceShown(TypedDict):
    destination_scope: str
    listed_destinations: list[str]
    reasons: list[str]
    activities: list[str]
    exceptions: list[str]


class ExceptionShown(TypedDict):
    id: str
    title: str
    eligible_destinations: list[str] | str
    notes: list[str]


class Equivalent(TypedDict):
    id: str
    relation: str


class EntryDetail(EntrySummary):
    iri: str
    list: NotRequired[str]
    parent: str | None
    sub_entries: list[str]
    kinds: list[str]
    excluded_kinds: NotRequired[list[str]]
    exclusion_note: NotRequired[str | None]
    requires_facts: NotRequired[list[str]]
    serves: NotRequired[list[str]]
    purposes: NotRequired[list[str]]
    material_forms: NotRequired[list[str]]
    criteria_complete: bool
    alternatives: list[list[CriterionShown]]
    notes: list[str]
    gaps: list[str]
    licence: LicenceShown | None
    exceptions: list[ExceptionShown]
    equivalents: list[Equivalent]


class JurisdictionShown(TypedDict):
    code: str
    label: str
    part_of: list[str]
    aliases: list[str]
    deemed_export_rule: bool | None
    destination_only: bool
    entries: int
    notes: list[str]


def source_shown(source: Source) -> SourceShown:
    out: SourceShown = {"id": source.id, "citation": source.citation}
    if source.url:
        out["url"] = source.url
    if source.evidence:
        out["evidence"] = source.evidence
    return out


def criterion_shown(criterion: Criterion) -> CriterionShown:
    """A criterion as answers show it (threshold as the legal text writes it)."""
    out: CriterionShown = {
        "parameter": criterion.parameter,
        "comparator": criterion.comparator,
        "threshold": json_number(criterion.threshold),
        "unit": criterion.unit,
    }
    if (
        criterion.canonical_unit != criterion.unit
        or criterion.canonical_threshold != criterion.threshold
    ):
        out["canonical_threshold"] = json_number(criterion.canonical_threshold)
        out["canonical_unit"] = criterion.canonical_unit
    if criterion.legal_text:
        out["legal_text"] = criterion.legal_text
    if criterion.evidence == "secondary":
        out["evidence"] = criterion.evidence
        out["sources"] = [":".join(s.rsplit("/", 2)[-2:]) for s in criterion.sources]
    return out


def entry_summary(knowledge: Knowledge, entry: Entry) -> EntrySummary:
    """The common fields of an entry in every answer."""
    out: EntrySummary = {
        "id": entry.id,
        "code": entry.code,
        "jurisdiction": entry.jurisdiction,
        "title": entry.title,
        "type": entry.type,
        "effective_from": entry.effective_from.isoformat() if entry.effective_from else None,
        "sources": [
            source_shown(knowledge.sources[s]) for s in entry.sources if s in knowledge.sources
        ],
        "evidence": entry.evidence,
    }
    if entry.effective_until:
        out["effective_until"] = entry.effective_until.isoformat()
    if entry.effective_date_note:
        out["effective_date_note"] = entry.effective_date_note
    basis = date_basis(knowledge, entry)
    if basis is not None:
        out["date_basis"] = basis
    status = legal_status(knowledge, entry)
    if status is not None:
        out["legal_status"] = status
    if entry.open_questions:
        out["open_questions"] = list(entry.open_questions)
    if entry.provisional:
        out["provisional"] = True
    if entry.code_provisional:
        out["code_provisional"] = True
    return out


def licence_shown(knowledge: Knowledge, licence: Licence | None) -> LicenceShown | None:
    if licence is None:
        return None
    return {
        "destination_scope": licence.scope,
        "listed_destinations": sorted(licence.listed),
        "reasons": list(licence.reasons),
        "activities": sorted(licence.activities),
        "exceptions": [
            knowledge.exceptions[e].id if e in knowledge.exceptions else e
            for e in licence.exceptions
        ],
    }


def exception_shown(exception: LicenceException) -> ExceptionShown:
    return {
        "id": exception.id,
        "title": exception.title,
        "eligible_destinations": sorted(exception.eligible)
        if exception.destinations_known
        else "unknown",
        "notes": list(exception.notes),
    }


def equivalents(knowledge: Knowledge, entry: Entry) -> list[Equivalent]:
    return [{"id": other, "relation": relation} for other, relation in knowledge.equivalents(entry)]


def parent_id(knowledge: Knowledge, entry: Entry) -> str | None:
    parent = knowledge.entries.get(entry.parent) if entry.parent else None
    return parent.id if parent else None


def entry_detail(knowledge: Knowledge, entry: Entry) -> EntryDetail:
    """Everything known about an entry (GET /v1/entries/{id})."""
    summary = entry_summary(knowledge, entry)
    out: EntryDetail = {
        **summary,
        "iri": entry.iri,
        "parent": parent_id(knowledge, entry),
        "sub_entries": [knowledge.entries[c].id for c in entry.children],
        "kinds": sorted(knowledge.kind_notation(k) for k in entry.kinds),
        "criteria_complete": entry.criteria_complete,
        "alternatives": [[criterion_shown(c) for c in alt] for alt in entry.alternatives],
        "notes": list(entry.notes),
        "gaps": list(entry.gaps),
        "licence": licence_shown(knowledge, entry.licence),
        "exceptions": [
            exception_shown(knowledge.exceptions[e])
            for e in (entry.licence.exceptions if entry.licence else ())
            if e in knowledge.exceptions
        ],
        "equivalents": equivalents(knowledge, entry),
    }
    if entry.list_title:
        out["list"] = entry.list_title
    if entry.excluded_kinds:
        out["excluded_kinds"] = sorted(knowledge.kind_notation(k) for k in entry.excluded_kinds)
        out["exclusion_note"] = entry.exclusion_note
    if entry.requires_facts:
        out["requires_facts"] = list(entry.requires_facts)
    if entry.serves:
        out["serves"] = [knowledge.entries[s].id for s in entry.serves if s in knowledge.entries]
    if entry.purposes:
        out["purposes"] = sorted(entry.purposes)
    if entry.material_forms:
        out["material_forms"] = sorted(entry.material_forms)
    return out


def list_jurisdictions(knowledge: Knowledge) -> list[JurisdictionShown]:
    """Every jurisdiction with its unions, aliases, deemed-export rule and entry count."""
    counts: dict[str, int] = {}
    for entry in knowledge.entries.values():
        counts[entry.jurisdiction] = counts.get(entry.jurisdiction, 0) + 1
    return [
        {
            "code": j.code,
            "label": j.label,
            "part_of": list(j.part_of),
            "aliases": sorted(j.aliases),
            "deemed_export_rule": j.deemed_export,
            "destination_only": j.destination_only,
            "entries": counts.get(j.code, 0),
            "notes": list(j.notes),
        }
        for j in sorted(knowledge.jurisdictions.values(), key=lambda j: j.code)
    ]


def list_entries(
    knowledge: Knowledge,
    jurisdiction: str | None = None,
    kind: str | None = None,
    as_of: dt.date | str | None = None,
) -> list[EntryListed]:
    """Entries, optionally of one jurisdiction (with its unions' lists for a member state), whose
    kind scope includes `kind` (through the hierarchy), in force on `as_of` when given."""
    codes: list[str] | None = None
    if jurisdiction is not None:
        codes = knowledge.governing(knowledge.jurisdiction(jurisdiction, "jurisdiction").code)
    kinds: frozenset[str] | None = None
    if kind is not None:
        kinds = knowledge.ancestors_of_kind(knowledge.concept("kinds", kind, "kind", "kind").iri)
    on = parse_date(as_of, "as_of") if as_of is not None else None
    chosen: list[EntryListed] = []
    ordered = sorted(knowledge.entries.values(), key=lambda e: (e.jurisdiction, e.sort_key, e.code))
    for entry in ordered:
        if codes is not None and entry.jurisdiction not in codes:
            continue
        if on is not None and not entry.in_force(on):
            continue
        if kinds is not None and not any(kinds & d.kinds for d in knowledge.descendants(entry.iri)):
            continue
        chosen.append(
            {
                **entry_summary(knowledge, entry),
                "parent": parent_id(knowledge, entry),
                "kinds": sorted(knowledge.kind_notation(k) for k in entry.kinds),
            }
        )
    return chosen


def get_entry(knowledge: Knowledge, entry_id: str) -> EntryDetail:
    """One entry by public id (`US:4A906.a.2`; a jurisdiction alias such as `UK:` is accepted)."""
    entry = knowledge.entry(entry_id)
    if entry is None:
        raise NotFound(f"entry {entry_id!r} not found", field="id")
    return entry_detail(knowledge, entry)
