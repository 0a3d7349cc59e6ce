"""What one terminology approval costs the readers, before (everything built again from the
whole store) and after (built from the previous version and the approval's statements).

On the real data in a memory store, approves one-label change sets (a new label of a parameter,
as bench/mixed_load.py's writers do) in process and, for each, times:
- the approval itself (check, closure, conditional write);
- the knowledge index of the new version: read whole (read_knowledge) vs followed
  (exportgraph.knowledge.incremental.advance from the previous index);
- the SPARQL worker copy of the new version: a whole dump written and loaded by a worker vs the
  approval's statements applied by a worker at the previous version;
- a what-if sandbox index (a threshold edit): the changed graph loaded whole (of_triples) vs the
  change applied to the loaded graph (exportgraph.knowledge.sandbox.of_changed).
Prints medians and the ratios whole / followed, measured in this one run.

Run: .venv/bin/python bench/incremental.py [--quick]
"""

from __future__ import annotations

import argparse
import logging
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TypeVar

from pyoxigraph import Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.graph import deltas
from exportgraph.graph.build import build
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import of_triples
from exportgraph.knowledge.incremental import advance, index
from exportgraph.knowledge.read import read_knowledge
from exportgraph.knowledge.sandbox import of_changed
from exportgraph.services.query.sparql import SparqlPool
from exportgraph.services.standards import changes
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.services.users import User
from exportgraph.settings import Settings
from exportgraph.store import open_store

T = TypeVar("T")
TYPES = ("application/sparql-results+json", "text/turtle")
DECIMAL = NamedNode(ns.XSD + "decimal")
QUBITS = f"<{ns.EGID}parameter/physical-qubits>"
LANGUAGES = ["nl", "pt", "sv", "da", "fi", "pl", "cs", "el", "hu", "ro", "sk", "sl"]
CRITERION = NamedNode(f"{ns.EGID}entry/US/6A006.a.2/alt/1/magnetometer-sensitivity-1hz/formalized")


def timed(run: Callable[[], T], samples: list[float]) -> T:
    started = time.perf_counter()
    value = run()
    samples.append(time.perf_counter() - started)
    return value


def median(samples: list[float]) -> str:
    return f"{statistics.median(samples) * 1000:7.0f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--quick", action="store_true", help="fewer approvals (a smoke run)")
    args = parser.parse_args()
    rounds = 3 if args.quick else 8
    logging.disable(logging.WARNING)  # the data version's known problems, once per read

    store = open_store("memory:")
    build(store)
    context = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    indexed = index(store)
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    followed_pool = SparqlPool(size=1)
    followed_pool.run(context, query, *TYPES)
    approve: list[float] = []
    whole: list[float] = []
    follow: list[float] = []
    dumped: list[float] = []
    stepped: list[float] = []
    for language in LANGUAGES[:rounds]:
        body = {
            "summary": f"a {language} label",
            "rationale": "bench",
            "base_version": store.data_version(),
            "add": f'{QUBITS} <{ns.SKOS}prefLabel> "physical qubits ({language})"@{language} .',
            "remove": "",
        }
        change = changes.propose(store, User("erin", "editor"), body)
        before = store.data_version() or ""
        timed(partial(changes.approve, store, User("rita", "reviewer"), change["id"]), approve)
        after = store.data_version() or ""
        writes = deltas.between(store, before, after)
        assert writes is not None, "the approval recorded no delta"
        full = timed(partial(read_knowledge, store), whole)
        changed = [q for w in writes for q in w.changed]
        indexed = timed(partial(advance, indexed, store, after, changed), follow)
        assert indexed.knowledge.concepts == full.concepts
        fresh = SparqlPool(size=1)
        timed(partial(fresh.run, context, query, *TYPES), dumped)
        fresh.close()
        timed(partial(followed_pool.run, context, query, *TYPES), stepped)
    followed_pool.close()

    graph = set(asserted_triples(store))
    threshold = NamedNode(ns.EG + "thresholdValue")
    [old] = [t for t in graph if t.subject == CRITERION and t.predicate == threshold]
    sandbox_whole: list[float] = []
    sandbox_followed: list[float] = []
    keeper = indexed.knowledge  # the index of the graph's version: what-ifs are asked of it
    of_changed(keeper, graph, set(), [])  # the graph loaded once, as by a version's first what-if
    for value in range(rounds):
        new = Triple(CRITERION, threshold, Literal(str(21 + value), datatype=DECIMAL))
        timed(partial(of_triples, [t for t in graph if t != old] + [new]), sandbox_whole)
        timed(partial(of_changed, keeper, graph, {old}, [new]), sandbox_followed)

    print(f"{rounds} one-label approvals on the real data ({store.triple_count():,} triples)")
    print(f"  approval (check, closure, write)           {median(approve)}")
    print(f"  index of the new version, read whole       {median(whole)}")
    print(f"  index of the new version, followed         {median(follow)}")
    print(f"  SPARQL copy, whole dump loaded by a worker {median(dumped)}")
    print(f"  SPARQL copy, the approval applied          {median(stepped)}")
    print(f"  what-if sandbox index, graph loaded whole  {median(sandbox_whole)}")
    print(f"  what-if sandbox index, change applied      {median(sandbox_followed)}")
    ratio = statistics.median(whole) / statistics.median(follow)
    print(f"ratio index whole / followed: {ratio:.1f}x")
    ratio = statistics.median(dumped) / statistics.median(stepped)
    print(f"ratio SPARQL copy whole / followed: {ratio:.1f}x")
    ratio = statistics.median(sandbox_whole) / statistics.median(sandbox_followed)
    print(f"ratio what-if sandbox whole / followed: {ratio:.1f}x")
    per_approval_before = statistics.median(whole) + statistics.median(dumped)
    per_approval_after = statistics.median(follow) + statistics.median(stepped)
    print(
        f"ratio readers' work per approval before / after (index + one SPARQL copy): "
        f"{per_approval_before / per_approval_after:.1f}x"
    )
    store.close()


if __name__ == "__main__":
    main()
