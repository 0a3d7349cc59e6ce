"""The compiled state of a batch for one data version and date (axes, plans per signature class,
answers already given), and the items of a chunk decided against it.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import OrderedDict
from collections.abc import Callable, Sequence

import numpy as np

from exportgraph.knowledge.compiled import Axis, CellArray, Test, cell_classes, kind_tests
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.batch_items import ItemReader, Parsed
from exportgraph.services.partners.batch_plan import Plan
from exportgraph.services.partners.batch_signature import Signature
from exportgraph.services.partners.batch_verdicts import BatchVerdict

_DATES = 8  # dates whose compiled state is kept per data version
_KNOWN = 200_000  # answers of (signature, cells) kept per date
Results = list[BatchVerdict]


class Compiled:
    """The compiled state of one data version and date: the axes of each chain of kinds (an
    item's kind and the kinds it serves), one plan per signature class (signatures whose
    entries' atoms agree share one), and the answers already given per (jurisdictions, plan,
    cells)."""

    def __init__(self, knowledge: Knowledge, on: dt.date) -> None:
        self.knowledge = knowledge
        self.on = on
        self._axes: dict[tuple[str, ...], tuple[Axis, ...]] = {}
        self._classes: dict[tuple[str, ...], tuple[CellArray, ...]] = {}
        self._plan_ids: dict[Signature, int] = {}
        self._plan_keys: dict[tuple[object, ...], int] = {}
        self.plans: list[Plan] = []
        self.known: dict[tuple[tuple[str, ...], int, bytes], Results] = {}
        self._lock = threading.Lock()

    def axes(self, chain: tuple[str, ...]) -> tuple[Axis, ...]:
        """The axes of the thresholds an item is tested against: its kind's, and for software
        or technology those of the items it serves (which have its parameters)."""
        found = self._axes.get(chain)
        if found is None:
            tests: dict[str, set[Test]] = {}
            for kind in chain:
                for name, found_tests in kind_tests(self.knowledge, kind, self.on).items():
                    tests.setdefault(name, set()).update(found_tests)
            order = list(self.knowledge.notations("parameters"))
            names = sorted(tests, key=lambda n: (order.index(n) if n in order else len(order), n))
            found = tuple(Axis.of(name, (t for t, _ in tests[name])) for name in names)
            self._classes[chain] = tuple(
                cell_classes(axis, tests[axis.parameter]) for axis in found
            )
            self._axes[chain] = found
        return found

    def classes(self, chain: tuple[str, ...]) -> tuple[CellArray, ...]:
        """Per axis of a chain, the cell every cell answers as (knowledge.compiled.cell_classes:
        the criteria of its entries test nothing that tells them apart)."""
        self.axes(chain)
        return self._classes[chain]

    def plan_id(self, signature: Signature) -> int:
        """The plan of a signature (compiled on first use)."""
        found = self._plan_ids.get(signature)
        if found is not None:
            return found
        plan = Plan(self.knowledge, signature, self.axes(signature.chain), self.on)
        key = (signature.chain, plan.key())
        with self._lock:
            found = self._plan_keys.get(key)
            if found is None:
                found = self._plan_keys[key] = len(self.plans)
                self.plans.append(plan)
            self._plan_ids[signature] = found
        return found

    def remember(self, key: tuple[tuple[str, ...], int, bytes], results: Results) -> None:
        if len(self.known) >= _KNOWN:
            self.known.clear()
        self.known[key] = results


class _Dates:
    """The compiled state per date of one knowledge index (a few recent dates)."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.knowledge = knowledge
        self._dates: OrderedDict[dt.date, Compiled] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, on: dt.date) -> Compiled:
        with self._lock:
            found = self._dates.get(on)
            if found is None:
                found = self._dates[on] = Compiled(self.knowledge, on)
                while len(self._dates) > _DATES:
                    self._dates.popitem(last=False)
            self._dates.move_to_end(on)
            return found


def compiled(knowledge: Knowledge, on: dt.date) -> Compiled:
    """The compiled state of a knowledge index for a date (kept with the index)."""
    return knowledge.derived("partners.batch", _Dates).get(on)


# ---------------------------------------------------------------------------- deciding


def decide(
    state: Compiled,
    reader: ItemReader,
    parsed: Parsed,
    codes: Sequence[str],
    chains: Callable[[tuple[str, ...]], bool] | None = None,
) -> list[Results | None]:
    """The results of every parsed item (None for an item in error), one verdict per code; only
    of the items whose chain of kinds `chains` accepts, when given (None for the others)."""
    out: list[Results | None] = [None] * len(parsed)
    signatures = reader.signatures
    chain_of = [signature.chain for signature in signatures]
    wanted = [chains is None or chains(chain) for chain in chain_of]
    plan_of = [state.plan_id(s) if w else -1 for s, w in zip(signatures, wanted, strict=True)]
    by_chain: dict[tuple[str, ...], list[int]] = {}
    for position, signature in enumerate(parsed.signatures):
        if signature >= 0 and wanted[signature]:
            by_chain.setdefault(chain_of[signature], []).append(position)
    codes_key = tuple(codes)
    for chain, positions in by_chain.items():
        axes = state.axes(chain)
        cells = _cells(axes, reader, parsed, positions)
        for a, classes in enumerate(state.classes(chain)):
            cells[:, a] = classes[cells[:, a]]
        chosen = parsed.signatures
        plans = np.fromiter(
            (plan_of[chosen[p]] for p in positions), dtype=np.int64, count=len(positions)
        )
        radix = [axis.missing + 1 for axis in axes]
        keyed = np.concatenate([plans[:, None], cells.astype(np.int64)], axis=1)
        if _fits(radix, int(plans.max()) + 1):
            strides = np.cumprod([1, *radix[::-1]])[::-1].astype(np.int64)
            _, first, inverse = np.unique(keyed @ strides, return_index=True, return_inverse=True)
        else:
            _, first, inverse = np.unique(keyed, axis=0, return_index=True, return_inverse=True)
        found: list[Results | None] = []
        todo: dict[int, list[int]] = {}
        for unique, row in enumerate(first.tolist()):
            key = (codes_key, int(plans[row]), cells[row].tobytes())
            known = state.known.get(key)
            found.append(known)
            if known is None:
                todo.setdefault(int(plans[row]), []).append(unique)
        for plan_id, uniques in todo.items():
            rows = first[uniques]
            lists, which = state.plans[plan_id].verdicts(cells[rows], codes)
            for unique, row, index in zip(uniques, rows.tolist(), which.tolist(), strict=True):
                found[unique] = lists[index]
                state.remember((codes_key, plan_id, cells[row].tobytes()), lists[index])
        for position, unique in zip(positions, inverse.reshape(-1).tolist(), strict=True):
            out[position] = found[unique]
    return out


def _fits(radix: Sequence[int], plans: int) -> bool:
    total = plans
    for size in radix:
        total *= size
    return total < 2**62


def _cells(
    axes: Sequence[Axis], reader: ItemReader, parsed: Parsed, positions: Sequence[int]
) -> np.ndarray:
    """Rows × axes: the cell of each item's value on each axis (exact)."""
    cells = np.empty((len(positions), len(axes)), dtype=np.int32)
    if not axes:
        return cells
    for a, axis in enumerate(axes):
        name = axis.parameter
        column, exact = parsed.column(positions, name)
        found, unresolved = axis.cells(column, exact)
        for row in unresolved.tolist():
            found[row] = axis.cell_of(reader.exact(parsed, positions[row], name))
        cells[:, a] = found
    return cells
