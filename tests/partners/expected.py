"""Expected answers several test modules share."""

from __future__ import annotations

from typing import Any


def not_controlled_but_us_5a991(result: dict[str, Any], jurisdiction: str) -> bool:
    """EU: not controlled. US: radio equipment not controlled by 5A001 may be 5A991.b.7's (its
    QAM paragraphs .a and .b stay text): "unknown", naming only 5A991 paragraphs."""
    if jurisdiction == "EU":
        return result["controlled"] is False
    possible = {p["id"] if isinstance(p, dict) else p for p in result["possible_entries"]}
    return (
        result["controlled"] == "unknown"
        and bool(possible)
        and all(p.startswith("US:5A991.b.7.") for p in possible)
    )


def ids(result: dict[str, Any], key: str) -> list[str]:
    """The public ids an answer lists under `key` ("entries", "possible_entries")."""
    return [p["id"] if isinstance(p, dict) else p for p in result.get(key, [])]


def controls(result: dict[str, Any], entry: str) -> bool:
    """Controlled, by `entry` among others."""
    return result["controlled"] is True and entry in ids(result, "entries")


def not_by(result: dict[str, Any], entry: str) -> bool:
    """`entry` neither controls the item nor may control it."""
    return entry not in ids(result, "entries") and entry not in ids(result, "possible_entries")
