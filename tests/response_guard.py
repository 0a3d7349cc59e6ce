"""A response model must not silently drop what a domain function answered.

FastAPI validates a route's answer with its response model (a TypedDict or pydantic model) and
keeps only the members the model declares: a field a domain function adds but the model does not
declare never reaches users, and nobody notices. For every JSON response the suite already
produces, `guard_responses` compares what the route returned with what was sent and fails the
request (so the test that made it) naming each member dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import fastapi.routing
import pytest
from fastapi.encoders import jsonable_encoder

_serialize = fastapi.routing.serialize_response


class DroppedMembers(AssertionError):
    """A response model left out members the route's answer held."""


def dropped(given: object, sent: object, path: str = "$", *, skip_none: bool = False) -> list[str]:
    """The paths of members of `given` (JSON, as returned) that `sent` (as serialized) lacks."""
    found: list[str] = []
    if isinstance(given, dict) and isinstance(sent, dict):
        for key, value in given.items():
            if key not in sent:
                if not (skip_none and value is None):
                    found.append(f"{path}.{key}")
            else:
                found += dropped(value, sent[key], f"{path}.{key}", skip_none=skip_none)
    elif isinstance(given, list) and isinstance(sent, list) and len(given) == len(sent):
        for index, (one, other) in enumerate(zip(given, sent, strict=True)):
            found += dropped(one, other, f"{path}[{index}]", skip_none=skip_none)
    return found


async def _guarded(**kwargs: Any) -> Any:
    result = await _serialize(**kwargs)
    field = kwargs.get("field")
    if field is None or kwargs.get("include") is not None or kwargs.get("exclude") is not None:
        return result  # no model, or members left out on purpose
    given = jsonable_encoder(kwargs["response_content"], by_alias=kwargs.get("by_alias", True))
    sent = json.loads(result) if kwargs.get("dump_json") else result
    missing = dropped(given, sent, skip_none=bool(kwargs.get("exclude_none")))
    if missing:
        raise DroppedMembers(
            f"the response model {field.field_info.annotation!r} drops {', '.join(missing[:10])}: "
            "declare them in the model (or stop returning them)"
        )
    return result


@pytest.fixture(scope="session", autouse=True)
def guard_responses() -> Iterator[None]:
    """Every response of the session passes through `_guarded` (a dictionary walk per response)."""
    fastapi.routing.serialize_response = _guarded  # type: ignore[assignment]
    try:
        yield
    finally:
        fastapi.routing.serialize_response = _serialize
