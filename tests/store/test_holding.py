"""A scratch memory store holds exactly the triples it is given, blank nodes as given."""

from __future__ import annotations

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Triple

from exportgraph.store import memory_store_of
from exportgraph.store.embedded import EmbeddedStore

P = NamedNode("urn:x:p")


def _held(store: EmbeddedStore) -> set[Triple]:
    return {q.triple for q in store._handle().quads_for_pattern(None, None, None, DefaultGraph())}


def test_without_blank_nodes_it_holds_the_triples_at_the_version() -> None:
    given = [
        Triple(NamedNode("urn:x:s"), P, Literal("a value", language="en")),
        Triple(NamedNode("urn:x:s"), P, NamedNode("urn:x:o")),
    ]
    store = EmbeddedStore.holding(given, "v1")
    assert _held(store) == set(given) and store.data_version() == "v1"


def test_blank_nodes_keep_their_identifiers() -> None:
    given = [
        Triple(BlankNode("a1"), P, BlankNode("b2")),
        Triple(NamedNode("urn:x:s"), P, BlankNode("a1")),
        Triple(NamedNode("urn:x:s"), P, Literal("text with _:x in it")),
    ]
    assert _held(EmbeddedStore.holding(given, "v")) == set(given)


def test_memory_store_of_names_the_content_by_its_version() -> None:
    one = [Triple(NamedNode("urn:x:s"), P, Literal("1"))]
    two = [Triple(NamedNode("urn:x:s"), P, Literal("2"))]
    first, again, other = memory_store_of(one), memory_store_of(list(one)), memory_store_of(two)
    assert first.data_version() == again.data_version() != other.data_version()
    assert isinstance(first, EmbeddedStore) and _held(first) == set(one)
