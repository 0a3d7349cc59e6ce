"""Risk scores and plan evaluation, in process, with baselines measured in the same run.

Risk: scores per second over a mix of requests (7 subjects × 12 destinations × 2 models × end
users, stages, end uses), warm (the data version's memos filled, as a running service is) and
cold (a new subject each time: the classification under every list is recomputed); baseline: one
classification of the same subjects under every list (POST /v1/classify's work), which the item
sensitivity factor builds on.
Plans: a 50-activity plan (exports, exchanges, trials, seminars, publications over four stages),
p50/p99 per evaluation; baseline: the 50 activity assessments alone (POST /v1/assess's work).
Run: .venv/bin/python bench/risk.py [--quick]

Targets (issue: risk-based staged controls): >= 5,000 risk scores/s in process; a 50-activity
plan <= 50 ms p50.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
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
from exportgraph.knowledge.current import current  # noqa: E402
from exportgraph.services.partners.assess import assess  # noqa: E402
from exportgraph.services.partners.classify import classify  # noqa: E402
from exportgraph.services.partners.plans import evaluate_plan  # noqa: E402
from exportgraph.services.partners.risk import score_risk  # noqa: E402
from exportgraph.settings import Settings  # noqa: E402
from exportgraph.store import open_store  # noqa: E402

SUBJECTS: list[dict[str, Any]] = [
    {
        "item": {
            "kind": "quantum-computer",
            "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
        }
    },
    {
        "item": {
            "kind": "quantum-computer",
            "parameters": {"physical-qubits": 56, "cnot-error": 1.5e-3},
        }
    },
    {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 2400}}},
    {
        "item": {
            "kind": "dilution-refrigerator",
            "parameters": {
                "cooling-power": {"value": 800, "unit": "uW"},
                "cooling-power-temperature": "100 mK",
                "continuous-operation": "168 h",
            },
        }
    },
    {"technology": {"for_kind": "qubit-device", "purpose": "production"}},
    {"technology": {"for_kind": "quantum-computer", "purpose": "development"}},
    {"software": {"for_kind": "qubit-device", "purpose": "development"}},
]
DESTINATIONS = ["CN", "DE", "JP", "IR", "RU", "IN", "BR", "US", "GB", "AM", "MO", "IL"]
ORIGINS = ["US", "DE", "FR", "GB"]
END_USERS: list[dict[str, Any]] = [
    {"name": "Example University", "type": "university", "verified": True},
    {"name": "Example Lab", "type": "government-lab"},
    {"type": "military", "verified": False},
    {},
]
STAGES = [None, "basic-research", "prototype-development", "deployment"]
END_USES = [None, "civil-research", "military"]


def risk_requests(count: int) -> list[dict[str, Any]]:
    combos = itertools.product(SUBJECTS, DESTINATIONS, ("capped-points", "dod-matrix"), ORIGINS)
    requests = []
    for i, (subject, destination, model, origin) in enumerate(
        itertools.islice(itertools.cycle(combos), count)
    ):
        body: dict[str, Any] = {
            "subject": subject,
            "from": origin,
            "to": destination,
            "model": model,
            "end_user": END_USERS[i % len(END_USERS)],
        }
        if STAGES[i % len(STAGES)]:
            body["project_stage"] = STAGES[i % len(STAGES)]
        if END_USES[i % len(END_USES)]:
            body["end_use"] = END_USES[i % len(END_USES)]
        requests.append(body)
    return requests


def plan_of(activities: int) -> dict[str, Any]:
    """A plan of four stages over four years and `activities` activities among three partners."""
    kinds = [
        "export",
        "researcher-exchange",
        "equipment-trial",
        "seminar",
        "publication",
        "facility-access",
        "deemed-export",
    ]
    stages = [
        {"stage": "basic-research", "from": "2026-01-01", "until": "2026-12-31"},
        {"stage": "applied-research", "from": "2027-01-01", "until": "2027-12-31"},
        {"stage": "prototype-development", "from": "2028-01-01", "until": "2028-12-31"},
        {"stage": "fabrication", "from": "2029-01-01", "until": "2029-12-31"},
    ]
    partners = [
        {"id": "us", "name": "Example University", "country": "US", "type": "university"},
        {"id": "de", "name": "Example Lab", "country": "DE", "type": "government-lab"},
        {"id": "jp", "name": "Example KK", "country": "JP", "type": "company", "verified": True},
    ]
    pairs = [("us", "de"), ("de", "jp"), ("us", "jp"), ("jp", "us")]
    items = []
    for i in range(activities):
        kind = kinds[i % len(kinds)]
        source, target = pairs[i % len(pairs)]
        day = dt.date(2026, 1, 15) + dt.timedelta(days=(i * 1400) // activities)
        subject = SUBJECTS[i % len(SUBJECTS)]
        if kind == "equipment-trial" and "item" not in subject:
            subject = SUBJECTS[0]
        items.append(
            {
                "id": f"a{i + 1}",
                "type": kind,
                "date": day.isoformat(),
                "from_partner": source,
                "to_partner": target,
                "person_nationality": "CN" if i % 3 == 0 else None,
                "intended_for_publication": True
                if kind in ("researcher-exchange", "seminar")
                else None,
                "subject": subject,
            }
        )
    for item in items:
        for key in [k for k, v in item.items() if v is None]:
            del item[key]
    return {
        "project": "bench",
        "as_of": "2026-01-01",
        "partners": partners,
        "stages": stages,
        "activities": items,
    }


def rate(fn: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    for _ in range(count):
        fn()
    return count / (time.perf_counter() - start)


def timings(fn: Callable[[], object], runs: int) -> list[float]:
    found = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        found.append((time.perf_counter() - start) * 1000)
    return sorted(found)


def pct(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    quick = parser.parse_args().quick
    store = open_store("memory:")
    build(store)
    context = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    knowledge = current(context)

    requests = risk_requests(672)
    for body in requests:  # warm: a running service has seen these subjects
        score_risk(knowledge, body)
    n = 3000 if quick else 20000
    cycle = itertools.cycle(requests)
    warm = rate(lambda: score_risk(knowledge, next(cycle)), n)

    counter = itertools.count()

    def cold_score() -> None:
        # a subject never seen: the classification under every list is recomputed
        qubits = 10_000 + next(counter)
        body = dict(requests[0])
        body["subject"] = {
            "item": {
                "kind": "quantum-computer",
                "parameters": {"physical-qubits": qubits, "cnot-error": 1e-3},
            }
        }
        score_risk(knowledge, body)

    cold = rate(cold_score, 200 if quick else 1000)
    subjects = itertools.cycle([s["item"] for s in SUBJECTS if "item" in s])
    classify_rate = rate(lambda: classify(context, next(subjects)), 200 if quick else 1000)

    print("risk scores, in process")
    verdict = "PASS" if warm >= 5000 else "FAIL"
    print(f"  warm (memos filled)           {warm:10,.0f} scores/s   target >= 5,000: {verdict}")
    print(f"  cold (new subject each time)  {cold:10,.0f} scores/s")
    print(f"  baseline: classify, all lists {classify_rate:10,.0f} items/s")
    print(
        f"  ratios: warm/classify {warm / classify_rate:.1f}x   "
        f"cold/classify {cold / classify_rate:.2f}x   warm/cold {warm / cold:.1f}x"
    )

    plan = plan_of(50)
    first = timings(lambda: evaluate_plan(context, plan), 1)[0]
    runs = 20 if quick else 60
    plans = timings(lambda: evaluate_plan(context, plan), runs)
    activities = plan["activities"]

    def assessments() -> None:
        for item in activities:
            assess(
                context,
                {
                    "activity": "export" if item["type"] == "equipment-trial" else item["type"],
                    "subject": item["subject"],
                    "from": {"us": "US", "de": "DE", "jp": "JP"}[item["from_partner"]],
                    "to": {"us": "US", "de": "DE", "jp": "JP"}[item["to_partner"]],
                    "as_of": item["date"],
                },
            )

    baseline = timings(assessments, runs)
    p50, p99, b50 = statistics.median(plans), pct(plans, 0.99), statistics.median(baseline)
    print("50-activity plan, in process")
    print(f"  first evaluation              {first:8.1f} ms")
    verdict = "PASS" if p50 <= 50 else "FAIL"
    print(
        f"  p50 / p99                     {p50:8.1f} / {p99:.1f} ms   target p50 <= 50 ms: {verdict}"
    )
    print(f"  baseline: 50 assessments p50  {b50:8.1f} ms")
    print(f"  ratio plan/assessments        {p50 / b50:8.2f}x   (p99 {p99:.1f} ms)")


if __name__ == "__main__":
    main()
