"""Load-time OWL 2 RL materialisation: reasonable against owlrl (the baseline) on the real graph.

Run: .venv/bin/python bench/reasoning.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from exportgraph.graph.reasoning import Engine, materialize
from exportgraph.graph.sources import collect_sources, parse_sources


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    started = time.perf_counter()
    asserted = parse_sources(collect_sources())
    print(
        f"asserted triples: {len(set(asserted))} (parsed in {time.perf_counter() - started:.2f} s)"
    )
    timings: dict[str, float] = {}
    inferred: dict[str, set[str]] = {}
    engines: tuple[Engine, ...] = ("owlrl", "reasonable")
    for engine in engines:
        seconds = []
        for _ in range(args.runs):
            closure = materialize(asserted, engine)
            seconds.append(closure.seconds)
        timings[engine] = statistics.median(seconds)
        inferred[engine] = {str(t) for t in closure.inferred}
        print(
            f"{engine:>10}: median {timings[engine]:.3f} s over {args.runs} runs, +{len(closure.inferred)} triples"
        )
    only_owlrl = inferred["owlrl"] - inferred["reasonable"]
    only_reasonable = inferred["reasonable"] - inferred["owlrl"]
    print(
        f"inferred by both: {len(inferred['owlrl'] & inferred['reasonable'])}; "
        f"only owlrl: {len(only_owlrl)}; only reasonable: {len(only_reasonable)}"
    )
    print(f"ratio owlrl / reasonable: {timings['owlrl'] / timings['reasonable']:.1f}x")


if __name__ == "__main__":
    main()
