"""Parse and validate a risk request (contract §10); every error names its field.

    {"subject": {"item": …}, "from": "US", "to": "CN",
     "end_user": {"name", "country", "type", "verified"}, "end_use": "civil-research",
     "project_stage": "basic-research", "model": "capped-points", "as_of": "2026-06-01",
     "stated": {"end-user-screening": "clear"}}

`stated` gives a factor's input directly (a screening done elsewhere, a classification known
from the authority): factor id → a notation of the factor's input scheme. The answer shows that
the input was stated.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.memo import BoundedMemo
from exportgraph.knowledge.risk_model import Destination, RiskModel
from exportgraph.services.inputs import object_fields, parse_date
from exportgraph.services.partners.items import Item, parse_subject
from exportgraph.services.partners.request_fields import origin, required_subject

FIELDS = frozenset(
    {
        "subject",
        "from",
        "to",
        "end_user",
        "end_use",
        "project_stage",
        "model",
        "as_of",
        "stated",
    }
)
END_USER_FIELDS = frozenset({"name", "country", "type", "verified"})


@dataclass(frozen=True)
class EndUser:
    name: str | None = None
    country: str | None = None
    type: str | None = None
    verified: bool | None = None


@dataclass(frozen=True)
class RiskRequest:
    """A validated risk request."""

    subject: Item
    origin: str  # jurisdiction code
    destination: Destination
    end_user: EndUser
    end_use: str | None
    stage: str | None
    model: RiskModel
    as_of: dt.date
    stated: Mapping[str, str] = field(default_factory=dict)  # factor id → input notation


def subject(knowledge: Knowledge, raw: object, where: str = "subject") -> Item:
    """The validated subject; the same subject text is parsed once per data version (an error is
    raised again each time, naming `where`, never kept)."""
    try:
        key = json.dumps(raw, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError):
        return parse_subject(knowledge, raw, where)
    memo: BoundedMemo[str, Item] = knowledge.derived("risk:subjects", lambda _: BoundedMemo(4096))
    return memo.get(key, lambda: parse_subject(knowledge, raw, where))


def destination(knowledge: Knowledge, value: object, where: str) -> Destination:
    """A destination by ISO 3166-1 alpha-2 code (jurisdiction aliases such as UK apply)."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(
            f"{where}: expected a country code such as DE, got {value!r}", field=where
        )
    code = knowledge.canonical_code(value)
    found = knowledge.risk.destinations.get(code)
    if found is None:
        raise InvalidInput(
            f"{where}: unknown country {value!r} (an ISO 3166-1 alpha-2 code of a destination "
            "named in the US Country Groups, the Commerce Country Chart or EU001)",
            field=where,
        )
    return found


def model(knowledge: Knowledge, value: object, where: str = "model") -> RiskModel:
    """A risk model by id (the default model when None)."""
    models = knowledge.risk.models
    if value is None:
        found = knowledge.risk.default_model()
        if found is None:
            raise InvalidInput(f"{where}: the data has no risk model", field=where)
        return found
    if not isinstance(value, str) or value not in models:
        raise InvalidInput(
            f"{where}: unknown risk model {value!r} (known: {', '.join(sorted(models))})",
            field=where,
        )
    return models[value]


def _notation(
    knowledge: Knowledge, scheme: str, value: object, where: str, what: str
) -> str | None:
    if value is None:
        return None
    return knowledge.concept(scheme, value, where, what).notation


def _end_user(knowledge: Knowledge, raw: object) -> EndUser:
    if raw is None:
        return EndUser()
    raw = object_fields(raw, "end_user", END_USER_FIELDS)
    name = raw.get("name")
    if name is not None and (not isinstance(name, str) or len(name) > 500):
        raise InvalidInput(
            "end_user.name: expected a name (at most 500 characters)", field="end_user.name"
        )
    verified = raw.get("verified")
    if verified is not None and not isinstance(verified, bool):
        raise InvalidInput(
            f"end_user.verified: expected true or false, got {verified!r}",
            field="end_user.verified",
        )
    country = raw.get("country")
    return EndUser(
        name=name.strip() or None if isinstance(name, str) else None,
        country=destination(knowledge, country, "end_user.country").code
        if country is not None
        else None,
        type=_notation(
            knowledge, "end-user-types", raw.get("type"), "end_user.type", "end-user type"
        ),
        verified=verified,
    )


def _stated(knowledge: Knowledge, chosen: RiskModel, raw: object) -> dict[str, str]:
    if raw is None:
        return {}
    if not isinstance(raw, Mapping):
        raise InvalidInput("stated: expected an object of factor: input", field="stated")
    stated: dict[str, str] = {}
    for key, value in raw.items():
        where = f"stated.{key}"
        factor = chosen.factor(key) if isinstance(key, str) else None
        if factor is None:
            known = ", ".join(f.id for f in chosen.factors if f.input_scheme)
            raise InvalidInput(
                f"{where}: unknown factor {key!r} of model {chosen.id} (known: {known})",
                field=where,
            )
        if factor.input_scheme is None:
            raise InvalidInput(
                f"{where}: the input of {factor.id} comes from the request, it cannot be stated",
                field=where,
            )
        notation = _notation(knowledge, factor.input_scheme, value, where, factor.label)
        assert notation is not None
        stated[factor.id] = notation
    return stated


def parse_risk_request(knowledge: Knowledge, raw: object) -> RiskRequest:
    """Validate a risk request; InvalidInput names the offending field."""
    raw = object_fields(raw, "body", FIELDS)
    parsed = subject(knowledge, required_subject(raw))
    start = origin(knowledge, raw, "transfer")
    if raw.get("to") is None:
        raise InvalidInput("to: the destination country is required", field="to")
    chosen = model(knowledge, raw.get("model"))
    end_use = raw.get("end_use")
    return RiskRequest(
        subject=parsed,
        origin=start,
        destination=destination(knowledge, raw["to"], "to"),
        end_user=_end_user(knowledge, raw.get("end_user")),
        end_use=_notation(knowledge, "end-uses", end_use, "end_use", "end use"),
        stage=_notation(
            knowledge, "project-stages", raw.get("project_stage"), "project_stage", "project stage"
        ),
        model=chosen,
        as_of=parse_date(raw.get("as_of"), "as_of"),
        stated=_stated(knowledge, chosen, raw.get("stated")),
    )
