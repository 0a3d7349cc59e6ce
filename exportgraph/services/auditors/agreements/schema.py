"""The JSON form of an agreement (contract §4): JSON types only, checked before JSON-LD mapping.

Every field is optional here: a missing clause is a rule violation found by the shapes, not a
malformed document. What this module refuses (422) is what JSON-LD would silently misread: a
number where a date or code is expected, an object where a list is expected, an unknown field,
an empty id. Any other id is accepted: an IRI, or the reference as printed (identifiers.py).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
)

from exportgraph.errors import InvalidInput
from exportgraph.json_types import JsonObject

TOKEN_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._\-]*$"

Reference = Annotated[str, StringConstraints(pattern=r"\S")]
"""An id as the user prints it: any string with a visible character (an IRI is one too)."""
Token = Annotated[str, StringConstraints(pattern=TOKEN_PATTERN)]
Text = str
DateText = str  # lexical validity is rule AGR-DATES, not a parse error
Number = int | float


def _country(cls: type[BaseModel], value: str | None, info: ValidationInfo) -> str | None:
    """A country or jurisdiction code with the data's aliases applied (UK → GB), as `check`
    passes them in the validation context."""
    aliases: Mapping[str, str] = (info.context or {}).get("aliases", {})
    return aliases.get(value, value) if value is not None else None


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, populate_by_name=True)


class Quantity(_Strict):
    value: Number
    unit: str


class Party(_Strict):
    id: Reference | None = None
    name: Text | None = None
    country: Token | None = None
    role: Text | None = None

    _alias = field_validator("country")(classmethod(_country))


class Item(_Strict):
    id: Reference | None = None
    name: Text | None = None
    kind: Token | None = None
    for_kind: Token | None = None
    purpose: Token | None = None
    parameters: dict[str, Number | Quantity] | None = None
    facts: dict[str, bool] | None = None


class EndUse(_Strict):
    purpose: Text | None = None
    statement: Text | None = None


class Verification(_Strict):
    method: Text | None = None
    date: DateText | None = None
    verified_by: Text | None = None


class Licence(_Strict):
    id: Reference | None = None
    jurisdiction: Token | None = None
    covers: list[Reference] | None = None
    valid_from: DateText | None = None
    valid_until: DateText | None = None

    _alias = field_validator("jurisdiction")(classmethod(_country))


class Reporting(_Strict):
    frequency: Text | None = None
    recipient: Text | None = None


class DisputeResolution(_Strict):
    mechanism: Text | None = None
    forum: Text | None = None


class Exchange(_Strict):
    person: Text | None = None
    nationality: Token | None = None
    from_: DateText | None = Field(default=None, alias="from")
    until: DateText | None = None
    access: list[Reference] | None = None

    _alias = field_validator("nationality")(classmethod(_country))


class Agreement(_Strict):
    context: Any = Field(default=None, alias="@context")
    type: Literal["Agreement"] | None = None
    id: Reference | None = None
    name: Text | None = None
    parties: list[Party] | None = None
    items: list[Item] | None = None
    destination: Token | None = None
    effective_date: DateText | None = None
    expiry_date: DateText | None = None
    project_stage: Text | None = None
    end_use: EndUse | None = None
    end_user_verification: Verification | None = None
    licences: list[Licence] | None = None
    exclusions_claimed: list[Text] | None = None
    reporting: list[Reporting] | None = None
    dispute_resolution: DisputeResolution | None = None
    exchanges: list[Exchange] | None = None

    _alias = field_validator("destination")(classmethod(_country))


def _location(prefix: str, loc: tuple[int | str, ...]) -> str:
    text = prefix
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif part in {"Quantity", "int", "float", "function-after[_country(), str]"}:
            continue  # union-branch names pydantic adds to the location
        else:
            text += f".{part}" if text else str(part)
    return text or "body"


_MESSAGES = {
    "string_type": "expected a string",
    "list_type": "expected a JSON array",
    "model_type": "expected a JSON object",
    "dict_type": "expected a JSON object",
    "extra_forbidden": "unknown field",
    "int_type": "expected a number",
    "float_type": "expected a number",
    "literal_error": 'must be "Agreement"',
}
_PATTERNS = {
    TOKEN_PATTERN: "expected a code: letters, digits, '.', '-' or '_' (e.g. DE, quantum-computer)",
    r"\S": "must not be empty: write the id as printed (e.g. a licence's reference) or an IRI",
}


def check(document: Any, prefix: str = "", aliases: Mapping[str, str] | None = None) -> JsonObject:
    """Check the JSON types of one agreement; return it with the country and jurisdiction codes'
    `aliases` (the data's: UK → GB) normalised.

    Raises InvalidInput naming the first offending field (e.g. `effective_date`, `[2].items[0].id`).
    """
    if not isinstance(document, dict):
        raise InvalidInput(
            f"{prefix or 'body'}: expected a JSON object (an agreement)", field=prefix or "body"
        )
    try:
        model = Agreement.model_validate(document, context={"aliases": aliases or {}})
    except ValidationError as error:
        problems: dict[str, list[str]] = {}
        got: dict[str, str] = {}
        for item in error.errors():
            where = _location(prefix, tuple(item["loc"]))
            message = _message(item["type"], item.get("ctx") or {}, item["msg"])
            if message not in problems.setdefault(where, []):
                problems[where].append(message)
            if item["type"] != "extra_forbidden":
                got.setdefault(where, f", got {describe(item.get('input'))}")
        lines = [f"{w}: {_either(m)}{got.get(w, '')}" for w, m in list(problems.items())[:5]]
        raise InvalidInput("; ".join(lines), field=next(iter(problems))) from None
    return model.model_dump(by_alias=True, exclude_none=True, exclude={"context"})


def _message(kind: str, ctx: JsonObject, fallback: str) -> str:
    if kind == "string_pattern_mismatch":
        return _PATTERNS.get(str(ctx.get("pattern")), fallback)
    return _MESSAGES.get(kind, fallback)


def _either(messages: list[str]) -> str:
    return " or ".join([messages[0], *(m.removeprefix("expected ") for m in messages[1:])])


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "an array"
    if value is None:
        return "null"
    text = str(value)
    return json.dumps(text if len(text) < 60 else text[:57] + "...", ensure_ascii=False)
