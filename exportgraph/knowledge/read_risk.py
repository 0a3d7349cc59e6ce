"""Read the risk part of the knowledge index (queries/risk_nodes.rq, risk_destinations.rq): risk
models (read_risk_models.py), destination groupings, stage gates and criteria, processing times
and their references. Nothing here decides anything; what cannot be read (a level without rank, a
factor of an unknown family) is reported as a problem of the data version, and a model with such a
problem is left out rather than scored wrongly."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

from exportgraph import namespaces as ns
from exportgraph.graph.queries import load_query
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.nodes import Broken, Node, nodes_of
from exportgraph.knowledge.read_risk_models import RiskNodeReader
from exportgraph.knowledge.risk_model import (
    CriterionType,
    Destination,
    Gate,
    GateCheck,
    Grouping,
    ProcessingTime,
    RiskData,
    ScreeningRule,
    StageCriterion,
    StageTrl,
)
from exportgraph.knowledge.rows import plain, rows, tail
from exportgraph.store import Store

EG, DCT, RDFS = ns.EG, ns.DCTERMS, ns.RDFS
_CRITERION_TYPES: dict[str, CriterionType] = {
    "escalate": "escalate",
    "pause": "pause",
    "de-escalate": "de-escalate",
}


def _of(nodes: Mapping[str, Node], kind: str) -> list[Node]:
    return [n for _, n in sorted(nodes.items()) if EG + kind in n.types]


class _Reader(RiskNodeReader):
    """Builds RiskData from the nodes, remembering problems."""

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
