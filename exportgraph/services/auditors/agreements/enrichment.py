"""Enrichment: what the knowledge graph says about one agreement, as RDF facts for the shapes.

Per item: whether the export (exporter's country → destination, as of the effective date) needs a
licence in each jurisdiction whose law governs it, under which entries, which claimed exclusions
apply, and which fact is missing when the data cannot decide (via the assessment service, contract
§3). Per researcher exchange: the same for each software/technology item it gives access to.
Per claimed research exclusion: the project stages its conditions allow. Per country code: whether
it is an ISO 3166-1 country and which union it is part of.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import ExportgraphError
from exportgraph.graph.context import Context
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
from exportgraph.services.partners.answers import AssessAnswer, AssessResult, ExclusionAnswer

AssessFn = Callable[[Context, dict[str, Any]], AssessAnswer]

RDF_TYPE = NamedNode(ns.RDF + "type")
SKOS_NOTATION = NamedNode(ns.SKOS + "notation")


def _eg(local: str) -> NamedNode:
    return NamedNode(ns.EG + local)


def default_assess() -> AssessFn:
    """The assessment service of contract §3 (imported late: it is another module's)."""
    from exportgraph.services.partners.assess import assess

    return assess


class AssessCache:
    """Memoises assessments by (data version, request); safe across threads."""

    def __init__(self, assess: AssessFn, size: int = 4096) -> None:
        self._assess = assess
        self._size = size
        self._items: OrderedDict[tuple[str, str], AssessAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, context: Context, request: dict[str, Any]) -> AssessAnswer:
        key = (context.data_version(), json.dumps(request, sort_keys=True))
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        result = self._assess(context, request)
        with self._lock:
            self._items[key] = result
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return result


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

    def _request(
        self,
        facts: AgreementFacts,
        item: ItemFacts,
        activity: str,
        origin: str,
        to: str | None,
        as_of: str,
        recipient: dict[str, str] | None = None,
    ) -> dict[str, Any]:
        subject: dict[str, Any]
        described = {"parameters": item.parameters or {}, "facts": item.facts or {}}
        if item.is_software:
            assert item.kind is not None
            # the served item's parameters and facts decide (contract §3 software/technology)
            subject = {item.kind: {"for_kind": item.for_kind, "purpose": item.purpose, **described}}
        else:
            subject = {"item": {"kind": item.kind, **described}}
        request: dict[str, Any] = {
            "activity": activity,
            "subject": subject,
            "from": origin,
            "as_of": as_of,
            "published": bool(self.know.published_claims & set(facts.claims)),
            "intended_for_publication": bool(self.know.publication_claims & set(facts.claims)),
        }
        if to:
            request["to"] = to
        if facts.stage in self.know.stage_order:
            request["project_stage"] = facts.stage
        if facts.end_use:
            request["end_use"] = facts.end_use
        if recipient:
            request["recipient"] = recipient
        return request

    def _missing_item_fact(self, item: ItemFacts) -> str | None:
        if item.kind is None:
            return "the item states no kind; state what it is (e.g. quantum-computer, technology)"
        if item.parameters_error:
            return item.parameters_error
        if item.is_software and not item.for_kind:
            return (
                f"the {item.kind} does not say which kind of item it serves; state it "
                "(for_kind, e.g. quantum-computer)"
            )
        if item.is_software and not item.purpose:
            return (
                f"the {item.kind} does not say what it is for; state its purpose "
                "(development, production or use)"
            )
        return None

    def _findings(self, request: dict[str, Any], field: str) -> list[AssessResult]:
        try:
            answer = self.assess(self.context, request)
        except ExportgraphError as error:  # e.g. an unknown kind, parameter or unit: name the field
            where = _agreement_field(error.field, field)
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
        request: dict[str, Any],
    ) -> str:
        node = self._new_finding(owner, link, item.node)
        jurisdiction = str(result.get("jurisdiction", ""))
        self.add(node, "findingJurisdiction", NamedNode(JURISDICTION_BASE + jurisdiction))
        status = _status(result.get("licence_required"))
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
            missing = [self._explain(fact, jurisdiction) for fact in _missing_facts(result)]
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
                notes.append(self._not_applying(exclusion, notation, item, request))
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

    def _not_applying(
        self,
        exclusion: ExclusionAnswer,
        notation: str,
        item: ItemFacts,
        request: dict[str, Any],
    ) -> str:
        """Why a claimed exclusion does not (or may not) apply, in the agreement's terms."""
        claimed = f"the claimed exclusion '{notation}' ({exclusion.get('title', notation)})"
        covers = self.know.covers.get(str(exclusion.get("id", "")), ())
        if item.kind not in covers:
            what = "hardware such as this " if not item.is_software else "this "
            return (
                f"{claimed} does not apply: it covers {' and '.join(covers) or 'no item'} only, "
                f"never {what}{item.kind or 'item'}"
            )
        unmet, unknown = [], []
        for condition in self.know.conditions.get(str(exclusion.get("id", "")), ()):
            value = request.get(condition.field)
            if value is None:
                unknown.append(_CONDITIONS.get(condition.field, condition.field))
                continue
            text = ("true" if value else "false") if isinstance(value, bool) else str(value)
            if text not in condition.values:
                unmet.append(_condition_text(condition.field, condition.values, text))
        if exclusion.get("applies") is False and unmet:
            return f"{claimed} does not apply: it requires {' and '.join(unmet)}"
        if exclusion.get("applies") is False:
            return f"{claimed} does not apply to this {item.kind or 'item'}"
        needs = " and ".join(unknown) or "facts the agreement does not state"
        return f"whether {claimed} applies depends on {needs}; state it in the agreement"

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
        missing = _missing_agreement_facts(self.know, facts)
        for index, item in enumerate(facts.items):
            field = f"{self.where}items[{index}]"
            item_missing = self._missing_item_fact(item)
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
            for exporter in _exporters(self.know, facts):
                request = self._request(
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
                if not item.is_software:
                    continue
                missing = _missing_exchange_facts(
                    self.know, facts, exchange
                ) or self._missing_item_fact(item)
                if missing:
                    self._undecided(exchange.node, "accessFinding", item.node, None, missing)
                    continue
                as_of = exchange.start or facts.effective
                assert as_of is not None and exchange.nationality
                recipient = {
                    "name": exchange.person or "",
                    "nationality": self.know.canonical(exchange.nationality),
                }
                for exporter in _exporters(self.know, facts):
                    # the researcher is given access where the exporter works: a release inside
                    # `from`, judged by that jurisdiction's deemed-export rule (contract §3)
                    request = self._request(
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
            if not matching and kind in ("technology", "software"):
                yield None
            yield from matching

    def _explain(self, fact: str, jurisdiction: str) -> str:
        """A fact the assessment names as missing, said as what to state or to check."""
        label = self.know.labels.get(fact)
        if fact in self.know.parameters:
            return (
                f"the item does not state its {fact} parameter ({label or fact}); "
                "add it to the item's parameters"
            )
        if label:
            return (
                f"whether the item is {label}, which the agreement cannot state; check it "
                f"against the {jurisdiction} legal text before the transfer"
            )
        if fact in _REQUEST_FIELDS:
            return f"{_REQUEST_FIELDS[fact]} is not stated; state it in the agreement"
        for start, meaning in _DATA_GAPS:
            if fact.startswith(start):
                subject = fact[len(start) :].removesuffix(" (not in the data)")
                return meaning.format(subject=subject, jurisdiction=jurisdiction)
        return fact

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
        missing = _missing_agreement_facts(self.know, facts)
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


_REQUEST_FIELDS = {
    "to": "the destination",
    "purpose": "the purpose of the software or technology (development, production or use)",
    "recipient.nationality": "the researcher's nationality",
    "project_stage": "the project stage",
    "end_use": "the end-use purpose",
    "published": "whether the software or technology is already published",
    "intended_for_publication": "whether the results are intended for publication",
    "activity": "the activity",
}
"""The assessment's request fields (contract §3), as the agreement states them (§4)."""

_CONDITIONS = {
    "project_stage": "the project stage",
    "end_use": "the end-use purpose",
    "published": "that the software or technology is already published (claim 'published')",
    "intended_for_publication": "that the results are intended for publication",
    "activity": "the activity",
}

_DATA_GAPS = (
    (
        "deemed-export rule of ",
        "whether {subject} law treats giving a foreign researcher access to technology inside "
        "{subject} as an export, which the data does not say; ask the {subject} licensing "
        "authority before the exchange",
    ),
    (
        "the export-control lists of ",
        "{subject}'s export-control lists, which the data does not hold; check the item against "
        "them before the transfer",
    ),
    (
        "complete criteria of ",
        "the complete criteria of {subject}, which the data holds only in part; check the item "
        "against {subject} in the legal text before the transfer",
    ),
    (
        "licence requirement of ",
        "the licence requirement of {subject}, which the data does not hold; check it in the "
        "legal text before the transfer",
    ),
    (
        "eligible destinations of ",
        "whether licence exception {subject} is available for this destination, which the data "
        "cannot tell; check its conditions in the legal text",
    ),
)
"""Facts the knowledge graph lacks (the assessment's wording → what the auditor should do)."""


def _condition_text(field: str, allowed: tuple[str, ...], stated: str) -> str:
    """An unmet condition of an exclusion, with what the agreement states instead."""
    if stated in ("true", "false") and set(allowed) <= {"true", "false"}:
        return _CONDITIONS.get(field, field)
    what = _CONDITIONS.get(field, field)
    return f"{what} to be {' or '.join(allowed)} (the agreement states {stated})"


def _agreement_field(assessed: str | None, item: str) -> str:
    """The agreement field behind a field of the assessment request (`subject.item.kind` of
    items[0] → `items[0].kind`); the item itself when the request field is not the item's."""
    parts = (assessed or "").split(".")
    if len(parts) > 2 and parts[0] == "subject":
        return ".".join([item, *parts[2:]])
    return item


def _status(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return "unknown"


def _missing_facts(result: AssessResult) -> list[str]:
    facts: list[str] = []
    for key in ("missing", "missing_facts"):
        value = result.get(key)
        if isinstance(value, list):
            facts.extend(str(v) for v in value)
        elif isinstance(value, str):
            facts.append(value)
    for exception in result.get("exceptions", []):
        if exception.get("available") == "unknown" and exception.get("missing_fact"):
            facts.append(str(exception["missing_fact"]))
    return [f for f in facts if f != "(not stated)"] or [
        "; ".join(str(r) for r in result.get("reasons", []))
        or "a fact the data does not hold; check the rules before the transfer"
    ]


def _exporters(rules: Rules, facts: AgreementFacts) -> list[str]:
    return [rules.canonical(e) for e in facts.exporters if rules.is_country(e)]


def _missing_agreement_facts(rules: Rules, facts: AgreementFacts) -> str | None:
    gaps = []
    if not _exporters(rules, facts):
        gaps.append("the exporter's country")
    if not facts.destination or not rules.is_country(facts.destination):
        gaps.append("a valid destination")
    if facts.effective is None:
        gaps.append("a valid effective date")
    if not gaps:
        return None
    listed = ", ".join(gaps[:-1]) + " and " + gaps[-1] if len(gaps) > 1 else gaps[0]
    return f"the agreement lacks {listed}; state {'them' if len(gaps) > 1 else 'it'}"


def _missing_exchange_facts(
    rules: Rules, facts: AgreementFacts, exchange: ExchangeFacts
) -> str | None:
    if not _exporters(rules, facts):
        return "the agreement lacks the exporter's country; state it"
    if not exchange.nationality or not rules.is_country(exchange.nationality):
        return "the exchange lacks the researcher's nationality (a country code); state it"
    if exchange.start is None and facts.effective is None:
        return "the exchange lacks its start date; state it"
    return None
