"""Once writes pause, a served app prepares the newest data version's what-if base (what the
first review page of a pending change waits for: 4.1 s after an approval, measured), and never
while writes come back to back; the tests' apps (not served) never do."""

from __future__ import annotations

import threading
import time
from dataclasses import replace

from exportgraph.api.after_writes import AFTER_WRITES, QUIET_SECONDS, AfterWrites
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge import current as indexes
from exportgraph.settings import Settings
from exportgraph.store import Store

from .support import Accounts, propose

QUIET = 0.3


class Recorder:
    def __init__(self) -> None:
        self.prepared: list[tuple[str, float]] = []
        self.done = threading.Event()

    def __call__(self, context: Context) -> None:
        self.prepared.append((context.settings.store_uri, time.monotonic()))
        self.done.set()


def _context(name: str) -> Context:
    return Context(replace(Settings.from_env(), store_uri=name))


def test_back_to_back_writes_are_prepared_once_after_the_last() -> None:
    recorder = Recorder()
    preparer = AfterWrites(quiet=QUIET, prepare=recorder)
    served, other = _context("memory:served"), _context("memory:other")
    preparer.serve(served)
    for _ in range(5):
        time.sleep(QUIET / 10)
        preparer.written(other)  # not served: ignored
        preparer.written(served)
        last = time.monotonic()
    assert recorder.done.wait(10)
    time.sleep(QUIET * 2)
    assert [uri for uri, _ in recorder.prepared] == ["memory:served"]
    assert recorder.prepared[0][1] >= last + QUIET * 0.9


def test_a_context_left_is_not_prepared() -> None:
    recorder = Recorder()
    preparer = AfterWrites(quiet=QUIET, prepare=recorder)
    context = _context("memory:left")
    preparer.serve(context)
    preparer.written(context)
    preparer.leave(context)
    time.sleep(QUIET * 2)
    assert recorder.prepared == []


def test_a_served_app_prepares_the_what_if_base_of_the_approved_version(
    fresh_store: Store, accounts: Accounts
) -> None:
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(accounts.path))
    context = Context(settings, store=fresh_store)
    AFTER_WRITES.quiet = QUIET
    try:
        app = create_app(context, warm=True)
        with TestClient(app) as client:
            app.state.warm_up.thread.join(60)  # the start-up warm-up prepared the first version
            change = propose(client, accounts, "erin", add='parameter:cnot-error skos:altLabel "x"@it .')  # fmt: skip
            approved = client.post(
                f"/v1/changes/{change.json()['id']}/approve", headers=accounts.auth("rita")
            )
            assert approved.status_code == 200, approved.text
            knowledge = indexes.latest(fresh_store)
            assert knowledge is not None and knowledge.version == fresh_store.data_version()

            def not_prepared(_: object) -> frozenset[object]:
                raise AssertionError("the what-if base was not prepared")

            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    knowledge.derived("impact.asserted", not_prepared)
                    break
                except AssertionError:
                    time.sleep(0.2)
            assert knowledge.derived("impact.asserted", not_prepared)
    finally:
        AFTER_WRITES.quiet = QUIET_SECONDS
