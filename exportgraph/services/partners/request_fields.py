"""The fields every partner request states alike (assess, risk): the subject and the
jurisdiction the activity starts in, required and named when missing."""

from __future__ import annotations

from collections.abc import Mapping

from exportgraph.errors import InvalidInput, shown
from exportgraph.knowledge.index import Knowledge
from exportgraph.loaders.screening_countries import is_iso_country


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


def country(knowledge: Knowledge, value: object, field_name: str) -> str:
    """An ISO 3166-1 alpha-2 country code, the data's aliases applied (UK → GB); InvalidInput
    naming `field_name` for anything else, including two letters that are no country (XX);
    a jurisdiction the data defines is one."""
    code = knowledge.canonical_code(value) if isinstance(value, str) else ""
    if not is_iso_country(code) and code not in knowledge.jurisdictions:
        raise InvalidInput(
            f"{field_name}: expected a country code such as DE, got {shown(value)}",
            field=field_name,
        )
    return code
