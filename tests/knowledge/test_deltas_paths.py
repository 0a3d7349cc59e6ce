"""The writes between two versions are found from the version each started at (kept by it as
they are recorded and let go): the newest write from a version is the one followed, a write let
go is no longer found, and a loop of versions ends the search."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from exportgraph.graph import deltas
from exportgraph.store import open_store

ONE = [Quad(NamedNode("urn:x:s"), NamedNode("urn:x:p"), Literal("o"))]


def test_paths_follow_the_newest_write_from_each_version(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(deltas, "KEPT_QUADS", 4)
    store = open_store("memory:")
    try:
        for before, after in (("v0", "v1"), ("v1", "v2"), ("v1", "w2"), ("w2", "w3")):
            deltas.remember(store, before, after, [], ONE)
        newest = deltas.between(store, "v1", "w3")
        assert newest is not None and [d.after for d in newest] == ["w2", "w3"]
        assert deltas.between(store, "v1", "v2") is None  # v1 -> w2 is the one kept from v1
        deltas.remember(store, "w3", "w4", [], ONE)  # 5 statements: v0 -> v1 is let go
        assert deltas.between(store, "v0", "w4") is None
        followed = deltas.between(store, "v1", "w4")
        assert followed is not None and [d.after for d in followed] == ["w2", "w3", "w4"]
        deltas.remember(store, "w4", "v1", [], ONE)  # back to v1: a loop, never an endless search
        assert deltas.between(store, "w2", "v0") is None
    finally:
        deltas.forget(store)
        store.close()


def test_a_reader_waits_for_the_write_it_sees_not_for_writes_to_stop(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Writers back to back always have a write in progress: a reader that sees a version whose
    delta is not recorded yet gets it as soon as it is, instead of waiting for a moment with no
    write in progress (SETTLE_S) — bug: an approval following another waited up to 2 s, then
    read the whole store."""
    import threading

    monkeypatch.setattr(deltas, "SETTLE_S", 60.0)
    store = open_store("memory:")
    started, release = threading.Event(), threading.Event()

    def write(before: str, after: str) -> None:
        with deltas.writing(store):
            started.set()
            assert release.wait(30)
            deltas.remember(store, before, after, [], ONE)

    def another_write_in_progress() -> None:
        with deltas.writing(store):
            assert done.wait(30)

    done = threading.Event()
    found: list[object] = []
    try:
        deltas.remember(store, "v0", "v1", [], ONE)
        other = threading.Thread(target=another_write_in_progress)
        other.start()
        writer = threading.Thread(target=write, args=("v1", "v2"))
        writer.start()
        assert started.wait(30)
        reader = threading.Thread(target=lambda: found.append(deltas.between(store, "v0", "v2")))
        reader.start()
        release.set()  # v1 -> v2 recorded; the other write is still in progress
        reader.join(20)
        assert not reader.is_alive(), "the reader waited for every write to end"
        path = found[0]
        assert isinstance(path, list) and [d.after for d in path] == ["v1", "v2"]
    finally:
        done.set()
        release.set()
        deltas.forget(store)
        store.close()
