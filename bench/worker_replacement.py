"""What replacing a killed SPARQL worker costs (a query over its deadline kills its worker): a new
process loads the dump of the current state that the pool already wrote (it is written once per
state, not for a replacement), against a query on a worker already loaded.

Builds the real data into a memory store, dumps it once as the pool does, then starts `--rounds`
replacements (spawn + load to ready) and runs a small query on a loaded worker as many times;
prints wall and the workers' CPU seconds (loaded machines: compare the ratio).

    .venv/bin/python bench/worker_replacement.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import tempfile
import time
from pathlib import Path

from exportgraph.graph.build import build
from exportgraph.services.query.copies import Prepared
from exportgraph.services.query.process import WorkerProcess
from exportgraph.store import open_store

QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s a ?type } "


def children_cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as scratch:
        store = open_store("memory:")
        try:
            build(store)
            dump = str(Path(scratch) / "dump.nq")
            wall, cpu = time.perf_counter(), time.process_time()
            store.dump(dump)
            dumped = time.perf_counter() - wall, time.process_time() - cpu
            size = os.path.getsize(dump) / 1e6
        finally:
            store.close()
        prepared = Prepared("state", dump, "state")
        replacing: list[tuple[float, float]] = []
        for _ in range(rounds):
            cpu, wall = children_cpu(), time.perf_counter()
            worker = WorkerProcess(2048)
            worker.load(prepared)
            ready = time.perf_counter() - wall
            worker.kill()  # reaped: its CPU time is counted now
            replacing.append((ready, children_cpu() - cpu))
        worker = WorkerProcess(2048)
        worker.load(prepared)
        querying: list[float] = []
        for _ in range(rounds):
            wall = time.perf_counter()
            worker.send(
                {
                    **prepared.held(),
                    "query": QUERY,
                    "results_type": "application/sparql-results+json",
                    "graph_type": "text/turtle",
                    "max_rows": 10,
                }
            )
            worker.receive(60.0)
            querying.append(time.perf_counter() - wall)
        worker.stop()
    ready = statistics.median(r[0] for r in replacing)
    query = statistics.median(querying)
    print(f"SPARQL worker replacement, real graph, median of {rounds} (loaded machine):")
    print(
        f"  the pool's dump of a state (once per state): wall {dumped[0]:.2f} s, "
        f"CPU {dumped[1]:.2f} s, {size:.0f} MB of N-Quads"
    )
    print(
        f"  a replacement, spawn + load to ready:        wall {ready:.2f} s, "
        f"worker CPU {statistics.median(r[1] for r in replacing):.2f} s"
    )
    print(
        f"  a query on a loaded worker:                  wall {query:.3f} s "
        f"(replacement = {ready / max(query, 1e-3):.0f}x)"
    )


if __name__ == "__main__":
    main()
