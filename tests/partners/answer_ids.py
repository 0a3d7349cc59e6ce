"""What the whole-list classification tests read of an answer for one jurisdiction: the ids of
the entries that control the item, and of those that may (answered "unknown")."""

from __future__ import annotations

from typing import Any


def entry_ids(result: dict[str, Any]) -> list[str]:
    """The entries that control the item, in the answer's order."""
    return [entry["id"] for entry in result["entries"]]


def possible_ids(result: dict[str, Any]) -> set[str]:
    """The entries that may control it, where the answer is "unknown"."""
    return {entry["id"] for entry in result.get("possible_entries", [])}
