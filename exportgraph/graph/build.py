"""Build the knowledge graph from the sources: parse, replay approved changes, reason once, load
all-or-nothing."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph
from pyoxigraph import DefaultGraph, Quad, Triple

from exportgraph import namespaces as ns
from exportgraph import paths
from exportgraph.loaders.controls import load_controls, triples_to_ntriples
from exportgraph.loaders.sssom import load_sssom
from exportgraph.loaders.tables import SourceDataError
from exportgraph.loaders.whole_lists import whole_lists_ntriples
from exportgraph.reasoning import Engine, materialize
from exportgraph.store import Store
from exportgraph.store.base import GraphName, LoadError, RdfSource

if TYPE_CHECKING:
    from exportgraph.services.changes import ApprovedChange
    from exportgraph.services.replay import Outcome

TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"
REBUILD_ATTEMPTS = 3


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


def _relative(path: Path) -> str:
    try:
        return str(path.relative_to(paths.project_root()))
    except ValueError:
        return str(path)


def collect_sources(root: Path | None = None) -> list[RdfSource]:
    """Every RDF input of the graph: ontology Turtle files, control tables, SSSOM mappings and the
    whole official lists of ontology/sources/ (loaders/whole_lists.py)."""
    ontology = root or paths.ontology_dir()
    sources = [
        RdfSource(_relative(path), path.read_bytes(), TURTLE)
        for path in sorted(ontology.glob("*.ttl"))
    ]
    try:
        controls = load_controls(ontology / "controls")
        sources.append(
            RdfSource(_relative(ontology / "controls"), triples_to_ntriples(controls), NTRIPLES)
        )
        for path in sorted((ontology / "mappings").glob("*.sssom.tsv")):
            mapped = load_sssom(path, _relative(path))
            sources.append(RdfSource(_relative(path), triples_to_ntriples(mapped), NTRIPLES))
        if (ontology / "sources").is_dir():
            whole = whole_lists_ntriples(ontology, _relative)
            sources.append(RdfSource(_relative(ontology / "sources"), whole, NTRIPLES))
    except SourceDataError as error:
        where = f"column '{error.column}': " if error.column else ""
        raise LoadError(error.file, error.line, None, where + error.message) from error
    return sources


def parse_sources(sources: list[RdfSource]) -> list[Triple]:
    """Parse every source; a syntax error raises LoadError naming the source and line."""
    triples: list[Triple] = []
    for source in sources:
        try:
            rdf_format = pyoxigraph.RdfFormat.from_media_type(source.format)
            triples.extend(q.triple for q in pyoxigraph.parse(source.data, rdf_format))
        except SyntaxError as error:
            raise LoadError(
                source.name, error.lineno or 0, error.offset or 0, str(error)
            ) from error
    return triples


def inferred_copy(inferred: list[Triple]) -> RdfSource:
    """The inferred triples again, in the named graph INFERRED_GRAPH: the default graph holds
    asserted + inferred triples, and this copy is what lets the asserted part be recovered
    (and the closure recomputed after a change set)."""
    graph = f"<{ns.INFERRED_GRAPH}>"
    data = "".join(f"{t.subject} {t.predicate} {t.object} {graph} .\n" for t in inferred)
    return RdfSource("inferred (named graph copy)", data.encode(), NQUADS)


def closure_delta(
    asserted_before: set[Triple],
    inferred_before: set[Triple],
    asserted_after: set[Triple],
    engine: Engine = "reasonable",
) -> tuple[list[Quad], list[Quad]]:
    """The quads to delete and insert so that the default graph holds asserted_after plus its
    OWL 2 RL closure and INFERRED_GRAPH holds that closure (used after a change set)."""
    inferred_after = set(materialize(sorted(asserted_after, key=str), engine).inferred)
    inferred_after -= asserted_after
    default_before = asserted_before | inferred_before
    default_after = asserted_after | inferred_after
    graph = pyoxigraph.NamedNode(ns.INFERRED_GRAPH)

    def quads(triples: set[Triple], name: GraphName) -> list[Quad]:
        return [Quad(t.subject, t.predicate, t.object, name) for t in sorted(triples, key=str)]

    delete = quads(default_before - default_after, DefaultGraph()) + quads(
        inferred_before - inferred_after, graph
    )
    insert = quads(default_after - default_before, DefaultGraph()) + quads(
        inferred_after - inferred_before, graph
    )
    return delete, insert


def build(
    store: Store,
    *,
    engine: Engine = "reasonable",
    root: Path | None = None,
    drop_conflicting: bool = False,
) -> BuildReport:
    """(Re)build the store from the sources with the approved change sets replayed on top
    (exportgraph.services.replay); on any error the store keeps its previous data."""
    # imported here: the change-set services import this module (closure_delta)
    from exportgraph.services.changes import approved_changes
    from exportgraph.services.journal import write_lock

    with write_lock:  # no approval of this process slips between the replay and the load
        for _ in range(REBUILD_ATTEMPTS):
            changes = approved_changes(store)
            report = _build_once(store, engine, root, changes, drop_conflicting)
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
) -> BuildReport:
    from exportgraph.services.replay import replay

    started = time.perf_counter()
    sources = collect_sources(root)
    replayed = replay(parse_sources(sources), changes, drop_conflicting=drop_conflicting)
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


def ensure_built(store: Store) -> str:
    """Build the store on first use; return its data version."""
    version = store.data_version()
    if version is None:
        version = build(store).data_version
    return version
