"""The index of a graph given as triples with a few statements changed (a what-if): the graph is
loaded once into a scratch store and read once; each change is applied to that store, only the
sections of the index it can affect are read again (exportgraph.knowledge.incremental), and the
change is undone. The result equals `of_triples` of the changed graph, except its version: a
label derived from the graph's and the change's statements."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, DefaultGraph, Quad, Triple

from exportgraph.graph import deltas
from exportgraph.graph.closure import quads_in
from exportgraph.knowledge.incremental import Indexed, advance, index
from exportgraph.knowledge.index import Knowledge
from exportgraph.store import Store, memory_store_of


@dataclass
class _Base:
    triples: frozenset[Triple]
    store: Store
    indexed: Indexed
    # the statements of each subject (a what-if's edits), built on first use for this graph
    subjects: Mapping[str, Set[Triple]] | None = field(default=None)


_lock = threading.Lock()
_base: _Base | None = None  # the last graph loaded (what-ifs are asked of the current one)


def _load(triples: frozenset[Triple]) -> _Base:
    store = memory_store_of(triples)
    return _Base(triples, store, index(store))


def _quads(triples: Iterable[Triple]) -> list[Quad]:
    return quads_in(triples, DefaultGraph())


def _holds(base: _Base | None, graph: Set[Triple]) -> bool:
    return base is not None and (base.triples is graph or base.triples == graph)


def subjects_of(
    graph: Set[Triple], build: Callable[[Set[Triple]], Mapping[str, Set[Triple]]]
) -> Mapping[str, Set[Triple]]:
    """`build(graph)`, kept with the loaded graph when `graph` is it: one copy of the asserted
    graph's derived values (not a cache of its own holding another graph alive)."""
    with _lock:
        base = _base
    if base is None or not _holds(base, graph):
        return build(graph)
    if base.subjects is None:
        base.subjects = build(graph)
    return base.subjects


def of_changed(
    graph: Set[Triple], removed: Set[Triple], added: Iterable[Triple]
) -> Knowledge | None:
    """The index of `graph` less `removed` plus `added`; None when the change names a blank node
    (a store cannot name an existing one: build that graph whole instead)."""
    global _base
    added = set(added)
    deleted = [t for t in removed if t in graph and t not in added]
    inserted = [t for t in added if t not in graph]
    if any(isinstance(term, BlankNode) for t in (*deleted, *inserted) for term in t):
        return None
    with _lock:
        if _base is None or not _holds(_base, graph):
            if _base is not None:
                _base.store.close()
            _base = _load(frozenset(graph))
        base = _base
        if not deleted and not inserted:
            return base.indexed.knowledge
        payload = "\n".join(sorted([*(f"- {t}" for t in deleted), *(f"+ {t}" for t in inserted)]))
        version = deltas.chained_version(
            base.indexed.knowledge.version, "what-if", payload.encode()
        )
        base.store.apply(delete=_quads(deleted), insert=_quads(inserted))
        try:
            changed = advance(base.indexed, base.store, version, _quads([*deleted, *inserted]))
        finally:
            base.store.apply(delete=_quads(inserted), insert=_quads(deleted))
    return changed.knowledge
