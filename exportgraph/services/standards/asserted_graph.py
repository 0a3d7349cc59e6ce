"""The store's asserted statements of a data version (what every what-if starts from), read once
per version and kept with its index; after writes of this process they follow the writes from
the previous version's, and the what-if graph loaded for that version moves along
(knowledge/sandbox.carry), instead of the whole store being read and loaded again."""

from __future__ import annotations

import threading

from pyoxigraph import BlankNode, Triple

from exportgraph.graph import deltas
from exportgraph.graph.queries import bind
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.sandbox import carry, loaded
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.services.standards.whatif import followed_subjects
from exportgraph.store import Store


class _Newest:
    """The newest index whose asserted graph was read, with its store (one: the service has one
    store). Held strongly, so that the previous version's what-if graph outlives the served
    index's move to the new version."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.held: tuple[int, Knowledge] | None = None

    def of(self, store: Store) -> Knowledge | None:
        with self._lock:
            held = self.held
        return held[1] if held is not None and held[0] == id(store) else None

    def hold(self, store: Store, knowledge: Knowledge) -> None:
        with self._lock:
            self.held = (id(store), knowledge)


NEWEST = _Newest()


def current_asserted(store: Store, knowledge: Knowledge) -> frozenset[Triple]:
    """The store's asserted statements, read once per data version and kept with its index
    (read anew when the index is not the store's current version)."""
    if knowledge.version != store.data_version():
        return frozenset(asserted_triples(store))
    found = knowledge.derived(
        "impact.asserted",
        lambda _: _followed(store, knowledge) or frozenset(asserted_triples(store)),
    )
    NEWEST.hold(store, knowledge)
    return found


def _followed(store: Store, knowledge: Knowledge) -> frozenset[Triple] | None:
    """The asserted graph of `knowledge`'s version as the previous version's less and plus what
    the writes since changed (each statement they touched read again: asserted means in the
    default graph and not a copy the reasoner added), the previous what-if graph moved along;
    None when the writes or the previous graph are not known (read the store whole)."""
    previous = NEWEST.of(store)
    graph = loaded(previous) if previous is not None and previous is not knowledge else None
    if previous is None or graph is None:
        return None
    writes = deltas.between(store, previous.version, knowledge.version)
    touched = {Triple(q.subject, q.predicate, q.object) for w in writes or () for q in w.changed}
    if writes is None or any(isinstance(term, BlankNode) for t in touched for term in t):
        return None  # unknown writes; or a statement a query cannot name
    rows = [{"s": t.subject, "p": t.predicate, "o": t.object} for t in sorted(touched, key=str)]
    found = store.select(bind("asserted_among", rows)) if rows else []
    if store.data_version() != knowledge.version:  # a write landed meanwhile
        return None
    asserted = {(row.get("s"), row.get("p"), row.get("o")) for row in found}
    present = {t for t in touched if (t.subject, t.predicate, t.object) in asserted}
    removed = {t for t in touched if t in graph and t not in present}
    added = present - graph
    followed = (graph - removed) | added
    carry(previous, knowledge, followed, (removed, added), followed_subjects)
    return followed
