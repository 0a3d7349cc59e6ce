"""The cyclic collector is paused for a bulk computation and enabled again after it, also after
an error, when blocks nest or overlap in threads, and left off when it was off before."""

from __future__ import annotations

import gc
import threading
from typing import Any

import pytest

from exportgraph import collector
from exportgraph.errors import ExportgraphError
from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.standards import impact as impact_module
from tests.batch.test_impact import AS_OF, TIGHTER


def test_paused_for_the_block_and_enabled_after_it() -> None:
    assert gc.isenabled()
    with collector.paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_enabled_again_after_an_error() -> None:
    with pytest.raises(RuntimeError), collector.paused():
        raise RuntimeError("the computation failed")
    assert gc.isenabled()


def test_overlapping_blocks_share_one_pause() -> None:
    inner_started, outer_done = threading.Event(), threading.Event()
    seen: list[bool] = []

    def other() -> None:
        with collector.paused():
            inner_started.set()
            outer_done.wait(5)
            seen.append(gc.isenabled())  # the first block ended: still paused for this one

    thread = threading.Thread(target=other)
    with collector.paused():
        thread.start()
        inner_started.wait(5)
    outer_done.set()
    thread.join(5)
    assert seen == [False]
    assert gc.isenabled()


def test_left_off_when_it_was_off_before() -> None:
    gc.disable()
    try:
        with collector.paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_what_if_runs_with_the_collector_paused(
    context: Context, knowledge: Knowledge, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[bool] = []
    compare = impact_module.compare

    def watched(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.isenabled())
        return compare(*args, **kwargs)

    monkeypatch.setattr(impact_module, "compare", watched)
    corpus = [{"id": "qc", "item": {"kind": "quantum-computer", "parameters": {}}}]
    body = {"change": TIGHTER, "corpus": corpus, "jurisdictions": ["EU"], "as_of": AS_OF}
    impact_module.impact(context.store, knowledge, body, max_items=10)
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(ExportgraphError):
        impact_module.impact(context.store, knowledge, {**body, "as_of": "x"}, max_items=10)
    assert gc.isenabled()
