"""The criteria of an alternative keep one order whatever order the store returns them in: two
bounds on the same side of one parameter (3A001.b.2.a: the heading's "up to and including
6.8 GHz" and a.1's "up to and including 2.9 GHz", both on frequency-min) used to keep the store's
order, so the same data read into two stores (the what-if's sandbox) gave entries that compared
unequal, and every what-if decided every jurisdiction again."""

from __future__ import annotations

from decimal import Decimal

from exportgraph.knowledge.model import Criterion
from exportgraph.knowledge.read_entries import _criterion_order

ENTRY = "https://w3id.org/exportgraph/id/entry/EU/3A001.b.2.a/criterion"


def _bound(own: str, value: str, parameter: str = "frequency-min", sign: str = "<=") -> Criterion:
    return Criterion(
        f"{ENTRY}/{own}/{parameter}/le", parameter, sign, Decimal(value), "GHz",
        "http://qudt.org/vocab/unit/GigaHZ", Decimal(value), "GHz", None, "primary", (),
    )  # fmt: skip


def test_bounds_on_one_side_of_one_parameter_sort_the_same_from_any_order() -> None:
    heading, sub = _bound("self", "6.8"), _bound("1", "2.9")
    top = _bound("1", "2.7", "frequency-max", ">")
    order = {"frequency-max": 0, "frequency-min": 1}
    one = sorted([heading, sub, top], key=lambda c: _criterion_order(c, order))
    other = sorted([sub, top, heading], key=lambda c: _criterion_order(c, order))
    assert one == other
    assert one[0] is top  # the parameters' order first, then lower before upper bounds
