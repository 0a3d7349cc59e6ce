"""The impact report (contract §9a, `GET /v1/reports/impact?from&to`): what changed in the rules
between two dates or two releases, and its effect on the products corpus per jurisdiction.

Only what the data settles is reported:
- between two **dates**, the rules are the current data; what changes is which entries are in
  force (their `effective_from` / `effective_until`). The products are classified on `from`, on
  every date in between where an entry comes into or goes out of force, and on `to`; each step
  lists the entries that changed (with their criteria) and the products each newly caught or
  released.
- between two **releases** (or a release and `current`), the rules are the releases' statements,
  both applied on the later release's issue date (today for `current`): the report lists the
  entries and criteria added, removed or changed (exportgraph.services.standards.diff) and the
  products that move.

`harmonization` is the share of products on which the jurisdictions asked about agree (all
controlled or all not; "unknown" is no agreement), on every date classified; `matrix` is the
same share for every pair of jurisdictions, at `from` and at `to`. Nothing is estimated beyond
the classification of the products as published.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence

from exportgraph.errors import InvalidInput, NotFound
from exportgraph.knowledge.current import of_triples
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Entry
from exportgraph.services.inputs import parse_date
from exportgraph.services.partners.batch_items import Row
from exportgraph.services.partners.classify import resolve_jurisdictions
from exportgraph.services.standards import releases
from exportgraph.services.standards.diff import diff_triples
from exportgraph.services.standards.diff_shapes import Diff
from exportgraph.services.standards.impact import PRODUCTS, corpus_rows
from exportgraph.services.standards.impact_report_answers import (
    ChangeKind,
    ImpactReport,
    ImpactRun,
    RuleChange,
)
from exportgraph.services.standards.impact_report_moves import (
    classify_days,
    moves,
    pair_matrix,
    point,
    rule_change,
    totals,
)
from exportgraph.store import Store

DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")


def is_date(value: str) -> bool:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def impact_report(
    store: Store,
    knowledge: Knowledge,
    start: str | None,
    end: str | None,
    jurisdictions: Sequence[str] | None = None,
) -> ImpactRun:
    """The report between `start` and `end` (ISO dates, or release versions / "current");
    InvalidInput / NotFound naming `from` or `to`."""
    if not start:
        raise InvalidInput("from: required (an ISO date or a release)", field="from")
    end = end or dt.date.today().isoformat()
    codes = resolve_jurisdictions(knowledge, list(jurisdictions) if jurisdictions else None)
    rows = corpus_rows(knowledge, PRODUCTS, len(knowledge.products))
    for value, field in ((start, "from"), (end, "to")):
        if DATE_LIKE.match(value) and not is_date(value):
            raise InvalidInput(f"{field}: {value!r} is not a date (YYYY-MM-DD)", field=field)
    if is_date(start) and is_date(end):
        first, last = parse_date(start, "from"), parse_date(end, "to")
        _ordered(first, last, start, end)
        return _by_dates(knowledge, rows, codes, first, last)
    before = None if is_date(start) else _release(store, start, "from")
    after = None if is_date(end) else _release(store, end, "to")
    if before is None or after is None:
        raise InvalidInput(
            f"to: give two dates or two releases (got {start!r} and {end!r}); a release's "
            "rules are compared with another release's",
            field="to",
        )
    if after[1] < before[1]:
        raise InvalidInput(
            f"to: release {end} was published before {start}; give the earlier release first",
            field="to",
        )
    # each release's statements read once: for its rules and for the diff
    stated_before, stated_after = releases.releases_triples(store, [start, end])
    sides = (
        (start, of_triples(stated_before), before[0]),
        (end, of_triples(stated_after), after[0]),
    )
    diff = diff_triples(stated_before, stated_after)
    return _by_releases(knowledge, rows, codes, *sides, diff)


def _ordered(first: dt.date, last: dt.date, start: str, end: str) -> None:
    if last < first:
        raise InvalidInput(
            f"to: {end} is before from {start}; give the earlier date or release first",
            field="to",
        )


def _release(store: Store, version: str, field: str) -> tuple[dt.date, int]:
    """The date a release's rules are applied on (its issue date; today for current) and its
    place among the releases (oldest first; current last)."""
    published = releases.list_releases(store)
    if version == releases.CURRENT:
        return dt.date.today(), len(published)
    places = [i for i, record in enumerate(published) if record["version"] == version]
    if not places:
        raise NotFound(
            f"{field}: no release {version!r} (and not an ISO date YYYY-MM-DD)", field=field
        )
    record = published[places[0]]
    issued = str(record.get("issued") or record.get("created") or "")[:10]
    return (dt.date.fromisoformat(issued) if is_date(issued) else dt.date.today()), places[0]


def _in_force_changes(
    knowledge: Knowledge, codes: Sequence[str], first: dt.date, last: dt.date
) -> list[tuple[dt.date, Entry, ChangeKind]]:
    """Entries of the lists asked about (and the unions they follow) that come into or go out of
    force after `first`, up to `last`."""
    governing = {g for code in codes for g in knowledge.governing(code)}
    found: list[tuple[dt.date, Entry, ChangeKind]] = []
    for entry in knowledge.entries.values():
        if entry.jurisdiction not in governing:
            continue
        if entry.effective_from and first < entry.effective_from <= last:
            found.append((entry.effective_from, entry, "in-force"))
        if entry.effective_until and first < entry.effective_until <= last:
            found.append((entry.effective_until, entry, "out-of-force"))
    found.sort(key=lambda f: (f[0], f[1].jurisdiction, f[1].sort_key, f[1].id))
    return found


def _by_dates(
    knowledge: Knowledge, rows: Sequence[Row], codes: Sequence[str], first: dt.date, last: dt.date
) -> ImpactRun:
    events = _in_force_changes(knowledge, codes, first, last)
    days = sorted({first, last, *(day for day, _, _ in events)})
    results = classify_days(knowledge, rows, codes, days)
    ids = [str(row.id) for row in rows]
    movements = [
        move
        for index in range(1, len(days))
        for move in moves(ids, results[index - 1], results[index], days[index])
    ]
    notes = []
    if not events:
        notes.append(
            f"No entry of {', '.join(codes)} comes into or goes out of force after "
            f"{first.isoformat()} up to {last.isoformat()} in the data."
        )
    report: ImpactReport = {
        "data_version": knowledge.version,
        "mode": "dates",
        "start": {"value": first.isoformat(), "date": first.isoformat(), "release": None},
        "end": {"value": last.isoformat(), "date": last.isoformat(), "release": None},
        "jurisdictions": list(codes),
        "corpus": len(rows),
        "changes": [rule_change(entry, kind, day, movements) for day, entry, kind in events],
        "movements": movements,
        "summary": totals(movements, codes),
        "timeline": [
            point(day, None, found, codes) for day, found in zip(days, results, strict=True)
        ],
        "matrix": {"from": pair_matrix(results[0], codes), "to": pair_matrix(results[-1], codes)},
        "notes": notes,
    }
    return ImpactRun(report, (knowledge, first), (knowledge, last))


def _by_releases(
    knowledge: Knowledge,
    rows: Sequence[Row],
    codes: Sequence[str],
    start: tuple[str, Knowledge, dt.date],
    end: tuple[str, Knowledge, dt.date],
    diff: Diff,
) -> ImpactRun:
    (a, before, _), (b, after, on) = start, end
    old = classify_days(before, rows, codes, [on])[0]
    new = classify_days(after, rows, codes, [on])[0]
    ids = [str(row.id) for row in rows]
    movements = moves(ids, old, new, on)
    changes: list[RuleChange] = []
    touched = {row["iri"] for key in ("entries", "criteria") for row in _rows(diff, key)}
    governing = {g for code in codes for g in after.governing(code) if code in after.jurisdictions}
    for iri in sorted(before.entries.keys() | after.entries.keys()):
        was, now = before.entries.get(iri), after.entries.get(iri)
        kind: ChangeKind = "changed" if was and now else "added" if now else "removed"
        shown = now or was
        assert shown is not None
        if kind == "changed":
            criteria = {c.iri for e in (was, now) if e for alt in e.alternatives for c in alt}
            if iri not in touched and not criteria & touched:
                continue
        if shown.jurisdiction in governing:
            changes.append(rule_change(shown, kind, on, movements))
    changes.sort(key=lambda c: (c["jurisdiction"], c["entry"]))
    report: ImpactReport = {
        "data_version": knowledge.version,
        "mode": "releases",
        "start": {"value": a, "date": start[2].isoformat(), "release": a},
        "end": {"value": b, "date": on.isoformat(), "release": b},
        "jurisdictions": list(codes),
        "corpus": len(rows),
        "changes": changes,
        "movements": movements,
        "summary": totals(movements, codes),
        "timeline": [point(start[2], a, old, codes), point(on, b, new, codes)],
        "matrix": {"from": pair_matrix(old, codes), "to": pair_matrix(new, codes)},
        "notes": [
            f"Both releases' rules are applied on {on.isoformat()} (the date of {b}), so the "
            "report shows what the change of the rules does, not what a date does."
        ],
    }
    return ImpactRun(report, (before, on), (after, on))


def _rows(diff: Mapping[str, object], key: str) -> list[dict[str, str]]:
    """The rows of one category of a diff (added, removed, changed) with their IRIs."""
    category = diff.get(key)
    out: list[dict[str, str]] = []
    if isinstance(category, dict):
        for rows in category.values():
            if isinstance(rows, list):
                out += [row for row in rows if isinstance(row, dict) and "iri" in row]
    return out
