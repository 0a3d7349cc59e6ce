"""SHACL validation of the terminology (shapes/terminology.ttl) on asserted triples."""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

import pyshacl
import rdflib
from pyoxigraph import Triple

from exportgraph import namespaces as ns
from exportgraph.paths import shapes_dir

if TYPE_CHECKING:
    from exportgraph.store import Store

SEVERITIES = {
    ns.SH + "Violation": "violation",
    ns.SH + "Warning": "warning",
    ns.SH + "Info": "info",
}
_RULE_ID = rdflib.URIRef(ns.EG + "ruleId")
_SH = rdflib.Namespace(ns.SH)
# pySHACL mutates the shapes graph while validating; one validation at a time per process.
_lock = threading.Lock()


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


@cache
def _shapes_source() -> str:
    return (shapes_dir() / "terminology.ttl").read_text(encoding="utf-8")


def _to_rdflib(triples: Iterable[Triple]) -> rdflib.Graph:
    graph = rdflib.Graph()
    data = "".join(f"{t.subject} {t.predicate} {t.object} .\n" for t in triples)
    graph.parse(data=data, format="nt")
    return graph


def _rule_of(shapes: rdflib.Graph, shape: rdflib.term.Node | None) -> str:
    if shape is None:
        return "TERM-UNKNOWN"
    rule = shapes.value(shape, _RULE_ID)
    return str(rule) if rule is not None else "TERM-UNKNOWN"


def _results(shapes: rdflib.Graph, report: rdflib.Graph) -> list[CheckResult]:
    found = []
    for result in report.subjects(rdflib.RDF.type, _SH.ValidationResult):
        severity = report.value(result, _SH.resultSeverity)
        path = report.value(result, _SH.resultPath)
        message = report.value(result, _SH.resultMessage)
        found.append(
            CheckResult(
                rule=_rule_of(shapes, report.value(result, _SH.sourceShape)),
                severity=SEVERITIES.get(str(severity), "violation"),
                focus=str(report.value(result, _SH.focusNode)),
                path=str(path) if path is not None else None,
                message=str(message) if message is not None else "constraint not met",
            )
        )
    return sorted(found, key=lambda r: (r.rule, r.focus, r.path or "", r.message))


def check_graph(triples: Iterable[Triple]) -> TerminologyReport:
    """Validate asserted triples (never a closure: inferred types would hide wrong references)."""
    data = _to_rdflib(triples)
    with _lock:
        shapes = rdflib.Graph().parse(data=_shapes_source(), format="turtle")
        _, report, _ = pyshacl.validate(
            data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True
        )
    return TerminologyReport(_results(shapes, report))


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
