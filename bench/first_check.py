"""The first proposal on a data version in a new process (a restarted server): its check against
the whole-graph check recorded for that version (after) against a whole-graph check of the base
computed first (before: what every first proposal of a version did).

Builds the real data into an on-disk store once and records its check (as `exportgraph load`
does); then, for real change sets (a label edit, a threshold edit contradicting an asserted
mapping, a new SHACL violation, a removal breaking the nodes that refer to what it removes),
checks each with no check state in the process, both ways, alternating; asserts both give the
whole-graph report of the changed graph; prints CPU seconds and the ratio measured in this run.

    .venv/bin/python bench/first_check.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.build import build
from exportgraph.graph.version_cache import PerVersion
from exportgraph.services.standards import change_check, mapping_check
from exportgraph.services.standards.terminology_check import (
    TerminologyReport,
    asserted_triples,
    check_graph,
    checked_terminology,
)
from exportgraph.store import Store, open_store

E = "https://w3id.org/exportgraph/id/"
ENTRY = NamedNode(f"{E}entry/US/4A906.a.1")
QUBITS = NamedNode(f"{E}entry/US/4A906.a.1/alt/1/physical-qubits/ge")
DECIMAL = NamedNode(ns.XSD + "decimal")
KELVIN = NamedNode("http://qudt.org/vocab/unit/K")
HAS_KIND = NamedNode("http://qudt.org/schema/qudt/hasQuantityKind")
Change = tuple[list[Triple], list[Triple]]


def changes(asserted: set[Triple]) -> dict[str, Change]:
    """Real change sets on the real graph (statements added, statements removed)."""

    def of(subject: NamedNode, predicate: NamedNode) -> list[Triple]:
        found = [t for t in asserted if t.subject == subject and t.predicate == predicate]
        assert found, f"the real graph has no {subject} {predicate}"
        return found

    threshold, evidence = ns.eg("thresholdValue"), ns.eg("evidence")
    return {
        "label edit": (
            [
                Triple(
                    NamedNode(f"{E}parameter/cnot-error"),
                    ns.iri(ns.SKOS, "altLabel"),
                    Literal("errore C-NOT", language="it"),
                )
            ],
            [],
        ),
        "threshold edit": (
            [Triple(QUBITS, threshold, Literal("40", datatype=DECIMAL))],
            of(QUBITS, threshold),
        ),
        "new violation": ([Triple(ENTRY, evidence, Literal("tertiary"))], of(ENTRY, evidence)),
        "removal breaking others": ([], of(KELVIN, HAS_KIND)),
    }


def first_check(store: Store, change: Change, recorded: bool) -> tuple[float, TerminologyReport]:
    """CPU seconds of a change's check with no check state in this process yet."""
    change_check._STATE = PerVersion(change_check._base_state)
    real = change_check.recorded_report  # type: ignore[attr-defined]
    if not recorded:
        change_check.recorded_report = lambda *_: None  # type: ignore[attr-defined]
    try:
        cpu = time.process_time()
        report = change_check.check_change(store, *change).report
        return time.process_time() - cpu, report
    finally:
        change_check.recorded_report = real  # type: ignore[attr-defined]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as scratch:
        store = open_store(f"oxigraph:{Path(scratch) / 'store'}")
        try:
            build(store)
            checked_terminology(store, fresh=True)  # recorded, as `load` records it
            asserted = set(asserted_triples(store))
            before = set(check_graph(asserted).results)
            cases = changes(asserted)
            change_check.shape_terms()
            mapping_check.equivalence_terms()
            run: Callable[[Change, bool], tuple[float, TerminologyReport]]
            run = lambda change, recorded: first_check(store, change, recorded)  # noqa: E731
            print(
                f"first check of a change on a new data version (real graph, on disk), "
                f"CPU seconds, median of {rounds} (loaded machines: compare the ratio):"
            )
            for name, (added, removed) in cases.items():
                whole = check_graph((asserted - set(removed)) | set(added))
                times: dict[bool, list[float]] = {False: [], True: []}
                for _ in range(rounds):
                    for recorded in (False, True):
                        seconds, report = run((added, removed), recorded)
                        assert report.as_dict() == whole.as_dict(), (name, recorded)
                        times[recorded].append(seconds)
                found = set(whole.results) - before
                new = sorted(
                    {f"{r.rule} ×{sum(1 for f in found if f.rule == r.rule)}" for r in found}
                )
                slow, fast = (statistics.median(times[r]) for r in (False, True))
                print(
                    f"  {name:<24} whole base {slow:6.2f} s  recorded base {fast:6.2f} s  "
                    f"ratio {slow / max(fast, 1e-3):7.1f}x  new: {', '.join(new) or 'none'}"
                )
        finally:
            store.close()


if __name__ == "__main__":
    main()
