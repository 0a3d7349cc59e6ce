"""Project stages and their gates (contract §11, GET /v1/stages): each stage with its TRL range,
the review gate before it (what must be checked before entering), and the published criteria for
escalating, pausing and de-escalating a project — each with its basis and sources."""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.risk_model import Gate, StageCriterion
from exportgraph.services.partners.risk_answers import SourceCited
from exportgraph.services.partners.risk_cited import cite


class TrlShown(TypedDict):
    low: int | None
    high: int | None
    basis: str | None
    sources: list[SourceCited]


class CheckShown(TypedDict):
    check: str
    basis: str | None
    sources: list[SourceCited]


class GateShown(TypedDict):
    id: str
    label: str
    checks: list[CheckShown]


class StageShown(TypedDict):
    stage: str
    label: str
    order: int
    research_stage: bool
    trl: TrlShown | None
    gate: GateShown | None


class CriterionShown(TypedDict):
    id: str
    type: Literal["escalate", "pause", "de-escalate"]
    trigger: str
    criterion: str
    basis: str | None
    sources: list[SourceCited]


class StagesAnswer(TypedDict):
    stages: list[StageShown]
    criteria: list[CriterionShown]
    data_version: str


def gate_shown(knowledge: Knowledge, gate: Gate) -> GateShown:
    return {
        "id": gate.id,
        "label": gate.label,
        "checks": [
            {"check": c.text, "basis": c.basis, "sources": cite(knowledge, c.sources)}
            for c in gate.checks
        ],
    }


def criterion_shown(knowledge: Knowledge, criterion: StageCriterion) -> CriterionShown:
    return {
        "id": criterion.id,
        "type": criterion.type,
        "trigger": criterion.trigger,
        "criterion": criterion.text,
        "basis": criterion.basis,
        "sources": cite(knowledge, criterion.sources),
    }


def list_stages(knowledge: Knowledge) -> StagesAnswer:
    """The stages in order with TRL range and gate, then every criterion."""
    risk = knowledge.risk
    stages: list[StageShown] = []
    for concept in knowledge.ordered("project-stages"):
        trl = risk.trl.get(concept.notation)
        gate = risk.gates.get(concept.notation)
        stages.append(
            {
                "stage": concept.notation,
                "label": concept.label or concept.notation,
                "order": concept.order or 0,
                "research_stage": concept.has("researchStage"),
                "trl": None
                if trl is None
                else {
                    "low": trl.low,
                    "high": trl.high,
                    "basis": trl.basis,
                    "sources": cite(knowledge, trl.sources),
                },
                "gate": None if gate is None else gate_shown(knowledge, gate),
            }
        )
    return {
        "stages": stages,
        "criteria": [criterion_shown(knowledge, c) for c in risk.criteria],
        "data_version": knowledge.version,
    }
