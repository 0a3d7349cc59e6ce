"""CPU time of a server's process tree, and waiting until an idle server is quiet: shared by the
benchmarks that start a real server (bench/classify.py, bench/mixed_load.py)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path


def tree_cpu_seconds(root: int) -> float:
    """User + system CPU time so far of process `root` and its live descendants (uvicorn
    workers, SPARQL workers), from Linux /proc: a per-request cost that, unlike requests/s,
    does not move with other load on the machine."""
    stats: dict[int, tuple[int, float]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks = int(fields[11]) + int(fields[12])  # utime, stime
        stats[int(entry.name)] = (int(fields[1]), ticks / os.sysconf("SC_CLK_TCK"))
    tree, grown = {root}, True
    while grown:
        grown = False
        for pid, (parent, _) in stats.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grown = True
    return sum(stats.get(pid, (0, 0.0))[1] for pid in tree)


def settle(cpu_seconds: Callable[[], float], quiet: float = 0.1, longest: float = 180.0) -> float:
    """Wait until an idle server uses under `quiet` CPU seconds per second (its background
    warm-up done: the write check's base, the screening index, the what-if base), at most
    `longest` seconds; the seconds waited."""
    started = time.monotonic()
    before = cpu_seconds()
    while time.monotonic() - started < longest:
        time.sleep(1.0)
        now = cpu_seconds()
        if now - before < quiet:
            break
        before = now
    return time.monotonic() - started
