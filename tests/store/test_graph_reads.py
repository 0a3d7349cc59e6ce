"""Whole-graph reads: `triples` of a graph and `default_triples_outside` (the asserted statements:
the default graph less the inferred graph). Every backend answers them alike; the embedded store
reads its indexes without a query, and falls back to the one-snapshot query when a write of this
process began or ended between its two reads."""

from __future__ import annotations

import threading

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad, Triple

from exportgraph.store import Store, open_store
from exportgraph.store.base import Store as BaseStore
from exportgraph.store.embedded import EmbeddedStore

EX = "urn:test:"
INFERRED = EX + "inferred"
A, B, C = (Triple(NamedNode(EX + s), NamedNode(EX + "p"), Literal(s)) for s in "abc")


def _fill(store: Store) -> None:
    store.replace_all([])
    store.apply(
        insert=[
            *(Quad(t.subject, t.predicate, t.object, DefaultGraph()) for t in (A, B, C)),
            Quad(C.subject, C.predicate, C.object, NamedNode(INFERRED)),
        ]
    )


def test_triples_and_the_default_graph_outside_a_graph(store: Store) -> None:
    _fill(store)
    assert set(store.triples()) == {A, B, C}
    assert set(store.triples(INFERRED)) == {C}
    assert set(store.triples(EX + "nothing")) == set()
    assert sorted(store.default_triples_outside(INFERRED), key=str) == [A, B]
    assert set(store.default_triples_outside(EX + "nothing")) == {A, B, C}


def test_the_embedded_reads_equal_the_queries() -> None:
    with open_store("memory:") as store:
        _fill(store)
        assert isinstance(store, EmbeddedStore)
        assert set(store.triples()) == set(BaseStore.triples(store))
        assert set(store.triples(INFERRED)) == set(BaseStore.triples(store, INFERRED))
        assert set(store.default_triples_outside(INFERRED)) == set(
            BaseStore.default_triples_outside(store, INFERRED)
        )


def test_a_write_between_the_two_reads_makes_the_embedded_store_ask_the_query(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with open_store("memory:") as store:
        _fill(store)
        assert isinstance(store, EmbeddedStore)
        read = EmbeddedStore.triples
        asked: list[str] = []
        written = threading.Event()

        def write_after_the_first_read(self: EmbeddedStore, graph: str | None = None) -> object:
            found = read(self, graph)
            if not written.is_set():  # an approval lands between the two reads: C asserted
                written.set()
                self.apply(delete=[Quad(C.subject, C.predicate, C.object, NamedNode(INFERRED))])
            return found

        query = BaseStore.default_triples_outside

        def by_query(self: EmbeddedStore, graph: str) -> object:
            asked.append(graph)
            return query(self, graph)

        monkeypatch.setattr(EmbeddedStore, "triples", write_after_the_first_read)
        monkeypatch.setattr(BaseStore, "default_triples_outside", by_query)
        found = set(store.default_triples_outside(INFERRED))
        # the first attempt mixed two states; the second read one state after the write
        assert found == {A, B, C}
        assert asked == []  # a retry without writes needed no query

        written.clear()

        def always_writing(self: EmbeddedStore) -> int | None:
            return None  # a write under way at every attempt

        monkeypatch.setattr(EmbeddedStore, "_quiet_generation", always_writing)
        assert set(store.default_triples_outside(INFERRED)) == {A, B, C}
        assert asked == [INFERRED]
