"""Small text helpers shared by every presentation (tables, pages, reports)."""

from __future__ import annotations


def shorten(text: str, limit: int = 140) -> str:
    """The text, cut with an ellipsis when longer than `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
