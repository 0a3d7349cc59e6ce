"""Writes apply only at the version they were computed against — also on a remote SPARQL store."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pyoxigraph import Literal

from exportgraph import namespaces as ns
from exportgraph.errors import Conflict
from exportgraph.graph.journal import CHANGES_GRAPH, conditional_write, quad
from exportgraph.services.standards import changes
from exportgraph.services.users import User
from exportgraph.store import RdfSource, Store, open_store
from tests.conftest import Server

from .support import XX_COOL

ERIN, RITA = User("erin", "editor"), User("rita", "reviewer")


def test_a_write_computed_against_an_old_version_is_refused(fresh_store: Store) -> None:
    stale = fresh_store.data_version() or ""
    marker = ns.eg("marker")
    conditional_write(
        fresh_store,
        stale,
        "test",
        marker,
        insert=[quad(marker, marker, Literal("1"), CHANGES_GRAPH)],
    )
    before = set(fresh_store.triples(CHANGES_GRAPH))
    with pytest.raises(Conflict):
        conditional_write(
            fresh_store,
            stale,
            "test",
            marker,
            insert=[quad(marker, marker, Literal("2"), CHANGES_GRAPH)],
        )
    assert set(fresh_store.triples(CHANGES_GRAPH)) == before


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
