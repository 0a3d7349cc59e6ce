"""JSON arrangements of official sources (the Country Chart, the Country Groups, Annex I) as the
loaders walk them: a JSON value typed as what ``json.loads`` returns, and the few narrowings a walk
needs. A narrowing that fails raises TypeError, which the loader reports as a SourceDataError
naming the file ("unexpected structure")."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TypeAlias

from exportgraph.loaders.tables import SourceDataError

Json: TypeAlias = "str | int | float | bool | list[Json] | dict[str, Json] | None"
SourceObject: TypeAlias = "dict[str, Json]"
"""An object of a source file as parsed (its members any JSON; unlike
exportgraph.json_types.JsonObject, the source, not a user, decides them)."""


def json_object(data: bytes, name: str) -> SourceObject:
    """A JSON document that must be an object; a SourceDataError names the file and line."""
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise SourceDataError(name, error.lineno, None, f"not valid JSON: {error.msg}") from error
    if not isinstance(document, dict):
        raise SourceDataError(name, 1, None, "expected a JSON object")
    return document


@contextmanager
def walking(name: str) -> Iterator[None]:
    """A walk of the arrangement `name`: a member that is missing or of another shape than the
    walk expects (KeyError, TypeError, ValueError, AttributeError) fails the load naming the file."""
    try:
        yield
    except SourceDataError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SourceDataError(name, 0, None, f"unexpected structure: {error!r}") from error


def as_object(value: Json) -> SourceObject:
    """`value`, which must be a JSON object."""
    if not isinstance(value, dict):
        raise TypeError(f"expected a JSON object, found {_kind(value)}")
    return value


def as_array(value: Json) -> list[Json]:
    """`value`, which must be a JSON array."""
    if not isinstance(value, list):
        raise TypeError(f"expected a JSON array, found {_kind(value)}")
    return value


def as_text(value: Json) -> str:
    """`value`, which must be a JSON string."""
    if not isinstance(value, str):
        raise TypeError(f"expected a JSON string, found {_kind(value)}")
    return value


def as_int(value: Json) -> int:
    """`value`, which must be a JSON number or a string that writes an integer."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise TypeError(f"expected a JSON number, found {_kind(value)}")
    return int(value)


def objects(value: Json) -> list[SourceObject]:
    """`value`, which must be a JSON array of objects."""
    return [as_object(item) for item in as_array(value)]


def objects_by_name(value: Json) -> dict[str, SourceObject]:
    """`value`, which must be a JSON object whose members are objects."""
    return {name: as_object(member) for name, member in as_object(value).items()}


def _kind(value: Json) -> str:
    return "null" if value is None else type(value).__name__
