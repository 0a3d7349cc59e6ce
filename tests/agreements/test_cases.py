"""Every rule fires on its case file and is silent on the conforming agreement (real data)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from exportgraph.services.auditors.agreements import Validator
from exportgraph.services.auditors.agreements.report import RULES

CASES = Path(__file__).parent / "cases"
RULE_CASES = {
    "AGR-PARTIES": ["agr-parties"],
    "AGR-DESTINATION": ["agr-destination"],
    "AGR-DATES": ["agr-dates"],
    "AGR-END-USE": ["agr-end-use"],
    "AGR-END-USER-VERIFICATION": ["agr-end-user-verification"],
    "AGR-LICENCE-COVERAGE": ["agr-licence-coverage"],
    "AGR-LICENCE-VALIDITY": ["agr-licence-validity"],
    "AGR-REPORTING": ["agr-reporting"],
    "AGR-DISPUTE-RESOLUTION": ["agr-dispute-resolution"],
    "AGR-EXCHANGE": ["agr-exchange", "agr-exchange-licence"],
    "AGR-EXCLUSION-STAGE": ["agr-exclusion-stage"],
}


def test_every_contract_rule_has_a_case() -> None:
    assert set(RULE_CASES) == set(RULES)
    files = {p.stem for p in CASES.glob("agr-*.json")}
    assert files == {name for names in RULE_CASES.values() for name in names}


def _validate(validator: Validator, name: str) -> dict[str, object]:
    reports, _ = validator.validate_body((CASES / f"{name}.json").read_bytes(), "application/json")
    assert len(reports) == 1
    return reports[0].as_json()


@pytest.mark.parametrize(
    ("rule", "case"), [(r, c) for r, cases in RULE_CASES.items() for c in cases]
)
def test_rule_fires_on_its_case_and_only_it(validator: Validator, rule: str, case: str) -> None:
    report = _validate(validator, case)
    violations = [v for v in report["violations"] if v["severity"] == "violation"]  # type: ignore[union-attr]
    assert report["conforms"] is False
    assert {v["rule"] for v in violations} == {rule}
    for v in violations:
        assert v["message"] and "{" not in v["message"]
        assert v["focus"] and v["path"]


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_silent_on_conforming_agreement(validator: Validator, rule: str) -> None:
    report = _validate(validator, "conforming")
    assert report["conforms"] is True
    assert [v for v in report["violations"] if v["rule"] == rule] == []  # type: ignore[union-attr]


def test_conforming_agreement_in_turtle_gives_the_same_answer(validator: Validator) -> None:
    reports, batch = validator.validate_body((CASES / "conforming.ttl").read_bytes(), "text/turtle")
    assert not batch and reports[0].conforms and reports[0].violations == []
    as_json = _validate(validator, "conforming")
    assert reports[0].findings == as_json["findings"]


def test_case_files_are_the_json_form(validator: Validator) -> None:
    for path in CASES.glob("*.json"):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert "@context" not in document and document["id"].startswith("urn:agreement:")
    assert (
        json.loads((CASES / "conforming.json").read_text(encoding="utf-8"))["destination"] == "JP"
    )
