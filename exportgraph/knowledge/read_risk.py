"""Read the risk part of the knowledge index (queries/risk_nodes.rq, risk_destinations.rq): risk
models, destination groupings, stage gates and criteria, processing times and their references.
Nothing here decides anything; what cannot be read (a level without rank, a factor of an unknown
family) is reported as a problem of the data version, and a model with such a problem is left out
rather than scored wrongly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from typing import TypeVar

from exportgraph import namespaces as ns
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Source
from exportgraph.knowledge.nodes import Broken, Node, nodes_of
from exportgraph.knowledge.risk_model import (
    Band,
    CriterionType,
    Destination,
    Factor,
    Family,
    Gate,
    GateCheck,
    Grouping,
    Level,
    Measure,
    ModelKind,
    ProcessingTime,
    RiskData,
    RiskModel,
    ScreeningRule,
    StageCriterion,
    StageTrl,
)
from exportgraph.knowledge.rows import plain, rows, tail
from exportgraph.store import Store

T = TypeVar("T")
EG, DCT, RDFS, SKOS, OWL = ns.EG, ns.DCTERMS, ns.RDFS, ns.SKOS, ns.OWL
_MODEL_KINDS: dict[str, ModelKind] = {
    EG + "AdditiveRiskModel": "additive",
    EG + "DecisionMatrixModel": "matrix",
}
_CRITERION_TYPES: dict[str, CriterionType] = {
    "escalate": "escalate",
    "pause": "pause",
    "de-escalate": "de-escalate",
}


def _of(nodes: Mapping[str, Node], kind: str) -> list[Node]:
    return [n for _, n in sorted(nodes.items()) if EG + kind in n.types]


class _Reader:
    """Builds RiskData from the nodes, remembering problems."""

    def __init__(self, knowledge: Knowledge, nodes: dict[str, Node]) -> None:
        self.knowledge = knowledge
        self.nodes = nodes
        self.problems: list[str] = []
        self.outcome_ranks: dict[str, int] = {}

    def notation(self, iri: str) -> str:
        """The notation of a concept IRI, or an error naming it."""
        concept = self.knowledge.concepts.get(iri)
        if concept is None:
            raise Broken(f"{iri} is not a concept of the vocabulary")
        return concept.notation

    def attempt(self, build: Callable[[Node], T], node: Node) -> T | None:
        """`build(node)`, or None with the problem noted."""
        try:
            return build(node)
        except Broken as error:
            self.problems.append(str(error))
            return None

    def sources(self, node: Node) -> tuple[str, ...]:
        return node.iris(DCT + "source")

    # ------------------------------------------------------------------ parts

    def reference(self, node: Node) -> Source:
        """A cited publication: a method, an agency page, a statute, official data."""
        return Source(
            iri=node.iri,
            id=node.text(SKOS + "notation") or tail(node.iri),
            citation=node.required(DCT + "bibliographicCitation", "citation"),
            url=node.text(EG + "url"),
            evidence=node.text(EG + "evidence"),
        )

    def measure(self, node: Node) -> Measure:
        return Measure(
            iri=node.iri,
            id=node.text(DCT + "identifier") or tail(node.iri),
            text=node.required(RDFS + "label", "text (rdfs:label)"),
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
        )

    def level(self, node: Node) -> Level:
        rank = node.integer(EG + "rank")
        if rank is None:
            raise Broken(f"{node.iri}: a level needs a rank")
        outcome = node.link(EG + "outcome")
        floor = node.link(EG + "floorBand")
        return Level(
            iri=node.iri,
            id=node.text(DCT + "identifier") or tail(node.iri),
            label=node.text(RDFS + "label") or tail(node.iri),
            rank=rank,
            points=node.decimal(EG + "points"),
            outcome=self.notation(outcome) if outcome else None,
            values=frozenset(self.notation(v) for v in node.iris(EG + "whenValue")),
            groupings=frozenset(node.iris(EG + "whenInGrouping")),
            otherwise=node.flag(EG + "otherwise"),
            not_stated=node.flag(EG + "whenNotStated"),
            margin_at_most=node.decimal(EG + "marginAtMost"),
            margin_above=node.decimal(EG + "marginAbove"),
            floor=self.notation(floor) if floor else None,
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
            measures=node.iris(EG + "measure"),
        )

    def family(self, node: Node) -> Family:
        cap = node.decimal(EG + "cap")
        if cap is None or cap <= 0:
            raise Broken(f"{node.iri}: a factor family needs a positive cap")
        return Family(
            iri=node.iri,
            id=node.required(DCT + "identifier", "identifier"),
            label=node.text(RDFS + "label") or tail(node.iri),
            cap=cap,
            order=node.integer(EG + "displayOrder") or 0,
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
        )

    def factor(self, node: Node, families: Mapping[str, Family], kind: ModelKind) -> Factor:
        levels = []
        for iri in node.iris(EG + "hasLevel"):
            if iri not in self.nodes:
                raise Broken(f"{node.iri}: level {iri} is not described")
            levels.append(self.level(self.nodes[iri]))
        if not levels:
            raise Broken(f"{node.iri}: a factor needs levels")
        levels.sort(key=lambda level: (level.rank, level.iri))
        family_iri = node.link(EG + "inFamily")
        family = families.get(family_iri) if family_iri else None
        if kind == "additive":
            if family is None:
                raise Broken(f"{node.iri}: a factor of an additive model needs a family of it")
            if any(level.points is None for level in levels):
                raise Broken(f"{node.iri}: every level of an additive model needs points")
        elif any(level.outcome not in self.outcome_ranks for level in levels):
            raise Broken(f"{node.iri}: every level of a decision matrix needs an outcome")
        scheme = node.link(EG + "inputScheme")
        return Factor(
            iri=node.iri,
            id=node.required(DCT + "identifier", "identifier"),
            label=node.text(RDFS + "label") or tail(node.iri),
            order=node.integer(EG + "displayOrder") or 0,
            levels=tuple(levels),
            family=family.id if family else None,
            input_scheme=tail(scheme) if scheme else None,
            direction=node.text(EG + "direction"),
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
        )

    def band(self, node: Node) -> Band:
        band = node.link(EG + "band")
        if band is None:
            raise Broken(f"{node.iri}: a band of a model needs its band (eg:band)")
        return Band(
            iri=node.iri,
            band=self.notation(band),
            score_from=node.decimal(EG + "scoreFrom"),
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
            measures=node.iris(EG + "measure"),
        )

    def model(self, node: Node) -> RiskModel:
        kinds = {_MODEL_KINDS[t] for t in node.types if t in _MODEL_KINDS}
        if len(kinds) != 1:
            raise Broken(f"{node.iri}: a model is either additive or a decision matrix")
        (kind,) = kinds
        families = {
            iri: self.family(self.nodes[iri])
            for iri in node.iris(EG + "hasFamily")
            if iri in self.nodes
        }
        factors = [
            self.factor(self.nodes[iri], families, kind)
            for iri in node.iris(EG + "hasFactor")
            if iri in self.nodes
        ]
        ids = [f.id for f in factors]
        if len(set(ids)) != len(ids):
            raise Broken(f"{node.iri}: two factors with the same identifier")
        bands = [
            self.band(self.nodes[iri]) for iri in node.iris(EG + "hasBand") if iri in self.nodes
        ]
        if not any(b.score_from is not None for b in bands):
            raise Broken(f"{node.iri}: a model needs bands with score limits")
        bands.sort(key=lambda b: (b.score_from is None, b.score_from or 0))
        version = node.text(OWL + "versionInfo") or node.text(DCT + "hasVersion")
        if version is None:
            raise Broken(f"{node.iri}: a model needs a version")
        return RiskModel(
            iri=node.iri,
            id=node.required(DCT + "identifier", "identifier"),
            version=version,
            kind=kind,
            title=node.text(DCT + "title") or tail(node.iri),
            description=node.text(DCT + "description"),
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
            default=node.flag(EG + "defaultModel"),
            families=tuple(sorted(families.values(), key=lambda f: (f.order, f.id))),
            factors=tuple(sorted(factors, key=lambda f: (f.order, f.id))),
            bands=tuple(bands),
        )

    def grouping(self, node: Node, members: Mapping[str, set[str]]) -> Grouping:
        return Grouping(
            iri=node.iri,
            id=node.required(DCT + "identifier", "identifier"),
            label=node.text(RDFS + "label") or tail(node.iri),
            members=frozenset(members.get(node.iri, ())),
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
        )

    def gate(self, node: Node) -> Gate:
        stage = node.link(EG + "beforeStage")
        if stage is None:
            raise Broken(f"{node.iri}: a review gate needs the stage it comes before")
        checks = []
        for iri in node.iris(EG + "check"):
            check = self.nodes.get(iri)
            if check is None:
                continue
            checks.append(
                GateCheck(
                    text=check.required(RDFS + "label", "text"),
                    order=check.integer(EG + "displayOrder") or 0,
                    basis=check.text(EG + "basis"),
                    sources=self.sources(check),
                )
            )
        return Gate(
            iri=node.iri,
            id=node.text(DCT + "identifier") or tail(node.iri),
            stage=self.notation(stage),
            label=node.text(RDFS + "label") or tail(node.iri),
            checks=tuple(sorted(checks, key=lambda c: (c.order, c.text))),
        )

    def criterion(self, node: Node) -> StageCriterion:
        kind = node.required(EG + "criterionType", "criterion type")
        if kind not in _CRITERION_TYPES:
            raise Broken(
                f"{node.iri}: criterion type {kind!r} is not escalate, pause or de-escalate"
            )
        return StageCriterion(
            iri=node.iri,
            id=node.text(DCT + "identifier") or tail(node.iri),
            type=_CRITERION_TYPES[kind],
            trigger=node.required(EG + "trigger", "trigger"),
            text=node.required(RDFS + "label", "text"),
            order=node.integer(EG + "displayOrder") or 0,
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
        )

    def processing_time(self, node: Node) -> ProcessingTime:
        jurisdiction = node.link(EG + "forJurisdiction")
        kind = node.link(EG + "timeKind")
        if jurisdiction is None or kind is None:
            raise Broken(f"{node.iri}: a processing time needs its jurisdiction and kind")
        duration = node.decimal(EG + "duration")
        unit = node.text(EG + "durationUnit")
        if duration is not None and unit is None:
            raise Broken(f"{node.iri}: a duration needs its unit")
        return ProcessingTime(
            iri=node.iri,
            jurisdiction=tail(jurisdiction),
            kind=self.notation(kind),
            label=node.text(RDFS + "label") or tail(node.iri),
            duration=duration,
            duration_from=node.decimal(EG + "durationFrom"),
            unit=unit,
            covers=node.text(EG + "covers"),
            year=node.text(EG + "figureYear"),
            evidence=node.text(EG + "evidence"),
            planning=node.flag(EG + "usedForPlanning"),
            basis=node.text(EG + "basis"),
            sources=self.sources(node),
        )

    # ------------------------------------------------------------------ everything

    def read(self, destination_rows: list[dict[str, str]]) -> RiskData:
        data = RiskData()
        nodes = self.nodes
        for node in _of(nodes, "RiskOutcome"):
            rank = self.attempt(lambda n: n.integer(EG + "rank"), node)
            if rank is not None and node.iri in self.knowledge.concepts:
                data.outcome_ranks[self.knowledge.concepts[node.iri].notation] = rank
        self.outcome_ranks = data.outcome_ranks
        for node in _of(nodes, "ReferenceSource"):
            if (found := self.attempt(self.reference, node)) is not None:
                data.references[node.iri] = found
        for node in _of(nodes, "RiskMeasure"):
            if (measure := self.attempt(self.measure, node)) is not None:
                data.measures[node.iri] = measure
        members: dict[str, set[str]] = defaultdict(set)
        groupings_of: dict[str, set[str]] = defaultdict(set)
        for row in destination_rows:
            if row.get("grouping"):
                members[row["grouping"]].add(row["code"])
                groupings_of[row["code"]].add(row["grouping"])
        for node in _of(nodes, "DestinationGrouping"):
            if (grouping := self.attempt(lambda n: self.grouping(n, members), node)) is not None:
                data.groupings[node.iri] = grouping
        names: dict[str, str] = {}
        bases: dict[str, set[str]] = defaultdict(set)
        for row in destination_rows:
            names.setdefault(row["code"], row.get("name") or row["code"])
            if row.get("basis"):
                bases[row["code"]].add(row["basis"])
        for code, name in sorted(names.items()):
            data.destinations[code] = Destination(
                code, name, frozenset(groupings_of[code]), tuple(sorted(bases[code]))
            )
        for node in [*_of(nodes, "AdditiveRiskModel"), *_of(nodes, "DecisionMatrixModel")]:
            if (model := self.attempt(self.model, node)) is None:
                continue
            if model.id in data.models:
                self.problems.append(f"{node.iri}: a second model with the id {model.id!r}")
                continue
            unknown = sorted(
                g
                for f in model.factors
                for level in f.levels
                for g in level.groupings
                if g not in data.groupings
            )
            if unknown:
                self.problems.append(f"{node.iri}: levels name unknown groupings {unknown}")
                continue
            data.models[model.id] = model
        data.screening_rules = tuple(self._screening_rules())
        for node in _of(nodes, "SensitivityState"):
            where = node.text(EG + "controlledWhere")
            if where and node.iri in self.knowledge.concepts:
                data.sensitivity_states[where] = self.knowledge.concepts[node.iri].notation
        for node in _of(nodes, "ProjectStage"):
            if node.iri not in self.knowledge.concepts:
                continue
            stage = self.knowledge.concepts[node.iri].notation
            low = self.attempt(lambda n: n.integer(EG + "trlMin"), node)
            high = self.attempt(lambda n: n.integer(EG + "trlMax"), node)
            data.trl[stage] = StageTrl(
                stage, low, high, node.text(EG + "trlBasis"), self.sources(node)
            )
        for node in _of(nodes, "ReviewGate"):
            if (gate := self.attempt(self.gate, node)) is not None:
                data.gates[gate.stage] = gate
        data.criteria = tuple(
            sorted(
                (c for n in _of(nodes, "StageCriterion") if (c := self.attempt(self.criterion, n))),
                key=lambda c: (c.order, c.id),
            )
        )
        data.processing_times = tuple(
            t for n in _of(nodes, "ProcessingTime") if (t := self.attempt(self.processing_time, n))
        )
        for node in _of(nodes, "Activity"):
            target = node.link(EG + "assessedAs")
            if target and node.iri in self.knowledge.concepts and target in self.knowledge.concepts:
                data.assessed_as[self.knowledge.concepts[node.iri].notation] = (
                    self.knowledge.concepts[target].notation
                )
        data.problems = tuple(self.problems)
        return data

    def _screening_rules(self) -> list[ScreeningRule]:
        rules = []
        for node in _of(self.nodes, "ScreeningState"):
            concept = self.knowledge.concepts.get(node.iri)
            if concept is None:
                continue
            rules.append(
                ScreeningRule(
                    state=concept.notation,
                    order=concept.order or 0,
                    screened=node.flag(EG + "screened"),
                    list_codes=frozenset(plain(v) for v in node.all(EG + "listCode")),
                    all_items_licence=node.flag(EG + "allItemsLicence"),
                    any_match=node.flag(EG + "anyMatch"),
                    any_candidate=node.flag(EG + "anyCandidate"),
                )
            )
        return sorted(rules, key=lambda r: (r.order, r.state))


def read_risk(knowledge: Knowledge, store: Store) -> RiskData:
    """The risk part of the index (after the concepts are read: levels name concepts)."""
    nodes = nodes_of(store.select(load_query("risk_nodes")))
    return _Reader(knowledge, nodes).read(rows(store, "risk_destinations"))
