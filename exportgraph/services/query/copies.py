"""What a SPARQL worker loads to hold one state of the store (data version and journal sequence):
the last whole dump, then the statements each logged write of this process deleted and inserted
since, in every graph (proposals and reviews as well as approvals: graph/deltas.py), so a write
costs the workers the statements it changed, never a reload of the store or of the journal."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

import pyoxigraph
from pyoxigraph import BlankNode, Quad

from exportgraph.graph import deltas
from exportgraph.services.query.worker import Held, Load

if TYPE_CHECKING:
    from exportgraph.store import Store

MAX_STEPS = 4096
"""Writes applied by workers since the last whole dump, before a new whole dump (a whole dump of
the store takes seconds to write and load, and a new worker applies every step since it)."""
MAX_CARRIED_STEPS = 64
"""Writes read to carry a kept SPARQL result to a later state (beyond, it is run again)."""
MAX_STEP_BYTES = 64 << 20
"""The statements of those writes, in bytes of N-Quads, before a new whole dump."""


@dataclass(frozen=True)
class Step:
    """One write a worker at journal state `before` applies to reach `after`: the statements it
    deleted, then inserted, as N-Quads (kept in memory: a few per write, no file to write), and as
    quads (`changed`, what kept results are checked against: parsed once, not per question)."""

    before: str
    after: str
    deleted: bytes
    inserted: bytes
    changed: tuple[Quad, ...]

    @property
    def size(self) -> int:
        return len(self.deleted) + len(self.inserted)


@dataclass(frozen=True)
class Prepared:
    """What a worker loads to hold one state of the store."""

    state: str
    """The journal state a worker holds after loading `dump` and applying `steps`."""
    dump: str
    dumped_state: str
    """The state the whole dump (a file) was written in."""
    steps: tuple[Step, ...] = ()
    """The writes since the whole dump, oldest first: a worker at one of their states applies
    those after it instead of loading the whole dump again."""
    steps_size: int = 0
    """The bytes of `steps` (summed as they are added, not again for every write)."""

    def held(self) -> Held:
        """The state a worker that loaded this holds (what a query names: the worker was brought
        to it first, so the steps and dumps need not travel with every query)."""
        return {"state": self.state}

    def message(self, held: str | None) -> Load:
        """What a worker holding state `held` is sent to load this: the steps since its state
        when it is one of theirs, else the whole dump and every step."""
        start = self._step_from(held)
        steps = [(s.before, s.after, s.deleted, s.inserted) for s in self.steps[start or 0 :]]
        if start is not None:
            return {"state": self.state, "steps": steps}
        return {
            "state": self.state,
            "steps": steps,
            "dump": self.dump,
            "dump_state": self.dumped_state,
        }

    def _step_from(self, state: str | None) -> int | None:
        """The index of the step leaving `state`, looked for from the newest: workers and kept
        results are mostly a write or two behind, and the steps grow to thousands."""
        for index in range(len(self.steps) - 1, -1, -1):
            if self.steps[index].before == state:
                return index
        return None

    def files(self) -> set[str]:
        return {self.dump}

    def changed_since(self, state: str, most: int = MAX_CARRIED_STEPS) -> list[Quad] | None:
        """The statements deleted or inserted by the writes from `state` to this one, or None
        when they are not known here (an older whole dump) or are more than `most` writes."""
        start = self._step_from(state)
        if start is None or len(self.steps) - start > most:
            return None
        return [quad for step in self.steps[start:] for quad in step.changed]


def followed(store: Store, held: Prepared, state: str) -> Prepared | None:
    """`held` brought to journal `state` by the writes since, or None when a whole dump is needed:
    writes not made by this process, too many since the last whole dump, or a statement with a
    blank node (a copy cannot name it)."""
    writes = deltas.between_states(store, held.state, state)
    if writes is None or len(held.steps) + len(writes) > MAX_STEPS:
        return None
    if any(isinstance(t, BlankNode) for write in writes for q in write.changed for t in q):
        return None
    steps = tuple(
        Step(
            write.before,
            write.after,
            _nquads(write.deleted),
            _nquads(write.inserted),
            write.changed,
        )
        for write in writes
    )
    size = held.steps_size + sum(step.size for step in steps)
    if size > MAX_STEP_BYTES:
        return None
    return replace(held, state=state, steps=held.steps + steps, steps_size=size)


def _nquads(quads: tuple[Quad, ...]) -> bytes:
    return pyoxigraph.serialize(quads, format=pyoxigraph.RdfFormat.N_QUADS) or b""
