"""Graphs written ahead of the update that makes them part of the data (a release's statements,
bulk-inserted by Store.insert_graphs before the update naming the release).

They are marked as pending in the bookkeeping graph before they are written; the update that
refers to them deletes the marks in its own transaction. A process that dies in between leaves
the marks, and the next one to open the store drops the graphs they name (and the marks) before
anything reads it: users see the graphs with the update that refers to them, or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad

from exportgraph.store.base import Store
from exportgraph.store.sparql_text import graph_node, graph_text, quad_block
from exportgraph.store.terms import META_GRAPH, STORE_ID

PENDING = "https://w3id.org/exportgraph/ontology#pendingGraph"
"""Predicate linking :data:`STORE_ID` to a graph written ahead of the update referring to it."""


def marks(names: Iterable[str]) -> list[Quad]:
    """The bookkeeping statements marking the graphs `names` as pending."""
    meta, store_id, pending = NamedNode(META_GRAPH), NamedNode(STORE_ID), NamedNode(PENDING)
    return [Quad(store_id, pending, graph_node(name), meta) for name in sorted(set(names))]


def mark_pending(store: Store, names: Iterable[str]) -> list[Quad]:
    """Mark the graphs `names` as pending, before writing them (the data version stays).
    Returns the marks: the update that refers to the graphs deletes them."""
    written = marks(names)
    if written:
        store.update(f"INSERT DATA {{\n{quad_block(written)}\n}}", bookkeeping=True)
    return written


def pending_graphs(store: Store) -> list[str]:
    """The graphs marked pending (written, or being written, by a write not yet complete)."""
    return sorted(
        t.object.value
        for t in store.triples(META_GRAPH)
        if t.predicate.value == PENDING and isinstance(t.object, NamedNode)
    )


def drop_pending(store: Store) -> list[str]:
    """Drop the graphs a write that did not complete left marked pending, and their marks, in
    one update (the data version stays: they were never part of the data). Call it only where
    no write of this store is under way (when the store opens). Returns the graphs dropped."""
    names = pending_graphs(store)
    if names:
        drops = "".join(f"DROP SILENT {graph_text(graph_node(n))} ;\n" for n in names)
        store.update(f"{drops}DELETE DATA {{\n{quad_block(marks(names))}\n}}", bookkeeping=True)
    return names
