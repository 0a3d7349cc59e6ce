"""The shapes of the risk answers (contract §10): a score with its factors, the models, as typed
dictionaries that the API documents, the CLI prints and the UI renders."""

from __future__ import annotations

from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.json_types import JsonObject


class SourceCited(TypedDict):
    id: str
    citation: str
    url: str | None
    evidence: NotRequired[str]


class FactorScored(TypedDict):
    factor: str
    label: str
    input: str
    level: str
    level_label: str
    points: int
    max: int | float
    why: str
    basis: str
    sources: list[SourceCited]
    raw_points: NotRequired[int | float]
    outcome: NotRequired[str]
    floor: NotRequired[str]


class MeasureExplained(TypedDict):
    id: str
    text: str
    basis: str | None
    sources: list[SourceCited]


class ScreeningShown(TypedDict):
    list: str
    name: str
    matched: bool
    score: float
    entry: NotRequired[str]
    federal_register: NotRequired[str]


class ModelRef(TypedDict):
    id: str
    version: str


RiskAnswer = TypedDict(
    "RiskAnswer",
    {
        "score": int,
        "band": str,
        "factors": list[FactorScored],
        "measures": list[str],
        "measures_explained": list[MeasureExplained],
        "screening": list[ScreeningShown],
        "model": ModelRef,
        "data_version": str,
        "as_of": str,
        "subject": JsonObject,
        "from": str,
        "to": str,
        "note": str,
        "notes": list[str],
    },
)


class LevelShown(TypedDict):
    id: str
    label: str
    rank: int
    when: str
    points: NotRequired[int | float]
    outcome: NotRequired[str]
    floor: NotRequired[str]
    basis: str | None
    sources: list[SourceCited]
    measures: list[str]


class FactorShown(TypedDict):
    id: str
    label: str
    family: NotRequired[str]
    input_scheme: NotRequired[str]
    direction: str | None
    basis: str | None
    sources: list[SourceCited]
    levels: list[LevelShown]


class FamilyShown(TypedDict):
    id: str
    label: str
    cap: int | float
    basis: str | None
    sources: list[SourceCited]


class BandShown(TypedDict):
    band: str
    score_from: int | float | None
    basis: str | None
    measures: list[str]


class ModelSummary(TypedDict):
    id: str
    version: str
    kind: str
    title: str
    default: bool
    description: str | None


class ModelShown(ModelSummary):
    basis: str | None
    sources: list[SourceCited]
    families: list[FamilyShown]
    factors: list[FactorShown]
    bands: list[BandShown]
    data_version: str
