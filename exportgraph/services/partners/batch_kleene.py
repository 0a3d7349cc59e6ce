"""Kleene logic on small integers (FALSE < UNKNOWN < TRUE: AND is min, OR is max), on constants
or numpy arrays of rows alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable

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


def _fold(
    values: Iterable[Status], start: int, pick: Callable[[int, int], int], ufunc: np.ufunc
) -> Status:
    """Fold values from start with pick on constants and ufunc once an array is involved."""
    result: Status = start
    for value in values:
        both = isinstance(value, int) and isinstance(result, int)
        result = pick(result, value) if both else ufunc(result, value)  # type: ignore[arg-type]
    return result


def kleene_and(values: Iterable[Status]) -> Status:
    """Kleene AND (min), on constants or arrays."""
    return _fold(values, TRUE, min, np.minimum)


def kleene_or(values: Iterable[Status]) -> Status:
    """Kleene OR (max), on constants or arrays."""
    return _fold(values, FALSE, max, np.maximum)


def at(status: Status | bool | BoolArray, row: int) -> int:
    return int(status) if isinstance(status, int | bool) else int(status[row])
