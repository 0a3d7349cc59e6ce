"""The risk models as published (GET /v1/risk/models, /v1/risk/models/{id}): every family, factor,
level, band and measure with its basis and sources, so a score can be checked by hand."""

from __future__ import annotations

from exportgraph.errors import NotFound
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.risk_model import Level, RiskModel
from exportgraph.services.partners.risk_answers import (
    BandShown,
    FactorShown,
    FamilyShown,
    LevelShown,
    ModelShown,
    ModelSummary,
)
from exportgraph.services.partners.risk_cited import cite


def _number(value: object) -> int | float:
    number = float(str(value))
    return int(number) if number.is_integer() else number


def _summary(model: RiskModel) -> ModelSummary:
    return {
        "id": model.id,
        "version": model.version,
        "kind": "additive" if model.kind == "additive" else "decision-matrix",
        "title": model.title,
        "default": model.default,
        "description": model.description,
    }


def when(knowledge: Knowledge, level: Level) -> str:
    """The level's conditions in words."""
    parts = []
    if level.values:
        parts.append("input is " + " or ".join(sorted(level.values)))
    if level.groupings:
        labels = sorted(
            knowledge.risk.groupings[g].id for g in level.groupings if g in knowledge.risk.groupings
        )
        parts.append("destination in " + " or ".join(labels))
    if level.margin_above is not None:
        parts.append(f"margin above {level.margin_above}")
    if level.margin_at_most is not None:
        parts.append(f"margin at most {level.margin_at_most}")
    if level.otherwise:
        parts.append("any other stated input")
    if level.not_stated:
        parts.append("not stated" if not parts else "or not stated")
    return ", ".join(parts)


def _measure_texts(knowledge: Knowledge, iris: tuple[str, ...]) -> list[str]:
    return [knowledge.risk.measures[i].text for i in iris if i in knowledge.risk.measures]


def _level(knowledge: Knowledge, level: Level) -> LevelShown:
    shown: LevelShown = {
        "id": level.id,
        "label": level.label,
        "rank": level.rank,
        "when": when(knowledge, level),
        "basis": level.basis,
        "sources": cite(knowledge, level.sources),
        "measures": _measure_texts(knowledge, level.measures),
    }
    if level.points is not None:
        shown["points"] = _number(level.points)
    if level.outcome is not None:
        shown["outcome"] = level.outcome
    if level.floor is not None:
        shown["floor"] = level.floor
    return shown


def list_models(knowledge: Knowledge) -> list[ModelSummary]:
    """Every risk model of the data version, default first."""
    models = sorted(knowledge.risk.models.values(), key=lambda m: (not m.default, m.id))
    return [_summary(m) for m in models]


def get_model(knowledge: Knowledge, model_id: str) -> ModelShown:
    """One model in full; NotFound naming the known ids otherwise."""
    model = knowledge.risk.models.get(model_id)
    if model is None:
        known = ", ".join(sorted(knowledge.risk.models))
        raise NotFound(f"id: no risk model {model_id!r} (known: {known})", field="id")
    families: list[FamilyShown] = [
        {
            "id": f.id,
            "label": f.label,
            "cap": _number(f.cap),
            "basis": f.basis,
            "sources": cite(knowledge, f.sources),
        }
        for f in model.families
    ]
    factors: list[FactorShown] = []
    for factor in model.factors:
        shown: FactorShown = {
            "id": factor.id,
            "label": factor.label,
            "direction": factor.direction,
            "basis": factor.basis,
            "sources": cite(knowledge, factor.sources),
            "levels": [_level(knowledge, level) for level in factor.levels],
        }
        if factor.family:
            shown["family"] = factor.family
        if factor.input_scheme:
            shown["input_scheme"] = factor.input_scheme
        factors.append(shown)
    bands: list[BandShown] = [
        {
            "band": b.band,
            "score_from": None if b.score_from is None else _number(b.score_from),
            "basis": b.basis,
            "measures": _measure_texts(knowledge, b.measures),
        }
        for b in model.bands
    ]
    return {
        **_summary(model),
        "basis": model.basis,
        "sources": cite(knowledge, model.sources),
        "families": families,
        "factors": factors,
        "bands": bands,
        "data_version": knowledge.version,
    }
