"""Parsing the plain values every request carries (dates, numbers for JSON), one way for all
services; errors name the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from exportgraph.errors import InvalidInput, shown


def parse_date(value: dt.date | str | None, field: str) -> dt.date:
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
