"""Independent review: how long re-computing a contested answer at its data version takes, with
baselines measured in the same run.

On the real graph, a classification is contested at three data versions: the current one, one
from before a proposal (nothing approved since: the current index is reused), and one from before
an approved change set (the index is rebuilt: the change undone, the closure reasoned again, the
knowledge read; then kept). Baselines: the same classification answered by the service
(POST /v1/classify's work) and building the current index from the store (what every write costs
the next request anyway).
Run: .venv/bin/python bench/reviews.py
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from exportgraph.graph.build import build  # noqa: E402
from exportgraph.graph.context import Context  # noqa: E402
from exportgraph.knowledge.read import read_knowledge  # noqa: E402
from exportgraph.services.partners.classify import classify  # noqa: E402
from exportgraph.services.reviews.recompute import recompute  # noqa: E402
from exportgraph.services.reviews.versions import knowledge_at  # noqa: E402
from exportgraph.services.standards import changes  # noqa: E402
from exportgraph.services.users import User  # noqa: E402
from exportgraph.settings import Settings  # noqa: E402
from exportgraph.store import open_store  # noqa: E402

REQUEST: dict[str, Any] = {
    "item": {
        "kind": "quantum-computer",
        "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
    },
    "jurisdictions": ["US", "EU", "GB"],
    "as_of": "2025-12-01",
}
LABEL = 'parameter:cnot-error skos:altLabel "errore C-NOT (bench)"@it .'


def timed(run: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        samples.append(time.perf_counter() - started)
    return statistics.median(samples)


def main() -> None:
    store = open_store("memory:")
    build(store)
    context = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    editor, reviewer = User("bench-editor", "editor"), User("bench-reviewer", "reviewer")

    def propose(add: str) -> str:
        body = {
            "summary": "bench",
            "rationale": "bench",
            "base_version": store.data_version(),
            "add": add,
        }
        return str(changes.propose(store, editor, body)["id"])

    before_approval = store.data_version() or ""
    changes.approve(store, reviewer, propose(LABEL))
    before_proposal = store.data_version() or ""
    propose('parameter:cnot-error skos:altLabel "errore C-NOT (bench 2)"@it .')
    current = store.data_version() or ""

    def review_at(version: str) -> Callable[[], object]:
        return lambda: recompute(context, knowledge_at(store, version), "classification", REQUEST)

    classify(context, REQUEST["item"], REQUEST["jurisdictions"], REQUEST["as_of"])  # warm
    answer = timed(
        lambda: classify(context, REQUEST["item"], REQUEST["jurisdictions"], REQUEST["as_of"]), 20
    )
    index = timed(lambda: read_knowledge(store), 1)
    at_current = timed(review_at(current), 20)
    no_approval = timed(review_at(before_proposal), 20)
    cold = timed(review_at(before_approval), 1)
    warm = timed(review_at(before_approval), 20)
    print(f"baseline: classify (POST /v1/classify's work)  {answer * 1e3:8.1f} ms")
    print(f"baseline: read the current index               {index * 1e3:8.1f} ms")
    print(
        f"review at the current version                  {at_current * 1e3:8.1f} ms "
        f"({at_current / answer:.2f}x classify)"
    )
    print(
        f"review before a proposal (index reused)        {no_approval * 1e3:8.1f} ms "
        f"({no_approval / answer:.2f}x classify)"
    )
    print(
        f"review before an approval, first (rebuilt)     {cold * 1e3:8.1f} ms "
        f"({cold / index:.2f}x reading the index)"
    )
    print(
        f"review before an approval, again (kept)        {warm * 1e3:8.1f} ms "
        f"({warm / answer:.2f}x classify)"
    )
    context.close()


if __name__ == "__main__":
    main()
