"""Activity assessment (contract §3): may we do this, and what does it need?

    assess(context, request) -> dict

One result per governing jurisdiction: `from`, plus the unions it is part of (FR → FR and EU).
Each result looks only at that jurisdiction's own lists (the member state's national list, the
EU's Annex I) and decides everything from the data: the licence requirement of the matching
entries (eg:destinationScope, eg:listedDestination, eg:coversActivity, eg:exceptionAvailable),
the jurisdiction's deemed-export rule and unions (eg:deemedExportRule, eg:partOf), and the
research exclusions (eg:ResearchExclusion with eg:condition strings). Nothing is decided by
country-specific code. `licence_required` is true, false or "unknown", and "unknown" always
names what is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from exportgraph.errors import InvalidInput, shown
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Condition, Entry, ResearchExclusion
from exportgraph.services.inputs import parse_date
from exportgraph.services.partners.answers import (
    AssessAnswer,
    AssessResult,
    ExceptionAnswer,
    ExclusionAnswer,
)
from exportgraph.services.partners.assess_entry import EntryOutcome, entry_licensing
from exportgraph.services.partners.assess_eu_general import authorisations_for_entry
from exportgraph.services.partners.assess_parties import with_party_screening
from exportgraph.services.partners.assess_rules import (
    destination_requires,
    destination_within,
    exception_answer,
)
from exportgraph.services.partners.atoms import index_atoms
from exportgraph.services.partners.classify import (
    AtomMaker,
    Engine,
    atom_factory,
    atom_source,
)
from exportgraph.services.partners.decision import ListsEvaluation, evaluate_lists, label
from exportgraph.services.partners.items import Item, parse_subject
from exportgraph.services.partners.logic import Tri, tri_and, tri_json, tri_or
from exportgraph.services.reference.caveats import caveat_notes

if TYPE_CHECKING:
    from exportgraph.graph.context import Context

_COUNTRY = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Request:
    """A validated assessment request."""

    activity: str
    subject: Item
    origin: str
    destination: str | None
    nationality: str | None
    facts: Mapping[str, object]  # request fields the exclusion conditions read
    as_of: dt.date


def _country(knowledge: Knowledge, value: object, field_name: str) -> str:
    """A jurisdiction or ISO 3166-1 alpha-2 country code (UK → GB)."""
    if not isinstance(value, str) or not _COUNTRY.match(value.strip().upper()):
        raise InvalidInput(
            f"{field_name}: expected a country code such as DE, got {shown(value)}",
            field=field_name,
        )
    code = value.strip().upper()
    return knowledge.canonical_code(code)


def parse_request(knowledge: Knowledge, raw: object) -> Request:
    """Validate an assessment request; InvalidInput names the offending field."""
    if not isinstance(raw, Mapping):
        raise InvalidInput("body: expected a JSON object", field="body")
    activity = raw.get("activity")
    activities = knowledge.notations("activities")
    if activity not in activities:
        raise InvalidInput(
            f"activity: expected one of {', '.join(activities)}, got {shown(activity)}",
            field="activity",
        )
    if "subject" not in raw:
        raise InvalidInput("subject: a subject is required", field="subject")
    subject = parse_subject(knowledge, raw["subject"])
    if raw.get("from") is None:
        raise InvalidInput(
            "from: the jurisdiction the activity starts in is required", field="from"
        )
    origin = knowledge.jurisdiction(raw["from"], "from").code
    destination = _country(knowledge, raw["to"], "to") if raw.get("to") is not None else None
    recipient = raw.get("recipient") or {}
    if not isinstance(recipient, Mapping):
        raise InvalidInput("recipient: expected an object", field="recipient")
    nationality = (
        _country(knowledge, recipient["nationality"], "recipient.nationality")
        if recipient.get("nationality") is not None
        else None
    )
    facts: dict[str, object] = {"activity": activity}
    for name in ("published", "intended_for_publication"):
        value = raw.get(name)
        if value is not None and not isinstance(value, bool):
            raise InvalidInput(f"{name}: expected true or false, got {shown(value)}", field=name)
        facts[name] = value
    stage = raw.get("project_stage")
    stages = knowledge.notations("project-stages")
    if stage is not None and stage not in stages:
        raise InvalidInput(
            f"project_stage: expected one of {', '.join(stages)}, got {shown(stage)}",
            field="project_stage",
        )
    facts["project_stage"] = stage
    end_use = raw.get("end_use")
    if end_use is not None and not isinstance(end_use, str):
        raise InvalidInput(f"end_use: expected a string, got {shown(end_use)}", field="end_use")
    facts["end_use"] = end_use
    return Request(
        activity,
        subject,
        origin,
        destination,
        nationality,
        facts,
        parse_date(raw.get("as_of"), "as_of"),
    )


# --------------------------------------------------------------------------- pieces of the answer


@dataclass
class Decision:
    """licence_required with its reasons and what is missing."""

    required: Tri
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def add_missing(self, fact: str) -> None:
        if fact not in self.missing:
            self.missing.append(fact)


def _condition(condition: Condition, facts: Mapping[str, object]) -> tuple[Tri, str | None]:
    """Whether the request meets one condition of an exclusion; (result, the field the request
    does not state)."""
    value = facts.get(condition.field)
    if value is None:
        return None, condition.field
    text = ("true" if value else "false") if isinstance(value, bool) else str(value)
    return text in condition.values, None


# How a condition on a request field reads, and what to state when the request is silent.
_YES_NO = {
    "published": ("the software or technology is published", "is not published"),
    "intended_for_publication": (
        "it is intended for publication",
        "is not intended for publication",
    ),
}
_SCHEMES = {"project_stage": "project-stages", "activity": "activities"}
_ASK = {
    "published": "whether the software or technology is published",
    "intended_for_publication": "whether it is intended for publication",
    "project_stage": "the project stage",
    "end_use": "the end use",
    "activity": "the activity",
}


def _all(knowledge: Knowledge, scheme: str, notations: list[str], word: str = "and") -> str:
    """Labels joined in prose: `a`, `a and b`, `a, b and c`."""
    labels = [label(knowledge, scheme, n) for n in notations]
    if len(labels) <= 1:
        return "".join(labels)
    return f"{', '.join(labels[:-1])} {word} {labels[-1]}"


def condition_text(knowledge: Knowledge, condition: Condition) -> str:
    """A condition of an exclusion in words (`the project stage is basic research or applied
    research`)."""
    if condition.field in _YES_NO and set(condition.values) <= {"true", "false"}:
        yes, no = _YES_NO[condition.field]
        return yes if condition.values == ("true",) else f"it {no}"
    scheme = _SCHEMES.get(condition.field, "")
    noun = _ASK.get(condition.field, condition.field.replace("_", " "))
    return f"{noun} is {_all(knowledge, scheme, list(condition.values), 'or')}"


def exclusion_answer(
    knowledge: Knowledge, exclusion: ResearchExclusion, request: Request
) -> tuple[Tri, ExclusionAnswer, list[str]]:
    """Whether a research exclusion applies to the request, the answer element, missing fields."""
    subject = request.subject
    applies_to = sorted(knowledge.kind_notation(k) for k in exclusion.applies_to)
    if not knowledge.ancestors_of_kind(subject.kind_iri) & exclusion.applies_to:
        why = (
            f"it covers only {_all(knowledge, 'kinds', applies_to)}; a "
            f"{label(knowledge, 'kinds', subject.kind)} is not, and research exclusions never "
            "cover hardware"
        )
        return (
            False,
            {"id": exclusion.id, "title": exclusion.title, "applies": False, "why": why},
            [],
        )
    texts = [condition_text(knowledge, c) for c in exclusion.conditions]
    results = [_condition(c, request.facts) for c in exclusion.conditions]
    status = tri_and(r for r, _ in results) if results else None
    missing = [m for r, m in results if r is None and m]
    failed = [text for (r, _m), text in zip(results, texts, strict=True) if r is False]
    if status is True:
        why = f"all its conditions hold: {'; '.join(texts)}"
    elif status is False:
        why = f"not met: {'; '.join(failed)}"
    else:
        asked = [_ASK.get(m, m.replace("_", " ")) for m in missing] or ["its conditions"]
        why = f"cannot tell: state {' and '.join(asked)}"
    out: ExclusionAnswer = {
        "id": exclusion.id,
        "title": exclusion.title,
        "applies": tri_json(status),
        "why": why,
        "conditions": texts,
    }
    if exclusion.evidence == "secondary":
        out["evidence"] = "secondary"
    return status, out, missing


# --------------------------------------------------------------------------- one jurisdiction


def _release_destination(
    knowledge: Knowledge, request: Request, governing: str, decision: Decision
) -> str | None:
    """For a release inside `from` (deemed export): the recipient's country, or None (decided)."""
    rule = knowledge.jurisdictions[governing].deemed_export
    if rule is False:
        decision.required = False
        decision.reasons.append(
            f"{governing} has no deemed-export rule: releasing technology or source code to a foreign "
            f"person inside {request.origin} is not an export under {governing} law"
        )
        return None
    if rule is None:
        decision.required = None
        decision.add_missing(f"deemed-export rule of {governing}")
        return None
    if not knowledge.serves_another_kind(request.subject.kind_iri):
        decision.required = False
        decision.reasons.append(
            "a deemed export is a release of technology or source code; the subject is hardware"
        )
        return None
    if request.nationality is None:
        decision.required = None
        decision.add_missing("recipient.nationality")
        return None
    if destination_within(knowledge, request.nationality, {governing}):
        decision.required = False
        decision.reasons.append(
            f"the recipient is a {request.nationality} national: no export under {governing} law"
        )
        return None
    decision.reasons.append(
        f"{governing} deemed-export rule: a release to a foreign person in {request.origin} is an "
        f"export to the person's country ({request.nationality})"
    )
    return request.nationality


def _is_release(knowledge: Knowledge, request: Request) -> bool:
    """A release to a person inside the jurisdiction the activity starts in (a deemed export
    where that jurisdiction has a deemed-export rule)."""
    releases = knowledge.notations("activities", "releasesToPerson")
    return request.activity == "deemed-export" or (
        request.activity in releases and request.destination in (None, request.origin)
    )


def jurisdiction_assessment(
    knowledge: Knowledge, request: Request, governing: str, lists: ListsEvaluation
) -> AssessResult:
    """The result of one governing jurisdiction."""
    decision = Decision(required=None)
    activity = (
        "deemed-export"
        if _is_release(knowledge, request)
        else knowledge.assessed_as(request.activity)
    )
    if activity != request.activity and activity != "deemed-export":
        decision.reasons.append(_assessed_as_reason(knowledge, request.activity, activity))
    exceptions: dict[str, ExceptionAnswer] = {}
    own_entries = [e for e in knowledge.entries.values() if e.jurisdiction == governing]
    rule = knowledge.jurisdictions[governing].deemed_export
    named: EntryOutcome | None = None
    if activity == "deemed-export" and rule is False:
        _release_destination(
            knowledge, request, governing, decision
        )  # decides: not an export there
    elif request.subject.entry is not None:
        named = _named_entry(knowledge, request, governing, activity, decision, exceptions)
    elif not own_entries:
        decision.add_missing(f"the export-control lists of {governing} (not in the data)")
    elif lists.status is False:
        decision.required = False
        decision.reasons.append(
            f"the subject matches no entry of the {governing} list(s) in force on {request.as_of.isoformat()}"
        )
        decision.reasons.extend(lists.notes)
    elif lists.status is None and (
        why := _no_licence_whatever_listed(knowledge, request, governing, lists, activity)
    ):
        decision.required = False
        decision.reasons.append(
            "the data cannot decide whether the subject is listed ("
            + ", ".join(e.entry.id for e in lists.undecided)
            + "), but none of those entries would need a licence here: "
            + "; ".join(why)
        )
    elif lists.status is None:
        for evaluation in lists.undecided:
            for parameter in sorted(evaluation.missing):
                decision.add_missing(parameter)
            for fact in evaluation.missing_facts:
                decision.add_missing(fact)
            if evaluation.gap:
                decision.add_missing(f"complete criteria of {evaluation.entry.id}")
        decision.reasons.append(
            "the data cannot decide whether the subject is listed: "
            + ", ".join(e.entry.id for e in lists.undecided)
        )
        decision.reasons.extend(lists.notes)
        if activity == "deemed-export" and rule is None:
            decision.add_missing(f"deemed-export rule of {governing}")
    else:
        _licensing(knowledge, request, governing, lists, activity, decision, exceptions)
    exclusions, excluded = _exclusions(knowledge, request, governing, decision)
    if decision.required is not False and excluded is True:
        decision.required = False
    elif decision.required is True and excluded is None:
        decision.required = None
    secondary = sorted({e.entry.id for e in lists.matched if e.entry.evidence == "secondary"})
    result: AssessResult = {
        "jurisdiction": governing,
        "licence_required": tri_json(decision.required),
        "entries": [e.entry.id for e in lists.matched],
        "reasons": decision.reasons,
        "exclusions": exclusions,
        "exceptions": list(exceptions.values()) if decision.required is not False else [],
        "evidence": "secondary" if secondary else "primary",
    }
    if named is not None:
        result["entries"] = named.entries
        if named.sources:
            result["sources"] = named.sources
    if decision.required is None:
        result["missing_facts"] = decision.missing or ["(not stated)"]
    deciding = lists.matched if lists.status is True else lists.undecided
    notes = caveat_notes(knowledge, (e.entry for e in deciding))
    if secondary:
        notes.insert(0, "This answer rests on secondary evidence for: " + ", ".join(secondary))
    if notes:
        result["notes"] = notes
    return result


def _assessed_as_reason(knowledge: Knowledge, activity: str, assessed_as: str) -> str:
    """'an equipment trial is assessed as an export: <why, from the vocabulary>'."""
    concepts = knowledge.scheme("activities")
    said = concepts[activity].pick("pref")[0] or activity
    law = concepts[assessed_as].pick("pref")[0] or assessed_as
    why = concepts[activity].pick("note")[0]
    return f"{said} is assessed as {law}" + (f". {why}" if why else "")


def _no_licence_whatever_listed(
    knowledge: Knowledge, request: Request, governing: str, lists: ListsEvaluation, activity: str
) -> list[str]:
    """Why no undecided entry could require a licence for this export's destination (empty when
    one could, or when that cannot be told without the missing facts)."""
    destination = request.destination
    if activity == "in-country-transfer" and destination is None:
        destination = request.origin
    if activity not in ("export", "reexport", "in-country-transfer") or destination is None:
        return []
    reasons = []
    for evaluation in lists.undecided:
        licence = evaluation.entry.licence
        if licence is None or activity not in licence.activities:
            return []
        required, why = destination_requires(knowledge, governing, evaluation.entry, destination)
        if required:
            return []
        reasons.append(why)
    return reasons


def _licensing(
    knowledge: Knowledge,
    request: Request,
    governing: str,
    lists: ListsEvaluation,
    activity: str,
    decision: Decision,
    exceptions: dict[str, ExceptionAnswer],
) -> None:
    """Decide the licence requirement of the matched entries for the activity and destination."""
    destination: str | None = request.destination
    if activity == "in-country-transfer" and destination is None:
        destination = request.origin  # a transfer inside the country the activity starts in
    if activity == "deemed-export":
        destination = _release_destination(knowledge, request, governing, decision)
        if destination is None:
            return
    licensed = [e.entry for e in lists.matched if e.entry.licence is not None]
    if not licensed:
        decision.required = None
        decision.add_missing(
            f"licence requirement of {', '.join(e.entry.id for e in lists.matched)}"
        )
        return
    per_entry: list[Tri] = []
    for entry in _most_specific(knowledge, licensed):
        licence = entry.licence
        assert licence is not None
        covered = activity
        if (
            activity in knowledge.notations("activities", "releasesToPerson")
            and activity not in licence.activities
            and "export" in licence.activities
            and knowledge.serves_another_kind(request.subject.kind_iri)
        ):
            # software or technology handed over abroad (to a visiting expert's home lab, by a
            # researcher travelling out) leaves the jurisdiction: it is an export of it
            covered = "export"
            decision.reasons.append(
                f"{label(knowledge, 'activities', request.activity)} abroad hands the "
                f"{label(knowledge, 'kinds', request.subject.kind)} over in {destination}: "
                f"that is an export under {governing} law"
            )
        if covered not in licence.activities:
            per_entry.append(False)
            decision.reasons.append(
                f"{entry.id}: the licence requirement covers "
                f"{_all(knowledge, 'activities', sorted(licence.activities))}, "
                f"not {label(knowledge, 'activities', activity)}"
            )
            continue
        if destination is None:
            per_entry.append(None)
            decision.add_missing("to")
            continue
        required, why = destination_requires(knowledge, governing, entry, destination)
        per_entry.append(required)
        reasons = (
            f" (reasons for control: {' '.join(licence.reasons)})"
            if licence.reasons and required
            else ""
        )
        decision.reasons.append(why + reasons)
        if required:
            for iri in licence.exceptions:
                if iri in knowledge.exceptions and knowledge.exceptions[iri].id not in exceptions:
                    exceptions[knowledge.exceptions[iri].id] = exception_answer(
                        knowledge.exceptions[iri], destination
                    )
            answers, general = authorisations_for_entry(knowledge, governing, entry.id, destination)
            exceptions.update((answer["id"], answer) for answer in answers)
            decision.reasons.extend(r for r in general if r not in decision.reasons)
    decision.required = tri_or(per_entry)


def _named_entry(
    knowledge: Knowledge,
    request: Request,
    governing: str,
    activity: str,
    decision: Decision,
    exceptions: dict[str, ExceptionAnswer],
) -> EntryOutcome | None:
    """A subject naming an entry: the entry decides (services/partners/assess_entry.py)."""
    assert request.subject.entry is not None
    destination = request.destination
    if activity == "in-country-transfer" and destination is None:
        destination = request.origin
    if activity == "deemed-export":
        destination = _release_destination(knowledge, request, governing, decision)
        if destination is None:
            return None
    if destination is None:
        decision.add_missing("to")
        return None
    outcome = entry_licensing(knowledge, request.subject.entry, governing, activity, destination)
    decision.required = outcome.required
    decision.reasons.extend(outcome.reasons)
    for missing in outcome.missing:
        decision.add_missing(missing)
    exceptions.update((answer["id"], answer) for answer in outcome.exceptions)
    return outcome


def _most_specific(knowledge: Knowledge, entries: list[Entry]) -> list[Entry]:
    """Matched entries without a matched sub-entry (their licence terms are the resolved ones)."""
    chosen = {e.iri for e in entries}
    return [e for e in entries if not any(child in chosen for child in e.children)]


def _exclusions(
    knowledge: Knowledge, request: Request, governing: str, decision: Decision
) -> tuple[list[ExclusionAnswer], Tri]:
    answers = []
    statuses: list[Tri] = []
    for exclusion in knowledge.exclusions:
        if exclusion.jurisdiction != governing:
            continue
        status, answer, missing = exclusion_answer(knowledge, exclusion, request)
        answers.append(answer)
        statuses.append(status)
        if status is True:
            decision.reasons.append(f"excluded: the exclusion {exclusion.title} applies")
        elif status is None and decision.required is True:
            for name in missing:
                decision.add_missing(name)
    return answers, tri_or(statuses)


# --------------------------------------------------------------------------- public API


def assess(
    context: Context, request: Mapping[str, Any], *, engine: Engine = "index"
) -> AssessAnswer:
    """Assess an activity (contract §3): one result per governing jurisdiction (`from`, then the
    unions it is part of). Raises InvalidInput (422) naming the offending field."""
    knowledge = current(context)
    return assess_in(
        knowledge,
        request,
        atoms=lambda item, on: atom_source(context, knowledge, item, on, engine),
    )


def assess_in(
    knowledge: Knowledge, request: Mapping[str, Any], *, atoms: AtomMaker | None = None
) -> AssessAnswer:
    """`assess` on a given knowledge index (a recorded data version under review); the index
    path unless `atoms` gives another."""
    parsed = parse_request(knowledge, request)
    atoms_for = atom_factory(
        parsed.as_of, atoms or (lambda item, on: index_atoms(knowledge, item, on))
    )
    named = parsed.subject.entry is not None  # the user classified it: no classification
    atoms_of_subject = None if named else atoms_for(parsed.subject)
    results = []
    for governing in knowledge.governing(parsed.origin):
        lists = (
            ListsEvaluation(None, [], [], [], [])
            if atoms_of_subject is None
            else evaluate_lists(
                knowledge, parsed.subject, parsed.as_of, [governing], atoms_of_subject, atoms_for
            )
        )
        result = jurisdiction_assessment(knowledge, parsed, governing, lists)
        results.append(result)
    answer: AssessAnswer = {
        "as_of": parsed.as_of.isoformat(),
        "data_version": knowledge.version,
        "activity": parsed.activity,
        "subject": parsed.subject.as_dict(),
        "from": parsed.origin,
        "to": parsed.destination,
        "results": results,
    }
    return with_party_screening(knowledge, request, answer)
