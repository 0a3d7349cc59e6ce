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
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.errors import InvalidInput, Problem, problem_of
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.inputs import parse_date
from exportgraph.services.partners.batch_compiled import Results, compiled, decide
from exportgraph.services.partners.batch_items import ItemReader, Parsed, Row
from exportgraph.services.partners.batch_rows import check_count, json_rows
from exportgraph.services.partners.classify import resolve_jurisdictions

CHUNK = 25_000  # items decided together (and streamed together)
WHOLE = 250_000  # items decided together when the whole answer is wanted at once

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
