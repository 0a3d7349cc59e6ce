"""What every terminology write of a data version is checked against, computed ahead of the first
write: the whole-graph terminology report (read from the record of the version's check when there
is one, else seconds on the real graph), the statements the mapping check reads (in a scratch
store) and the vocabulary the reasoner's closure reads. Each is kept per data version and built
once, so a write arriving while this runs waits for the value in progress instead of computing it
again."""

from __future__ import annotations

import contextlib

from exportgraph.graph import closure
from exportgraph.graph.journal import WriteRaced
from exportgraph.services.standards import change_check, mapping_check
from exportgraph.store import Store


def prepare_writes(store: Store) -> None:
    """Compute (or find already computed) what a write on the store's current version needs."""
    change_check.shape_terms()
    mapping_check.equivalence_terms()
    state = change_check.state_for(store)  # a proposal needs this; an approval also the vocabulary
    with contextlib.suppress(WriteRaced):  # written meanwhile: the next write computes its own
        state.mappings.prepare(store)  # what a change of thresholds is checked on
    closure.vocabulary_for(store)
