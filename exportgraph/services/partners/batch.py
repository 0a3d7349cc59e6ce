"""Batch classification (contract §9): many items, one answer each, the same answers as
exportgraph.services.partners.classify gives one item at a time.

    run = BatchRun(knowledge, json_rows(items), jurisdictions, as_of)
    for answer in run: …           # {"id", "results": [{"jurisdiction", "controlled", "entries"}]}
    run.summary                    # {"US": {"true": n, "false": n, "unknown": n}, …}

How: items are read many at a time (batch_items), grouped by kind; per kind the cells of their
parameters among the thresholds they are tested against are found with numpy (knowledge.compiled);
items of the same signature (kind, facts, purpose, kind served) and cells have the same answer, which
the compiled decision (batch_plan) gives once for all of them. What is compiled — axes, plans, the
answers of signatures and cells already seen — is kept per data version and date with the knowledge
index (`Knowledge.derived`), so a second batch of the day starts warm.

A bad item (unknown kind, bad unit, a broken CSV row) is answered in its own place with its problem;
it never fails the others.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NotRequired

import numpy as np
from typing_extensions import TypedDict

from exportgraph.errors import InvalidInput, Limit, LimitExceeded, Problem, problem_of
from exportgraph.knowledge.compiled import Axis, kind_axes
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.inputs import parse_date
from exportgraph.services.partners.batch_items import ItemReader, Parsed, Row
from exportgraph.services.partners.batch_plan import BatchVerdict, Plan, Signature
from exportgraph.services.partners.classify import resolve_jurisdictions

CHUNK = 25_000  # items decided together (and streamed together)
WHOLE = 250_000  # items decided together when the whole answer is wanted at once
MAX_ID = 500  # characters of an item id
_DATES = 8  # dates whose compiled state is kept per data version
_KNOWN = 200_000  # answers of (signature, cells) kept per date
Results = list[BatchVerdict]
Tally = dict[str, int]


class BatchItem(TypedDict):
    """One line of a batch answer: the item's id and its results, or its problem."""

    id: object
    results: NotRequired[Results]
    error: NotRequired[Problem]


class BatchAnswer(TypedDict):
    data_version: str
    as_of: str
    jurisdictions: list[str]
    items: list[BatchItem]
    summary: dict[str, Tally]
    errors: int


# ---------------------------------------------------------------------------- compiled state


class Compiled:
    """The compiled state of one data version and date: the axes of each chain of kinds (an
    item's kind and the kinds it serves), one plan per signature class (signatures whose
    entries' atoms agree share one), and the answers already given per (jurisdictions, plan,
    cells)."""

    def __init__(self, knowledge: Knowledge, on: dt.date) -> None:
        self.knowledge = knowledge
        self.on = on
        self._axes: dict[tuple[str, ...], tuple[Axis, ...]] = {}
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
            thresholds: dict[str, set[Decimal]] = {}
            for kind in chain:
                for name, axis in kind_axes(self.knowledge, kind, self.on).items():
                    thresholds.setdefault(name, set()).update(axis.thresholds)
            order = list(self.knowledge.notations("parameters"))
            names = sorted(
                thresholds, key=lambda n: (order.index(n) if n in order else len(order), n)
            )
            found = tuple(Axis.of(name, thresholds[name]) for name in names)
            self._axes[chain] = found
        return found

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
    state: Compiled, reader: ItemReader, parsed: Parsed, codes: Sequence[str]
) -> list[Results | None]:
    """The results of every parsed item (None for an item in error), one verdict per code."""
    out: list[Results | None] = [None] * len(parsed)
    signatures = reader.signatures
    chain_of = [signature.chain for signature in signatures]
    plan_of = [state.plan_id(signature) for signature in signatures]
    by_chain: dict[tuple[str, ...], list[int]] = {}
    for position, signature in enumerate(parsed.signatures):
        if signature >= 0:
            by_chain.setdefault(chain_of[signature], []).append(position)
    codes_key = tuple(codes)
    for chain, positions in by_chain.items():
        axes = state.axes(chain)
        cells = _cells(axes, reader, parsed, positions)
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


# ---------------------------------------------------------------------------- reading


def json_rows(items: object, field: str = "items") -> Iterator[Row]:
    """The rows of a JSON batch: `[{"id": …, "item": {…}}, …]` (each checked on its own;
    InvalidInput at once when `items` is not an array)."""
    if not isinstance(items, list):
        raise InvalidInput(f"{field}: expected an array of {{id, item}} objects", field=field)
    return _json_rows(items, field)


def _json_rows(items: list[object], field: str) -> Iterator[Row]:
    for index, entry in enumerate(items):
        if type(entry) is dict and len(entry) == 2 and "item" in entry:
            item_id = entry.get("id")
            if (type(item_id) is str and 0 < len(item_id) <= MAX_ID and item_id.strip()) or (
                type(item_id) is int
            ):
                yield Row(
                    item_id, entry["item"], index if field == "items" else f"{field}[{index}].item"
                )
                continue
        yield _json_row(entry, f"{field}[{index}]")


def _json_row(entry: object, where: str) -> Row:
    """A row whose wrapper is not the plain {"id", "item"}: checked field by field."""
    if not isinstance(entry, Mapping):
        return Row(
            None,
            None,
            where,
            InvalidInput(f"{where}: expected an object with id and item", field=where),
        )
    item_id = entry.get("id")
    if not valid_id(item_id):
        return Row(
            None,
            None,
            where,
            InvalidInput(
                f"{where}.id: expected a non-empty string (at most {MAX_ID} characters) or an "
                f"integer, got {_show(item_id)}",
                field=f"{where}.id",
            ),
        )
    unknown = sorted(str(key) for key in entry if key not in ("id", "item"))
    if unknown:
        return Row(
            item_id,
            None,
            where,
            InvalidInput(f"{where}: unknown field(s) {', '.join(unknown)}", field=where),
        )
    if "item" not in entry:
        return Row(
            item_id,
            None,
            where,
            InvalidInput(f"{where}.item: an item is required", field=f"{where}.item"),
        )
    return Row(item_id, entry["item"], f"{where}.item")


def valid_id(value: object) -> bool:
    """An item id: a non-empty string of at most MAX_ID characters, or an integer."""
    if isinstance(value, str):
        return len(value.strip()) > 0 and len(value) <= MAX_ID
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


# ---------------------------------------------------------------------------- running


@dataclass
class BatchRun:
    """One batch: iterate it for the items' answers (in the order given, chunk by chunk); the
    summary is complete once the iteration is. Jurisdictions and date are checked on creation."""

    knowledge: Knowledge
    rows: Iterable[Row]
    jurisdictions: Sequence[str] | None = None
    as_of: dt.date | str | None = None
    progress: Callable[[int], None] | None = None
    chunk: int = CHUNK
    total: int | None = None  # the number of items, when known before the run
    codes: list[str] = field(init=False)
    on: dt.date = field(init=False)
    summary: dict[str, Tally] = field(init=False)
    errors: int = field(init=False, default=0)
    count: int = field(init=False, default=0)

    def __post_init__(self) -> None:
        self.on = parse_date(self.as_of, "as_of")
        self.codes = resolve_jurisdictions(self.knowledge, self.jurisdictions)
        self.summary = {code: {"true": 0, "false": 0, "unknown": 0} for code in self.codes}
        self.reader = ItemReader(self.knowledge)
        self.state = compiled(self.knowledge, self.on)

    @property
    def data_version(self) -> str:
        return self.knowledge.version

    def __iter__(self) -> Iterator[BatchItem]:
        parsed = Parsed()
        pending: list[Row] = []
        for row in self.rows:
            pending.append(row)
            if len(pending) >= self.chunk:
                self.reader.read(parsed, pending)
                yield from self._answer(parsed)
                parsed, pending = Parsed(), []
        if pending:
            self.reader.read(parsed, pending)
            yield from self._answer(parsed)

    def _answer(self, parsed: Parsed) -> Iterator[BatchItem]:
        results = decide(self.state, self.reader, parsed, self.codes)
        tallies: Counter[int] = Counter()
        lists: dict[int, Results] = {}
        answers: list[BatchItem] = []
        for position, found in enumerate(results):
            item_id = parsed.ids[position]
            if found is None:
                self.errors += 1
                answers.append({"id": item_id, "error": problem_of(parsed.errors[position])})
            else:
                tallies[id(found)] += 1
                lists[id(found)] = found
                answers.append({"id": item_id, "results": found})
        for key, count in tallies.items():
            for verdict in lists[key]:
                self.summary[verdict["jurisdiction"]][str(verdict["controlled"]).lower()] += count
        self.count += len(parsed)
        if self.progress is not None:
            self.progress(self.count)
        yield from answers

    def answer(self) -> BatchAnswer:
        """Run the whole batch: every item's answer and the summary."""
        items = list(self)
        return {
            "data_version": self.data_version,
            "as_of": self.on.isoformat(),
            "jurisdictions": self.codes,
            "items": items,
            "summary": self.summary,
            "errors": self.errors,
        }


def check_count(count: int, limit: int, field: str = "items") -> None:
    """LimitExceeded (422) for a batch of more than `limit` items."""
    if count > limit:
        raise LimitExceeded(
            f"{field}: {count:,} items; at most {limit:,} are accepted in one request (split it; "
            "the limit is set by EXPORTGRAPH_MAX_BULK_ITEMS)",
            field=field,
            limit=Limit("EXPORTGRAPH_MAX_BULK_ITEMS", limit, "items"),
        )


def json_run(
    knowledge: Knowledge,
    body: object,
    *,
    max_items: int,
    jurisdictions: Sequence[str] | None = None,
    as_of: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchRun:
    """A batch from a JSON body `{"items": […], "jurisdictions": […], "as_of": "…"}`;
    jurisdictions and date may come instead from the query (not both)."""
    if not isinstance(body, Mapping):
        raise InvalidInput('the body must be a JSON object with "items"', field="body")
    unknown = sorted(str(key) for key in body if key not in ("items", "jurisdictions", "as_of"))
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(unknown)}", field=unknown[0])
    if "items" not in body:
        raise InvalidInput('items: required (an array of {"id", "item"})', field="items")
    for name, given in (("jurisdictions", jurisdictions), ("as_of", as_of)):
        if given is not None and body.get(name) is not None:
            raise InvalidInput(
                f"{name}: given both in the body and in the query; give it once", field=name
            )
    items = body["items"]
    rows = json_rows(items)
    check_count(len(items), max_items)
    return BatchRun(
        knowledge,
        rows,
        body.get("jurisdictions", jurisdictions),
        body.get("as_of", as_of),
        progress,
        total=len(items),
    )


def classify_batch(
    knowledge: Knowledge,
    items: object,
    jurisdictions: Sequence[str] | None = None,
    as_of: dt.date | str | None = None,
) -> BatchAnswer:
    """Classify a JSON batch (`[{"id", "item"}, …]`) on a knowledge index."""
    return BatchRun(knowledge, json_rows(items), jurisdictions, as_of, chunk=WHOLE).answer()
