"""Kleene logic on small integers (FALSE < UNKNOWN < TRUE: AND is min, OR is max), on constants
or numpy arrays of rows alike."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from exportgraph.knowledge.compiled import FALSE, TRUE, UNKNOWN, BoolArray, TriArray

Status = int | TriArray


def tri(value: bool | None) -> int:
    return UNKNOWN if value is None else TRUE if value else FALSE


def one_of(value: str | None, allowed: frozenset[str]) -> int:
    """atoms.one_of on small integers."""
    if not allowed:
        return TRUE
    return UNKNOWN if value is None else tri(value in allowed)


def kleene_and(values: Iterable[Status]) -> Status:
    """Kleene AND (min), on constants or arrays."""
    result: Status = TRUE
    for value in values:
        both = isinstance(value, int) and isinstance(result, int)
        result = min(result, value) if both else np.minimum(result, value)
    return result


def kleene_or(values: Iterable[Status]) -> Status:
    """Kleene OR (max), on constants or arrays."""
    result: Status = FALSE
    for value in values:
        both = isinstance(value, int) and isinstance(result, int)
        result = max(result, value) if both else np.maximum(result, value)
    return result


def at(status: Status | bool | BoolArray, row: int) -> int:
    return int(status) if isinstance(status, int | bool) else int(status[row])
