"""The licence requirement for a subject that names an entry (`{"entry": "US:3A001.a.1"}`,
contract §13): the entry decides, not a classification.

    entry_licensing(knowledge, entry_id, governing, activity, destination) -> EntryOutcome

- a curated entry with licence terms (its own or its parent's): those terms, as for a classified
  item (eg:destinationScope …);
- any other US paragraph: the Commerce Country Chart (services/partners/assess_chart.py);
- any other EU Annex I paragraph: an authorisation is required for its export out of the Union
  (Art. 3(1) Reg. (EU) 2021/821); within the Union only Annex IV items need one, and Annex IV is
  not in the data, so an intra-Union transfer stays "unknown";
- EU exports: the general authorisations EU001 … EU008 as exceptions (assess_eu_general.py);
- a jurisdiction whose list the named entry is not on: "unknown", naming the classification
  under that jurisdiction's lists as the missing fact.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.services.partners.answers import ExceptionAnswer
from exportgraph.services.partners.assess_chart import chart_licence
from exportgraph.services.partners.assess_eu_general import authorisations_for_entry
from exportgraph.services.partners.assess_rules import destination_requires, exception_answer
from exportgraph.services.partners.logic import Tri
from exportgraph.services.reference.entries import SourceShown

EU_EXPORT = "Regulation (EU) 2021/821, Article 3(1)"


@dataclass
class EntryOutcome:
    required: Tri
    entries: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    exceptions: list[ExceptionAnswer] = field(default_factory=list)
    sources: list[SourceShown] = field(default_factory=list)


def _curated_licence(knowledge: Knowledge, entry: Entry) -> Entry | None:
    """The entry whose licence terms apply: the entry itself or its nearest parent with terms."""
    for candidate in (entry, *knowledge.ancestors(entry)):
        if candidate.licence is not None:
            return candidate
    return None


def entry_licensing(
    knowledge: Knowledge, entry_id: str, governing: str, activity: str, destination: str
) -> EntryOutcome:
    """Whether exporting what the entry lists to `destination` needs a licence under `governing`."""
    jurisdiction = entry_id.split(":", 1)[0]
    if jurisdiction != governing:
        return EntryOutcome(
            None,
            reasons=[
                f"the subject names {entry_id}, an entry of the {jurisdiction} list; whether the "
                f"item is also on a list of {governing} is not stated"
            ],
            missing=[f"the classification of the item under the lists of {governing}"],
        )
    outcome = EntryOutcome(None, entries=[entry_id])
    curated = knowledge.entry(entry_id)
    licensed = _curated_licence(knowledge, curated) if curated is not None else None
    if licensed is not None:
        _curated(knowledge, licensed, governing, activity, destination, outcome)
    elif governing == "US":
        _chart(knowledge, entry_id, activity, destination, outcome)
    elif knowledge.listed.paragraph(entry_id) is not None and governing == "EU":
        _eu_annex_i(knowledge, entry_id, activity, destination, outcome)
    else:
        outcome.missing.append(f"the licence requirement of {entry_id} (not in the data)")
    if outcome.required is not False and destination != governing:
        answers, reasons = authorisations_for_entry(knowledge, governing, entry_id, destination)
        outcome.exceptions += answers
        outcome.reasons += reasons
    return outcome


def _curated(
    knowledge: Knowledge,
    entry: Entry,
    governing: str,
    activity: str,
    destination: str,
    outcome: EntryOutcome,
) -> None:
    licence = entry.licence
    assert licence is not None
    if activity not in licence.activities:
        outcome.required = False
        outcome.reasons.append(
            f"{entry.id}: the licence requirement covers {', '.join(sorted(licence.activities))}, "
            f"not {activity}"
        )
        return
    required, why = destination_requires(knowledge, governing, entry, destination)
    outcome.required = required
    outcome.reasons.append(why)
    if required:
        outcome.exceptions += [
            exception_answer(knowledge.exceptions[iri], destination)
            for iri in licence.exceptions
            if iri in knowledge.exceptions
        ]


def _chart(
    knowledge: Knowledge, entry_id: str, activity: str, destination: str, outcome: EntryOutcome
) -> None:
    paragraph = knowledge.listed.paragraph(entry_id)
    if paragraph is None:
        outcome.missing.append(f"the License Requirements of {entry_id} (not in the data)")
        return
    # a release is an export to the person's country (the caller named it as the destination)
    if not knowledge.leaves_jurisdiction(activity) and activity != "deemed-export":
        outcome.reasons.append(
            f"the Commerce Country Chart states licence requirements for exports and reexports; "
            f"a {activity} of {entry_id} is not decided by it"
        )
        outcome.missing.append(f"the licence requirement of {entry_id} for a {activity}")
        return
    found = chart_licence(knowledge, paragraph, destination)
    outcome.required = found.required
    outcome.reasons += found.reasons
    outcome.missing += found.missing
    outcome.exceptions += found.exceptions
    outcome.sources += found.sources


def _eu_annex_i(
    knowledge: Knowledge, entry_id: str, activity: str, destination: str, outcome: EntryOutcome
) -> None:
    outcome.sources.append({"id": "EU:2021/821-Art3", "citation": f"{EU_EXPORT}; Annex I"})
    inside = {"EU", *knowledge.members("EU")}
    if destination in inside:
        outcome.reasons.append(
            f"{destination} is inside the Union: a transfer within it needs an authorisation only "
            "for the items of Annex IV (Art. 11), which is not in the data"
        )
        outcome.missing.append(
            f"whether {entry_id} is listed in Annex IV of Regulation (EU) 2021/821"
        )
        return
    if not knowledge.leaves_jurisdiction(activity):
        outcome.missing.append(f"the authorisation requirement of {entry_id} for a {activity}")
        return
    outcome.required = True
    outcome.reasons.append(
        f"{entry_id} is listed in Annex I: an authorisation is required for its export out of "
        f"the Union ({EU_EXPORT}); {destination} is outside"
    )
