"""Read what the enrichment needs out of one agreement's RDF graph (whatever format it came in)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import ExportgraphError
from exportgraph.json_types import JsonObject
from exportgraph.services.auditors.agreements.nesting import load_json

Node = NamedNode | BlankNode
Term = NamedNode | BlankNode | Literal

JURISDICTION_BASE = ns.EGID + "jurisdiction/"
KIND_BASE = ns.EGID + "kind/"
PURPOSE_BASE = ns.EGID + "purpose/"


class Graph:
    """A tiny subject → predicate → objects index over one agreement's triples."""

    def __init__(self, triples: Iterable[Triple]) -> None:
        self.index: dict[Term, dict[str, list[Term]]] = {}
        for triple in triples:
            subject = triple.subject
            obj = triple.object
            assert isinstance(subject, NamedNode | BlankNode) and not isinstance(obj, Triple)
            self.index.setdefault(subject, {}).setdefault(triple.predicate.value, []).append(obj)

    def objects(self, subject: Term, local: str) -> list[Term]:
        return self.index.get(subject, {}).get(ns.EG + local, [])

    def first(self, subject: Term, local: str) -> Term | None:
        values = self.objects(subject, local)
        return values[0] if values else None

    def text(self, subject: Term, local: str) -> str | None:
        value = self.first(subject, local)
        return value.value if isinstance(value, Literal) else None

    def date(self, subject: Term, local: str) -> dt.date | None:
        text = self.text(subject, local)
        try:
            return dt.date.fromisoformat(text) if text and len(text) == 10 else None
        except ValueError:
            return None


def code(term: Term | None, base: str) -> str | None:
    """The local code of an IRI under `base` (egid:jurisdiction/US → US), else None."""
    if isinstance(term, NamedNode) and term.value.startswith(base):
        return term.value[len(base) :]
    return None


@dataclass
class ItemFacts:
    node: Node
    kind: str | None
    for_kind: str | None
    purpose: str | None
    parameters: JsonObject | None
    parameters_error: str | None = None
    facts: JsonObject | None = None


@dataclass
class ExchangeFacts:
    node: Node
    person: str | None
    nationality: str | None
    start: dt.date | None
    end: dt.date | None
    access: list[Term] = field(default_factory=list)


@dataclass
class AgreementFacts:
    """The facts of one agreement that the knowledge graph is asked about."""

    node: Node
    exporters: list[str]
    end_user_countries: list[str]
    destination: str | None
    effective: dt.date | None
    stage: str | None
    end_use: str | None
    claims: list[str]
    items: list[ItemFacts]
    exchanges: list[ExchangeFacts]
    jurisdictions: set[NamedNode]


def read(node: Node, triples: Iterable[Triple]) -> AgreementFacts:
    """Collect the agreement's parties, items, dates, claims and exchanges."""
    graph = Graph(triples)
    exporters: list[str] = []
    end_users: list[str] = []
    for party in graph.objects(node, "party"):
        country = code(graph.first(party, "country"), JURISDICTION_BASE)
        role = graph.text(party, "role")
        if country and role == "exporter" and country not in exporters:
            exporters.append(country)
        if country and role == "end-user" and country not in end_users:
            end_users.append(country)
    end_use_node = graph.first(node, "endUse")
    return AgreementFacts(
        node=node,
        exporters=exporters,
        end_user_countries=end_users,
        destination=code(graph.first(node, "destination"), JURISDICTION_BASE),
        effective=graph.date(node, "effectiveDate"),
        stage=graph.text(node, "projectStage"),
        end_use=graph.text(end_use_node, "endUsePurpose") if end_use_node is not None else None,
        claims=[c.value for c in graph.objects(node, "exclusionClaimed") if isinstance(c, Literal)],
        items=[
            _item(graph, item)
            for item in graph.objects(node, "item")
            if not isinstance(item, Literal)
        ],
        exchanges=[
            _exchange(graph, x)
            for x in graph.objects(node, "exchange")
            if not isinstance(x, Literal)
        ],
        jurisdictions={
            obj
            for predicates in graph.index.values()
            for objects in predicates.values()
            for obj in objects
            if isinstance(obj, NamedNode) and obj.value.startswith(JURISDICTION_BASE)
        },
    )


def _item(graph: Graph, node: Node) -> ItemFacts:
    raw = graph.text(node, "parameters")
    parameters: JsonObject | None = None
    error = None
    if (
        raw is not None
    ):  # parsing.py refuses bad parameters; agreements built otherwise may hold them
        try:
            loaded = load_json(raw, "parameters", "the parameters are")
        except ExportgraphError as exc:
            loaded, error = None, f"the item's {exc.detail}; write them as a JSON object"
        if isinstance(loaded, dict):
            parameters = loaded
        elif error is None:
            error = "the item's parameters are not a JSON object; write them as one"
    facts: JsonObject | None = None
    stated = graph.text(node, "itemFacts")
    if stated is not None:
        try:
            loaded = load_json(stated, "facts", "the facts are")
        except ExportgraphError as exc:
            loaded, error = None, error or f"the item's {exc.detail}; write them as a JSON object"
        if isinstance(loaded, dict):
            facts = loaded
        elif error is None:
            error = "the item's facts are not a JSON object of true/false; write them as one"
    return ItemFacts(
        node=node,
        kind=code(graph.first(node, "kind"), KIND_BASE),
        for_kind=code(graph.first(node, "forKind"), KIND_BASE),
        purpose=code(graph.first(node, "purpose"), PURPOSE_BASE),
        parameters=parameters,
        parameters_error=error,
        facts=facts,
    )


def _exchange(graph: Graph, node: Node) -> ExchangeFacts:
    return ExchangeFacts(
        node=node,
        person=graph.text(node, "person"),
        nationality=code(graph.first(node, "nationality"), JURISDICTION_BASE),
        start=graph.date(node, "exchangeFrom"),
        end=graph.date(node, "exchangeUntil"),
        access=list(graph.objects(node, "access")),
    )
