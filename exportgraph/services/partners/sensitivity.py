"""Item sensitivity for risk scoring: where the subject is controlled (classification, contract §2)
and how far inside or outside the controlled region it is.

The margin is the relative change of one of the item's values, in canonical units, that would
carry it across the edge: |threshold − value| / |value|.
- Controlled where the transfer starts: the smallest such change of a single parameter that
  takes the item out of every alternative of the origin's lists (leaving one band for the next
  does not count: 4A906.a.2 → a.3 is still controlled).
- Controlled nowhere: for the nearest alternative of any list, the largest change it needs among
  its criteria (all criteria must hold), minimised over alternatives.
Only numeric criteria count (required facts and purposes are left to the classification); a
criterion on a parameter the item does not state takes no part. Software and technology have no
thresholds of their own: no margin.

Classification of one item across every list costs milliseconds; the result depends only on the
item, the origin and which entries are in force, so it is kept per data version (bounded).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.regions import Box
from exportgraph.services.partners.atoms import index_atoms
from exportgraph.services.partners.decision import evaluate_lists
from exportgraph.services.partners.evaluation import Evaluation
from exportgraph.services.partners.items import Item
from exportgraph.services.partners.logic import Tri, tri_or

Where = Literal["origin", "undecided", "elsewhere", "nowhere"]


@dataclass(frozen=True)
class Sensitivity:
    """Where the subject is controlled and its margin."""

    where: Where
    controlled_in: tuple[str, ...]  # jurisdictions whose lists control it
    unknown_in: tuple[str, ...]  # jurisdictions whose answer is unknown
    origin_entries: tuple[str, ...]  # entries matched under the origin's lists
    margin: Fraction | None  # inside (origin) or outside (nowhere), None when not measured
    margin_entry: str | None  # the entry whose threshold gives the margin
    margin_parameter: str | None
    sources: tuple[str, ...]  # legal-source IRIs of the deciding entries
    origin_has_lists: bool


@dataclass(frozen=True)
class _Alternative:
    entry: str  # entry id
    box: Box


def _boxes(knowledge: Knowledge) -> dict[str, tuple[Box, ...]]:
    """Entry IRI → its alternatives as boxes in canonical units (once per data version)."""
    return {
        iri: tuple(
            Box.from_criteria(
                (c.parameter, c.comparator, Fraction(c.canonical_threshold)) for c in alternative
            )
            for alternative in entry.alternatives
        )
        for iri, entry in knowledge.entries.items()
        if entry.alternatives
    }


def _applicable(evaluations: Iterable[Evaluation]) -> Iterator[Evaluation]:
    """Every applicable (in force, in scope, not excluded) evaluation of the trees."""
    for evaluation in evaluations:
        if evaluation.applicable:
            yield evaluation
        yield from _applicable(evaluation.children)


def _alternatives(
    knowledge: Knowledge, evaluations: Iterable[Evaluation], item: Item
) -> list[_Alternative]:
    """The numeric alternatives of the applicable entries whose parameters the item states."""
    boxes = knowledge.derived("risk:boxes", _boxes)
    found = []
    for evaluation in _applicable(evaluations):
        if not evaluation.entry.criteria_complete:
            continue  # its region is not fully known: no margin to it
        for box in boxes.get(evaluation.entry.iri, ()):
            if box.bounds and set(box.bounds) <= set(item.parameters):
                found.append(_Alternative(evaluation.entry.id, box))
    return found


def _change(value: Fraction, target: Fraction) -> Fraction | None:
    """|target − value| / |value| (None when the value is 0 and the target is not)."""
    if value == 0:
        return Fraction(0) if target == 0 else None
    return abs(target - value) / abs(value)


def _distance_to(point: Mapping[str, Fraction], box: Box) -> tuple[Fraction, str] | None:
    """The largest relative change among the box's parameters needed to enter it."""
    worst: tuple[Fraction, str] | None = None
    for parameter, interval in box.bounds.items():
        value = point[parameter]
        if interval.contains(value):
            needed = Fraction(0)
        else:
            ends = interval.endpoints()
            target = min(ends, key=lambda end: abs(end - value))
            change = _change(value, target)
            if change is None:
                return None
            needed = change
        if worst is None or needed > worst[0]:
            worst = (needed, parameter)
    return worst


def _outside_margin(
    point: Mapping[str, Fraction], alternatives: Sequence[_Alternative]
) -> tuple[Fraction, str, str] | None:
    best: tuple[Fraction, str, str] | None = None
    for alternative in alternatives:
        found = _distance_to(point, alternative.box)
        if found is not None and (best is None or found[0] < best[0]):
            best = (found[0], alternative.entry, found[1])
    return best


def _inside_margin(
    point: Mapping[str, Fraction], alternatives: Sequence[_Alternative]
) -> tuple[Fraction, str, str] | None:
    """The smallest single-parameter change that leaves every alternative."""
    inside = [a for a in alternatives if a.box.contains(point)]
    if not inside:
        return None
    best: tuple[Fraction, str, str] | None = None
    for parameter, value in point.items():
        ends = sorted(
            {end for a in alternatives for end in a.box.interval(parameter).endpoints()},
            key=lambda end: abs(end - value),
        )
        for end in ends:
            for probe in _beyond(value, end):
                moved = {**point, parameter: probe}
                if not any(a.box.contains(moved) for a in alternatives):
                    change = _change(value, end)
                    if change is not None and (best is None or change < best[0]):
                        deciding = next(
                            (
                                a.entry
                                for a in inside
                                if end in a.box.interval(parameter).endpoints()
                            ),
                            inside[0].entry,
                        )
                        best = (change, deciding, parameter)
                    break
            else:
                continue
            break
    return best


def _beyond(value: Fraction, end: Fraction) -> tuple[Fraction, ...]:
    """The edge itself and a point just past it, seen from `value`."""
    step = max(abs(end), Fraction(1)) / 10**9
    return (end, end + step if end >= value else end - step)


def sensitivity_key(knowledge: Knowledge, item: Item, origin: str, on: dt.date) -> Hashable:
    """What the sensitivity depends on: the item, the origin and the entries in force (two dates
    with the same entries in force give the same answer)."""
    return (
        item.entry,
        item.kind_iri,
        item.for_kind_iri,
        item.purpose,
        tuple(sorted(item.parameters.items())),
        tuple(sorted(item.facts.items())),
        origin,
        knowledge.in_force(on),
    )


def sensitivity(knowledge: Knowledge, item: Item, origin: str, on: dt.date) -> Sensitivity:
    """Where the subject is controlled, seen from the jurisdiction the transfer starts in (a
    classification of every list: milliseconds; callers keep results by `sensitivity_key`)."""
    if item.entry is not None:
        return _named_entry(knowledge, item.entry, origin)
    atoms = index_atoms(knowledge, item, on)
    lists = [code for code in sorted(knowledge.tops) if knowledge.tops[code]]
    evaluated = {code: evaluate_lists(knowledge, item, on, [code], atoms) for code in lists}
    status: dict[str, Tri] = {code: e.status for code, e in evaluated.items()}

    def governing(code: str) -> list[str]:
        return knowledge.governing(code) if code in knowledge.jurisdictions else [code]

    def answer(code: str) -> Tri:
        return tri_or(status.get(g, False) for g in governing(code))

    answered = knowledge.answered_jurisdictions()
    controlled = tuple(c for c in answered if answer(c) is True)
    unknown = tuple(c for c in answered if answer(c) is None)
    origin_lists = [g for g in governing(origin) if g in evaluated]
    at_origin = answer(origin) if origin_lists else None
    matched = [e for g in origin_lists for e in evaluated[g].matched]
    point = {p: Fraction(v) for p, v in item.parameters.items()}
    margin: tuple[Fraction, str, str] | None = None
    where: Where
    if at_origin is True:
        where = "origin"
        origin_alternatives = _alternatives(
            knowledge, [t for g in origin_lists for t in evaluated[g].evaluations], item
        )
        margin = _inside_margin(point, origin_alternatives)
    elif at_origin is None:
        where = "undecided"
    elif controlled:
        where = "elsewhere"
    else:
        where = "nowhere"
        every = _alternatives(
            knowledge, [t for e in evaluated.values() for t in e.evaluations], item
        )
        margin = _outside_margin(point, every)
    sources: list[str] = []
    for evaluation in matched:
        for source in evaluation.entry.sources:
            if source not in sources:
                sources.append(source)
    return Sensitivity(
        where=where,
        controlled_in=controlled,
        unknown_in=unknown,
        origin_entries=_most_specific(matched),
        margin=margin[0] if margin else None,
        margin_entry=margin[1] if margin else None,
        margin_parameter=margin[2] if margin else None,
        sources=tuple(sources),
        origin_has_lists=bool(origin_lists),
    )


def _named_entry(knowledge: Knowledge, entry_id: str, origin: str) -> Sensitivity:
    """A subject naming an entry the user classified: controlled where that entry's list applies
    (its jurisdiction and the members of a union), unknown elsewhere; no margin."""
    listed_in = entry_id.split(":", 1)[0]

    def governing(code: str) -> list[str]:
        return knowledge.governing(code) if code in knowledge.jurisdictions else [code]

    answered = knowledge.answered_jurisdictions()
    controlled = tuple(c for c in answered if listed_in in governing(c))
    at_origin = listed_in in governing(origin)
    curated = knowledge.entry(entry_id)
    return Sensitivity(
        where="origin" if at_origin else "undecided",
        controlled_in=controlled,
        unknown_in=tuple(c for c in answered if c not in controlled),
        origin_entries=(entry_id,) if at_origin else (),
        margin=None,
        margin_entry=None,
        margin_parameter=None,
        sources=curated.sources if curated is not None else (),
        origin_has_lists=any(knowledge.tops.get(g) for g in governing(origin)),
    )


def _most_specific(matched: Sequence[Evaluation]) -> tuple[str, ...]:
    """Ids of the matched entries none of whose sub-entries matched."""
    iris = {e.entry.iri for e in matched}
    return tuple(
        dict.fromkeys(e.entry.id for e in matched if not any(c in iris for c in e.entry.children))
    )


def as_decimal(value: Fraction) -> Decimal:
    """A margin as a Decimal (for comparison with the levels' limits)."""
    return Decimal(value.numerator) / Decimal(value.denominator)
