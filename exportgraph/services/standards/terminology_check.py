"""Validation of the terminology: shapes/terminology.ttl plus mappings the thresholds contradict."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from pyoxigraph import Triple

from exportgraph import namespaces as ns
from exportgraph.graph.shacl import EngineName, pool

if TYPE_CHECKING:
    from exportgraph.store import Store

SHAPES = "terminology"


@dataclass(frozen=True)
class CheckResult:
    """One finding: the rule id, how severe, on which node and property, and why."""

    rule: str
    severity: str
    focus: str
    path: str | None
    message: str


@dataclass(frozen=True)
class TerminologyReport:
    """The outcome of a terminology check; conforms is false iff a violation was found."""

    results: list[CheckResult] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not any(result.severity == "violation" for result in self.results)

    def count(self, severity: str) -> int:
        return sum(1 for result in self.results if result.severity == severity)

    def as_dict(self) -> dict[str, Any]:
        return {
            "conforms": self.conforms,
            "violations": [asdict(result) for result in self.results],
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
    results = set(shape_results(asserted, engine)) | set(mapping_results(asserted))
    return TerminologyReport(
        sorted(results, key=lambda r: (r.rule, r.focus, r.path or "", r.message))
    )


def asserted_triples(store: Store) -> list[Triple]:
    """The store's default graph less the triples the reasoner added."""
    rows = store.query(
        "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o "
        f"FILTER NOT EXISTS {{ GRAPH <{ns.INFERRED_GRAPH}> {{ ?s ?p ?o }} }} }}"
    )
    assert isinstance(rows, list)
    return [row for row in rows if isinstance(row, Triple)]


def check_terminology(store: Store) -> TerminologyReport:
    """Validate the terminology held in the store."""
    return check_graph(asserted_triples(store))
