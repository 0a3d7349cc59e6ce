"""A release's statements are bulk-inserted before the update that describes it: a crash
between the two leaves no release (only graphs nothing refers to, dropped when the store is
opened again, or by the next release), and a write that fails leaves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from exportgraph.errors import Conflict, NotFound
from exportgraph.graph.closure import asserted_triples
from exportgraph.graph.journal import RELEASE_BASE
from exportgraph.services.standards import releases
from exportgraph.services.users import User
from exportgraph.store import Store, open_store
from exportgraph.store.pending import pending_graphs

from .test_local_writes import copy_with

ADA = User("ada", "admin")


class Crash(Exception):
    """The process dies here: nothing after it runs (no clean-up either)."""


def crash_release(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    """Publish release 1.0, the process dying between the bulk insert and the description."""

    def crash(*_: object, **__: object) -> None:
        raise Crash

    with monkeypatch.context() as m:
        m.setattr(releases, "conditional_write", crash)
        m.setattr(store, "drop_graphs", lambda names: None)  # killed: no clean-up
        with pytest.raises(Crash):
            releases.create_release(store, ADA, {"version": "1.0"})


def test_crash_between_the_bulk_insert_and_the_description_leaves_no_release(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert fresh_store.bulk_writes  # the embedded store takes the bulk path
    before = fresh_store.data_version()
    crash_release(fresh_store, monkeypatch)
    # the statements were written, yet no release is visible
    assert fresh_store.graphs_under(RELEASE_BASE) == [RELEASE_BASE + "1.0"]
    assert releases.list_releases(fresh_store) == []
    with pytest.raises(NotFound):
        releases.get_release(fresh_store, "1.0")
    assert fresh_store.data_version() == before

    # after the restart, the next release removes what the crash left and is whole
    releases.create_release(fresh_store, ADA, {"version": "2.0"})
    assert fresh_store.graphs_under(RELEASE_BASE) == [RELEASE_BASE + "2.0"]
    assert [r["version"] for r in releases.list_releases(fresh_store)] == ["2.0"]
    assert set(releases.release_triples(fresh_store, "2.0")) == set(asserted_triples(fresh_store))
    assert fresh_store.data_version() == before


def test_a_failed_description_write_removes_the_inserted_statements(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    def raced(*_: object, **__: object) -> None:
        raise Conflict("another write came first")

    with monkeypatch.context() as m:
        m.setattr(releases, "conditional_write", raced)
        with pytest.raises(Conflict):
            releases.create_release(fresh_store, ADA, {"version": "1.0"})
    assert fresh_store.graphs_under(RELEASE_BASE) == []
    assert releases.list_releases(fresh_store) == []
    # the same version can then be published, whole
    releases.create_release(fresh_store, ADA, {"version": "1.0"})
    assert set(releases.release_triples(fresh_store, "1.0")) == set(asserted_triples(fresh_store))


def graphs_seen_by_sparql(store: Store) -> set[str]:
    """The named graphs a raw SPARQL query sees."""
    rows = store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    return {str(getattr(row["g"], "value", row["g"])) for row in rows}


def test_the_graphs_a_crashed_release_left_are_gone_when_the_store_opens_again(
    fixture_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    uri = f"oxigraph:{tmp_path / 'store'}"
    store = copy_with(fixture_store, "", uri)
    before, graphs = store.data_version(), graphs_seen_by_sparql(store)
    crash_release(store, monkeypatch)
    assert store.graphs_under(RELEASE_BASE) == [RELEASE_BASE + "1.0"]  # written, no release
    store.close()  # the process is gone

    with open_store(uri) as store:  # the next process opens the store
        assert graphs_seen_by_sparql(store) == graphs  # not a statement of the release left
        assert releases.list_releases(store) == [] and store.data_version() == before
        assert pending_graphs(store) == []
        releases.create_release(store, ADA, {"version": "1.0"})  # the same version, whole
    with open_store(uri) as store:  # a release that went in is kept as it was
        seen = graphs_seen_by_sparql(store)
        assert {g for g in seen if g.startswith(RELEASE_BASE)} == {RELEASE_BASE + "1.0"}
        assert set(releases.release_triples(store, "1.0")) == set(asserted_triples(store))
        assert pending_graphs(store) == []
