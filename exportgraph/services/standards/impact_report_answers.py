"""The impact report's answer (contract §9a): its ends, the rule changes, the products' moves,
the timeline, the agreement matrix and the moves per jurisdiction."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from typing_extensions import TypedDict

from exportgraph.knowledge.index import Knowledge
from exportgraph.services.reference.entries import CriterionShown

Verdict = bool | str
ChangeKind = Literal["in-force", "out-of-force", "added", "removed", "changed"]


class Endpoint(TypedDict):
    """One end of the report: a date, or a release and the date its rules are applied on."""

    value: str
    date: str
    release: str | None


class RuleChange(TypedDict):
    """One entry that changed, and the products whose answer it moved."""

    date: str
    jurisdiction: str
    entry: str
    title: str
    change: ChangeKind
    criteria: list[list[CriterionShown]]  # the entry's alternatives (after the change)
    caught: list[str]  # products now controlled through it, not controlled before
    released: list[str]  # products controlled through it before, not controlled now
    matched: list[str]  # products it newly lists (caught, or already controlled otherwise)


class Movement(TypedDict):
    """A product whose answer in a jurisdiction moved at one step."""

    product: str
    jurisdiction: str
    date: str
    before: Verdict
    after: Verdict
    entries_before: list[str]
    entries_after: list[str]


class Point(TypedDict):
    """The corpus on one date: the share the jurisdictions agree on, the verdict counts."""

    date: str
    release: str | None
    harmonization: float | None
    counts: dict[str, dict[str, int]]  # jurisdiction → {"true", "false", "unknown"}


class Matrix(TypedDict):
    jurisdictions: list[str]
    shares: list[list[float | None]]  # shares[i][j]: products on which i and j agree


class Totals(TypedDict):
    """Moves per jurisdiction, by what they mean (see MOVES)."""

    caught: int
    released: int
    undecided: int
    cleared: int
    entries: int


MOVES: dict[str, str] = {
    "caught": "newly controlled",
    "released": "no longer controlled",
    "undecided": "now possibly controlled (unknown)",
    "cleared": "unknown before, not controlled now",
    "entries": "same answer, other entries",
}


def move_kind(before: object, after: object) -> str:
    """What a move means: a key of MOVES (verdicts as in answers: True, False, "unknown")."""
    if after is True and before is not True:
        return "caught"
    if before is True and after is not True:
        return "released"
    if before is False and after == "unknown":
        return "undecided"
    if before == "unknown" and after is False:
        return "cleared"
    return "entries"


def no_moves() -> Totals:
    return {"caught": 0, "released": 0, "undecided": 0, "cleared": 0, "entries": 0}


class ImpactReport(TypedDict):
    data_version: str
    mode: Literal["dates", "releases"]
    start: Endpoint
    end: Endpoint
    jurisdictions: list[str]
    corpus: int
    changes: list[RuleChange]
    movements: list[Movement]
    summary: dict[str, Totals]
    timeline: list[Point]
    matrix: dict[str, Matrix]  # "from", "to"
    notes: list[str]


@dataclass(frozen=True)
class ImpactRun:
    """The report, and the rules and date of each end (what its plots draw)."""

    report: ImpactReport
    before: tuple[Knowledge, dt.date]
    after: tuple[Knowledge, dt.date]
