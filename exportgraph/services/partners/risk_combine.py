"""A risk model's numbers compiled once per data version, and the factor levels combined into a
score, whole-number shares and a band (additive or decision matrix).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import NotRequired, TypedDict

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.risk_model import Factor, Level, RiskModel


def _round(value: Number) -> int:
    """Round half up."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)


def shares(total: int, weights: Sequence[Number]) -> list[int]:
    """Whole numbers adding up to `total`, proportional to `weights` (largest remainder; ties go
    to the earlier weight). Integer arithmetic over a common denominator."""
    if all(type(w) is int for w in weights):
        scaled = list(weights)
    else:
        denominator = math.lcm(*[w.denominator for w in weights])
        scaled = [w.numerator * (denominator // w.denominator) for w in weights]
    whole = sum(scaled)
    if total == 0 or whole == 0:
        return [0] * len(weights)
    floors = [int(w * total // whole) for w in scaled]
    missing = total - sum(floors)
    if missing:
        remainders = [w * total % whole for w in scaled]
        for i in sorted(range(len(scaled)), key=lambda i: (-remainders[i], i))[:missing]:
            floors[i] += 1
    return floors


def displayed(value: Number) -> int | float:
    """A number for the answer: whole when it is, else one decimal."""
    if value.denominator == 1:
        return int(value.numerator)
    return float(round(Fraction(value), 1))


Number = int | Fraction  # exact; int where the data's numbers are whole (the common, fast case)


def _exact(value: Decimal | int) -> Number:
    return _exact_fraction(Fraction(value))


def _exact_fraction(number: Fraction) -> Number:
    return number.numerator if number.denominator == 1 else number


class LevelRow(TypedDict):
    """The fields of a factor's row in an answer that depend only on the level."""

    factor: str
    label: str
    level: str
    level_label: str
    max: int | float
    basis: str
    outcome: NotRequired[str]
    floor: NotRequired[str]


@dataclass(frozen=True)
class CompiledModel:
    """A model's numbers, prepared once per data version."""

    raw: Mapping[str, Number]  # level IRI → raw points (additive) or outcome rank (matrix)
    families: tuple[str, ...]  # per factor
    caps: Mapping[str, Number]  # family → cap
    scale: Number  # raw (capped) points or rank → score
    maxima: tuple[int | float, ...]  # per factor, as shown
    band_order: Mapping[str, int]  # band notation → severity
    rows: Mapping[str, LevelRow] = field(default_factory=dict)  # level IRI → fixed fields


def _rows(model: RiskModel, maxima: Sequence[int | float]) -> dict[str, LevelRow]:
    """The fields of a factor's row that depend only on the level (the same in every answer)."""
    rows: dict[str, LevelRow] = {}
    for factor, most in zip(model.factors, maxima, strict=True):
        for level in factor.levels:
            row: LevelRow = {
                "factor": factor.id,
                "label": factor.label,
                "level": level.id,
                "level_label": level.label,
                "max": most,
                "basis": _basis(level, factor),
            }
            if level.outcome is not None and model.kind == "matrix":
                row["outcome"] = level.outcome
            if level.floor:
                row["floor"] = level.floor
            rows[level.iri] = row
    return rows


def _compile(knowledge: Knowledge, model: RiskModel) -> CompiledModel:
    order = {notation: i for i, notation in enumerate(knowledge.notations("risk-bands"))}
    if model.kind == "additive":
        caps = {f.id: _exact(f.cap) for f in model.families}
        raw = {lv.iri: _exact(lv.points or 0) for f in model.factors for lv in f.levels}
        scale = _exact_fraction(Fraction(100) / sum(caps.values()))
        maxima = tuple(
            displayed(min(max(raw[lv.iri] for lv in f.levels), caps[f.family or ""]) * scale)
            for f in model.factors
        )
        families = tuple(f.family or "" for f in model.factors)
        return CompiledModel(raw, families, caps, scale, maxima, order, _rows(model, maxima))
    ranks = knowledge.risk.outcome_ranks
    top = max(ranks.values(), default=0) or 1
    raw = {lv.iri: ranks[lv.outcome or ""] for f in model.factors for lv in f.levels}
    scale = _exact_fraction(Fraction(100, top))
    maxima = tuple(displayed(max(raw[lv.iri] for lv in f.levels) * scale) for f in model.factors)
    return CompiledModel(raw, (), {}, scale, maxima, order, _rows(model, maxima))


def compiled(knowledge: Knowledge, model: RiskModel) -> CompiledModel:
    table = knowledge.derived(
        "risk:compiled", lambda k: {m.iri: _compile(k, m) for m in k.risk.models.values()}
    )
    return table[model.iri]


@dataclass(frozen=True)
class Scored:
    score: int
    points: list[int]
    raw: list[Number]
    notes: list[str]


def additive_score(numbers: CompiledModel, levels: Sequence[Level]) -> Scored:
    raw = [numbers.raw[level.iri] for level in levels]
    summed: dict[str, Number] = {}
    for family, points in zip(numbers.families, raw, strict=True):
        summed[family] = summed.get(family, 0) + points
    caps = numbers.caps
    over = [f for f, total in summed.items() if total > caps[f]]
    contributions: list[Number] = raw
    notes: list[str] = []
    if over:
        contributions = [
            Fraction(points) * caps[family] / summed[family] if family in over else points
            for family, points in zip(numbers.families, raw, strict=True)
        ]
        notes = [
            f"The {family} factors add up to {displayed(summed[family])} raw points, capped at "
            f"{displayed(caps[family])}: each counts its share of the cap"
            for family in sorted(over)
        ]
    score = _round(sum(contributions) * numbers.scale)
    return Scored(score, shares(score, contributions), raw, notes)


def matrix_score(numbers: CompiledModel, levels: Sequence[Level]) -> Scored:
    got = [numbers.raw[level.iri] for level in levels]
    worst = max(got, default=0)
    score = _round(worst * numbers.scale)
    weights: list[Number] = [1 if rank == worst and worst > 0 else 0 for rank in got]
    return Scored(score, shares(score, weights), got, [])


def band_of(knowledge: Knowledge, model: RiskModel, score: int, floors: Sequence[str]) -> str:
    """The highest band whose lower limit the score reaches, raised to the highest floor."""
    order = compiled(knowledge, model).band_order
    reached = [b.band for b in model.bands if b.score_from is not None and score >= b.score_from]
    candidates = [*reached[-1:], *floors]
    if not candidates:
        return model.bands[0].band
    return max(candidates, key=lambda b: order.get(b, -1))


def _basis(level: Level, factor: Factor) -> str:
    return (
        f"{level.basis} {factor.basis}"
        if level.basis and factor.basis
        else level.basis or factor.basis or ""
    )
