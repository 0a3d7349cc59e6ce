"""Risk scoring (contract §10): how risky is this transfer, and why?

    score_risk(knowledge, request, screener=not_screened) -> RiskAnswer

The model is data (ontology/risk-models.ttl, read into knowledge.risk): this module computes
each factor's input from the request — the subject's control status and margin (classification),
the end use, the end user's type, verification and screening, the destination's published
groupings, the project stage — picks the first level of the factor whose conditions hold, and
combines the levels as the model says:
- additive: raw points summed per family and capped there, normalised to 0–100 by the sum of
  the caps; each factor's share of its capped family is its points;
- decision matrix: the most severe outcome decides; score 100 × rank / highest rank, shared by
  the factors that reached it.
Factor points are whole numbers that add up to the score (largest remainder). The band is the
highest whose lower limit the score reaches, raised to any level's floor (a legal prohibition is
not averaged away). A low score is not a clearance.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.memo import BoundedMemo
from exportgraph.knowledge.risk_model import Factor, Level, RiskModel
from exportgraph.services.partners.risk_answers import (
    FactorScored,
    MeasureExplained,
    RiskAnswer,
    ScreeningShown,
    SourceCited,
)
from exportgraph.services.partners.risk_request import RiskRequest, parse_risk_request
from exportgraph.services.partners.screening_port import (
    Screener,
    ScreeningHit,
    not_screened,
    screening_state,
)
from exportgraph.services.partners.sensitivity import (
    Sensitivity,
    as_decimal,
    sensitivity,
    sensitivity_key,
)

NOTE = (
    "A low score is not a clearance: it orders the work and names what to check. Whether a "
    "licence is required is answered per jurisdiction by POST /v1/assess; people decide."
)
_SENSITIVITY_MEMO = 4096  # subjects × origins × in-force sets kept per data version
REQUEST_FIELDS = {
    "item-sensitivity": "subject",
    "end-use": "end_use",
    "end-user-type": "end_user.type",
    "end-user-verification": "end_user.verified",
    "end-user-screening": "end_user.name",
    "destination": "to",
    "project-stage": "project_stage",
}


@dataclass(frozen=True)
class FactorInput:
    """What a factor looks at, for one request."""

    value: str | None  # the input's notation (a country code for the destination); None: not stated
    shown: str  # the input as the answer shows it
    why: str = ""  # what decided it, in words
    margin: Decimal | None = None
    groupings: frozenset[str] = frozenset()
    sources: tuple[str, ...] = ()  # reference or legal-source IRIs behind the input


@dataclass(frozen=True)
class _Context:
    knowledge: Knowledge
    request: RiskRequest
    hits: Sequence[ScreeningHit] | None


# ---------------------------------------------------------------- factor inputs


def _stated(context: _Context, factor: str) -> FactorInput | None:
    value = context.request.stated.get(factor)
    if value is None:
        return None
    return FactorInput(value, f"{value} (stated)", "stated in the request")


def _sensitivity_input(context: _Context) -> FactorInput:
    """The subject's control status and margin, kept per data version: classifying an item under
    every list takes milliseconds, and the same subjects recur."""
    knowledge, request = context.knowledge, context.request
    memo: BoundedMemo[Hashable, FactorInput] = knowledge.derived(
        "risk:sensitivity", lambda _: BoundedMemo(_SENSITIVITY_MEMO)
    )
    key = sensitivity_key(knowledge, request.subject, request.origin, request.as_of)
    return memo.get(key, lambda: _render_sensitivity(knowledge, request))


def _render_sensitivity(knowledge: Knowledge, request: RiskRequest) -> FactorInput:
    found: Sensitivity = sensitivity(knowledge, request.subject, request.origin, request.as_of)
    state = knowledge.risk.sensitivity_states.get(found.where)
    if state is None:
        raise InvalidInput(
            "subject: the data has no control status for this answer", field="subject"
        )
    parts = []
    if found.where == "origin":
        parts.append(f"controlled in {request.origin} ({', '.join(found.origin_entries)})")
    elif found.where == "undecided":
        parts.append(
            f"the classification under the lists of {request.origin} is unknown"
            if found.origin_has_lists
            else f"the data has no export-control lists of {request.origin}"
        )
    else:
        parts.append(f"not controlled in {request.origin}")
    others = [c for c in found.controlled_in if c != request.origin]
    if others:
        parts.append(f"controlled in {', '.join(others)}")
    if found.unknown_in:
        parts.append(f"unknown in {', '.join(found.unknown_in)}")
    margin = as_decimal(found.margin) if found.margin is not None else None
    if margin is not None:
        percent = f"{float(margin) * 100:.3g} %"
        if found.where == "origin":
            parts.append(
                f"a change of {percent} in {found.margin_parameter} would take it out of the "
                f"controlled region ({found.margin_entry})"
            )
        else:
            parts.append(
                f"nearest threshold: {found.margin_entry}, {percent} away in {found.margin_parameter}"
            )
    elif found.where == "nowhere" and not request.subject.serving:
        parts.append("no threshold of a list in force applies to the parameters stated")
    shown = state if margin is None else f"{state}, margin {float(margin):.3g}"
    return FactorInput(state, shown, "; ".join(parts), margin=margin, sources=found.sources)


_SCHEME_INPUTS: dict[tuple[str | None, str], FactorInput] = {}


def _scheme_input(value: str | None, field: str) -> FactorInput:
    """The input of a factor read from one request field (kept: the values are a closed set)."""
    found = _SCHEME_INPUTS.get((value, field))
    if found is None:
        if value is None:
            found = FactorInput(None, "not stated", f"{field} is not stated in the request")
        else:
            found = FactorInput(value, value, f"{field}: {value}")
        if len(_SCHEME_INPUTS) < 10_000:
            _SCHEME_INPUTS[(value, field)] = found
    return found


def _screening_input(context: _Context) -> FactorInput:
    request = context.request
    state = screening_state(context.knowledge.risk.screening_rules, context.hits)
    if context.hits is None:
        why = (
            "not screened: no restricted-party list is available"
            if request.end_user.name
            else "no end-user name given, so not screened"
        )
    elif not context.hits:
        why = f"screened {request.end_user.name!r}: no candidate"
    else:
        best = max(context.hits, key=lambda h: h.score)
        why = (
            f"screened {request.end_user.name!r}: best candidate {best.name!r} on {best.list_code} "
            f"(score {best.score:.2f}{', matched' if best.matched else ', below the match threshold'})"
        )
    return FactorInput(state, state, why)


def _destination_input(context: _Context) -> FactorInput:
    memo: dict[str, FactorInput] = context.knowledge.derived("risk:destinations", lambda _: {})
    code = context.request.destination.code
    found = memo.get(code)
    if found is None:
        found = memo.setdefault(code, _render_destination(context.knowledge, code))
    return found


def _render_destination(knowledge: Knowledge, code: str) -> FactorInput:
    destination = knowledge.risk.destinations[code]
    groupings = [
        knowledge.risk.groupings[g]
        for g in sorted(destination.groupings)
        if g in knowledge.risk.groupings
    ]
    labels = "; ".join(g.label for g in groupings) or "none of the published groupings in the data"
    why = f"{destination.code} ({destination.name}) is in: {labels}"
    if destination.notes:
        why += f" ({' '.join(destination.notes)})"
    sources = tuple(dict.fromkeys(s for g in groupings for s in g.sources))
    return FactorInput(
        destination.code,
        f"{destination.code} ({destination.name})",
        why,
        groupings=destination.groupings,
        sources=sources,
    )


def _verification(context: _Context) -> FactorInput:
    verified = context.request.end_user.verified
    value = None if verified is None else ("verified" if verified else "unverified")
    return _scheme_input(value, "end_user.verified")


INPUTS: dict[str, Callable[[_Context], FactorInput]] = {
    "item-sensitivity": _sensitivity_input,
    "end-use": lambda c: _scheme_input(c.request.end_use, "end_use"),
    "end-user-type": lambda c: _scheme_input(c.request.end_user.type, "end_user.type"),
    "end-user-verification": _verification,
    "end-user-screening": _screening_input,
    "destination": _destination_input,
    "project-stage": lambda c: _scheme_input(c.request.stage, "project_stage"),
}


def factor_input(context: _Context, factor: Factor) -> FactorInput:
    if context.request.stated:
        stated = _stated(context, factor.id)
        if stated is not None:
            return stated
    compute = INPUTS.get(factor.id)
    if compute is None:
        raise InvalidInput(
            f"model: factor {factor.id!r} of {context.request.model.id} is not one the service "
            f"can compute (known: {', '.join(INPUTS)})",
            field="model",
        )
    return compute(context)


# ---------------------------------------------------------------- levels


def level_for(factor: Factor, given: FactorInput) -> Level | None:
    """The first level (by rank) whose conditions hold for the input."""
    for level in factor.levels:
        if given.value is None:
            if level.not_stated:
                return level
            continue
        if not level.takes_stated:
            continue
        if level.values and given.value not in level.values:
            continue
        if level.groupings and not level.groupings & given.groupings:
            continue
        if level.margin_at_most is not None and (
            given.margin is None or given.margin > level.margin_at_most
        ):
            continue
        if level.margin_above is not None and (
            given.margin is None or given.margin <= level.margin_above
        ):
            continue
        return level
    return None


# ---------------------------------------------------------------- combining


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


def _display(value: Number) -> int | float:
    """A number for the answer: whole when it is, else one decimal."""
    if value.denominator == 1:
        return int(value.numerator)
    return float(round(Fraction(value), 1))


Number = int | Fraction  # exact; int where the data's numbers are whole (the common, fast case)


def _exact(value: Decimal | int) -> Number:
    return _exact_fraction(Fraction(value))


def _exact_fraction(number: Fraction) -> Number:
    return number.numerator if number.denominator == 1 else number


@dataclass(frozen=True)
class _Compiled:
    """A model's numbers, prepared once per data version."""

    raw: Mapping[str, Number]  # level IRI → raw points (additive) or outcome rank (matrix)
    families: tuple[str, ...]  # per factor
    caps: Mapping[str, Number]  # family → cap
    scale: Number  # raw (capped) points or rank → score
    maxima: tuple[int | float, ...]  # per factor, as shown
    band_order: Mapping[str, int]  # band notation → severity
    rows: Mapping[str, dict[str, Any]] = field(default_factory=dict)  # level IRI → fixed fields


def _rows(model: RiskModel, maxima: Sequence[int | float]) -> dict[str, dict[str, Any]]:
    """The fields of a factor's row that depend only on the level (the same in every answer)."""
    rows: dict[str, dict[str, Any]] = {}
    for factor, most in zip(model.factors, maxima, strict=True):
        for level in factor.levels:
            row: dict[str, Any] = {
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


def _compile(knowledge: Knowledge, model: RiskModel) -> _Compiled:
    order = {notation: i for i, notation in enumerate(knowledge.notations("risk-bands"))}
    if model.kind == "additive":
        caps = {f.id: _exact(f.cap) for f in model.families}
        raw = {lv.iri: _exact(lv.points or 0) for f in model.factors for lv in f.levels}
        scale = _exact_fraction(Fraction(100) / sum(caps.values()))
        maxima = tuple(
            _display(min(max(raw[lv.iri] for lv in f.levels), caps[f.family or ""]) * scale)
            for f in model.factors
        )
        families = tuple(f.family or "" for f in model.factors)
        return _Compiled(raw, families, caps, scale, maxima, order, _rows(model, maxima))
    ranks = knowledge.risk.outcome_ranks
    top = max(ranks.values(), default=0) or 1
    raw = {lv.iri: ranks[lv.outcome or ""] for f in model.factors for lv in f.levels}
    scale = _exact_fraction(Fraction(100, top))
    maxima = tuple(_display(max(raw[lv.iri] for lv in f.levels) * scale) for f in model.factors)
    return _Compiled(raw, (), {}, scale, maxima, order, _rows(model, maxima))


def compiled(knowledge: Knowledge, model: RiskModel) -> _Compiled:
    table = knowledge.derived(
        "risk:compiled", lambda k: {m.iri: _compile(k, m) for m in k.risk.models.values()}
    )
    return table[model.iri]


@dataclass(frozen=True)
class _Scored:
    score: int
    points: list[int]
    raw: list[Number]
    notes: list[str]


def _additive(numbers: _Compiled, levels: Sequence[Level]) -> _Scored:
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
            f"The {family} factors add up to {_display(summed[family])} raw points, capped at "
            f"{_display(caps[family])}: each counts its share of the cap"
            for family in sorted(over)
        ]
    score = _round(sum(contributions) * numbers.scale)
    return _Scored(score, shares(score, contributions), raw, notes)


def _matrix(numbers: _Compiled, levels: Sequence[Level]) -> _Scored:
    got = [numbers.raw[level.iri] for level in levels]
    worst = max(got, default=0)
    score = _round(worst * numbers.scale)
    weights: list[Number] = [1 if rank == worst and worst > 0 else 0 for rank in got]
    return _Scored(score, shares(score, weights), got, [])


def band_of(knowledge: Knowledge, model: RiskModel, score: int, floors: Sequence[str]) -> str:
    """The highest band whose lower limit the score reaches, raised to the highest floor."""
    order = compiled(knowledge, model).band_order
    reached = [b.band for b in model.bands if b.score_from is not None and score >= b.score_from]
    candidates = [*reached[-1:], *floors]
    if not candidates:
        return model.bands[0].band
    return max(candidates, key=lambda b: order.get(b, -1))


# ---------------------------------------------------------------- answer


def _cited(knowledge: Knowledge, iri: str) -> SourceCited | None:
    reference = knowledge.risk.references.get(iri)
    found = reference or knowledge.sources.get(iri)
    if found is None:
        return None
    cited: SourceCited = {"id": found.id, "citation": found.citation, "url": found.url}
    if found.evidence:
        cited["evidence"] = found.evidence
    return cited


def cite(knowledge: Knowledge, iris: Sequence[str] | tuple[str, ...]) -> list[SourceCited]:
    """Sources as answers show them — references of the risk data or legal sources of entries —
    in order, once each (kept per data version: the same lists recur in every answer)."""
    memo: dict[tuple[str, ...], list[SourceCited]] = knowledge.derived(
        "risk:citations", lambda _: {}
    )
    key = tuple(iris)
    found = memo.get(key)
    if found is None:
        found = [c for iri in dict.fromkeys(key) if (c := _cited(knowledge, iri)) is not None]
        if len(memo) < 10_000:
            memo[key] = found
    return found  # shared between answers: never mutated


def _screening(hits: Sequence[ScreeningHit] | None) -> list[ScreeningShown]:
    shown: list[ScreeningShown] = []
    for hit in sorted(hits or (), key=lambda h: -h.score):
        row: ScreeningShown = {
            "list": hit.list_code,
            "name": hit.name,
            "matched": hit.matched,
            "score": round(float(hit.score), 3),
        }
        if hit.entry:
            row["entry"] = hit.entry
        if hit.federal_register:
            row["federal_register"] = hit.federal_register
        shown.append(row)
    return shown


def _measures(
    knowledge: Knowledge, model: RiskModel, levels: Sequence[Level], band: str
) -> list[MeasureExplained]:
    """The levels' measures, then the band's, once each (kept per data version)."""
    memo: BoundedMemo[Hashable, list[MeasureExplained]] = knowledge.derived(
        "risk:measures", lambda _: BoundedMemo(1024)
    )
    key = (model.iri, tuple(level.iri for level in levels), band)
    return memo.get(key, lambda: _collect_measures(knowledge, model, levels, band))


def _collect_measures(
    knowledge: Knowledge, model: RiskModel, levels: Sequence[Level], band: str
) -> list[MeasureExplained]:
    wanted: list[str] = [m for level in levels for m in level.measures]
    for model_band in model.bands:
        if model_band.band == band:
            wanted.extend(model_band.measures)
    out: list[MeasureExplained] = []
    for iri in dict.fromkeys(wanted):
        measure = knowledge.risk.measures.get(iri)
        if measure is not None:
            out.append(
                {
                    "id": measure.id,
                    "text": measure.text,
                    "basis": measure.basis,
                    "sources": cite(knowledge, measure.sources),
                }
            )
    return out


def _basis(level: Level, factor: Factor) -> str:
    return (
        f"{level.basis} {factor.basis}"
        if level.basis and factor.basis
        else level.basis or factor.basis or ""
    )


def score_request(
    knowledge: Knowledge, request: RiskRequest, screener: Screener = not_screened
) -> RiskAnswer:
    """Score a validated request."""
    model = request.model
    hits = None
    if request.end_user.name and "end-user-screening" not in request.stated:
        hits = screener(request.end_user.name, request.end_user.country or request.destination.code)
    context = _Context(knowledge, request, hits)
    inputs = [factor_input(context, factor) for factor in model.factors]
    levels: list[Level] = []
    for factor, given in zip(model.factors, inputs, strict=True):
        level = level_for(factor, given)
        if level is None:
            where = REQUEST_FIELDS.get(factor.id, "model")
            raise InvalidInput(
                f"{where}: risk model {model.id} {model.version} has no level of {factor.id} for "
                f"{given.shown!r}",
                field=where,
            )
        levels.append(level)
    numbers = compiled(knowledge, model)
    scored = _additive(numbers, levels) if model.kind == "additive" else _matrix(numbers, levels)
    floors = [level.floor for level in levels if level.floor]
    band = band_of(knowledge, model, scored.score, floors)
    factors: list[FactorScored] = []
    additive = model.kind == "additive"
    for i, (factor, given, level) in enumerate(zip(model.factors, inputs, levels, strict=True)):
        row: FactorScored = {
            **numbers.rows[level.iri],  # type: ignore[typeddict-item]
            "input": given.shown,
            "points": scored.points[i],
            "why": given.why,
            "sources": cite(knowledge, (*level.sources, *given.sources, *factor.sources)),
        }
        if additive:
            row["raw_points"] = _display(scored.raw[i])
        factors.append(row)
    measures = _measures(knowledge, model, levels, band)
    notes = list(scored.notes)
    if floors and band in floors and band != band_of(knowledge, model, scored.score, []):
        raised = [f["factor"] for f in factors if f.get("floor") == band]
        notes.append(f"The band is {band} whatever the score, because of: {', '.join(raised)}")
    return {
        "score": scored.score,
        "band": band,
        "factors": factors,
        "measures": [m["text"] for m in measures],
        "measures_explained": measures,
        "screening": _screening(hits),
        "model": {"id": model.id, "version": model.version},
        "data_version": knowledge.version,
        "as_of": request.as_of.isoformat(),
        "subject": request.subject.as_dict(),
        "from": request.origin,
        "to": request.destination.code,
        "note": NOTE,
        "notes": notes,
    }


def score_risk(
    knowledge: Knowledge, raw: Mapping[str, Any] | object, screener: Screener = not_screened
) -> RiskAnswer:
    """Score a risk request (contract §10). Raises InvalidInput (422) naming the field."""
    return score_request(knowledge, parse_risk_request(knowledge, raw), screener)
