"""Shared by the benchmarks over a synthetic corpus (batch.py, impact.py): their command line,
the graph built into an in-memory store with its knowledge index, and a timer. Not a benchmark
itself (`make bench` runs bench/[!_]*.py)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exportgraph.graph.build import build  # noqa: E402
from exportgraph.knowledge.index import Knowledge  # noqa: E402
from exportgraph.knowledge.read import read_knowledge  # noqa: E402
from exportgraph.store import Store, open_store  # noqa: E402

T = TypeVar("T")


def timed(run: Callable[[], T]) -> tuple[T, float, float]:
    """The result, wall seconds and CPU seconds of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = run()
    return result, time.perf_counter() - wall, time.process_time() - cpu


def corpus_size(description: str | None, sample: int, quick_sample: int) -> tuple[int, int]:
    """From the command line (--quick, --items N): the corpus size and the sample size."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--quick", action="store_true", help="a smoke run (fewer items)")
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    return (10_000 if args.quick else args.items), (quick_sample if args.quick else sample)


def built() -> tuple[Store, Knowledge]:
    """An in-memory store holding the built graph, and its knowledge index."""
    store = open_store("memory:")
    build(store)
    return store, read_knowledge(store)
