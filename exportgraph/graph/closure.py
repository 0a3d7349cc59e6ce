"""The OWL 2 RL closure after a change set: what to delete and insert so the default graph holds
the new asserted graph plus its closure, and the inferred copy stays recoverable."""

from __future__ import annotations

import pyoxigraph
from pyoxigraph import DefaultGraph, Quad, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.reasoning import Engine, materialize
from exportgraph.store import GraphName


def closure_delta(
    asserted_before: set[Triple],
    inferred_before: set[Triple],
    asserted_after: set[Triple],
    engine: Engine = "reasonable",
) -> tuple[list[Quad], list[Quad]]:
    """The quads to delete and insert so that the default graph holds asserted_after plus its
    OWL 2 RL closure and INFERRED_GRAPH holds that closure (used after a change set)."""
    inferred_after = set(materialize(sorted(asserted_after, key=str), engine).inferred)
    inferred_after -= asserted_after
    default_before = asserted_before | inferred_before
    default_after = asserted_after | inferred_after
    graph = pyoxigraph.NamedNode(ns.INFERRED_GRAPH)

    def quads(triples: set[Triple], name: GraphName) -> list[Quad]:
        return [Quad(t.subject, t.predicate, t.object, name) for t in sorted(triples, key=str)]

    delete = quads(default_before - default_after, DefaultGraph()) + quads(
        inferred_before - inferred_after, graph
    )
    insert = quads(default_after - default_before, DefaultGraph()) + quads(
        inferred_after - inferred_before, graph
    )
    return delete, insert
