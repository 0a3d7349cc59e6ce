"""An assessment request (contract §3) validated: activity, subject, from, to, recipient, as_of and
the facts the exclusion conditions read.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from exportgraph.errors import InvalidInput, shown
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.inputs import parse_date
from exportgraph.services.partners.items import Item, parse_subject
from exportgraph.services.partners.request_fields import country, origin, required_subject


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
    subject = parse_subject(knowledge, required_subject(raw))
    start = origin(knowledge, raw, "activity")
    destination = country(knowledge, raw["to"], "to") if raw.get("to") is not None else None
    recipient = raw.get("recipient") or {}
    if not isinstance(recipient, Mapping):
        raise InvalidInput("recipient: expected an object", field="recipient")
    nationality = (
        country(knowledge, recipient["nationality"], "recipient.nationality")
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
        start,
        destination,
        nationality,
        facts,
        parse_date(raw.get("as_of"), "as_of"),
    )
