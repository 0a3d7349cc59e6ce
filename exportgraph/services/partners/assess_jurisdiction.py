"""One governing jurisdiction's assessment: its lists, licence requirement per entry and destination,
the deemed-export rule, general authorisations, exceptions and research exclusions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.services.partners.answers import AssessResult, ExceptionAnswer, ExclusionAnswer
from exportgraph.services.partners.assess_entry import EntryOutcome, entry_licensing
from exportgraph.services.partners.assess_eu_general import authorisations_for_entry
from exportgraph.services.partners.assess_exclusions import exclusion_answer, labels_in_prose
from exportgraph.services.partners.assess_request import Request
from exportgraph.services.partners.assess_rules import (
    destination_requires,
    destination_within,
    exception_answer,
)
from exportgraph.services.partners.evaluation import ListsEvaluation
from exportgraph.services.partners.logic import Tri, tri_json, tri_or
from exportgraph.services.partners.vocabulary import label
from exportgraph.services.reference.caveats import caveat_notes


@dataclass
class Decision:
    """licence_required with its reasons and what is missing."""

    required: Tri
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def add_missing(self, fact: str) -> None:
        if fact not in self.missing:
            self.missing.append(fact)


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
    leaves = knowledge.leaves_jurisdiction(activity)
    if not (leaves or activity == "in-country-transfer") or destination is None:
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
                f"{labels_in_prose(knowledge, 'activities', sorted(licence.activities))}, "
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
