"""The streamed batch answer is checked against the shapes the OpenAPI documents (BatchItem, the
closing line): each distinct list of results once, every problem, and the closing counts; an answer
that breaks them stops instead of being sent."""

from __future__ import annotations

import json

import pytest
from exportgraph.api.routers.batch import CHECKS, JSON_EXAMPLE
from fastapi.testclient import TestClient
from pydantic import ValidationError

from exportgraph.knowledge.index import Knowledge
from exportgraph.presentation.batch import BatchClosingLine, Checks, json_chunks, ndjson_chunks
from exportgraph.services.partners import batch
from exportgraph.services.partners.batch import BatchItem, BatchRun, json_run
from exportgraph.services.partners.batch_rows import json_rows
from exportgraph.services.partners.synthetic import synthetic_items
from tests import real_graph

client = real_graph.client
context = real_graph.context
knowledge = real_graph.knowledge


class _Counting:
    """Checks that count what they were shown, then run the API's checks."""

    def __init__(self) -> None:
        self.items: list[BatchItem] = []
        self.closings: list[BatchClosingLine] = []

    def checks(self) -> Checks:
        def item(shown: BatchItem) -> None:
            self.items.append(shown)
            CHECKS.item(shown)

        def closing(line: BatchClosingLine) -> None:
            self.closings.append(line)
            CHECKS.closing(line)

        return Checks(item=item, closing=closing)


def test_each_distinct_result_list_and_every_problem_is_checked_once(
    knowledge: Knowledge,
) -> None:
    items = synthetic_items(knowledge, 3_000, seed=7, bad=0.02)
    counting = _Counting()
    run = BatchRun(knowledge, json_rows(items), ["US", "EU"], "2025-12-01")
    lines = b"".join(ndjson_chunks(run, counting.checks())).decode().splitlines()
    answered = [json.loads(line) for line in lines[:-1]]
    distinct = {json.dumps(a["results"], sort_keys=True) for a in answered if "results" in a}
    problems = [a for a in answered if "error" in a]
    assert len(answered) == len(items)
    # distinct lists may be equal in value but separate objects: at least one check each
    shown_results = [i for i in counting.items if "results" in i]
    assert len(distinct) <= len(shown_results) < len(items) - len(problems)
    assert [i["id"] for i in counting.items if "error" in i] == [p["id"] for p in problems]
    assert counting.closings == [json.loads(lines[-1])]


def test_json_answer_checks_its_closing_counts(knowledge: Knowledge) -> None:
    counting = _Counting()
    run = json_run(knowledge, JSON_EXAMPLE, max_items=10)
    body = json.loads(b"".join(json_chunks(run, counting.checks())))
    (closing,) = counting.closings
    assert closing["summary"] == body["summary"] and closing["errors"] == body["errors"] == 1
    assert closing["items"] == len(JSON_EXAMPLE["items"])


def test_an_answer_that_breaks_its_shape_is_not_sent(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    decide = batch.decide

    def broken(*args: object, **kwargs: object) -> object:
        found = decide(*args, **kwargs)  # type: ignore[arg-type]
        return [
            None if results is None else [{**v, "entries": " ".join(v["entries"])} for v in results]
            for results in found
        ]

    monkeypatch.setattr(batch, "decide", broken)
    for accept in ("application/json", "application/x-ndjson"):
        with pytest.raises(ValidationError, match="entries"):
            client.post("/v1/classify/batch", json=JSON_EXAMPLE, headers={"accept": accept})
