"""Cells that every criterion tests alike answer alike: a batch decides them as one."""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from exportgraph.knowledge.compiled import Axis, cell_classes, outcome


def test_cells_fall_together_only_where_no_test_tells_them_apart() -> None:
    one, two = Decimal(1), Decimal(2)
    axis = Axis.of("p", [one, two])  # cells: <1, =1, 1..2, =2, >2, not stated
    tests = {(one, ">="), (two, "<")}
    classes = cell_classes(axis, tests)
    assert classes.tolist() == [0, 1, 1, 3, 3, 5]
    cells = np.arange(axis.missing + 1, dtype=np.int32)
    for threshold, comparator in tests:  # every test answers a cell as its class's cell
        index = axis.index(threshold)
        assert (
            outcome(classes, axis, index, comparator) == outcome(cells, axis, index, comparator)
        ).all()
    assert cell_classes(axis, {(one, "=")}).tolist() == [0, 1, 0, 0, 0, 5]
    assert cell_classes(axis, set()).tolist() == [0, 0, 0, 0, 0, 5]  # untested: stated or not
    every = {(t, c) for t in (one, two) for c in (">=", ">", "<=", "<", "=")}
    assert cell_classes(axis, every).tolist() == list(range(6))
