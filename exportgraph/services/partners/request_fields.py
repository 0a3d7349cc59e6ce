"""The fields every partner request states alike (assess, risk): the subject and the
jurisdiction the activity starts in, required and named when missing."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, overload

from exportgraph.countries import is_iso_country
from exportgraph.errors import InvalidInput, shown
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


@overload
def country(
    knowledge: Knowledge,
    value: object,
    field_name: str,
    *,
    blank_is_none: Literal[False] = False,
    data_jurisdictions: bool = True,
) -> str: ...


@overload
def country(
    knowledge: Knowledge,
    value: object,
    field_name: str,
    *,
    blank_is_none: Literal[True],
    data_jurisdictions: bool = True,
) -> str | None: ...


def country(
    knowledge: Knowledge,
    value: object,
    field_name: str,
    *,
    blank_is_none: bool = False,
    data_jurisdictions: bool = True,
) -> str | None:
    """An ISO 3166-1 alpha-2 country code, the data's aliases applied (UK → GB); InvalidInput
    naming `field_name` for anything else, including two letters that are no country (XX).
    `data_jurisdictions`: a jurisdiction the data defines (EU) is one too (where an activity goes);
    `blank_is_none`: null or blank text states no country (None) instead of a wrong one (an
    optional field, as screening's country)."""
    if blank_is_none and (value is None or (isinstance(value, str) and not value.strip())):
        return None
    code = knowledge.canonical_code(value) if isinstance(value, str) else ""
    if not is_iso_country(code) and not (data_jurisdictions and code in knowledge.jurisdictions):
        expected = "a country code" if data_jurisdictions else "an ISO 3166-1 alpha-2 country code"
        raise InvalidInput(
            f"{field_name}: expected {expected} such as DE, got {shown(value)}", field=field_name
        )
    return code
