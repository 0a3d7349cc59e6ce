"""The shapes of the agreement reports (contract §4), as typed dictionaries: what the validation
returns as JSON, what the API documents and validates."""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

Severity = Literal["violation", "warning", "info"]
Status = Literal["true", "false", "unknown"]


class ViolationJson(TypedDict):
    """One rule result: the rule id, how severe, on which clause and property, and why."""

    rule: str
    severity: Severity
    focus: str
    path: str | None
    message: str
    value: NotRequired[str]
    """The offending value, when there is one."""


class Finding(TypedDict):
    """What the knowledge graph says about one item (or exchange) in one jurisdiction."""

    subject: str
    """The item or exchange, as the agreement names it."""
    item: str | None
    activity: Literal["export", "researcher-exchange"]
    jurisdiction: str | None
    licence_required: str | None
    """true, false or unknown."""
    entries: list[str]
    missing_fact: NotRequired[str]
    note: NotRequired[str]
    exclusions_applied: NotRequired[list[str]]


class SeverityCounts(TypedDict):
    violation: int
    warning: int
    info: int


class AgreementReportJson(TypedDict):
    """The report on one agreement."""

    agreement: str
    conforms: bool
    violations: list[ViolationJson]
    summary: SeverityCounts
    findings: list[Finding]
    data_version: str
    engine: str


ReportsJson = AgreementReportJson | list[AgreementReportJson]
"""One report, or one per agreement when a list (or a multi-agreement document) was sent."""
