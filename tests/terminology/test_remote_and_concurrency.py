"""Writes apply only at the version they were computed against — also on a remote SPARQL store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pyoxigraph import Literal

from exportgraph import namespaces as ns
from exportgraph.errors import Conflict
from exportgraph.graph import journal
from exportgraph.graph.journal import (
    CHANGES_GRAPH,
    JournalState,
    WriteRaced,
    conditional_write,
    quad,
    read_state,
)
from exportgraph.services.standards import changes
from exportgraph.services.users import User
from exportgraph.store import RdfSource, Store, open_store
from tests.conftest import Server

from .support import XX_COOL
from .write_pause import hooked

ERIN, RITA = User("erin", "editor"), User("rita", "reviewer")
ITALIAN = 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .'
FRENCH = 'parameter:cnot-error skos:altLabel "erreur C-NOT"@fr .'


MARKER = ns.eg("marker")


def mark(store: Store, state: JournalState, value: str, *, data: bool = False) -> JournalState:
    """A logged write of one statement: in the graph of change sets, or (`data`) in the graph."""
    graph = None if data else CHANGES_GRAPH
    statement = quad(MARKER, MARKER, Literal(value), graph)
    return conditional_write(store, state, "test", MARKER, insert=[statement], changes_data=data)


def test_a_write_computed_against_an_old_state_is_refused(fresh_store: Store) -> None:
    stale = read_state(fresh_store)
    written = mark(fresh_store, stale, "1")
    # a bookkeeping write moves the journal on, not the data version
    assert written == JournalState(stale.data_version, stale.sequence + 1)
    assert read_state(fresh_store) == written
    before = set(fresh_store.triples(CHANGES_GRAPH))
    with pytest.raises(WriteRaced):
        mark(fresh_store, stale, "2")
    with pytest.raises(WriteRaced):  # a refused data write moves nothing either
        mark(fresh_store, stale, "3", data=True)
    assert set(fresh_store.triples(CHANGES_GRAPH)) == before
    assert read_state(fresh_store) == written


def test_a_data_write_moves_the_data_version(fresh_store: Store) -> None:
    state = read_state(fresh_store)
    written = mark(fresh_store, state, "1", data=True)
    assert written.sequence == state.sequence + 1
    assert written.data_version not in ("", state.data_version)
    assert read_state(fresh_store) == written


def test_proposals_keep_the_data_version(fresh_store: Store) -> None:
    version = fresh_store.data_version()
    body = {"summary": "s", "rationale": "r", "base_version": version}
    first = changes.propose(fresh_store, ERIN, {**body, "add": ITALIAN})
    assert fresh_store.data_version() == version
    second = changes.propose(fresh_store, ERIN, {**body, "add": FRENCH})
    assert int(second["id"]) == int(first["id"]) + 1
    assert read_state(fresh_store).data_version == version


def test_an_approval_raced_by_another_process_is_recomputed(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another process's proposal lands between the approval's read and its write: the write
    is refused (nothing applied), recomputed against the new state, and then applied."""
    version = fresh_store.data_version()
    body = {"summary": "s", "rationale": "r", "base_version": version}
    change = changes.propose(fresh_store, ERIN, {**body, "add": ITALIAN})
    raced: list[str] = []

    def other_process(stage: str, action: str) -> None:
        if stage == "before" and action == "approve" and not raced:
            raced.append("proposal")  # as another process would: straight to the store
            changes.propose(fresh_store, ERIN, {**body, "add": FRENCH})

    monkeypatch.setattr(changes, "conditional_write", hooked(other_process))
    approved = changes.approve(fresh_store, RITA, change["id"])
    assert raced and approved["status"] == "approved"
    entries = journal.read_log(fresh_store)
    assert [e.action for e in entries] == ["propose", "propose", "approve"]
    assert [e.sequence for e in entries] == [1, 2, 3]
    assert fresh_store.data_version() != version
    labels = {
        row["l"].value  # type: ignore[union-attr]
        for row in fresh_store.select(
            f"SELECT ?l WHERE {{ <{ns.EGID}parameter/cnot-error> <{ns.SKOS}altLabel> ?l }}"
        )
    }
    assert "errore C-NOT" in labels and "erreur C-NOT" not in labels


@pytest.fixture
def remote_store(fixture_store: Store, oxigraph_server: Server) -> Iterator[Store]:
    """The fixture terminology on a real `oxigraph serve` on loopback, through the sparql: backend."""
    oxigraph_server.reset()
    store = open_store(f"sparql:{oxigraph_server.query_url}", update_url=oxigraph_server.update_url)
    dump = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in fixture_store.triples())
    inferred = "".join(
        f"{t.subject} {t.predicate} {t.object} <{ns.INFERRED_GRAPH}> .\n"
        for t in fixture_store.triples(ns.INFERRED_GRAPH)
    )
    store.replace_all(
        [
            RdfSource("fixture", dump.encode(), "application/n-triples"),
            RdfSource("inferred", inferred.encode(), "application/n-quads"),
        ]
    )
    yield store
    store.close()


@pytest.mark.remote
def test_change_sets_on_a_remote_store(remote_store: Store) -> None:
    base = remote_store.data_version()
    body = {"summary": "s", "rationale": "r", "base_version": base}
    first = changes.propose(
        remote_store,
        ERIN,
        {
            **body,
            "remove": f"{XX_COOL} eg:thresholdValue 100 .",
            "add": f"{XX_COOL} eg:thresholdValue 150 .",
        },
    )
    second = changes.propose(
        remote_store,
        ERIN,
        {
            **body,
            "remove": f"{XX_COOL} eg:thresholdValue 100 .",
            "add": f"{XX_COOL} eg:thresholdValue 120 .",
        },
    )
    assert changes.approve(remote_store, RITA, first["id"])["status"] == "approved"
    with pytest.raises(Conflict):
        changes.approve(remote_store, RITA, second["id"])
    rows = remote_store.select(f"SELECT ?v WHERE {{ {XX_COOL} <{ns.EG}thresholdValue> ?v }}")
    assert [row["v"].value for row in rows] == ["150"]  # type: ignore[union-attr]
