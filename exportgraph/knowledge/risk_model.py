"""What the graph says about risk: models (factors, levels, caps, bands, measures), destination
groupings, project-stage gates and criteria, licence processing times, and the references they
cite — as plain immutable values, read once per data version by exportgraph.knowledge.read_risk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from exportgraph.knowledge.model import Source

ModelKind = Literal["additive", "matrix"]
CriterionType = Literal["escalate", "pause", "de-escalate"]


@dataclass(frozen=True)
class Measure:
    """Something to do before proceeding."""

    iri: str
    id: str
    text: str
    basis: str | None
    sources: tuple[str, ...]  # reference IRIs


@dataclass(frozen=True)
class Level:
    """One answer to a factor. It applies to a stated input when the input is one of `values`
    (or the destination is in one of `groupings`, or `otherwise`) and the margin bounds hold; to an
    input not stated when `not_stated`."""

    iri: str
    id: str
    label: str
    rank: int
    points: Decimal | None = None  # additive models
    outcome: str | None = None  # decision matrices: outcome notation
    values: frozenset[str] = frozenset()  # input concept notations
    groupings: frozenset[str] = frozenset()  # grouping IRIs
    otherwise: bool = False
    not_stated: bool = False
    margin_at_most: Decimal | None = None
    margin_above: Decimal | None = None
    floor: str | None = None  # band notation: the band is at least this one
    basis: str | None = None
    sources: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()  # measure IRIs

    @property
    def takes_stated(self) -> bool:
        return bool(self.values or self.groupings or self.otherwise)


@dataclass(frozen=True)
class Family:
    """Factors capped together."""

    iri: str
    id: str
    label: str
    cap: Decimal
    order: int
    basis: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Factor:
    iri: str
    id: str
    label: str
    order: int
    levels: tuple[Level, ...]  # in rank order
    family: str | None = None  # family id
    input_scheme: str | None = None  # scheme local name (end-uses …)
    direction: str | None = None
    basis: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Band:
    """A band of one model."""

    iri: str
    band: str  # band notation
    score_from: Decimal | None
    basis: str | None = None
    sources: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()


@dataclass(frozen=True)
class RiskModel:
    iri: str
    id: str
    version: str
    kind: ModelKind
    title: str
    description: str | None
    basis: str | None
    sources: tuple[str, ...]
    default: bool
    families: tuple[Family, ...]
    factors: tuple[Factor, ...]
    bands: tuple[Band, ...]  # by score_from, lowest first; a band without one last

    def family(self, family_id: str | None) -> Family | None:
        return next((f for f in self.families if f.id == family_id), None)

    def factor(self, factor_id: str) -> Factor | None:
        return next((f for f in self.factors if f.id == factor_id), None)


@dataclass(frozen=True)
class Grouping:
    """A published legal grouping of destinations."""

    iri: str
    id: str
    label: str
    members: frozenset[str]  # ISO codes
    basis: str | None = None
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Destination:
    code: str
    name: str
    groupings: frozenset[str]  # grouping IRIs it is a member of
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class ScreeningRule:
    """When a screening result is in a state (the first state whose condition holds applies)."""

    state: str  # notation
    order: int
    screened: bool
    list_codes: frozenset[str] = frozenset()
    all_items_licence: bool = False
    any_match: bool = False
    any_candidate: bool = False


@dataclass(frozen=True)
class GateCheck:
    text: str
    order: int
    basis: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Gate:
    """The review gate before a stage."""

    iri: str
    id: str
    stage: str  # stage notation
    label: str
    checks: tuple[GateCheck, ...]


@dataclass(frozen=True)
class StageCriterion:
    iri: str
    id: str
    type: CriterionType
    trigger: str
    text: str
    order: int
    basis: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class StageTrl:
    """The TRL range of a project stage, with its basis."""

    stage: str
    low: int | None
    high: int | None
    basis: str | None
    sources: tuple[str, ...]


@dataclass(frozen=True)
class ProcessingTime:
    """A cited licence processing time of one jurisdiction."""

    iri: str
    jurisdiction: str  # code
    kind: str  # time-kind notation
    label: str
    duration: Decimal | None
    duration_from: Decimal | None
    unit: str | None
    covers: str | None
    year: str | None
    evidence: str | None
    planning: bool
    basis: str | None
    sources: tuple[str, ...]


@dataclass
class RiskData:
    """Everything of one data version about risk, stages and processing times."""

    models: dict[str, RiskModel] = field(default_factory=dict)  # by id
    references: dict[str, Source] = field(default_factory=dict)  # by IRI
    measures: dict[str, Measure] = field(default_factory=dict)  # by IRI
    groupings: dict[str, Grouping] = field(default_factory=dict)  # by IRI
    destinations: dict[str, Destination] = field(default_factory=dict)  # by code
    outcome_ranks: dict[str, int] = field(default_factory=dict)  # outcome notation → rank
    screening_rules: tuple[ScreeningRule, ...] = ()
    sensitivity_states: dict[str, str] = field(default_factory=dict)  # where → notation
    trl: dict[str, StageTrl] = field(default_factory=dict)  # stage notation → range
    gates: dict[str, Gate] = field(default_factory=dict)  # stage notation → gate
    criteria: tuple[StageCriterion, ...] = ()
    processing_times: tuple[ProcessingTime, ...] = ()
    assessed_as: dict[str, str] = field(default_factory=dict)  # activity → activity
    problems: tuple[str, ...] = ()

    def default_model(self) -> RiskModel | None:
        """The model marked default (else the first by id)."""
        marked = [m for m in self.models.values() if m.default]
        if marked:
            return sorted(marked, key=lambda m: m.id)[0]
        return self.models[sorted(self.models)[0]] if self.models else None

    def planning_time(self, jurisdiction: str) -> ProcessingTime | None:
        """The figure a jurisdiction's latest date to apply is computed from (None: none cited)."""
        return next(
            (
                t
                for t in self.processing_times
                if t.jurisdiction == jurisdiction and t.planning and t.duration is not None
            ),
            None,
        )

    def times_of(self, jurisdiction: str) -> list[ProcessingTime]:
        return [t for t in self.processing_times if t.jurisdiction == jurisdiction]
