"""The what-if's subject index is kept with the sandbox's loaded graph only: one copy per graph,
never served for another graph."""

from __future__ import annotations

from collections.abc import Mapping, Set

from pyoxigraph import Literal, NamedNode, Triple

from exportgraph.knowledge.sandbox import of_changed, subjects_of


def _by_subject(graph: Set[Triple]) -> Mapping[str, Set[Triple]]:
    found: dict[str, set[Triple]] = {}
    for triple in graph:
        found.setdefault(triple.subject.value, set()).add(triple)
    return {subject: frozenset(triples) for subject, triples in found.items()}


def test_the_subject_index_is_kept_with_the_loaded_graph_only() -> None:
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    a, b = NamedNode("https://example.org/a"), NamedNode("https://example.org/b")
    graph = frozenset({Triple(a, label, Literal("a")), Triple(b, label, Literal("b"))})
    other = frozenset({Triple(a, label, Literal("another"))})
    of_changed(graph, frozenset(), ())  # the graph loaded, as by a what-if of its version
    kept = subjects_of(graph, _by_subject)
    assert subjects_of(frozenset(graph), _by_subject) is kept  # an equal graph: the same copy
    assert kept == {
        a.value: {Triple(a, label, Literal("a"))},
        b.value: {Triple(b, label, Literal("b"))},
    }
    fresh = subjects_of(other, _by_subject)
    assert fresh is not kept and fresh == {a.value: {Triple(a, label, Literal("another"))}}
    assert subjects_of(other, _by_subject) is not fresh  # not loaded: nothing kept for it
