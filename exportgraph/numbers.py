"""The numbers exportgraph computes with: finite, and of a size that converts exactly."""

from __future__ import annotations

from decimal import Decimal

# Largest decimal exponent of a value users may send: far beyond any physical value, and far
# inside the Decimal context, so conversions can neither overflow nor underflow.
MAX_EXPONENT = 300


def in_range(value: Decimal) -> bool:
    """True for zero or a finite number of magnitude 1e-300 to 1e300 (safe to convert exactly)."""
    return value.is_finite() and (not value or abs(value.adjusted()) <= MAX_EXPONENT)
