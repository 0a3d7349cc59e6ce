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
