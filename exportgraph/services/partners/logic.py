"""Three-valued logic for answers the data may not decide: True, False, or None (unknown)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

Tri = bool | None  # three-valued: True, False, None = unknown
Verdict = bool | Literal["unknown"]  # how answers write it


def tri_and(values: Iterable[Tri]) -> Tri:
    """Kleene AND: False wins, then unknown."""
    result: Tri = True
    for value in values:
        if value is False:
            return False
        if value is None:
            result = None
    return result


def tri_or(values: Iterable[Tri]) -> Tri:
    """Kleene OR: True wins, then unknown."""
    result: Tri = False
    for value in values:
        if value is True:
            return True
        if value is None:
            result = None
    return result


def tri_json(value: Tri) -> Verdict:
    """True/False, or the string "unknown"."""
    return "unknown" if value is None else value
