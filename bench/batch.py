"""Batch classification: a synthetic corpus of 100,000 items (exportgraph.services.partners.
synthetic, seeded) classified in every jurisdiction in process, cold (a fresh knowledge index:
axes, plans and answers compiled during the run), a corpus not seen before on the compiled index
(what a running server does after the first batch of a data version) and warm (the same data version and date again),
and the same items classified one by one through classify_in — measured on a sample in the same
run and extrapolated (said so in the output), with the sample's answers compared to the batch's.
Also the time to write the batch as JSON (what POST /v1/classify/batch streams). Wall-clock and
CPU seconds (CPU is steadier on a machine shared with other work).
Run: .venv/bin/python bench/batch.py [--quick] [--items N]

Goal (issue "Impact assessment"): 100,000 items x all jurisdictions <= 2 s in process.
"""

from __future__ import annotations

from typing import Any

from _corpus import built, corpus_size, timed

from exportgraph.presentation.batch import json_chunks
from exportgraph.services.partners.batch import BatchRun, classify_batch
from exportgraph.services.partners.batch_rows import json_rows
from exportgraph.services.partners.classify import classify_in
from exportgraph.services.partners.synthetic import synthetic_items

AS_OF = "2025-12-01"


def one_by_one(knowledge: Any, items: list[dict[str, Any]]) -> tuple[list[Any], float, float]:
    """classify_in on each item (errors kept as None), timed."""

    def run() -> list[Any]:
        out: list[Any] = []
        for entry in items:
            try:
                out.append(classify_in(knowledge, entry["item"], None, AS_OF))
            except Exception:
                out.append(None)
        return out

    return timed(run)


def same(batch: dict[str, Any], singles: list[Any]) -> bool:
    """Whether the batch answers (controlled, entries) equal the single-item ones."""
    for got, single in zip(batch["items"], singles, strict=False):
        if single is None:
            if "error" not in got:
                return False
            continue
        expected = [
            (r["jurisdiction"], r["controlled"], [e["id"] for e in r["entries"]])
            for r in single["results"]
        ]
        found = [(v["jurisdiction"], v["controlled"], v["entries"]) for v in got["results"]]
        if expected != found:
            return False
    return True


def main() -> None:
    size, sample_size = corpus_size(__doc__, 1_000, 200)
    store, knowledge = built()
    items, generated, _ = timed(lambda: synthetic_items(knowledge, size, seed=1, bad=0.005))
    codes = knowledge.answered_jurisdictions()
    print(
        f"{size:,} synthetic items (seed 1, 10% values missing, 0.5% bad) generated in "
        f"{generated:.2f} s; {len(codes)} jurisdictions: {', '.join(codes)}"
    )

    cold, cold_wall, cold_cpu = timed(lambda: classify_batch(knowledge, items, None, AS_OF))
    warm, warm_wall, warm_cpu = timed(lambda: classify_batch(knowledge, items, None, AS_OF))
    print(
        f"batch, cold (fresh index: compiled during the run): {cold_wall:.2f} s wall, "
        f"{cold_cpu:.2f} s CPU ({size / cold_wall:,.0f} items/s)"
    )
    print(
        f"batch, warm (same data version and date): {warm_wall:.2f} s wall, {warm_cpu:.2f} s CPU "
        f"({size / warm_wall:,.0f} items/s); {cold['errors']:,} items in error, answered in place"
    )
    assert cold == warm
    other = synthetic_items(knowledge, size, seed=2, bad=0.005)
    new, new_wall, new_cpu = timed(lambda: classify_batch(knowledge, other, None, AS_OF))
    print(
        f"batch, a corpus not seen before (seed 2) on the compiled index (a running server after "
        f"the data version's first batch): {new_wall:.2f} s wall, {new_cpu:.2f} s CPU "
        f"({size / new_wall:,.0f} items/s); {new['errors']:,} items in error"
    )

    def write() -> int:
        run = BatchRun(knowledge, json_rows(items), None, AS_OF)
        return sum(len(chunk) for chunk in json_chunks(run))

    written, write_wall, write_cpu = timed(write)
    print(
        f"batch written as JSON (the API's stream, warm): {write_wall:.2f} s wall, "
        f"{write_cpu:.2f} s CPU, {written / 1e6:,.1f} MB"
    )

    step = max(1, size // sample_size)
    sample = items[::step][:sample_size]
    singles, single_wall, single_cpu = one_by_one(knowledge, sample)
    per_item_wall, per_item_cpu = single_wall / len(sample), single_cpu / len(sample)
    agree = same({"items": cold["items"][::step][:sample_size]}, singles)
    print(
        f"baseline, classify_in one by one: {per_item_wall * 1e3:.2f} ms wall per item measured "
        f"on {len(sample):,} items of the corpus (every {step}th), extrapolated to {size:,}: "
        f"{per_item_wall * size:,.0f} s wall, {per_item_cpu * size:,.0f} s CPU; same answers: {agree}"
    )
    print(
        f"ratio one-by-one / batch: cold {per_item_wall * size / cold_wall:,.0f}x wall "
        f"({per_item_cpu * size / cold_cpu:,.0f}x CPU), new corpus "
        f"{per_item_wall * size / new_wall:,.0f}x wall ({per_item_cpu * size / new_cpu:,.0f}x CPU), "
        f"warm {per_item_wall * size / warm_wall:,.0f}x wall ({per_item_cpu * size / warm_cpu:,.0f}x CPU)"
    )
    goal = 2.0 * size / 100_000
    print(
        f"goal <= {goal:.1f} s for {size:,} items x all jurisdictions: cold "
        f"{'met' if cold_wall <= goal else 'NOT met'} on the wall clock "
        f"({'met' if cold_cpu <= goal else 'NOT met'} in CPU time), a new corpus on the compiled "
        f"index {'met' if new_wall <= goal else 'NOT met'} "
        f"({'met' if new_cpu <= goal else 'NOT met'}), warm "
        f"{'met' if warm_wall <= goal else 'NOT met'} ({'met' if warm_cpu <= goal else 'NOT met'})"
    )
    store.close()


if __name__ == "__main__":
    main()
