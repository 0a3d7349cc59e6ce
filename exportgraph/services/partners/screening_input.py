"""Checks of what a user asks screening: the name, the threshold and the limit (the country:
request_fields.country); InvalidInput names the bad field."""

from __future__ import annotations

import math

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.screening import DEFAULT_THRESHOLD

MAX_NAME_LENGTH = 200
DEFAULT_LIMIT = 10
MAX_LIMIT = 100


def check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput("name: a name to screen is required", field="name")
    text = " ".join(name.split())
    if len(text) > MAX_NAME_LENGTH:
        raise InvalidInput(
            f"name: at most {MAX_NAME_LENGTH} characters, got {len(text)}", field="name"
        )
    return text


def check_threshold(threshold: object) -> float:
    if threshold is None:
        return DEFAULT_THRESHOLD
    if (
        isinstance(threshold, bool)
        or not isinstance(threshold, int | float)
        or not math.isfinite(threshold)
        or not 0 < threshold <= 100
    ):
        raise InvalidInput(
            f"threshold: expected a score above 0 and at most 100 (default {DEFAULT_THRESHOLD:g}), "
            f"got {threshold!r}",
            field="threshold",
        )
    return float(threshold)


def check_limit(limit: object) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit: expected 1 to {MAX_LIMIT}, got {limit!r}", field="limit")
    return limit
