"""Build the knowledge graph from the sources: parse, replay approved changes, reason once, load
all-or-nothing."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import Triple

from exportgraph.graph.changeset import ApprovedChange, approved_changes
from exportgraph.graph.journal import write_lock
from exportgraph.graph.reasoning import Engine, materialize
from exportgraph.graph.replay import Outcome, replay
from exportgraph.graph.sources import NTRIPLES, collect_sources, inferred_copy, parse_sources
from exportgraph.loaders.controls import triples_to_ntriples
from exportgraph.store import LoadError, RdfSource, Store

REBUILD_ATTEMPTS = 3

Validator = Callable[[list[Triple], str], object]
"""Raises a LoadError when the triples (described by the text) may not be loaded."""
Observer = Callable[[list[Triple]], object]
"""Given the triples about to be loaded; never refuses them."""


@dataclass(frozen=True)
class BuildReport:
    """What a build loaded, how long each step took, and the resulting data version."""

    data_version: str
    asserted_triples: int
    inferred_triples: int
    total_triples: int
    parse_seconds: float
    reasoning_seconds: float
    load_seconds: float
    engine: str
    changes: tuple[Outcome, ...] = ()
    """What replaying each approved change set did, in approval order."""


def build(
    store: Store,
    *,
    engine: Engine = "reasonable",
    root: Path | None = None,
    drop_conflicting: bool = False,
    validate: Validator | None = None,
    observe: Observer | None = None,
) -> BuildReport:
    """(Re)build the store from the sources with the approved change sets replayed on top
    (exportgraph.graph.replay) and, when they change anything, the result passed to `validate`
    (the terminology check, given by the caller: it lives above this layer); on any error (a
    conflict, a violation) the store keeps its previous data. The graph of asserted statements
    that `validate` is not given (the sources as they are) goes to `observe`, which may check it
    without refusing it (the loaded data's check, kept for `check` and the first approval)."""
    with write_lock:  # no approval of this process slips between the replay and the load
        for _ in range(REBUILD_ATTEMPTS):
            changes = approved_changes(store)
            report = _build_once(store, engine, root, changes, drop_conflicting, validate, observe)
            # another process may have approved a change meanwhile: then replay that one too
            if approved_changes(store) == changes:
                return report
    raise LoadError(
        "replaying approved changes",
        None,
        None,
        "changes kept being approved during the load, so the latest may not be in effect; "
        "run the load again",
    )


def _build_once(
    store: Store,
    engine: Engine,
    root: Path | None,
    changes: Sequence[ApprovedChange],
    drop_conflicting: bool,
    validate: Validator | None,
    observe: Observer | None,
) -> BuildReport:
    started = time.perf_counter()
    sources = collect_sources(root)
    replayed = replay(parse_sources(sources), changes, drop_conflicting=drop_conflicting)
    if validate is not None and (replayed.added or replayed.removed):
        # the sources changed under the approved changes: what they now make together is
        # validated like an approval's result before anything is written
        applied = sum(1 for outcome in replayed.outcomes if outcome.status == "applied")
        validate(replayed.graph, f"the terminology with {applied} approved change(s) replayed")
    elif observe is not None:
        observe(replayed.graph)
    parsed = time.perf_counter()
    closure = materialize(replayed.graph, engine)
    inferred = RdfSource(
        "inferred (OWL 2 RL closure)", triples_to_ntriples(closure.inferred), NTRIPLES
    )
    if replayed.added:
        data = triples_to_ntriples(replayed.added)
        sources.append(RdfSource("approved changes (replayed)", data, NTRIPLES))
    # a removed statement that the reasoner derives again stays, as an inferred one
    exclude = set(replayed.removed) - set(closure.inferred)
    loading = time.perf_counter()
    version = store.replace_all(
        [*sources, inferred, inferred_copy(closure.inferred)], exclude=exclude
    )
    done = time.perf_counter()
    return BuildReport(
        data_version=version,
        asserted_triples=len(set(replayed.graph)),
        inferred_triples=len(closure.inferred),
        total_triples=store.triple_count(),
        parse_seconds=parsed - started,
        reasoning_seconds=closure.seconds,
        load_seconds=done - loading,
        engine=engine,
        changes=replayed.outcomes,
    )


def ensure_built(store: Store, build_with: Callable[[Store], object] = build) -> str:
    """Build the store on first use with `build_with` (a build, or a build that also checks and
    records what it loads); return its data version."""
    version = store.data_version()
    if version is None:
        build_with(store)
        version = store.data_version()
        assert version is not None
    return version
