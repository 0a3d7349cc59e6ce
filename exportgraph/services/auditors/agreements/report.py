"""Agreement reports as JSON (contract §4), SHACL validation-report Turtle, and a saveable HTML page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from functools import cache

import pyoxigraph
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pyoxigraph import BlankNode, Literal, NamedNode, RdfFormat, Triple

from exportgraph import namespaces as ns
from exportgraph.paths import templates_dir
from exportgraph.services.auditors.agreements.answers import ReportsJson
from exportgraph.services.auditors.agreements.validation import SEVERITY_ORDER, AgreementReport

RULES = {
    "AGR-PARTIES": "an exporter and an end-user, each with a valid country",
    "AGR-DESTINATION": "a valid destination country",
    "AGR-DATES": "dates well-formed; effective ≤ expiry; exchange from ≤ until",
    "AGR-END-USE": "an end-use clause with a purpose",
    "AGR-END-USER-VERIFICATION": "a dated verification, no later than the effective date",
    "AGR-LICENCE-COVERAGE": "every item controlled for this destination in the exporter's jurisdiction "
    "is covered by a licence of that jurisdiction, or by a claimed exclusion that applies",
    "AGR-LICENCE-VALIDITY": "each licence is time-bound and valid over the agreement's term",
    "AGR-REPORTING": "reporting obligations present where controlled items or technology are transferred",
    "AGR-DISPUTE-RESOLUTION": "a dispute-resolution clause",
    "AGR-EXCHANGE": "researcher exchanges are time-bound and, where they give access to controlled "
    "technology, fall within a licence's validity",
    "AGR-EXCLUSION-STAGE": "a claimed research exclusion is consistent with the project stage",
}
"""Contract §4's rule table (the ids are stable)."""

SH_SEVERITY = {"violation": "Violation", "warning": "Warning", "info": "Info"}


def as_json(reports: Sequence[AgreementReport], batch: bool) -> ReportsJson:
    """One object, or one per agreement when a list (or a multi-agreement document) was sent."""
    bodies = [report.as_json() for report in reports]
    return bodies if batch else bodies[0]


def _sh(local: str) -> NamedNode:
    return NamedNode(ns.SH + local)


def as_turtle(reports: Sequence[AgreementReport]) -> bytes:
    """A SHACL validation report per agreement (sh:ValidationReport), each result with its rule id."""
    triples: list[Triple] = []
    rdf_type = NamedNode(ns.RDF + "type")
    label = NamedNode(ns.RDFS + "label")
    for report in reports:
        node = BlankNode()
        triples += [
            Triple(node, rdf_type, _sh("ValidationReport")),
            Triple(node, _sh("conforms"), Literal(report.conforms)),
            Triple(node, NamedNode(ns.EG + "agreementId"), Literal(report.agreement)),
            Triple(node, NamedNode(ns.EG + "dataVersion"), Literal(report.data_version)),
        ]
        for violation in report.violations:
            result = BlankNode()
            focus = (
                violation.focus_node if isinstance(violation.focus_node, NamedNode) else BlankNode()
            )
            triples += [
                Triple(node, _sh("result"), result),
                Triple(result, rdf_type, _sh("ValidationResult")),
                Triple(result, _sh("resultSeverity"), _sh(SH_SEVERITY[violation.severity])),
                Triple(result, _sh("focusNode"), focus),
                Triple(result, _sh("resultMessage"), Literal(violation.message, language="en")),
                Triple(result, NamedNode(ns.EG + "ruleId"), Literal(violation.rule)),
            ]
            if "://" in violation.shape:
                triples.append(Triple(result, _sh("sourceShape"), NamedNode(violation.shape)))
            if isinstance(focus, BlankNode) or focus.value != violation.focus:
                # a clause without id, or a minted id: the label is the name the user wrote
                triples.append(Triple(focus, label, Literal(violation.focus)))
            if violation.path_node is not None:
                triples.append(Triple(result, _sh("resultPath"), violation.path_node))
            if violation.value is not None:
                triples.append(Triple(result, _sh("value"), Literal(violation.value)))
    prefixes = {
        "sh": ns.SH,
        "eg": ns.EG,
        "rdfs": ns.RDFS,
        "egsh": "https://w3id.org/exportgraph/shapes/agreement#",
    }
    return pyoxigraph.serialize(triples, format=RdfFormat.TURTLE, prefixes=prefixes) or b""


@cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def as_html(reports: Sequence[AgreementReport]) -> str:
    """A self-contained HTML report (inline CSS, no external assets) an auditor can save."""
    template = _environment().get_template("agreements/report.html")
    return template.render(
        reports=reports,
        rules=RULES,
        severities=list(SEVERITY_ORDER),
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        conforming=sum(1 for r in reports if r.conforms),
    )
