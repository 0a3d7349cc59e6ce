"""The decision of exportgraph.services.partners.decision, compiled for one item *signature* (kind,
facts, purpose, material form, kind served …) and one date, and evaluated for many items at once.

For items of one signature every atom of every entry is a constant (in force, in scope, excluded,
serves, purpose, material form, facts) except the criteria, which depend on the item's
parameters only through their cells (exportgraph.knowledge.compiled). A plan folds the constants
and evaluates each entry tree over numpy arrays of the criteria's outcomes, in Kleene logic on
small integers (FALSE < UNKNOWN < TRUE: AND is min, OR is max), exactly as `decision` does one
item at a time: grouping entries through their sub-entries, required facts, purposes, material
forms, in-force dates, incomplete criteria ("unknown", never "controlled") and — software,
technology — the item served, evaluated by a walker of its own against the entries named, over
the same rows (the served item has the item's parameters).

Statuses are computed for all rows together. What an "unknown" answer lists (missing parameters,
missing facts, the entries that could match) is then read, with the same rules as `decision` and
`classify.jurisdiction_result`, once per distinct pattern of statuses and missing parameters.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from exportgraph.knowledge.compiled import Axis, CellArray
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.batch_signature import Signature
from exportgraph.services.partners.batch_verdicts import BatchVerdict, code_verdicts
from exportgraph.services.partners.batch_walker import Rows, Walker


class Plan:
    """The compiled decision for one signature on one date (see the module docstring)."""

    def __init__(
        self, knowledge: Knowledge, signature: Signature, axes: Sequence[Axis], on: dt.date
    ) -> None:
        self.knowledge = knowledge
        self.signature = signature
        self.axes = list(axes)
        self.axis_of = {axis.parameter: i for i, axis in enumerate(self.axes)}
        self.walker = Walker(knowledge, self.axis_of, signature, on)

    def key(self) -> tuple[object, ...]:
        return self.walker.key()

    def verdicts(
        self, cells: CellArray, codes: Sequence[str]
    ) -> tuple[list[list[BatchVerdict]], npt.NDArray[np.intp]]:
        """For rows of cells (one row per distinct item, a column per axis): the distinct lists
        of verdicts (one verdict per code, in order) and, per row, the index of its list."""
        rows = Rows(self.axes, self.axis_of, cells)
        per_code = []
        for code in codes:
            # the entries whose subtree names none of the kinds reached are false, constant in
            # every row: a verdict leaves them out, so they are not evaluated
            reaching = self.knowledge.tops_reaching(
                self.knowledge.governing(code), self.walker.reach
            )
            tops = [self.walker.evaluate(entry, rows) for entry in reaching]
            per_code.append(code_verdicts(code, tops, rows, self.axes))
        if not per_code:
            return [[]], np.zeros(rows.count, dtype=np.intp)
        if rows.count == 1:
            return [[verdicts[0] for verdicts, _ in per_code]], np.zeros(1, dtype=np.intp)
        table = np.stack([inverse for _, inverse in per_code], axis=1)
        _, first, inverse = np.unique(table, axis=0, return_index=True, return_inverse=True)
        lists = [
            [per_code[c][0][int(table[row, c])] for c in range(len(codes))]
            for row in first.tolist()
        ]
        return lists, inverse.reshape(-1)
