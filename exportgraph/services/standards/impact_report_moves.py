"""What the rules do to the products: the corpus classified on each date, the products whose
answer moved, each rule change with the products it moved, the counts and agreement on a date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.services.partners.batch_compiled import Results, compiled, decide
from exportgraph.services.partners.batch_items import ItemReader, Parsed, Row
from exportgraph.services.reference.entries import criterion_shown
from exportgraph.services.standards.impact_answers import harmonization
from exportgraph.services.standards.impact_report_answers import (
    ChangeKind,
    Matrix,
    Movement,
    Point,
    RuleChange,
    Totals,
    move_kind,
    no_moves,
)


def classify_days(
    knowledge: Knowledge, rows: Sequence[Row], codes: Sequence[str], days: Sequence[dt.date]
) -> list[list[Results | None]]:
    reader = ItemReader(knowledge)
    parsed = Parsed()
    reader.read(parsed, rows)
    return [decide(compiled(knowledge, day), reader, parsed, codes) for day in days]


def moves(
    ids: Sequence[str],
    old: Sequence[Results | None],
    new: Sequence[Results | None],
    day: dt.date,
) -> list[Movement]:
    moved: list[Movement] = []
    for product, was, now in zip(ids, old, new, strict=True):
        if was is None or now is None:
            continue
        for b, a in zip(was, now, strict=True):
            if b["controlled"] != a["controlled"] or b["entries"] != a["entries"]:
                moved.append(
                    {
                        "product": product,
                        "jurisdiction": b["jurisdiction"],
                        "date": day.isoformat(),
                        "before": b["controlled"],
                        "after": a["controlled"],
                        "entries_before": list(b["entries"]),
                        "entries_after": list(a["entries"]),
                    }
                )
    return moved


def rule_change(
    entry: Entry, kind: ChangeKind, day: dt.date, movements: Sequence[Movement]
) -> RuleChange:
    mine = [m for m in movements if m["date"] == day.isoformat()]
    return {
        "date": day.isoformat(),
        "jurisdiction": entry.jurisdiction,
        "entry": entry.id,
        "title": entry.title,
        "change": kind,
        "criteria": [[criterion_shown(c) for c in alt] for alt in entry.alternatives],
        "caught": sorted(
            {
                m["product"]
                for m in mine
                if m["after"] is True and m["before"] is not True and entry.id in m["entries_after"]
            }
        ),
        "released": sorted(
            {
                m["product"]
                for m in mine
                if m["before"] is True
                and m["after"] is not True
                and entry.id in m["entries_before"]
            }
        ),
        "matched": sorted(
            {
                m["product"]
                for m in mine
                if entry.id in m["entries_after"] and entry.id not in m["entries_before"]
            }
        ),
    }


def point(
    day: dt.date, release: str | None, results: Sequence[Results | None], codes: Sequence[str]
) -> Point:
    counts = {code: {"true": 0, "false": 0, "unknown": 0} for code in codes}
    for found in results:
        for verdict in found or ():
            counts[verdict["jurisdiction"]][str(verdict["controlled"]).lower()] += 1
    return {
        "date": day.isoformat(),
        "release": release,
        "harmonization": harmonization(results),
        "counts": counts,
    }


def pair_matrix(results: Sequence[Results | None], codes: Sequence[str]) -> Matrix:
    """For every pair of jurisdictions, the share of products both decide alike."""
    shares: list[list[float | None]] = []
    read = [found for found in results if found is not None]
    for i in range(len(codes)):
        row: list[float | None] = []
        for j in range(len(codes)):
            agree = sum(
                1
                for found in read
                if found[i]["controlled"] == found[j]["controlled"]
                and found[i]["controlled"] != "unknown"
            )
            row.append(round(agree / len(read), 6) if read else None)
        shares.append(row)
    return {"jurisdictions": list(codes), "shares": shares}


def totals(movements: Sequence[Movement], codes: Sequence[str]) -> dict[str, Totals]:
    totals = {code: no_moves() for code in codes}
    for m in movements:
        kind = move_kind(m["before"], m["after"])
        totals[m["jurisdiction"]][kind] += 1  # type: ignore[literal-required]
    return totals
