"""The what-if's loaded graph (scratch store, index, subject index) is kept with the knowledge
index the what-ifs are asked of: one copy per graph and index, never served for another graph,
gone with its index."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Mapping, Set

from pyoxigraph import Literal, NamedNode, Triple

from exportgraph.knowledge import sandbox
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.sandbox import loaded, of_changed, subjects_of
from exportgraph.knowledge.units import UnitCatalogue

LABEL = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
A, B = NamedNode("https://example.org/a"), NamedNode("https://example.org/b")


def _by_subject(graph: Set[Triple]) -> Mapping[str, Set[Triple]]:
    found: dict[str, set[Triple]] = {}
    for triple in graph:
        found.setdefault(triple.subject.value, set()).add(triple)
    return {subject: frozenset(triples) for subject, triples in found.items()}


def _index(version: str) -> Knowledge:
    return Knowledge(version, UnitCatalogue({}))


def test_the_subject_index_is_kept_with_the_loaded_graph_only() -> None:
    graph = frozenset({Triple(A, LABEL, Literal("a")), Triple(B, LABEL, Literal("b"))})
    other = frozenset({Triple(A, LABEL, Literal("another"))})
    knowledge = _index("v1")
    assert loaded(knowledge) is None
    of_changed(knowledge, graph, frozenset(), ())  # the graph loaded, as by a what-if
    assert loaded(knowledge) == graph
    kept = subjects_of(knowledge, graph, _by_subject)
    assert subjects_of(knowledge, frozenset(graph), _by_subject) is kept  # an equal graph
    assert kept == {
        A.value: {Triple(A, LABEL, Literal("a"))},
        B.value: {Triple(B, LABEL, Literal("b"))},
    }
    fresh = subjects_of(knowledge, other, _by_subject)  # another graph: loaded in its place
    assert fresh is not kept and fresh == {A.value: {Triple(A, LABEL, Literal("another"))}}
    assert loaded(knowledge) == other
    assert subjects_of(knowledge, graph, _by_subject) is not kept  # replaced: built again


def test_each_index_keeps_its_own_loaded_graph_and_it_goes_with_the_index() -> None:
    graph = frozenset({Triple(A, LABEL, Literal("a"))})
    changed = frozenset({Triple(A, LABEL, Literal("changed"))})
    old, new = _index("v1"), _index("v2")
    before = of_changed(old, graph, frozenset(), ())
    after = of_changed(new, changed, frozenset(), ())
    assert before is not None and after is not None and before is not after
    assert loaded(old) == graph and loaded(new) == changed
    # a what-if of the newer version does not displace the older one's graph, nor reuse it
    assert of_changed(old, graph, frozenset(), ()) is before
    base = weakref.ref(sandbox._slot(old))
    del old, before
    gc.collect()
    assert base() is None, "the loaded graph outlived its index"
