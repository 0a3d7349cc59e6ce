"""Graphs written ahead of the update referring to them (store/pending.py): a process that dies
in between leaves them marked, and opening the store drops them and their marks, the data version
untouched; graphs whose update went in (deleting the marks) are kept."""

from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode, Quad

from exportgraph.store import META_GRAPH, RdfSource, open_store
from exportgraph.store.pending import mark_pending, pending_graphs
from exportgraph.store.sparql_text import quad_block

P = NamedNode("https://example.org/p")
GRAPHS = ["https://example.org/g/1", "https://example.org/g/2"]


def statements(graph: str) -> list[Quad]:
    return [
        Quad(NamedNode(f"{graph}/s{i}"), P, NamedNode(graph), NamedNode(graph)) for i in range(3)
    ]


def test_graphs_a_dead_write_left_marked_are_dropped_when_the_store_opens(
    tmp_path: Path,
) -> None:
    uri = f"oxigraph:{tmp_path / 'store'}"
    with open_store(uri) as store:
        version = store.replace_all(
            [RdfSource("x", b"<urn:a> <urn:b> <urn:c> .", "application/n-triples")]
        )
        kept = statements("https://example.org/kept")
        store.insert_graphs(kept)  # written before marks existed: not the opening's business
        marks = mark_pending(store, GRAPHS)
        store.insert_graphs([q for g in GRAPHS for q in statements(g)])
        assert store.data_version() == version
        assert pending_graphs(store) == GRAPHS
        # the process dies here, before the update referring to the graphs
    with open_store(uri) as store:
        assert store.graphs_under("https://example.org/g/") == []
        assert pending_graphs(store) == []
        assert not [t for t in store.triples(META_GRAPH) if t.object in marks]
        assert store.graphs_under("https://example.org/kept") == ["https://example.org/kept"]
        assert store.data_version() == version


def test_graphs_whose_update_went_in_are_kept(tmp_path: Path) -> None:
    uri = f"oxigraph:{tmp_path / 'store'}"
    with open_store(uri) as store:
        store.replace_all([RdfSource("x", b"<urn:a> <urn:b> <urn:c> .", "application/n-triples")])
        marks = mark_pending(store, GRAPHS)
        store.insert_graphs([q for g in GRAPHS for q in statements(g)])
        # the update referring to them deletes the marks in its own transaction
        store.update(f"DELETE DATA {{\n{quad_block(marks)}\n}}", bookkeeping=True)
    with open_store(uri) as store:
        assert store.graphs_under("https://example.org/g/") == GRAPHS
        assert pending_graphs(store) == []
