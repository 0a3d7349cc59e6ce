"""Validate agreements: parse → read facts → enrich from the knowledge graph → SHACL → results."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph.errors import InvalidInput
from exportgraph.graph.context import Context
from exportgraph.graph.shacl import EngineName, RawResult, pool
from exportgraph.services.auditors.agreements import enrichment, facts, nesting, parsing
from exportgraph.services.auditors.agreements.answers import (
    AgreementReportJson,
    Finding,
    Severity,
    ViolationJson,
)
from exportgraph.services.auditors.agreements.knowledge import rules
from exportgraph.services.auditors.agreements.naming import Names

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

    def as_json(self) -> ViolationJson:
        out: ViolationJson = {
            "rule": self.rule,
            "severity": cast(Severity, self.severity),
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
    findings: list[Finding] = field(default_factory=list)
    data_version: str = ""
    engine: str = ""

    def count(self, severity: str) -> int:
        return sum(1 for v in self.violations if v.severity == severity)

    def as_json(self) -> AgreementReportJson:
        return {
            "agreement": self.agreement,
            "conforms": self.conforms,
            "violations": [v.as_json() for v in self.violations],
            "summary": {
                "violation": self.count("violation"),
                "warning": self.count("warning"),
                "info": self.count("info"),
            },
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
        try:
            agreements, batch = parsing.parse(
                body, content_type, source, rules(self.context).aliases
            )
            return self.validate(agreements), batch
        except RecursionError:  # the parser refuses deep nesting first; this is the last guard
            raise _too_deep(source) from None

    def validate(self, agreements: Sequence[parsing.ParsedAgreement]) -> list[AgreementReport]:
        """Validate parsed agreements; an input error in any of them raises before any result."""
        try:
            prepared = [
                self._prepare(agreement, index, len(agreements))
                for index, agreement in enumerate(agreements)
            ]
            version = self.context.data_version()
            out: list[AgreementReport] = []
            for start in range(0, len(prepared), BATCH):
                chunk = prepared[start : start + BATCH]
                graphs = [[*agreement.triples, *extra] for agreement, extra, _ in chunk]
                for (agreement, _, names), triples, raw in zip(
                    chunk, graphs, self.pool.run_many(graphs), strict=True
                ):
                    out.append(self._report(agreement, names, triples, raw, version))
            return out
        except RecursionError:  # the parser refuses deep nesting first; this is the last guard
            raise _too_deep("agreements") from None

    def _prepare(
        self, agreement: parsing.ParsedAgreement, index: int, total: int
    ) -> tuple[parsing.ParsedAgreement, list[Triple], Names]:
        where = f"[{index}]." if total > 1 else ""
        names = Names(agreement.triples)
        read = facts.read(agreement.node, agreement.triples)
        return agreement, enrichment.enrich(self.context, read, self.assess, names, where), names

    def _report(
        self,
        agreement: parsing.ParsedAgreement,
        names: Names,
        triples: list[Triple],
        raw: list[RawResult],
        version: str,
    ) -> AgreementReport:
        violations = sorted(
            {_violation(r, names) for r in raw},
            key=lambda v: (
                SEVERITY_ORDER.get(v.severity, 9),
                v.rule,
                v.focus,
                v.path or "",
                v.message,
            ),
        )
        return AgreementReport(
            agreement=names.of(agreement.node),
            source=agreement.source,
            conforms=not any(v.severity == "violation" for v in violations),
            violations=violations,
            findings=_findings(agreement.node, triples, names),
            data_version=version,
            engine=self.pool.engine,
        )


def _too_deep(where: str) -> InvalidInput:
    return nesting.too_deep(where, "the document is")


def _violation(result: RawResult, names: Names) -> Violation:
    value = names.value(result.value) if result.value != result.focus else None
    focus = names.of(result.focus)
    path = (
        names.terms.get(result.path.value, result.path.value)
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

    message = names.in_text(_PLACEHOLDER.sub(fill, result.message))
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
    node: NamedNode | BlankNode, triples: Sequence[Triple], names: Names
) -> list[Finding]:
    """The knowledge-graph findings the checks used, one per item (or exchange) and jurisdiction."""
    graph = facts.Graph(triples)
    out: list[Finding] = []
    owners: list[tuple[str, NamedNode | BlankNode | Literal]] = [
        ("licenceRequiredIn", i) for i in graph.objects(node, "item")
    ]
    owners += [("accessFinding", x) for x in graph.objects(node, "exchange")]
    for link, owner in owners:
        for finding in graph.objects(owner, link):
            jurisdiction = graph.first(finding, "findingJurisdiction")
            entry: Finding = {
                "subject": names.of(owner),
                "item": names.value(graph.first(finding, "findingItem")),
                "activity": "export" if link == "licenceRequiredIn" else "researcher-exchange",
                "jurisdiction": names.value(jurisdiction),
                "licence_required": graph.text(finding, "status"),
                "entries": [
                    e.value for e in graph.objects(finding, "entryId") if isinstance(e, Literal)
                ],
            }
            missing, note = graph.text(finding, "missingFact"), graph.text(finding, "findingNote")
            if missing:
                entry["missing_fact"] = missing
            if note:
                entry["note"] = note
            applied = [
                e.value
                for e in graph.objects(finding, "exclusionApplies")
                if isinstance(e, Literal)
            ]
            if applied:
                entry["exclusions_applied"] = applied
            out.append(entry)
    return out
