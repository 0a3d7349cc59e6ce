"""The first release on an on-disk store: its whole snapshot written as one SPARQL update text
(before) against Oxigraph's bulk insert + a small conditional update (after).

Builds the real data into an on-disk store once, copies it, and publishes release 1.0 on each
copy both ways, alternating; prints CPU and wall seconds and the ratio measured in this run.

    .venv/bin/python bench/release_write.py [--rounds 2]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from exportgraph.graph.build import build
from exportgraph.services.standards import releases
from exportgraph.services.users import User
from exportgraph.store.embedded import EmbeddedStore

ADA = User("ada", "admin")


def publish(built: Path, into: Path, bulk: bool) -> tuple[float, float, int]:
    shutil.copytree(built, into)
    store = EmbeddedStore(into)
    store.bulk_writes = bulk  # False: the one-update path every other store takes
    try:
        cpu, wall = time.process_time(), time.perf_counter()
        releases.create_release(store, ADA, {"version": "1.0"})
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        return cpu, wall, len(releases.release_triples(store, "1.0"))
    finally:
        store.close()
        shutil.rmtree(into)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2)
    rounds = parser.parse_args().rounds
    with tempfile.TemporaryDirectory() as scratch:
        built = Path(scratch) / "built"
        store = EmbeddedStore(built)
        build(store)
        store.close()
        runs: dict[bool, list[tuple[float, float, int]]] = {False: [], True: []}
        for n in range(rounds):
            for bulk in (False, True):
                runs[bulk].append(publish(built, Path(scratch) / f"copy{n}{bulk}", bulk))
    sizes = {run[2] for each in runs.values() for run in each}
    assert len(sizes) == 1, f"the two ways stored different releases: {sizes}"
    cpu = {bulk: statistics.median(r[0] for r in each) for bulk, each in runs.items()}
    wall = {bulk: statistics.median(r[1] for r in each) for bulk, each in runs.items()}
    print(f"first release of {sizes.pop()} statements on an on-disk store, median of {rounds}:")
    print(f"  one SPARQL update text: CPU {cpu[False]:.2f} s, wall {wall[False]:.2f} s")
    print(f"  bulk insert + update:   CPU {cpu[True]:.2f} s, wall {wall[True]:.2f} s")
    print(
        f"  ratio (before / after): CPU {cpu[False] / cpu[True]:.2f}x, wall {wall[False] / wall[True]:.2f}x"
    )


if __name__ == "__main__":
    main()
