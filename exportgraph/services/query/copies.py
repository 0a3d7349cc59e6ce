"""What a SPARQL worker loads to hold one state of the store (data version and journal sequence):
the last whole dump, then the statements each logged write of this process deleted and inserted
since, in every graph (proposals and reviews as well as approvals: graph/deltas.py), so a write
costs the workers the statements it changed, never a reload of the store or of the journal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import pyoxigraph
from pyoxigraph import BlankNode

from exportgraph.graph import deltas

if TYPE_CHECKING:
    from exportgraph.store import Store

MAX_STEPS = 4096
"""Writes applied by workers since the last whole dump, before a new whole dump (each step is two
small files; a whole dump of the store takes seconds to write and load, and a new worker applies
every step since it)."""


@dataclass(frozen=True)
class Step:
    """One write a worker at journal state `before` applies to reach `after`: N-Quads files of
    the statements it deleted, then inserted."""

    before: str
    after: str
    deleted: str
    inserted: str


@dataclass(frozen=True)
class Prepared:
    """The dumps a worker loads to hold one state of the store."""

    state: str
    """The journal state a worker holds after loading `dump` and applying `steps`."""
    dump: str
    dumped_state: str
    """The state the whole dump was written in."""
    steps: tuple[Step, ...] = ()
    """The writes since the whole dump, oldest first: a worker at one of their states applies
    those after it instead of loading the whole dump again."""

    def held(self) -> dict[str, Any]:
        """The state a worker that loaded this holds (what a query names: the worker was brought
        to it first, so the steps and dumps need not travel with every query)."""
        return {"state": self.state}

    def message(self) -> dict[str, Any]:
        """What a worker is sent to load this (from the whole dump, or from one of the steps'
        states)."""
        return {
            **self.held(),
            "dump": self.dump,
            "dump_state": self.dumped_state,
            "steps": [(s.before, s.after, s.deleted, s.inserted) for s in self.steps],
        }

    def files(self) -> set[str]:
        return {self.dump, *(p for s in self.steps for p in (s.deleted, s.inserted))}


def followed(
    store: Store, held: Prepared, state: str, new_path: Callable[[], str]
) -> Prepared | None:
    """`held` brought to journal `state` by the writes since (written to files at `new_path()`),
    or None when a whole dump is needed: writes not made by this process, too many steps since
    the last whole dump, or a statement with a blank node (a copy cannot name it)."""
    writes = deltas.between_states(store, held.state, state)
    if writes is None or len(held.steps) + len(writes) > MAX_STEPS:
        return None
    if any(isinstance(t, BlankNode) for write in writes for q in write.changed for t in q):
        return None
    steps = []
    for write in writes:
        paths = []
        for quads in (write.deleted, write.inserted):
            paths.append(new_path())
            pyoxigraph.serialize(quads, paths[-1], pyoxigraph.RdfFormat.N_QUADS)
        steps.append(Step(write.before, write.after, paths[0], paths[1]))
    return replace(held, state=state, steps=held.steps + tuple(steps))
