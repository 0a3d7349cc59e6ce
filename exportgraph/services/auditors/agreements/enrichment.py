"""Enrichment: what the knowledge graph says about one agreement, as RDF facts for the shapes.

Per item: whether the export (exporter's country → destination, as of the effective date) needs a
licence in each jurisdiction whose law governs it, under which entries, which claimed exclusions
apply, and which fact is missing when the data cannot decide (via the assessment service, contract
§3). Per researcher exchange: the same for each software/technology item it gives access to.
Per claimed research exclusion: the project stages its conditions allow. Per country code: whether
it is an ISO 3166-1 country and which union it is part of.
"""

from __future__ import annotations

from collections.abc import Iterator

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import ExportgraphError
from exportgraph.graph.context import Context
from exportgraph.services.auditors.agreements.assessments import (
    AssessCache,
    AssessFn,
    AssessQuestion,
    Recipient,
    default_assess,
    question,
)
from exportgraph.services.auditors.agreements.explanations import (
    agreement_field,
    explain,
    exporters,
    missing_agreement_facts,
    missing_exchange_facts,
    missing_facts,
    missing_item_fact,
    not_applying,
    status_text,
)
from exportgraph.services.auditors.agreements.facts import (
    JURISDICTION_BASE,
    AgreementFacts,
    ExchangeFacts,
    ItemFacts,
    Node,
    Term,
    code,
)
from exportgraph.services.auditors.agreements.knowledge import Rules, rules
from exportgraph.services.auditors.agreements.naming import Names
from exportgraph.services.partners.answers import AssessResult

__all__ = ["AssessCache", "AssessFn", "Enricher", "default_assess", "enrich"]

RDF_TYPE = NamedNode(ns.RDF + "type")
SKOS_NOTATION = NamedNode(ns.SKOS + "notation")


def _eg(local: str) -> NamedNode:
    return NamedNode(ns.EG + local)


class Enricher:
    """Builds the finding triples for one agreement."""

    def __init__(self, context: Context, assess: AssessFn, names: Names, where: str = "") -> None:
        self.context = context
        self.assess = assess
        self.names = names
        self.where = where
        self.know: Rules = rules(context)
        self.triples: list[Triple] = []

    def add(self, subject: Node, local: str, obj: Term) -> None:
        self.triples.append(Triple(subject, _eg(local), obj))

    # ------------------------------------------------------------------ countries

    def countries(self, facts: AgreementFacts) -> None:
        for node in sorted(facts.jurisdictions, key=lambda n: n.value):
            value = code(node, JURISDICTION_BASE) or ""
            if value in self.know.union_codes:
                self.triples.append(Triple(node, RDF_TYPE, _eg("Jurisdiction")))
            elif self.know.is_country(value):
                self.triples.append(Triple(node, RDF_TYPE, _eg("Country")))
                self.triples.append(Triple(node, RDF_TYPE, _eg("Jurisdiction")))
            else:
                continue
            self.triples.append(Triple(node, SKOS_NOTATION, Literal(value)))
            for union in sorted(self.know.unions.get(self.know.canonical(value), ())):
                self.add(node, "partOf", NamedNode(JURISDICTION_BASE + union))

    # ------------------------------------------------------------------ assessments

    def _findings(self, request: AssessQuestion, field: str) -> list[AssessResult]:
        try:
            answer = self.assess(self.context, request)
        except ExportgraphError as error:  # e.g. an unknown kind, parameter or unit: name the field
            where = agreement_field(error.field, field)
            detail = error.detail
            if error.field and detail.startswith(f"{error.field}: "):
                detail = detail[len(error.field) + 2 :]
            raise type(error)(f"{where}: {detail}", field=where) from None
        results = answer["results"]
        return results

    def _finding(
        self,
        owner: Node,
        link: str,
        item: ItemFacts,
        result: AssessResult,
        facts: AgreementFacts,
        request: AssessQuestion,
    ) -> str:
        node = self._new_finding(owner, link, item.node)
        jurisdiction = str(result.get("jurisdiction", ""))
        self.add(node, "findingJurisdiction", NamedNode(JURISDICTION_BASE + jurisdiction))
        status = status_text(result.get("licence_required"))
        self.add(node, "status", Literal(status))
        entry_ids = [
            e if isinstance(e, str) else str(e.get("id", "")) for e in result.get("entries", [])
        ]
        for entry_id in entry_ids:
            self.add(node, "entryId", Literal(entry_id))
            if ":" in entry_id:
                self.add(node, "controlEntry", ns.entry_iri(*entry_id.split(":", 1)))
        if entry_ids:
            self.add(node, "entryList", Literal(", ".join(entry_ids)))
        if status == "unknown":
            missing = [explain(self.know, fact, jurisdiction) for fact in missing_facts(result)]
            self.add(node, "missingFact", Literal("; ".join(dict.fromkeys(missing))))
        notes = []
        considered = set()
        for exclusion in result.get("exclusions", []):
            notation = str(exclusion.get("id", "")).split(":", 1)[-1]
            if notation not in facts.claims:
                continue
            considered.add(notation)
            if exclusion.get("applies") is True:
                self.add(node, "exclusionApplies", Literal(notation))
            else:
                notes.append(not_applying(self.know, exclusion, notation, item, request))
        for claim in facts.claims:
            if claim not in considered and claim in self.know.claims:
                notes.append(
                    f"{jurisdiction} law has no '{claim}' exclusion, so that claim does not "
                    f"exempt the item from {jurisdiction} licensing"
                )
        if notes:
            self.add(node, "findingNote", Literal("; ".join(notes)))
        return status

    def _new_finding(self, owner: Node, link: str, item: Node) -> BlankNode:
        node = BlankNode()
        self.add(owner, link, node)
        self.triples.append(Triple(node, RDF_TYPE, _eg("LicenceFinding")))
        self.add(node, "findingItem", item)
        self.add(node, "findingItemName", Literal(self.names.of(item)))
        return node

    def _undecided(
        self, owner: Node, link: str, item: Node, jurisdiction: str | None, fact: str
    ) -> str:
        node = self._new_finding(owner, link, item)
        if jurisdiction:
            self.add(node, "findingJurisdiction", NamedNode(JURISDICTION_BASE + jurisdiction))
        self.add(node, "status", Literal("unknown"))
        self.add(node, "missingFact", Literal(fact))
        return "unknown"

    def items(self, facts: AgreementFacts) -> list[str]:
        """A licence finding per item and governing jurisdiction of the export."""
        statuses: list[str] = []
        missing = missing_agreement_facts(self.know, facts)
        for index, item in enumerate(facts.items):
            field = f"{self.where}items[{index}]"
            item_missing = missing_item_fact(self.know, item)
            if missing or item_missing:
                statuses.append(
                    self._undecided(
                        item.node,
                        "licenceRequiredIn",
                        item.node,
                        None,
                        missing or item_missing or "",
                    )
                )
                continue
            assert facts.destination and facts.effective
            for exporter in exporters(self.know, facts):
                request = question(
                    self.know,
                    facts,
                    item,
                    "export",
                    exporter,
                    self.know.canonical(facts.destination),
                    facts.effective.isoformat(),
                )
                for result in self._findings(request, field):
                    statuses.append(
                        self._finding(item.node, "licenceRequiredIn", item, result, facts, request)
                    )
        return statuses

    def exchanges(self, facts: AgreementFacts) -> None:
        """A finding per researcher exchange and software/technology item it gives access to."""
        for index, exchange in enumerate(facts.exchanges):
            field = f"{self.where}exchanges[{index}]"
            for item in self._accessed(facts, exchange):
                if item is None:
                    self._undecided(
                        exchange.node,
                        "accessFinding",
                        exchange.node,
                        None,
                        "the exchange gives access to the agreement's technology or software, "
                        "but the agreement lists none; list the items the researcher will see",
                    )
                    continue
                if not self.know.serves_another_kind(item.kind):
                    continue
                missing = missing_exchange_facts(self.know, facts, exchange) or missing_item_fact(
                    self.know, item
                )
                if missing:
                    self._undecided(exchange.node, "accessFinding", item.node, None, missing)
                    continue
                as_of = exchange.start or facts.effective
                assert as_of is not None and exchange.nationality
                recipient: Recipient = {
                    "name": exchange.person or "",
                    "nationality": self.know.canonical(exchange.nationality),
                }
                for exporter in exporters(self.know, facts):
                    # the researcher is given access where the exporter works: a release inside
                    # `from`, judged by that jurisdiction's deemed-export rule (contract §3)
                    request = question(
                        self.know,
                        facts,
                        item,
                        "researcher-exchange",
                        exporter,
                        None,
                        as_of.isoformat(),
                        recipient,
                    )
                    for result in self._findings(request, field):
                        self._finding(exchange.node, "accessFinding", item, result, facts, request)

    def _accessed(
        self, facts: AgreementFacts, exchange: ExchangeFacts
    ) -> Iterator[ItemFacts | None]:
        by_node: dict[object, ItemFacts] = {item.node: item for item in facts.items}
        for access in exchange.access:
            if access in by_node:
                yield by_node[access]
                continue
            kind = code(access, ns.EGID + "kind/")
            matching = [item for item in facts.items if kind and item.kind == kind]
            if not matching and self.know.serves_another_kind(kind):
                yield None
            yield from matching

    # ------------------------------------------------------------------ claims and summary

    def claims(self, facts: AgreementFacts) -> None:
        for claim in facts.claims:
            if claim not in self.know.research_claims:
                continue
            node = BlankNode()
            self.add(facts.node, "claimFinding", node)
            self.add(node, "claimedExclusion", Literal(claim))
            stages = sorted(self.know.permitted_stages(claim), key=self.know.stage_order.index)
            for stage in stages:
                self.add(node, "permittedStage", Literal(stage))
            self.add(node, "permittedStages", Literal(", ".join(stages)))

    def summary(self, facts: AgreementFacts, statuses: list[str]) -> None:
        if "true" in statuses:
            self.add(facts.node, "transfersControlled", Literal("true"))
        elif "unknown" in statuses:
            self.add(facts.node, "transfersControlled", Literal("unknown"))
        missing = missing_agreement_facts(self.know, facts)
        if missing and facts.items:
            self.add(facts.node, "missingFact", Literal(missing))


def enrich(
    context: Context, facts: AgreementFacts, assess: AssessFn, names: Names, where: str = ""
) -> list[Triple]:
    """The finding triples for one agreement (see the module docstring)."""
    enricher = Enricher(context, assess, names, where)
    enricher.countries(facts)
    statuses = enricher.items(facts)
    enricher.exchanges(facts)
    enricher.claims(facts)
    enricher.summary(facts, statuses)
    return enricher.triples
