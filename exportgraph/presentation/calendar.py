"""A plan's deadlines as iCalendar (RFC 5545): one all-day event per licence application deadline
and per review gate, with what it is for and where the figure comes from. UIDs are stable for the
same project, activity, jurisdiction and kind, so a re-imported calendar updates its events."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping

from icalendar import Calendar, Event

from exportgraph.services.partners.plan_answers import ActivityResult, Deadline, PlanAnswer

PRODID = "-//exportgraph//project plan deadlines//EN"
UID_DOMAIN = "exportgraph.w3id.org"


def _uid(project: str | None, deadline: Deadline) -> str:
    parts = [
        project or "",
        str(deadline.get("kind", "")),
        str(deadline.get("activity", "")),
        str(deadline.get("jurisdiction", "")),
        str(deadline.get("stage", "")),
    ]
    digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]
    return f"{digest}@{UID_DOMAIN}"


def _description(deadline: Deadline, activities: Mapping[str, ActivityResult]) -> str:
    lines = [str(deadline.get("title", ""))]
    activity = activities.get(str(deadline.get("activity", "")))
    if activity is not None:
        for licence in activity["licences"]:
            if licence.get("jurisdiction") != deadline.get("jurisdiction"):
                continue
            time = licence["processing_time"]
            if not isinstance(time, str):  # "unknown" when no processing time is cited
                lines.append(
                    f"Processing time: {time.get('duration')} {str(time.get('unit', '')).replace('-', ' ')} "
                    f"({str(time.get('kind', '')).replace('-', ' ')}: {time.get('label', '')})"
                )
                for source in time["sources"]:
                    lines.append(
                        f"Source: {source.get('citation')} {source.get('url') or ''}".rstrip()
                    )
            for reason in licence["reasons"]:
                lines.append(f"Why: {reason}")
    if deadline.get("late"):
        lines.append("This date is already past on the day the plan was evaluated.")
    return "\n".join(lines)


def deadlines_calendar(answer: PlanAnswer) -> bytes:
    """The deadlines of a plan evaluation (contract §11) as an iCalendar document."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    project = answer.get("project")
    if project:
        calendar.add("x-wr-calname", f"{project}: export-control deadlines")
    stamp = dt.datetime.combine(
        dt.date.fromisoformat(str(answer["as_of"])), dt.time(), tzinfo=dt.UTC
    )
    activities = {a["id"]: a for a in answer["activities"]}
    for deadline in answer["deadlines"]:
        day = dt.date.fromisoformat(str(deadline["date"]))
        event = Event()
        event.add("uid", _uid(project, deadline))
        event.add("dtstamp", stamp)
        event.add("dtstart", day)
        event.add("dtend", day + dt.timedelta(days=1))
        event.add("summary", str(deadline.get("title", "")))
        event.add("description", _description(deadline, activities))
        event.add("categories", [str(deadline.get("kind", ""))])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    data: bytes = calendar.to_ical()
    return data
