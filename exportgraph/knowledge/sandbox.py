"""The index of a graph given as triples with a few statements changed (a what-if): the graph is
loaded once into a scratch store and read once; each change is applied to that store, only the
sections of the index it can affect are read again (exportgraph.knowledge.incremental), and the
change is undone. The result equals `of_triples` of the changed graph, except its version: a
label derived from the graph's and the change's statements.

The loaded graph (its scratch store, index and subject index) is kept with the knowledge index
the what-ifs are asked of (`Knowledge.derived`): it lives as long as that data version's index
and never serves another's."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Mapping, Set
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, DefaultGraph, Quad, Triple

from exportgraph.graph import deltas
from exportgraph.graph.closure import quads_in
from exportgraph.knowledge.incremental import Indexed, advance, index
from exportgraph.knowledge.index import Knowledge
from exportgraph.store import Store, memory_store_of

log = logging.getLogger("exportgraph.sandbox")
SubjectsUpdate = Callable[
    [Mapping[str, Set[Triple]], Set[Triple], Set[Triple]], Mapping[str, Set[Triple]]
]
"""The statements of each subject, from the previous ones and the statements removed and added."""


@dataclass
class _Base:
    triples: frozenset[Triple]
    store: Store
    indexed: Indexed
    # the statements of each subject (a what-if's edits), built on first use for this graph
    subjects: Mapping[str, Set[Triple]] | None = field(default=None)


class _Slot:
    """The graph last loaded for one knowledge index (what-ifs are asked of its own graph)."""

    def __init__(self, _: Knowledge) -> None:
        self.lock = threading.Lock()
        self.base: _Base | None = None

    def holding(self, graph: Set[Triple]) -> _Base | None:
        base = self.base
        return base if base is not None and _holds(base, graph) else None

    def load(self, graph: Set[Triple]) -> _Base:
        """The base holding `graph` (loaded now unless it is; call with the lock held)."""
        base = self.holding(graph)
        if base is None:
            if self.base is not None:
                self.base.store.close()
            base = self.base = _load(frozenset(graph))
        return base


def _slot(knowledge: Knowledge) -> _Slot:
    return knowledge.derived("sandbox.base", _Slot)


def _load(triples: frozenset[Triple]) -> _Base:
    store = memory_store_of(triples)
    return _Base(triples, store, index(store))


def _quads(triples: Iterable[Triple]) -> list[Quad]:
    return quads_in(triples, DefaultGraph())


def _holds(base: _Base, graph: Set[Triple]) -> bool:
    return base.triples is graph or base.triples == graph


def _label(base: _Base, operation: str, removed: Iterable[Triple], added: Iterable[Triple]) -> str:
    """The version of `base`'s index once changed: derived from its own and the statements."""
    payload = "\n".join(sorted([*(f"- {t}" for t in removed), *(f"+ {t}" for t in added)]))
    return deltas.chained_version(base.indexed.knowledge.version, operation, payload.encode())


def loaded(knowledge: Knowledge) -> frozenset[Triple] | None:
    """The graph loaded for what-ifs asked of `knowledge`, if any."""
    base = _slot(knowledge).base
    return base.triples if base is not None else None


def subjects_of(
    knowledge: Knowledge,
    graph: Set[Triple],
    build: Callable[[Set[Triple]], Mapping[str, Set[Triple]]],
) -> Mapping[str, Set[Triple]]:
    """`build(graph)`, kept with the graph loaded for `knowledge` (loaded now if it is not):
    one copy of the graph's derived values, never served for another graph."""
    slot = _slot(knowledge)
    with slot.lock:
        base = slot.load(graph)
        if base.subjects is None:
            base.subjects = build(graph)
        return base.subjects


def of_changed(
    knowledge: Knowledge, graph: Set[Triple], removed: Set[Triple], added: Iterable[Triple]
) -> Knowledge | None:
    """The index of `graph` less `removed` plus `added`, `graph` loaded once for what-ifs asked of
    `knowledge`; None when the change names a blank node (a store cannot name an existing one:
    build that graph whole instead)."""
    added = set(added)
    deleted = [t for t in removed if t in graph and t not in added]
    inserted = [t for t in added if t not in graph]
    if any(isinstance(term, BlankNode) for t in (*deleted, *inserted) for term in t):
        return None
    slot = _slot(knowledge)
    with slot.lock:
        base = slot.load(graph)
        if not deleted and not inserted:
            return base.indexed.knowledge
        version = _label(base, "what-if", deleted, inserted)
        base.store.apply(delete=_quads(deleted), insert=_quads(inserted))
        try:
            changed = advance(base.indexed, base.store, version, _quads([*deleted, *inserted]))
        finally:
            base.store.apply(delete=_quads(inserted), insert=_quads(deleted))
    return changed.knowledge


def carry(
    previous: Knowledge,
    knowledge: Knowledge,
    graph: frozenset[Triple],
    change: tuple[Set[Triple], Set[Triple]],
    update_subjects: SubjectsUpdate,
) -> bool:
    """Move the graph loaded for `previous`'s what-ifs to `knowledge`'s, changed by `change`
    (statements removed, added; `graph` is the result): its scratch store and index follow the
    change as the served index follows a write, so the new version's what-ifs start without
    loading the whole graph again (seconds on the whole lists). `previous` keeps nothing (a
    what-if asked of it later loads its graph anew). False when there is nothing to move, a
    statement names a blank node (a store cannot name an existing one) or `knowledge` has a
    graph loaded already."""
    removed, added = change
    if any(isinstance(term, BlankNode) for t in (*removed, *added) for term in t):
        return False
    old, new = _slot(previous), _slot(knowledge)
    if old is new:
        return False
    with old.lock:
        base, old.base = old.base, None
    if base is None:
        return False
    try:
        version = _label(base, "follow", removed, added)
        base.store.apply(delete=_quads(removed), insert=_quads(added))
        indexed = advance(base.indexed, base.store, version, _quads([*removed, *added]))
        subjects = None if base.subjects is None else update_subjects(base.subjects, removed, added)
    except Exception:  # never worse than loading the graph whole
        log.exception("the what-if graph could not follow data version %s", knowledge.version[:12])
        base.store.close()
        return False
    with new.lock:
        if new.base is not None:
            base.store.close()
            return False
        new.base = _Base(graph, base.store, indexed, subjects)
    return True
