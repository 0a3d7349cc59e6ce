"""What a SPARQL worker loads to hold one state of the store: a whole dump per data version, the
writes since it as steps, and a small dump of the journal's graphs after a write that kept the
data version."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypedDict

import pyoxigraph
from pyoxigraph import BlankNode, NamedNode

from exportgraph import namespaces as ns
from exportgraph.graph import deltas
from exportgraph.graph.journal import (
    CHANGES_GRAPH,
    PROVENANCE_GRAPH,
    RELEASE_STORAGE_GRAPH,
    RELEASES_GRAPH,
)
from exportgraph.store import Store

# writes applied by workers since the last whole dump, before a new whole dump (each step is a file
# of the statements one write changed; a whole dump of the store takes seconds to write and load)
MAX_STEPS = 1024

JOURNAL_GRAPHS = (
    ns.META_GRAPH,
    CHANGES_GRAPH,
    PROVENANCE_GRAPH,
    RELEASES_GRAPH,
    RELEASE_STORAGE_GRAPH,
)
"""The graphs a write that keeps the data version may change (and the journal sequence's)."""
_JOURNAL = {NamedNode(name) for name in JOURNAL_GRAPHS}


class Held(TypedDict):
    """The state a worker holds: data version, and journal state when it loaded a journal dump."""

    version: str
    journal: str | None


class LoadMessage(Held):
    """What a worker is sent to load a state (services/query/worker.py reads it)."""

    dump: str
    dump_version: str
    steps: list[tuple[str, str, str, str]]
    journal_dump: str | None
    journal_graphs: list[str]


@dataclass(frozen=True)
class Step:
    """One write a worker at `before` applies to reach `after`: N-Quads files of the data
    statements it deleted, then inserted (the journal's graphs come from the journal dump)."""

    before: str
    after: str
    deleted: str
    inserted: str


@dataclass(frozen=True)
class Prepared:
    """The dumps a worker loads to hold one state of the store."""

    version: str
    """The data version a worker holds after loading `dump` and applying `steps`."""
    dump: str
    dumped_state: str
    """The state (data version and journal sequence) the whole dump was written in."""
    state: str
    journal: str | None
    """A dump of JOURNAL_GRAPHS in `state`, when that is not `dumped_state`."""
    steps: tuple[Step, ...] = ()
    """The writes since the whole dump, oldest first: a worker at one of their versions applies
    those after it instead of loading the whole dump again."""

    def held(self) -> Held:
        """The state a worker that loaded this holds (what a query names: the worker was brought
        to it first, so the steps and dumps need not travel with every query)."""
        return {"version": self.version, "journal": self.state if self.journal else None}

    def message(self) -> LoadMessage:
        """What a worker is sent to load this (from the whole dump, or from one of the steps'
        versions)."""
        return {
            **self.held(),
            "dump": self.dump,
            "dump_version": self.steps[0].before if self.steps else self.version,
            "steps": [(s.before, s.after, s.deleted, s.inserted) for s in self.steps],
            "journal_dump": self.journal,
            "journal_graphs": list(JOURNAL_GRAPHS),
        }

    def files(self) -> set[str]:
        found = {self.dump, *(p for s in self.steps for p in (s.deleted, s.inserted))}
        return found | ({self.journal} if self.journal else set())


def write_steps(
    store: Store, held: Prepared, version: str, new_path: Callable[[], str]
) -> tuple[Step, ...] | None:
    """The writes from the held version to `version` as steps for the workers (files at paths
    `new_path` names), or None when a whole dump is needed: writes not made by this process, too
    many steps since the last whole dump, or a statement with a blank node (a copy cannot name it)."""
    writes = deltas.between(store, held.version, version)
    if writes is None or len(held.steps) + len(writes) > MAX_STEPS:
        return None
    steps = []
    for write in writes:
        parts = [
            [q for q in quads if q.graph_name not in _JOURNAL]
            for quads in (write.deleted, write.inserted)
        ]
        if any(isinstance(t, BlankNode) for quads in parts for q in quads for t in q):
            return None
        paths = []
        for quads in parts:
            paths.append(new_path())
            pyoxigraph.serialize(quads, paths[-1], pyoxigraph.RdfFormat.N_QUADS)
        steps.append(Step(write.before, write.after, paths[0], paths[1]))
    return tuple(steps)
