"""Validation of the terminology: shapes/terminology.ttl plus mappings the thresholds contradict."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from pyoxigraph import Triple
from typing_extensions import TypedDict

from exportgraph import __version__
from exportgraph.graph.closure import asserted_triples
from exportgraph.graph.shacl import EngineName, pool
from exportgraph.graph.version_cache import record, recorded
from exportgraph.paths import shapes_dir
from exportgraph.store import LoadError

if TYPE_CHECKING:
    from exportgraph.store import Store

__all__ = [
    "CheckResult",
    "CheckResultJson",
    "RecordedCheck",
    "ShapesReportJson",
    "TerminologyReport",
    "TerminologyViolated",
    "asserted_triples",
    "check_graph",
    "check_terminology",
    "checked_terminology",
    "mapping_results",
    "record_check",
    "recordable",
    "recorded_report",
    "require_conforming",
    "shape_results",
]

SHAPES = "terminology"
CHECK_RECORD = "terminology check"
"""The name of the recorded check beside the store (graph/version_cache.record)."""


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
    from exportgraph.services.standards.equivalence_regions import SECTIONS_READ

    return [
        CheckResult(found.rule, found.severity, found.focus, found.path, found.message)
        for found in contradictions(of_triples(triples, SECTIONS_READ))
    ]


def check_graph(triples: Iterable[Triple], engine: EngineName | None = None) -> TerminologyReport:
    """Validate a graph of asserted triples: shapes and mapping contradictions."""
    asserted = list(triples)
    return TerminologyReport.of([*shape_results(asserted, engine), *mapping_results(asserted)])


def check_terminology(store: Store) -> TerminologyReport:
    """Validate the terminology held in the store."""
    return check_graph(asserted_triples(store))


@dataclass(frozen=True)
class RecordedCheck:
    """A terminology check of one data version: computed now, or recorded earlier (then
    `recorded` is true and `computed_at` says when)."""

    report: TerminologyReport
    data_version: str
    shapes_version: str
    computed_at: str
    recorded: bool


@cache
def shapes_version() -> str:
    """What a recorded check depends on besides the data: the shapes and this code's version."""
    digest = hashlib.sha256((shapes_dir() / f"{SHAPES}.ttl").read_bytes())
    digest.update(f"\nexportgraph {__version__}".encode())
    return digest.hexdigest()


def _from_json(kept: object) -> TerminologyReport | None:
    """A recorded report back, or None when it is not one (written by another version)."""
    if not isinstance(kept, dict) or not isinstance(kept.get("violations"), list):
        return None
    try:
        return TerminologyReport.of(
            CheckResult(r["rule"], r["severity"], r["focus"], r["path"], r["message"])
            for r in kept["violations"]
        )
    except (KeyError, TypeError):
        return None


def recordable(report: TerminologyReport) -> bool:
    """Whether a report of a graph about to be loaded is also the report of the loaded store:
    true unless it names a blank node (which loading relabels; IRIs always hold a colon)."""
    return all(
        ":" in result.focus and (result.path is None or ":" in result.path)
        for result in report.results
    )


def record_check(store: Store, data_version: str, report: TerminologyReport) -> RecordedCheck:
    """Keep `report` as the check of `data_version` for the next process (beside the store)."""
    kept = record(store, CHECK_RECORD, data_version, shapes_version(), report.as_dict())
    return RecordedCheck(report, data_version, kept.shapes_version, kept.computed_at, False)


def recorded_report(store: Store, data_version: str) -> RecordedCheck | None:
    """The check recorded beside the store for `data_version` and these shapes, or None."""
    kept = recorded(store, CHECK_RECORD, data_version, shapes_version())
    report = _from_json(kept.result) if kept is not None else None
    if kept is None or report is None:
        return None
    return RecordedCheck(report, data_version, kept.shapes_version, kept.computed_at, True)


def checked_terminology(store: Store, *, fresh: bool = False) -> RecordedCheck:
    """The check of the store's current data version: the one recorded for that data version
    and these shapes (unless `fresh`), else computed now and recorded."""
    version = store.data_version() or ""
    if not fresh:
        kept = recorded_report(store, version)
        if kept is not None:
            return kept
    report = check_terminology(store)
    if store.data_version() != version:  # written meanwhile: the report is of neither version
        return RecordedCheck(report, version, shapes_version(), "", False)
    return record_check(store, version, report)


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
