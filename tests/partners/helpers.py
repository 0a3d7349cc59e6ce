"""Helpers shared by the partners' tests."""

from __future__ import annotations

from typing import Any

Result = dict[str, Any]


def ids(result: Result) -> list[str]:
    """Ids of the matching entries of a classification result."""
    return [entry["id"] for entry in result["entries"]]


def possible(result: Result) -> list[str]:
    """Ids of the entries that could match (an 'unknown' result)."""
    return [entry["id"] for entry in result.get("possible_entries", [])]


def item(kind: str, facts: dict[str, bool] | None = None, **parameters: Any) -> Result:
    """An item to classify: its kind, parameters (name → value with unit) and stated facts."""
    found: Result = {"kind": kind, "parameters": parameters}
    if facts is not None:
        found["facts"] = facts
    return found
