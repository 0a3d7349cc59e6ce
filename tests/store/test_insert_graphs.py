"""Store.insert_graphs: named graphs added, the data version left alone; refused for the default graph."""

from __future__ import annotations

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Quad

from exportgraph.store import RdfSource
from exportgraph.store.embedded import EmbeddedStore

G = NamedNode("https://example.org/g")


def quads(n: int) -> list[Quad]:
    p = NamedNode("https://example.org/p")
    return [
        Quad(NamedNode(f"https://example.org/s{i}"), p, NamedNode("https://example.org/o"), G)
        for i in range(n)
    ]


def test_insert_graphs_keeps_the_version_and_drop_graphs_removes_them() -> None:
    store = EmbeddedStore()
    version = store.replace_all(
        [RdfSource("x", b"<urn:a> <urn:b> <urn:c> .", "application/n-triples")]
    )
    store.insert_graphs(quads(50))
    assert store.triple_count(G.value) == 50 and store.data_version() == version
    assert store.graphs_under("https://example.org/") == [G.value]
    store.drop_graphs([G.value, "https://example.org/absent"])
    assert store.graphs_under("https://example.org/") == [] and store.data_version() == version


def test_insert_graphs_refuses_the_default_graph_and_writes_nothing() -> None:
    store = EmbeddedStore()
    bad = [*quads(3), Quad(G, G, G, DefaultGraph())]
    with pytest.raises(ValueError, match="named graphs only"):
        store.insert_graphs(bad)
    assert store.graphs_under("https://example.org/") == []
