"""What formalizing whole-list thresholds costs (loaders/formalize.py), measured in the same run
against a baseline built from the same checkout with an empty rules table (whole lists loaded,
nothing formalized): build time and in-process classify p50 for a quantum computer (the curated
rows) and for a magnetometer (a formalized paragraph in the US, text only in the EU).
Run: .venv/bin/python bench/formalize.py

Targets (issue 14): building the store from all sources <= 60 s on 2 cores; classify p50 <= 1 ms.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exportgraph.graph.build import build  # noqa: E402
from exportgraph.graph.context import Context  # noqa: E402
from exportgraph.services.partners.classify import classify  # noqa: E402
from exportgraph.settings import Settings  # noqa: E402
from exportgraph.store import Store, open_store  # noqa: E402

ITEMS: dict[str, dict[str, Any]] = {
    "quantum computer": {
        "kind": "quantum-computer",
        "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
    },
    "magnetometer": {
        "kind": "optically-pumped-magnetometer",
        "parameters": {"magnetometer-sensitivity-1hz": 5000},
    },
}
JURISDICTIONS = ["US", "EU", "GB"]
RULES = "controls/formalize/rules.csv"


def p50(store: Store, item: dict[str, Any]) -> float:
    context = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    classify(context, item, JURISDICTIONS, "2026-12-01")  # warm: builds the index
    samples = []
    for _ in range(300):
        started = time.perf_counter()
        classify(context, item, JURISDICTIONS, "2026-12-01")
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def timed_build(store: Store, root: Path) -> float:
    started = time.perf_counter()
    build(store, root=root)
    return time.perf_counter() - started


def main() -> None:
    ontology = ROOT / "ontology"
    with tempfile.TemporaryDirectory() as tmp:
        without = Path(tmp) / "ontology"
        shutil.copytree(ontology, without)
        header = (ontology / RULES).read_text(encoding="utf-8").splitlines()[0]
        (without / RULES).write_text(header + "\n", encoding="utf-8")
        base, full = open_store("memory:"), open_store("memory:")
        base_build = timed_build(base, without)
        full_build = timed_build(full, ontology)
    print(
        f"build: baseline {base_build:.2f} s, formalized {full_build:.2f} s, ratio "
        f"{full_build / base_build:.2f}x"
    )
    worst = 0.0
    for label, item in ITEMS.items():
        before, after = p50(base, item), p50(full, item)
        worst = max(worst, after)
        print(
            f"classify p50 {label}: baseline {before:.3f} ms, formalized {after:.3f} ms, "
            f"ratio {after / before:.2f}x"
        )
    print(f"target build <= 60 s: {'met' if full_build <= 60 else 'MISSED'}")
    print(f"target classify p50 <= 1 ms: {'met' if worst <= 1 else 'MISSED'}")


if __name__ == "__main__":
    main()
