"""Read risk models from their nodes (queries/risk_nodes.rq): sources, measures, levels,
factors, families and bands. A part that cannot be read raises `Broken`; `attempt` turns that
into a problem of the data version, so a model with such a part is left out, not scored wrongly."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from exportgraph import namespaces as ns
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Source
from exportgraph.knowledge.nodes import Broken, Node
from exportgraph.knowledge.risk_model import (
    Band,
    Factor,
    Family,
    Level,
    Measure,
    ModelKind,
    RiskModel,
)
from exportgraph.knowledge.rows import tail

T = TypeVar("T")
EG, DCT, RDFS, SKOS, OWL = ns.EG, ns.DCTERMS, ns.RDFS, ns.SKOS, ns.OWL
_MODEL_KINDS: dict[str, ModelKind] = {
    EG + "AdditiveRiskModel": "additive",
    EG + "DecisionMatrixModel": "matrix",
}


class RiskNodeReader:
    """Builds the parts of risk models (levels, factors, families, bands, measures, sources) from
    the nodes, remembering problems."""

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
