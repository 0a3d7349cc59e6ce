"""Loading the store from the sources, with the terminology checked on the way in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from pyoxigraph import Triple

from exportgraph.graph.build import BuildReport, build
from exportgraph.graph.reasoning import Engine
from exportgraph.services.standards.terminology_check import (
    TerminologyReport,
    check_graph,
    record_check,
    recordable,
    require_conforming,
)
from exportgraph.store import Store


@dataclass(frozen=True)
class Loaded:
    """What a load did, and the terminology check of what it loaded."""

    build: BuildReport
    check: TerminologyReport


def load_checked(
    store: Store, *, engine: Engine = "reasonable", drop_conflicting: bool = False
) -> Loaded:
    """(Re)build `store` from the sources (exportgraph.graph.build) and check the terminology it
    loads: with approved changes replayed that change anything, a violation refuses the load
    (nothing written); the sources as they are load either way (`check` then names the
    violations). The check is recorded for the loaded data version, so `check` and the first
    proposal on it need not validate the whole graph again."""
    checks: list[TerminologyReport] = []

    def validate(triples: Iterable[Triple], what: str) -> TerminologyReport:
        checks.append(require_conforming(triples, what))
        return checks[-1]

    def observe(triples: Iterable[Triple]) -> None:
        checks.append(check_graph(triples))

    report = build(
        store,
        engine=engine,
        drop_conflicting=drop_conflicting,
        validate=validate,
        observe=observe,
    )
    check = checks[-1]  # of the build that was loaded (a rebuild checks again)
    if recordable(check):  # what was checked is what was loaded
        record_check(store, report.data_version, check)
    return Loaded(report, check)
