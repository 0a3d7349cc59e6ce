"""The impact report as CSV (one row per product and jurisdiction that moves) and the plots of its
HTML page."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from exportgraph.knowledge.index import Knowledge
from exportgraph.presentation.impact_plots import (
    corpus_planes,
    harmonization_line,
    harmonization_matrix,
    migration_bars,
)
from exportgraph.services.standards import impact
from exportgraph.services.standards.impact_report_answers import (
    ImpactReport,
    ImpactRun,
    Movement,
    Totals,
    move_kind,
    no_moves,
)

CSV_COLUMNS = (
    "date",
    "jurisdiction",
    "product",
    "before",
    "after",
    "entries_before",
    "entries_after",
    "changed_entries",
)


def _text(verdict: object) -> str:
    return str(verdict).lower()


def _because(report: ImpactReport, move: Movement) -> list[str]:
    """The entries that changed on the move's date and that it lists before or after."""
    listed = {*move["entries_before"], *move["entries_after"]}
    return [
        change["entry"]
        for change in report["changes"]
        if change["date"] == move["date"] and change["entry"] in listed
    ]


def report_csv(report: ImpactReport) -> str:
    """Every movement of the report, with the entries that changed behind it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for move in report["movements"]:
        writer.writerow(
            [
                move["date"],
                move["jurisdiction"],
                move["product"],
                _text(move["before"]),
                _text(move["after"]),
                " ".join(move["entries_before"]),
                " ".join(move["entries_after"]),
                " ".join(_because(report, move)),
            ]
        )
    return out.getvalue()


@dataclass(frozen=True)
class ReportPlots:
    """The SVG plots of a report's page."""

    migration: str
    timeline: str
    matrix_from: str
    matrix_to: str
    planes: Sequence[str]


def moved_products(movements: Sequence[Movement]) -> dict[str, set[str]]:
    """Jurisdiction → the products whose answer moves there."""
    moved: dict[str, set[str]] = {}
    for move in movements:
        moved.setdefault(move["jurisdiction"], set()).add(str(move["product"]))
    return moved


def report_plots(run: ImpactRun) -> ReportPlots:
    report = run.report
    matrix = report["matrix"]
    return ReportPlots(
        migration_bars(report["summary"]),  # type: ignore[arg-type]
        harmonization_line([(p["date"], p["harmonization"]) for p in report["timeline"]]),
        harmonization_matrix(matrix["from"]["jurisdictions"], matrix["from"]["shares"]),
        harmonization_matrix(matrix["to"]["jurisdictions"], matrix["to"]["shares"]),
        corpus_planes(
            run.before, run.after, report["jurisdictions"], moved_products(report["movements"])
        ),
    )


def transition_totals(summary: Mapping[str, Mapping[str, int]]) -> dict[str, Totals]:
    """A what-if's counts per transition ("false->true": n) by what the moves mean."""
    verdicts: dict[str, object] = {"true": True, "false": False}
    totals: dict[str, Totals] = {}
    for code, transitions in summary.items():
        counted = no_moves()
        for key, count in transitions.items():
            before, _, after = key.partition("->")
            kind = move_kind(verdicts.get(before, before), verdicts.get(after, after))
            counted[kind] += count  # type: ignore[literal-required]
        totals[code] = counted
    return totals


@dataclass(frozen=True)
class WhatIfPlots:
    """The SVG plots of a what-if: migration, harmonization before and after, the planes."""

    migration: str
    harmonization: str
    planes: Sequence[str]


def whatif_plots(knowledge: Knowledge, run: impact.ImpactRun) -> WhatIfPlots:
    answer = run.answer
    moved: dict[str, set[str]] = {}
    for migration in answer["migrations"]:
        moved.setdefault(migration["jurisdiction"], set()).add(str(migration["id"]))
    share = answer["harmonization"]
    return WhatIfPlots(
        migration_bars(transition_totals(answer["summary"])),  # type: ignore[arg-type]
        harmonization_line([("before", share["before"]), ("after", share["after"])]),
        corpus_planes(
            (knowledge, run.on),
            (run.sandbox, run.on),
            answer["jurisdictions"],
            moved,
            products=answer["corpus"]["source"] == impact.PRODUCTS,
        ),
    )
