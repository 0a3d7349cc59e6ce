"""A served app computes at start-up, in the background, what the first terminology write is
checked against (the whole-graph report): the first proposal and approval after a start do not
compute it, a write arriving meanwhile waits for the computation in progress instead of starting
another, and /healthz and reads answer while it runs."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Collection, Iterator
from dataclasses import replace

import pytest
from exportgraph.api.app import create_app
from exportgraph.api.routers.ui import forms
from fastapi.testclient import TestClient
from pyoxigraph import Triple

from exportgraph.graph import version_cache
from exportgraph.graph.context import Context
from exportgraph.knowledge import sandbox
from exportgraph.knowledge import search_index as search_index_module
from exportgraph.knowledge.current import current
from exportgraph.knowledge.screening import screening_index
from exportgraph.services.standards import change_check
from exportgraph.services.standards.impact import current_asserted
from exportgraph.settings import Settings
from exportgraph.store import Store

from .support import Accounts, propose

LABEL = 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .'


class Computations:
    """Who computed a whole-graph check state, optionally held until released."""

    def __init__(self, hold: bool) -> None:
        self.threads: list[str] = []
        self.started = threading.Event()
        self.release = threading.Event()
        if not hold:
            self.release.set()


@pytest.fixture
def whole(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Computations:
    seen = Computations(hold=getattr(request, "param", False))
    real = change_check.whole_state
    # no check of the fixture's data version kept in this process (another test may have
    # checked a copy of it): the warm-up has it to compute
    monkeypatch.setattr(version_cache, "_in_process", {})

    def counting(triples: Collection[Triple]) -> change_check.CheckState:
        seen.threads.append(threading.current_thread().name)
        seen.started.set()
        assert seen.release.wait(60)
        return real(triples)

    monkeypatch.setattr(change_check, "whole_state", counting)
    return seen


@pytest.fixture
def served(fresh_store: Store, accounts: Accounts) -> Iterator[TestClient]:
    """The fixture terminology served as `exportgraph serve` serves it (warmed up)."""
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(accounts.path))
    with TestClient(create_app(Context(settings, store=fresh_store), warm=True)) as client:
        yield client


def _approve(client: TestClient, accounts: Accounts) -> None:
    proposed = propose(client, accounts, "erin", add=LABEL, summary="Italian label")
    assert proposed.status_code == 201, proposed.text
    assert proposed.json()["report"]["conforms"] is True
    change = proposed.json()["id"]
    approved = client.post(f"/v1/changes/{change}/approve", headers=accounts.auth("rita"))
    assert approved.status_code == 200 and approved.json()["status"] == "approved"


def test_the_first_write_finds_the_check_computed_at_start_up(
    whole: Computations, served: TestClient, accounts: Accounts
) -> None:
    served.app.state.warm_up.thread.join(60)  # type: ignore[attr-defined]
    assert whole.threads == ["exportgraph-warm-up"]
    _approve(served, accounts)
    # neither the proposal nor the approval computed the whole-graph check
    assert whole.threads == ["exportgraph-warm-up"]


def test_the_warm_up_also_prepares_screening_and_the_what_if_base(
    fresh_store: Store, accounts: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first screening (seconds to index the restricted-party list), the first review page
    of a pending change (the what-if sandbox's base index), the classify form's fields and the
    first search do not compute them either."""
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(accounts.path))
    with TestClient(create_app(Context(settings, store=fresh_store), warm=True)) as client:
        client.app.state.warm_up.thread.join(120)  # type: ignore[attr-defined]
        knowledge = current(client.app.state.context)  # type: ignore[attr-defined]

        def computed(*_: object) -> None:
            raise AssertionError("computed after the warm-up")

        monkeypatch.setattr(forms, "_parameter_fields", computed)
        monkeypatch.setattr(search_index_module, "build_search_index", computed)
        assert forms.parameter_fields(knowledge)
        assert search_index_module.search_index(knowledge, fresh_store) is not None
        # what-ifs of this version start from the kept asserted graph, loaded in the sandbox
        assert sandbox.loaded(knowledge) == current_asserted(fresh_store, knowledge)
        assert screening_index() is screening_index()  # built once, kept
        # what was built lives on: full collections no longer walk it
        assert gc.get_freeze_count() > 0
    gc.unfreeze()  # the rest of this test process collects as before


@pytest.mark.parametrize("whole", [True], indirect=True)
def test_a_write_during_the_warm_up_waits_for_it_and_health_and_reads_answer(
    whole: Computations,
    served: TestClient,
    accounts: Accounts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert whole.started.wait(60)  # the warm-up is computing the check (held there)
    assert served.get("/healthz").status_code == 200
    assert served.get("/v1/jurisdictions").status_code == 200
    done: list[BaseException | None] = []

    def write() -> None:
        try:
            _approve(served, accounts)
            done.append(None)
        except BaseException as error:  # reported by the test thread
            done.append(error)

    arrived = threading.Event()
    real = change_check.state_for

    def arriving(store: Store) -> change_check.CheckState:
        arrived.set()
        return real(store)

    monkeypatch.setattr(change_check, "state_for", arriving)
    writer = threading.Thread(target=write)
    writer.start()
    assert arrived.wait(60)  # the proposal asks for the check while the warm-up computes it
    assert not done
    whole.release.set()
    writer.join(60)
    assert done == [None]
    assert whole.threads == ["exportgraph-warm-up"]  # computed once, by the warm-up


def test_an_app_not_served_does_not_warm_up(fresh_store: Store, accounts: Accounts) -> None:
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(accounts.path))
    with TestClient(create_app(Context(settings, store=fresh_store))) as client:
        assert client.app.state.warm_up is None  # type: ignore[attr-defined]


def test_the_served_app_lets_writes_resume_sooner(fresh_store: Store, accounts: Accounts) -> None:
    """Served, the interpreter switches threads every EXPORTGRAPH_SWITCH_INTERVAL_MS (a write's
    thread resumes sooner beside a busy event loop); the process's own interval comes back when
    the app stops, and an app not served leaves it alone."""
    before = sys.getswitchinterval()
    settings = replace(
        Settings.from_env(),
        store_uri="memory:",
        users_file=str(accounts.path),
        switch_interval_ms=2.0,
    )
    with TestClient(create_app(Context(settings, store=fresh_store), warm=True)):
        assert sys.getswitchinterval() == pytest.approx(0.002)
    assert sys.getswitchinterval() == before
    with TestClient(create_app(Context(settings, store=fresh_store))):
        assert sys.getswitchinterval() == before


@pytest.mark.parametrize("text", ["0", "-1", "soon", "inf"])
def test_a_switch_interval_not_above_0_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("EXPORTGRAPH_SWITCH_INTERVAL_MS", text)
    with pytest.raises(ValueError, match="EXPORTGRAPH_SWITCH_INTERVAL_MS must be a number above 0"):
        Settings.from_env()
