"""Licence needs of a planned activity: who issues the licence, its cited processing time, the
latest date to apply and whether that date has already passed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.risk_model import ProcessingTime
from exportgraph.services.partners.answers import AssessAnswer, AssessResult
from exportgraph.services.partners.deadlines import latest_start
from exportgraph.services.partners.plan_answers import (
    Conflict,
    LicenceNeed,
    ProcessingTimeShown,
    Verdict,
)
from exportgraph.services.partners.plan_request import Activity
from exportgraph.services.partners.risk_cited import cite


def issuing(knowledge: Knowledge, governing: str, origin: str) -> tuple[ProcessingTime | None, str]:
    """The planning figure for a licence of `governing` for a transfer starting in `origin`, and
    whose figure it is: a union's licences are issued by the member state the transfer starts in."""
    risk = knowledge.risk
    own = risk.planning_time(governing)
    if own is not None:
        return own, governing
    found = knowledge.jurisdictions.get(origin)
    if found is not None and governing in found.part_of:
        return risk.planning_time(origin), origin
    return None, governing


def _number(value: object) -> int | float:
    number = float(str(value))
    return int(number) if number.is_integer() else number


def shown_time(knowledge: Knowledge, time: ProcessingTime) -> ProcessingTimeShown:
    assert time.duration is not None and time.unit is not None
    shown: ProcessingTimeShown = {
        "jurisdiction": time.jurisdiction,
        "kind": time.kind,
        "duration": _number(time.duration),
        "unit": time.unit,
        "label": time.label,
        "covers": time.covers,
        "evidence": time.evidence,
        "basis": time.basis,
        "sources": cite(knowledge, time.sources),
    }
    if time.duration_from is not None:
        shown["duration_from"] = _number(time.duration_from)
    return shown


def licence_needs(
    knowledge: Knowledge, activity: Activity, answer: AssessAnswer | None, as_of: dt.date
) -> tuple[list[LicenceNeed], list[Conflict]]:
    needs: list[LicenceNeed] = []
    conflicts: list[Conflict] = []
    origin = activity.source.country
    results: Sequence[AssessResult] = answer["results"] if answer else []
    if answer is None:
        needs.append(
            {
                "jurisdiction": origin,
                "required": "unknown",
                "entries": [],
                "reasons": [f"the data has no export-control lists of {origin}"],
                "apply_by": "unknown",
                "processing_time": "unknown",
                "sources": [],
            }
        )
        return needs, conflicts
    for result in results:
        required = result["licence_required"]
        need: LicenceNeed = {
            "jurisdiction": result["jurisdiction"],
            "required": required,
            "entries": result["entries"],
            "reasons": result["reasons"],
            "apply_by": "unknown",
            "processing_time": "unknown",
            "sources": [],
        }
        if result.get("missing_facts"):
            need["missing_facts"] = result["missing_facts"]
        if required is not False:
            time, whose = issuing(knowledge, result["jurisdiction"], origin)
            if time is not None and time.duration is not None and time.unit is not None:
                day = latest_start(activity.start, time.duration, time.unit)
                need["processing_time"] = shown_time(knowledge, time)
                need["sources"] = cite(knowledge, time.sources)
                if day is not None:
                    need["apply_by"] = day.isoformat()
                    if day < as_of:
                        conflicts.append(
                            _late(
                                activity, result["jurisdiction"], whose, time, day, as_of, required
                            )
                        )
            else:
                need["reasons"] = [
                    *need["reasons"],
                    f"no processing time of {result['jurisdiction']} is cited in the data: "
                    "the latest date to apply is unknown",
                ]
        needs.append(need)
    return needs, conflicts


def _late(
    activity: Activity,
    jurisdiction: str,
    whose: str,
    time: ProcessingTime,
    day: dt.date,
    as_of: dt.date,
    required: Verdict,
) -> Conflict:
    unit = (time.unit or "").replace("-", " ")
    figure = f"{_number(time.duration)} {unit}" if time.duration is not None else "?"
    issuer = f" (issued by {whose})" if whose != jurisdiction else ""
    if required is True:
        message = (
            f"The {jurisdiction} licence{issuer} cannot arrive before {activity.id} starts on "
            f"{activity.start.isoformat()}: with {figure} ({time.kind.replace('-', ' ')}), the latest "
            f"date to apply was {day.isoformat()}, before {as_of.isoformat()}."
        )
        kind = "licence-late"
    else:
        message = (
            f"A {jurisdiction} licence{issuer} may be required (the answer is unknown) and could not "
            f"arrive before {activity.start.isoformat()}: the latest date to apply was {day.isoformat()}."
        )
        kind = "licence-may-be-late"
    return {"kind": kind, "message": message, "jurisdiction": jurisdiction}
