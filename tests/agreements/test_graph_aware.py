"""Graph-aware rules across destinations and dates, on the real knowledge graph.

CA 5506 is in force from 2024-07-20 and needs a permit for all destinations but the United States.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from exportgraph.services.auditors.agreements import Validator

Case = Callable[[str], dict[str, Any]]


def _rules(
    validator: Validator, document: dict[str, Any], severity: str = "violation"
) -> list[str]:
    reports, _ = validator.validate_body(json.dumps(document).encode(), "application/json")
    return [v.rule for v in reports[0].violations if v.severity == severity]


def _without_licences(case: Case) -> dict[str, Any]:
    document = case("conforming")
    document["licences"] = []
    return document


@pytest.mark.parametrize(
    ("destination", "effective", "needs_licence"),
    [
        ("US", "2025-03-01", False),  # CA 5506 exempts US destinations
        ("JP", "2025-03-01", True),
        ("DE", "2025-03-01", True),
        ("JP", "2024-07-19", False),  # the day before CA 5506 came into force
        ("JP", "2024-07-20", True),
    ],
)
def test_canadian_export_needs_a_licence_by_destination_and_date(
    validator: Validator, case: Case, destination: str, effective: str, needs_licence: bool
) -> None:
    document = _without_licences(case)
    document["destination"] = destination
    document["effective_date"] = effective
    document["end_user_verification"]["date"] = effective
    rules = _rules(validator, document)
    assert ("AGR-LICENCE-COVERAGE" in rules) is needs_licence
    # a licence-free agreement only reports what needs a licence: validity has nothing to check
    assert "AGR-LICENCE-VALIDITY" not in rules


def test_coverage_names_the_entry_and_the_jurisdiction(validator: Validator, case: Case) -> None:
    reports, _ = validator.validate_body(
        json.dumps(_without_licences(case)).encode(), "application/json"
    )
    [violation] = [v for v in reports[0].violations if v.rule == "AGR-LICENCE-COVERAGE"]
    assert violation.focus == "urn:item:qc-120" and violation.path == "licences"
    assert "CA:5506" in violation.message and "CA law" in violation.message
    finding = next(f for f in reports[0].findings if f["item"] == "urn:item:qc-120")
    assert finding["jurisdiction"] == "CA" and finding["licence_required"] == "true"


def test_a_licence_of_another_jurisdiction_does_not_cover(validator: Validator, case: Case) -> None:
    document = case("conforming")
    document["licences"][0]["jurisdiction"] = "US"
    assert "AGR-LICENCE-COVERAGE" in _rules(validator, document)


def test_member_state_licence_counts_for_the_eu(validator: Validator, case: Case) -> None:
    document = case("conforming")
    document["parties"][0]["country"] = "DE"
    document["destination"] = "CN"
    document["effective_date"] = "2025-12-01"
    document["end_user_verification"]["date"] = "2025-11-20"
    document["licences"][0].update(jurisdiction="DE", valid_from="2025-11-25")
    assert "AGR-LICENCE-COVERAGE" not in _rules(validator, document)
    document["licences"][0]["jurisdiction"] = (
        "FR"  # a member state's authorisation counts for the EU
    )
    assert "AGR-LICENCE-COVERAGE" not in _rules(validator, document)
    document["licences"] = []
    assert "AGR-LICENCE-COVERAGE" in _rules(validator, document)


def test_undecidable_item_is_a_warning_naming_the_missing_fact(
    validator: Validator, case: Case
) -> None:
    document = _without_licences(case)
    document["items"] = [
        {"id": "urn:item:qc", "kind": "quantum-computer", "parameters": {"physical-qubits": 120}}
    ]
    reports, _ = validator.validate_body(json.dumps(document).encode(), "application/json")
    report = reports[0]
    assert report.conforms  # a warning never makes the agreement non-conforming
    [warning] = [v for v in report.violations if v.rule == "AGR-LICENCE-COVERAGE"]
    assert warning.severity == "warning" and "cnot-error" in warning.message


def test_exclusion_that_applies_covers_technology(validator: Validator, case: Case) -> None:
    document = case("agr-exchange-licence")
    document["exchanges"] = []
    document["licences"] = []
    assert "AGR-LICENCE-COVERAGE" in _rules(validator, document)
    document["exclusions_claimed"] = ["fundamental-research"]  # US 15 CFR 734.8, applied research
    assert "AGR-LICENCE-COVERAGE" not in _rules(validator, document)
    document["project_stage"] = (
        "fabrication"  # the exclusion no longer applies, and the stage is wrong
    )
    rules = _rules(validator, document)
    assert "AGR-LICENCE-COVERAGE" in rules and "AGR-EXCLUSION-STAGE" in rules


def test_exclusion_never_covers_hardware(validator: Validator, case: Case) -> None:
    document = _without_licences(case)
    document["exclusions_claimed"] = ["published"]
    reports, _ = validator.validate_body(json.dumps(document).encode(), "application/json")
    [violation] = [v for v in reports[0].violations if v.rule == "AGR-LICENCE-COVERAGE"]
    assert "published" in violation.message


def test_exchange_within_licence_validity_conforms(validator: Validator, case: Case) -> None:
    document = case("agr-exchange-licence")
    assert "AGR-EXCHANGE" in _rules(validator, document)
    document["exchanges"][0].update({"from": "2025-04-01", "until": "2025-09-30"})
    assert "AGR-EXCHANGE" not in _rules(validator, document)
    document["exchanges"][0]["nationality"] = "US"  # a US national: no deemed export
    document["exchanges"][0]["until"] = "2027-01-01"
    assert "AGR-EXCHANGE" not in _rules(validator, document)


def test_exchange_the_data_cannot_decide_is_a_warning(validator: Validator, case: Case) -> None:
    document = case("agr-exchange-licence")
    document["parties"][0]["country"] = "GB"  # GB: no deemed-export rule known either way
    document["licences"][0]["jurisdiction"] = "GB"
    reports, _ = validator.validate_body(json.dumps(document).encode(), "application/json")
    [warning] = [v for v in reports[0].violations if v.rule == "AGR-EXCHANGE"]
    assert warning.severity == "warning" and "(GB); missing fact: " in warning.message
    assert reports[0].conforms
