"""The fields every partner request states alike (assess, risk): the subject and the
jurisdiction the activity starts in, required and named when missing."""

from __future__ import annotations

from collections.abc import Mapping

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge


def required_subject(raw: Mapping[str, object]) -> object:
    """The raw `subject` (parsed by the caller); InvalidInput naming it when absent or null."""
    value = raw.get("subject")
    if value is None:
        raise InvalidInput("subject: a subject is required", field="subject")
    return value


def origin(knowledge: Knowledge, raw: Mapping[str, object], what: str) -> str:
    """The jurisdiction code of `from` (aliases apply); InvalidInput naming `from` when absent or
    unknown. `what` says what starts there ("activity", "transfer")."""
    value = raw.get("from")
    if value is None:
        raise InvalidInput(f"from: the jurisdiction the {what} starts in is required", field="from")
    return knowledge.jurisdiction(value, "from").code
