"""What-if over 100,000 items: tighten EU:4A506.a.2's C-NOT error bound (0.001 -> 5e-4) and
list every item and jurisdiction that moves, in a sandbox (nothing written). Prints the whole
what-if (read the asserted graph, build the sandbox index, classify before and after with the
compiled batch path, compare) and its parts — again on the same corpus (its "before" side kept)
and on a corpus not seen before; and, as baselines measured in the same run, the what-if without
its shortcuts (every item and jurisdiction decided again after the change, the corpus read and
decided anew: the same answer, asserted) and the naive way: the same sandbox, then every item
classified one by one through classify_in before and after — measured on a sample and
extrapolated (said so in the output), with the sample's migrations compared to the what-if's.
Run: .venv/bin/python bench/impact.py [--quick] [--items N]

Goal (issue "Impact assessment"): a what-if over 100,000 items <= 2 s.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from _corpus import built, corpus_size, timed

from exportgraph.services.partners.classify import classify_in
from exportgraph.services.partners.synthetic import synthetic_items
from exportgraph.services.standards import impact as impact_module
from exportgraph.services.standards.asserted_graph import current_asserted
from exportgraph.services.standards.impact import compare, corpus_rows, impact
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.services.standards.whatif import parse_change, sandbox

AS_OF = "2026-06-01"
CHANGE = {
    "edits": [
        {
            "entry": "EU:4A506.a.2",
            "parameter": "cnot-error",
            "comparator": "<=",
            "threshold": 5e-4,
            "unit": "1",
        }
    ]
}


@contextmanager
def whole() -> Iterator[None]:
    """The what-if without its shortcuts: no "before" kept, every answer decided again."""
    shortcuts = ("scope", "kept", "keep")
    saved = {name: getattr(impact_module, name) for name in shortcuts}
    for name in shortcuts:
        setattr(impact_module, name, lambda *_: None)
    try:
        yield
    finally:
        for name, shortcut in saved.items():
            setattr(impact_module, name, shortcut)


def verdicts(knowledge: Any, item: Any) -> list[tuple[str, object, list[str]]]:
    answer = classify_in(knowledge, item, None, AS_OF)
    return [
        (r["jurisdiction"], r["controlled"], [e["id"] for e in r["entries"]])
        for r in answer["results"]
    ]


def main() -> None:
    size, sample_size = corpus_size(__doc__, 500, 100)
    store, knowledge = built()
    corpus = synthetic_items(knowledge, size, seed=2)
    version = store.data_version()
    body = {"change": CHANGE, "corpus": corpus, "as_of": AS_OF}
    print(f"{size:,} synthetic items (seed 2) x every jurisdiction; change: {CHANGE['edits'][0]}")

    answer, wall, cpu = timed(lambda: impact(store, knowledge, body, max_items=size))
    moved = {(m["id"], m["jurisdiction"]) for m in answer["migrations"]}
    print(
        f"what-if, first (both indexes compiled during the run): {wall:.2f} s wall, {cpu:.2f} s "
        f"CPU; {len(answer['migrations']):,} migrations, EU {answer['summary'].get('EU')}; "
        f"harmonization {answer['harmonization']['before']} -> {answer['harmonization']['after']}"
    )
    # the what-if as it was before the shortcuts, on the same warm index: every item and
    # jurisdiction decided again after the change, the corpus read and decided anew each time
    with whole():
        full, full_wall, full_cpu = timed(lambda: impact(store, knowledge, body, max_items=size))
        fresh = {**body, "corpus": synthetic_items(knowledge, size, seed=4)}
        _, fresh_wall, fresh_cpu = timed(lambda: impact(store, knowledge, fresh, max_items=size))
    assert full == answer, "the shortcuts changed the answer"
    other = {**body, "corpus": synthetic_items(knowledge, size, seed=3)}
    _, new_wall, new_cpu = timed(lambda: impact(store, knowledge, other, max_items=size))
    again, wall, cpu = timed(lambda: impact(store, knowledge, body, max_items=size))
    assert again == answer
    print(
        "what-if again, the current index warm as in a running server, the sandbox built and "
        "compiled anew each time:\n"
        f"  baseline, every answer decided again, the corpus read anew: {full_wall:.2f} s wall, "
        f"{full_cpu:.2f} s CPU (seed 2); {fresh_wall:.2f} s wall, {fresh_cpu:.2f} s CPU on a "
        "corpus not seen before (seed 4)\n"
        f"  a corpus not seen before (seed 3): {new_wall:.2f} s wall, {new_cpu:.2f} s CPU "
        f"(ratio baseline on seed 4 / this: {fresh_cpu / new_cpu:.1f}x CPU)\n"
        f"  the same corpus as a recent what-if: {wall:.2f} s wall, {cpu:.2f} s CPU (ratio "
        f"baseline / this: {full_cpu / cpu:.1f}x CPU)"
    )
    assert store.data_version() == version, "the what-if wrote to the store"

    _, read_wall, _ = timed(lambda: frozenset(asserted_triples(store)))
    asserted = current_asserted(store, knowledge)  # as impact() has it: kept per data version
    change, edit_wall, _ = timed(lambda: parse_change(knowledge, store, asserted, CHANGE))
    after, sandbox_wall, sandbox_cpu = timed(lambda: sandbox(knowledge, asserted, change))
    rows = corpus_rows(knowledge, corpus, size)
    codes = knowledge.answered_jurisdictions()
    on = dt.date.fromisoformat(AS_OF)
    _, compare_wall, compare_cpu = timed(lambda: compare(knowledge, after, rows, codes, on))
    _, full_compare_wall, full_compare_cpu = timed(
        lambda: compare(
            knowledge, sandbox(knowledge, asserted, change), rows, codes, on, shortcut=False
        )
    )
    print(
        f"  parts: asserted graph {read_wall:.2f} s (read once per data version: not in "
        f"'again'), edits {edit_wall:.2f} s, sandbox index {sandbox_wall:.2f} s wall "
        f"({sandbox_cpu:.2f} s CPU), classify before and after and compare {compare_wall:.2f} s "
        f"wall ({compare_cpu:.2f} s CPU; the sandbox compiled on first use; every answer "
        f"decided again: {full_compare_wall:.2f} s wall, {full_compare_cpu:.2f} s CPU with a "
        "sandbox built anew)"
    )

    step = max(1, size // sample_size)
    sample = corpus[::step][:sample_size]

    def naive() -> set[tuple[str, str]]:
        found = set()
        for entry in sample:
            try:
                was, now = verdicts(knowledge, entry["item"]), verdicts(after, entry["item"])
            except Exception:
                continue
            found |= {(str(entry["id"]), b[0]) for b, a in zip(was, now, strict=True) if b != a}
        return found

    naive_moved, naive_wall, naive_cpu = timed(naive)
    ids = {entry["id"] for entry in sample}
    agree = naive_moved == {m for m in moved if m[0] in ids}
    per_item_wall, per_item_cpu = naive_wall / len(sample), naive_cpu / len(sample)
    total_wall = sandbox_wall + per_item_wall * size
    total_cpu = sandbox_cpu + per_item_cpu * size
    print(
        f"baseline, naive (the same sandbox, then classify_in one by one before and after): "
        f"{per_item_wall * 1e3:.2f} ms per item measured on {len(sample):,} items (every "
        f"{step}th), extrapolated to {size:,}: {total_wall:,.0f} s wall, {total_cpu:,.0f} s CPU; "
        f"same migrations on the sample: {agree}"
    )
    print(f"ratio naive / what-if: {total_wall / wall:,.0f}x wall, {total_cpu / cpu:,.0f}x CPU")
    goal = 2.0 * size / 100_000 if size < 100_000 else 2.0
    for what, w, c in (("a new corpus", new_wall, new_cpu), ("the same corpus", wall, cpu)):
        print(
            f"goal <= {goal:.1f} s, {what}: {'met' if w <= goal else 'NOT met'} on the wall "
            f"clock, {'met' if c <= goal else 'NOT met'} in CPU time"
        )
    store.close()


if __name__ == "__main__":
    main()
