"""The embedded store is written by this process only, so what it reads of its bookkeeping (the
journal state every SPARQL request and every write reads) is kept until its next write: after
thousands of writes that read sat among as many deleted statements and cost more than the query
it served. Every kind of write renews it; a write landing during a read keeps nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from exportgraph.graph.journal import CHANGES_GRAPH, conditional_write, read_state
from exportgraph.store import Store, open_store

S, P = NamedNode("urn:test:s"), NamedNode("urn:test:p")


@pytest.fixture
def store() -> Iterator[Store]:
    found = open_store("memory:")
    found.replace_all([])
    yield found
    found.close()


def _counting(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    seen: list[str] = []
    select = store.select

    def counted(sparql: str) -> object:
        if "journalSequence" in sparql:
            seen.append(sparql)
        return select(sparql)

    monkeypatch.setattr(store, "select", counted)
    return seen


def test_the_journal_state_is_read_once_until_the_next_write(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    reads = _counting(store, monkeypatch)
    first = read_state(store)
    assert read_state(store) == first and read_state(store) == first
    assert len(reads) == 1
    after = conditional_write(
        store, first, "approve", S, [], [Quad(S, P, Literal("x"))], changes_data=True
    )
    assert read_state(store) == after != first
    assert len(reads) == 2
    # a bookkeeping write (a proposal: the data version stays) renews it too
    logged = conditional_write(
        store, after, "propose", S, [], [Quad(S, P, Literal("y"), NamedNode(CHANGES_GRAPH))]
    )
    assert logged.data_version == after.data_version and logged.sequence == after.sequence + 1
    assert read_state(store) == logged
    assert len(reads) == 3


def test_a_write_during_the_read_keeps_nothing(store: Store) -> None:
    calls = []

    def read_while_writing() -> int:
        calls.append(1)
        store.apply(insert=[Quad(S, P, Literal(str(len(calls))))])
        return len(calls)

    assert store.until_write("probe", read_while_writing) == 1
    assert store.until_write("probe", read_while_writing) == 2  # read again: nothing kept
    assert store.until_write("probe", lambda: 99) == 99


def test_stores_written_by_others_read_every_time(store: Store) -> None:
    # the base class (remote stores, wrappers) keeps nothing
    values = iter(range(10))
    assert Store.until_write(store, "probe", lambda: next(values)) == 0
    assert Store.until_write(store, "probe", lambda: next(values)) == 1


def test_a_write_landing_while_the_version_is_read_is_never_hidden(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # found under mixed load: a reader read the version before a write, the write landed, the
    # writer built the index of its new version, and the reader, given the older version, built
    # that one over it. Here the write lands during the reader's query.
    state = read_state(store)
    before = store.data_version()
    written: list[str] = []
    select = store.select

    def write_meanwhile(sparql: str) -> object:
        found = select(sparql)  # the version before the write
        if "dataVersion" in sparql and not written:
            written.append("")  # once: the write's own reads go through here too
            after = conditional_write(
                store, state, "approve", S, [], [Quad(S, P, Literal("y"))], changes_data=True
            )
            written[0] = after.data_version
        return found

    store.until_write("x", lambda: None)  # nothing cached: the version is read
    monkeypatch.setattr(store, "select", write_meanwhile)
    monkeypatch.setattr(store, "_version", None)
    seen = store.data_version()
    assert written and seen == written[0] != before
