"""Validation of the terminology: shapes/terminology.ttl plus mappings the thresholds contradict."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pyoxigraph import Triple
from typing_extensions import TypedDict

from exportgraph.graph.closure import asserted_triples
from exportgraph.graph.shacl import EngineName, pool
from exportgraph.store import LoadError

if TYPE_CHECKING:
    from exportgraph.store import Store

__all__ = [
    "CheckResult",
    "CheckResultJson",
    "ShapesReportJson",
    "TerminologyReport",
    "TerminologyViolated",
    "asserted_triples",
    "check_graph",
    "check_terminology",
    "mapping_results",
    "require_conforming",
    "shape_results",
]

SHAPES = "terminology"


@dataclass(frozen=True)
class CheckResult:
    """One finding: the rule id, how severe, on which node and property, and why."""

    rule: str
    severity: str
    focus: str
    path: str | None
    message: str


class CheckResultJson(TypedDict):
    """A `CheckResult` as JSON."""

    rule: str
    severity: str
    focus: str
    path: str | None
    message: str


class ShapesReportJson(TypedDict):
    """A `TerminologyReport` as JSON: whether the graph conforms, and every finding."""

    conforms: bool
    violations: list[CheckResultJson]


@dataclass(frozen=True)
class TerminologyReport:
    """The outcome of a terminology check; conforms is false iff a violation was found."""

    results: list[CheckResult] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(result.severity == "violation" for result in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for result in self.results if result.severity == severity)

    @classmethod
    def of(cls, results: Iterable[CheckResult]) -> TerminologyReport:
        """A report of these findings, each once, in a stable order."""
        return cls(sorted(set(results), key=lambda r: (r.rule, r.focus, r.path or "", r.message)))

    def as_dict(self) -> ShapesReportJson:
        return {
            "conforms": self.conforms,
            "violations": [
                {
                    "rule": r.rule,
                    "severity": r.severity,
                    "focus": r.focus,
                    "path": r.path,
                    "message": r.message,
                }
                for r in self.results
            ],
        }


def _text(term: object | None) -> str | None:
    if term is None:
        return None
    value = getattr(term, "value", None)
    return str(value) if value is not None else str(term)


def shape_results(triples: list[Triple], engine: EngineName | None = None) -> list[CheckResult]:
    """The terminology shapes' findings on asserted triples (never a closure: inferred types
    would hide wrong references)."""
    return [
        CheckResult(
            rule=raw.rule,
            severity=raw.severity,
            focus=_text(raw.focus) or "",
            path=_text(raw.path),
            message=raw.message,
        )
        for raw in pool(SHAPES, engine).run(triples)
    ]


def mapping_results(triples: list[Triple]) -> list[CheckResult]:
    """Asserted mappings that the entries' thresholds contradict (derived equivalence)."""
    from exportgraph.knowledge.current import of_triples
    from exportgraph.services.standards.equivalence import contradictions

    return [
        CheckResult(found.rule, found.severity, found.focus, found.path, found.message)
        for found in contradictions(of_triples(triples))
    ]


def check_graph(triples: Iterable[Triple], engine: EngineName | None = None) -> TerminologyReport:
    """Validate a graph of asserted triples: shapes and mapping contradictions."""
    asserted = list(triples)
    return TerminologyReport.of([*shape_results(asserted, engine), *mapping_results(asserted)])


def check_terminology(store: Store) -> TerminologyReport:
    """Validate the terminology held in the store."""
    return check_graph(asserted_triples(store))


class TerminologyViolated(LoadError):
    """A graph about to be loaded violates the terminology shapes; nothing was loaded."""

    def __init__(self, what: str, report: TerminologyReport) -> None:
        self.report = report
        violations = [r for r in report.results if r.severity == "violation"]
        named = "; ".join(
            f"{r.rule} on {r.focus}" + (f" ({r.path})" if r.path else "") + f": {r.message}"
            for r in violations[:10]
        )
        more = f"; and {len(violations) - 10} more" if len(violations) > 10 else ""
        super().__init__(
            what,
            None,
            None,
            f"violates the terminology shapes ({len(violations)} violation(s)): {named}{more}. "
            "Nothing was loaded; the store keeps its previous data. Fix the sources (or carry "
            "the approved changes into them: `exportgraph changes export`) and load again",
        )


def require_conforming(triples: Iterable[Triple], what: str) -> TerminologyReport:
    """The report of a graph of asserted triples; TerminologyViolated (naming each violation)
    when it does not conform. `what` says which graph, for the message."""
    report = check_graph(triples)
    if not report.conforms:
        raise TerminologyViolated(what, report)
    return report
