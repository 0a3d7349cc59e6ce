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

from collections.abc import Mapping, Sequence
from typing import Any

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.risk_model import Level
from exportgraph.services.partners.risk_answers import FactorScored, RiskAnswer, ScreeningShown
from exportgraph.services.partners.risk_cited import cite, measures_of
from exportgraph.services.partners.risk_combine import (
    additive_score,
    band_of,
    compiled,
    displayed,
    matrix_score,
)
from exportgraph.services.partners.risk_inputs import ScoringContext, factor_input, level_for
from exportgraph.services.partners.risk_request import RiskRequest, parse_risk_request
from exportgraph.services.partners.screening_port import Screener, ScreeningHit, not_screened

NOTE = (
    "A low score is not a clearance: it orders the work and names what to check. Whether a "
    "licence is required is answered per jurisdiction by POST /v1/assess; people decide."
)

REQUEST_FIELDS = {
    "item-sensitivity": "subject",
    "end-use": "end_use",
    "end-user-type": "end_user.type",
    "end-user-verification": "end_user.verified",
    "end-user-screening": "end_user.name",
    "destination": "to",
    "project-stage": "project_stage",
}


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


def score_request(
    knowledge: Knowledge, request: RiskRequest, screener: Screener = not_screened
) -> RiskAnswer:
    """Score a validated request."""
    model = request.model
    hits = None
    if request.end_user.name and "end-user-screening" not in request.stated:
        hits = screener(request.end_user.name, request.end_user.country or request.destination.code)
    context = ScoringContext(knowledge, request, hits)
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
    scored = (
        additive_score(numbers, levels)
        if model.kind == "additive"
        else matrix_score(numbers, levels)
    )
    floors = [level.floor for level in levels if level.floor]
    band = band_of(knowledge, model, scored.score, floors)
    factors: list[FactorScored] = []
    additive = model.kind == "additive"
    for i, (factor, given, level) in enumerate(zip(model.factors, inputs, levels, strict=True)):
        row: FactorScored = {
            **numbers.rows[level.iri],
            "input": given.shown,
            "points": scored.points[i],
            "why": given.why,
            "sources": cite(knowledge, (*level.sources, *given.sources, *factor.sources)),
        }
        if additive:
            row["raw_points"] = displayed(scored.raw[i])
        factors.append(row)
    measures = measures_of(knowledge, model, levels, band)
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
