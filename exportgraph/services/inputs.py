"""Parsing the plain values every request carries (dates, numbers for JSON), one way for all
services; errors name the field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping
from decimal import Decimal

from exportgraph.errors import InvalidInput, shown


def parse_date(value: object, field: str) -> dt.date:
    """An ISO date (`2025-12-01`); today when None; InvalidInput naming `field` otherwise."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InvalidInput(f"{field}: expected an ISO date YYYY-MM-DD, got {shown(value)}", field=field)


def json_number(value: Decimal) -> int | float:
    """A JSON number for a Decimal (int when integral)."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def object_fields(value: object, where: str, allowed: Collection[str]) -> Mapping[str, object]:
    """A JSON object with only `allowed` fields; InvalidInput naming `where` (or the unknown
    field: `where.field`, or just `field` for the body) otherwise."""
    if not isinstance(value, Mapping):
        what = "a JSON object" if where == "body" else "an object"
        raise InvalidInput(f"{where}: expected {what}", field=where)
    for key in value:
        if key not in allowed:
            name = str(key) if where == "body" else f"{where}.{key}"
            raise InvalidInput(
                f"{name}: unknown field (known: {', '.join(sorted(allowed))})", field=name
            )
    return value
