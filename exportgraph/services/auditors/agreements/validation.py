"""Validate agreements: parse → read facts → enrich from the knowledge graph → SHACL → results."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph.graph.context import Context
from exportgraph.graph.shacl import EngineName, RawResult, pool
from exportgraph.services.auditors.agreements import enrichment, facts, parsing
from exportgraph.services.auditors.agreements.terms import TermNames, term_names

SEVERITY_ORDER = {"violation": 0, "warning": 1, "info": 2}
BATCH = 32
"""Agreements validated per engine call (renamed apart in one data graph)."""
_PLACEHOLDER = re.compile(r"\{[$?](\w+)\}")


@dataclass(frozen=True)
class Violation:
    """One result as contract §4 shows it (plus the offending value, when there is one)."""

    rule: str
    severity: str
    focus: str
    path: str | None
    message: str
    value: str | None = None
    focus_node: NamedNode | BlankNode | Literal | None = field(default=None, compare=False)
    path_node: NamedNode | None = field(default=None, compare=False)
    shape: str = field(default="", compare=False)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "focus": self.focus,
            "path": self.path,
            "message": self.message,
        }
        if self.value is not None:
            out["value"] = self.value
        return out


@dataclass
class AgreementReport:
    """The outcome for one agreement."""

    agreement: str
    source: str
    conforms: bool
    violations: list[Violation]
    findings: list[dict[str, Any]] = field(default_factory=list)
    data_version: str = ""
    engine: str = ""

    def count(self, severity: str) -> int:
        return sum(1 for v in self.violations if v.severity == severity)

    def as_json(self) -> dict[str, Any]:
        return {
            "agreement": self.agreement,
            "conforms": self.conforms,
            "violations": [v.as_json() for v in self.violations],
            "summary": {s: self.count(s) for s in SEVERITY_ORDER},
            "findings": self.findings,
            "data_version": self.data_version,
            "engine": self.engine,
        }


class Validator:
    """Agreement validation over one context; thread-safe (engines are pooled)."""

    def __init__(
        self,
        context: Context,
        *,
        assess: enrichment.AssessFn | None = None,
        engine: EngineName | None = None,
    ) -> None:
        self.context = context
        self.assess = enrichment.AssessCache(assess or enrichment.default_assess())
        self.pool = pool("agreement", engine)

    def validate_body(
        self, body: bytes, content_type: str | None, source: str = "body"
    ) -> tuple[list[AgreementReport], bool]:
        """Parse a request body and validate every agreement in it; also say whether it was a list."""
        agreements, batch = parsing.parse(body, content_type, source)
        return self.validate(agreements), batch

    def validate(self, agreements: Sequence[parsing.ParsedAgreement]) -> list[AgreementReport]:
        """Validate parsed agreements; an input error in any of them raises before any result."""
        prepared = [
            self._prepare(agreement, index, len(agreements))
            for index, agreement in enumerate(agreements)
        ]
        version = self.context.data_version()
        out: list[AgreementReport] = []
        for start in range(0, len(prepared), BATCH):
            chunk = prepared[start : start + BATCH]
            graphs = [[*agreement.triples, *extra] for agreement, extra in chunk]
            for (agreement, _), triples, raw in zip(
                chunk, graphs, self.pool.run_many(graphs), strict=True
            ):
                out.append(self._report(agreement, triples, raw, version))
        return out

    def _prepare(
        self, agreement: parsing.ParsedAgreement, index: int, total: int
    ) -> tuple[parsing.ParsedAgreement, list[Triple]]:
        where = f"[{index}]." if total > 1 else ""
        read = facts.read(agreement.node, agreement.triples)
        return agreement, enrichment.enrich(self.context, read, self.assess, where)

    def _report(
        self,
        agreement: parsing.ParsedAgreement,
        triples: list[Triple],
        raw: list[RawResult],
        version: str,
    ) -> AgreementReport:
        names = term_names()
        parents = _parents(agreement.triples)
        violations = sorted(
            {_violation(r, names, parents) for r in raw},
            key=lambda v: (
                SEVERITY_ORDER.get(v.severity, 9),
                v.rule,
                v.focus,
                v.path or "",
                v.message,
            ),
        )
        return AgreementReport(
            agreement=describe(agreement.node, names, parents),
            source=agreement.source,
            conforms=not any(v.severity == "violation" for v in violations),
            violations=violations,
            findings=_findings(agreement.node, triples, names, parents),
            data_version=version,
            engine=self.pool.engine,
        )


Parents = dict[BlankNode, tuple[NamedNode | BlankNode, str, int]]


def _parents(triples: Sequence[Triple]) -> Parents:
    """Blank node → (subject, predicate, position among that subject's values of it)."""
    parents: Parents = {}
    counts: dict[tuple[NamedNode | BlankNode, str], int] = {}
    for triple in triples:
        obj, subject = triple.object, triple.subject
        if isinstance(obj, BlankNode) and obj not in parents:
            assert isinstance(subject, NamedNode | BlankNode)
            key = (subject, triple.predicate.value)
            parents[obj] = (subject, triple.predicate.value, counts.get(key, 0))
            counts[key] = counts.get(key, 0) + 1
    return parents


def render(
    term: NamedNode | BlankNode | Literal | Triple | None, names: TermNames, parents: Parents
) -> str | None:
    """A term as an auditor reads it: codes for countries and kinds, lexical forms for literals."""
    if term is None:
        return None
    if isinstance(term, Literal):
        return term.value
    if isinstance(term, NamedNode):
        for base in (facts.JURISDICTION_BASE, facts.KIND_BASE, facts.PURPOSE_BASE):
            if term.value.startswith(base):
                return term.value[len(base) :]
        return names.get(term.value, term.value)
    if isinstance(term, BlankNode):
        return describe(term, names, parents)
    return str(term)


def describe(
    node: NamedNode | BlankNode | Literal | Triple, names: TermNames, parents: Parents
) -> str:
    """A node's name: its IRI, or for a clause without one the path from its owner (`urn:a/end_use`)."""
    if isinstance(node, NamedNode):
        return node.value
    if isinstance(node, BlankNode) and node in parents:
        owner, predicate, position = parents[node]
        name = names.get(predicate, predicate)
        many = names.is_list(predicate)
        return f"{describe(owner, names, parents)}/{name}" + (f"[{position}]" if many else "")
    if isinstance(node, BlankNode):
        return "(agreement without id)"
    return render(node, names, parents) or ""


def _violation(result: RawResult, names: TermNames, parents: Parents) -> Violation:
    value = render(result.value, names, parents) if result.value != result.focus else None
    focus = describe(result.focus, names, parents)
    path = (
        names.get(result.path.value, result.path.value)
        if isinstance(result.path, NamedNode)
        else None
    )

    def fill(match: re.Match[str]) -> str:
        key = match.group(1)
        if key == "value":
            return value or ""
        if key == "this":
            return focus
        if key == "path":
            return path or ""
        return match.group(0)

    message = _PLACEHOLDER.sub(fill, result.message)
    for base in (facts.JURISDICTION_BASE, facts.KIND_BASE):
        message = message.replace(base, "")
    path_node = result.path if isinstance(result.path, NamedNode) else None
    focus_node = result.focus if not isinstance(result.focus, Triple) else None
    return Violation(
        result.rule,
        result.severity,
        focus,
        path,
        message,
        value,
        focus_node,
        path_node,
        result.shape,
    )


def _findings(
    node: NamedNode | BlankNode, triples: Sequence[Triple], names: TermNames, parents: Parents
) -> list[dict[str, Any]]:
    """The knowledge-graph findings the checks used, one per item (or exchange) and jurisdiction."""
    graph = facts.Graph(triples)
    out: list[dict[str, Any]] = []
    owners: list[tuple[str, NamedNode | BlankNode | Literal]] = [
        ("licenceRequiredIn", i) for i in graph.objects(node, "item")
    ]
    owners += [("accessFinding", x) for x in graph.objects(node, "exchange")]
    for link, owner in owners:
        for finding in graph.objects(owner, link):
            jurisdiction = graph.first(finding, "findingJurisdiction")
            entry = {
                "subject": describe(owner, names, parents),
                "item": render(graph.first(finding, "findingItem"), names, parents),
                "activity": "export" if link == "licenceRequiredIn" else "researcher-exchange",
                "jurisdiction": render(jurisdiction, names, parents),
                "licence_required": graph.text(finding, "status"),
                "entries": [
                    e.value for e in graph.objects(finding, "entryId") if isinstance(e, Literal)
                ],
            }
            for key, local in (("missing_fact", "missingFact"), ("note", "findingNote")):
                text = graph.text(finding, local)
                if text:
                    entry[key] = text
            applied = [
                e.value
                for e in graph.objects(finding, "exclusionApplies")
                if isinstance(e, Literal)
            ]
            if applied:
                entry["exclusions_applied"] = applied
            out.append(entry)
    return out
