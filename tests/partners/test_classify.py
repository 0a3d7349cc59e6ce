"""Classification semantics: dates, member states, incomplete criteria, facts, software and
technology, evidence, ordering, and errors. Dates and codes are the reference's legal facts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph.errors import InvalidInput
from exportgraph.graph.context import Context
from exportgraph.services.partners.classify import classify
from tests.partners.helpers import ids, possible

BIG_MACHINE = {"kind": "quantum-computer", "parameters": {"physical-qubits": 2400}}
# jurisdiction → first day its quantum-computer control is in force (reference facts)
IN_FORCE = {
    "US": "2024-09-06",  # 89 FR 72926, effective on publication
    "EU": "2025-11-15",  # Delegated Regulation (EU) 2025/2003, day after OJ publication
    "GB": "2024-04-01",  # SI 2024/346
    "CA": "2024-07-20",  # SOR/2024-112, 30th day after publication
    "FR": "2024-03-01",  # arrêté of 2 Feb 2024, exports from 1 March 2024
    "DE": "2024-07-23",  # 21st AWV amendment
    "ES": "2023-05-31",  # national list adopted 31 May 2023
    "AU": "2024-09-01",  # DSGL 2024 commenced 1 Sep 2024
    "CH": "2025-05-01",  # GKV amendment in force 1 May 2025
    "JP": "2024-09-01",  # "September 2024" (month read, day not)
}


def _own(result: dict[str, Any], jurisdiction: str) -> list[str]:
    return [i for i in ids(result) + possible(result) if i.startswith(jurisdiction + ":")]


@pytest.mark.parametrize(("jurisdiction", "first_day"), sorted(IN_FORCE.items()))
def test_before_and_after_the_effective_date(
    classify_in: Any, jurisdiction: str, first_day: str
) -> None:
    day = dt.date.fromisoformat(first_day)
    before = classify_in(jurisdiction, BIG_MACHINE, (day - dt.timedelta(days=1)).isoformat())
    on = classify_in(jurisdiction, BIG_MACHINE, first_day)
    assert _own(before, jurisdiction) == []
    assert _own(on, jurisdiction) != []
    assert on["controlled"] in (True, "unknown")


def test_the_eu_date_is_explained_before_it(classify_in: Any) -> None:
    result = classify_in("EU", BIG_MACHINE, "2025-11-14")
    assert result["controlled"] is False
    assert any("2025-11-15" in note for note in result["notes"])


def test_a_member_state_answer_covers_its_national_list_and_the_eu_list(classify_in: Any) -> None:
    item = {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}
    after = classify_in("FR", item, "2025-12-01")
    assert {i.split(":")[0] for i in ids(after)} == {"FR", "EU"}
    assert "EU:4A506.a.2" in ids(after)
    before_eu = classify_in(
        "FR", item, "2024-06-01"
    )  # national measure in force, EU listing not yet
    assert before_eu["controlled"] is True
    assert {i.split(":")[0] for i in ids(before_eu)} == {"FR"}
    assert before_eu["evidence"] == "secondary"
    assert any("secondary" in note for note in before_eu["notes"])


@pytest.mark.parametrize("jurisdiction", ["AU", "CH", "JP"])
def test_incomplete_criteria_give_unknown_when_the_known_ones_hold(
    classify_in: Any, jurisdiction: str
) -> None:
    result = classify_in(jurisdiction, BIG_MACHINE)
    assert result["controlled"] == "unknown"
    assert any(jurisdiction in fact for fact in result["missing_facts"])
    assert any("only some of its conditions are known" in note for note in result["notes"])


def test_incomplete_criteria_give_false_when_a_known_one_fails(classify_in: Any) -> None:
    # AU DSGL 2024: quantum computers with 34 or more qubits (only this threshold is known)
    result = classify_in("AU", {"kind": "quantum-computer", "parameters": {"physical-qubits": 20}})
    assert result["controlled"] is False
    at_floor = classify_in(
        "AU", {"kind": "quantum-computer", "parameters": {"physical-qubits": 34}}
    )
    assert at_floor["controlled"] == "unknown"


@pytest.mark.parametrize("jurisdiction", ["CH", "JP"])
def test_with_no_known_threshold_every_machine_is_unknown(
    classify_in: Any, jurisdiction: str
) -> None:
    result = classify_in(
        jurisdiction, {"kind": "quantum-computer", "parameters": {"physical-qubits": 20}}
    )
    assert result["controlled"] == "unknown"


def test_a_required_fact_not_stated_is_unknown_and_named(classify_in: Any) -> None:
    result = classify_in("US", {"kind": "qubit-device"})
    assert result["controlled"] == "unknown"
    assert result["missing_facts"] == ["specially-designed-for-controlled-quantum-computer"]
    assert possible(result) == ["US:4A906.b"]


@pytest.mark.parametrize(("value", "expected"), [(True, True), (False, False)])
def test_a_stated_fact_decides(classify_in: Any, value: bool, expected: bool) -> None:
    for jurisdiction, entry in (("US", "US:4A906.c"), ("EU", "EU:4A506.c")):
        item = {
            "kind": "quantum-control-component",
            "facts": {"specially-designed-for-controlled-quantum-computer": value},
        }
        result = classify_in(jurisdiction, item)
        assert result["controlled"] is expected
        assert (entry in ids(result)) is expected


SPECIALLY_DESIGNED = {"specially-designed-for-controlled-quantum-computer": True}


def test_technology_matches_the_entries_that_serve_its_kind_and_purpose(classify_in: Any) -> None:
    production = {
        "kind": "technology",
        "for_kind": "qubit-device",
        "purpose": "production",
        "facts": SPECIALLY_DESIGNED,
    }
    assert ids(classify_in("US", production))[:2] == ["US:4E906.a", "US:4E906"]
    assert "EU:4E001.a" in ids(classify_in("EU", production))
    big = {"physical-qubits": 2400}
    use = {
        "kind": "technology",
        "for_kind": "quantum-computer",
        "purpose": "use",
        "parameters": big,
    }
    # 4E906 names 4A906.b/.c and 4D906 only; EU 4E001.a covers all of 4A506 including use
    assert classify_in("US", use)["controlled"] is False
    assert "EU:4E001.a" in ids(classify_in("EU", use))


def test_software_without_a_purpose_is_unknown_naming_the_purpose(classify_in: Any) -> None:
    item = {
        "kind": "software",
        "for_kind": "qubit-device",
        "facts": {**SPECIALLY_DESIGNED, "software-specially-designed-or-modified": True},
    }
    result = classify_in("US", item)
    assert result["controlled"] == "unknown"
    assert result["missing_facts"] == ["purpose"]
    development = classify_in("US", {**item, "purpose": "development"})
    assert ids(development) == ["US:4D906"]


def test_default_jurisdictions_are_those_with_lists(context: Context) -> None:
    answer = classify(context, BIG_MACHINE, None, "2025-12-01")
    codes = [r["jurisdiction"] for r in answer["results"]]
    assert {"US", "EU", "GB", "CA", "FR", "DE"} <= set(codes)
    assert "CN" not in codes
    assert answer["data_version"] == context.data_version()
    assert answer["as_of"] == "2025-12-01"


def test_uk_is_an_alias_of_gb(context: Context) -> None:
    answer = classify(context, BIG_MACHINE, ["UK"], "2025-12-01")
    assert answer["results"][0]["jurisdiction"] == "GB"


@pytest.mark.parametrize(
    ("item", "jurisdictions", "as_of", "field"),
    [
        ({"kind": "toaster"}, None, None, "item.kind"),
        ({"parameters": {}}, None, None, "item.kind"),
        (
            {"kind": "quantum-computer", "parameters": {"qubits": 3}},
            None,
            None,
            "item.parameters.qubits",
        ),
        (
            {"kind": "quantum-computer", "parameters": {"cnot-error": "1 furlongish"}},
            None,
            None,
            "item.parameters.cnot-error",
        ),
        (
            {"kind": "qubit-device", "facts": {"made-of-cheese": True}},
            None,
            None,
            "item.facts.made-of-cheese",
        ),
        (
            {
                "kind": "qubit-device",
                "facts": {"specially-designed-for-controlled-quantum-computer": "yes"},
            },
            None,
            None,
            "item.facts.specially-designed-for-controlled-quantum-computer",
        ),
        ({"kind": "technology", "purpose": "use"}, None, None, "item.for_kind"),
        (
            {"kind": "technology", "for_kind": "qubit-device", "purpose": "fun"},
            None,
            None,
            "item.purpose",
        ),
        ({"kind": "quantum-computer"}, ["US", "XX"], None, "jurisdictions[1]"),
        ({"kind": "quantum-computer"}, None, "01/12/2025", "as_of"),
    ],
)
def test_bad_input_is_invalid_and_names_the_field(
    context: Context,
    item: dict[str, Any],
    jurisdictions: list[str] | None,
    as_of: str | None,
    field: str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        classify(context, item, jurisdictions, as_of)
    assert caught.value.field == field


def test_http_classify_matches_the_service_and_errors_are_problems(
    client: TestClient, context: Context
) -> None:
    body: dict[str, Any] = {
        "item": {
            "kind": "dilution-refrigerator",
            "parameters": {
                "cooling-power": {"value": 800, "unit": "uW"},
                "cooling-power-temperature": "100 mK",
                "continuous-operation": 168,
            },
        },
        "jurisdictions": ["US", "EU"],
        "as_of": "2025-12-01",
    }
    response = client.post("/v1/classify", json=body)
    assert response.status_code == 200
    assert response.json() == classify(context, body["item"], body["jurisdictions"], body["as_of"])
    bad = client.post(
        "/v1/classify",
        json={"item": {"kind": "quantum-computer", "parameters": {"cooling-power": "1 K"}}},
    )
    assert bad.status_code == 422
    assert bad.headers["content-type"].startswith("application/problem+json")
    assert "item.parameters.cooling-power" in bad.json()["detail"]
    unknown = client.post("/v1/classify", json={"item": {"kind": "toaster"}})
    assert unknown.status_code == 422 and "toaster" in unknown.json()["detail"]
    malformed = client.post(
        "/v1/classify", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert malformed.status_code in (400, 422)


@pytest.mark.parametrize(
    ("item", "field", "meant", "scheme"),
    [
        ({"kind": "quantum-computr"}, "item.kind", "quantum-computer", "kinds"),
        (
            {"kind": "pulse-tube-cryocooler", "parameters": {"cooling-power-at-4k": "1 W"}},
            "item.parameters.cooling-power-at-4k",
            "cooling-power",
            "parameters",
        ),
    ],
)
def test_an_unknown_name_is_answered_with_the_closest_known_and_where_all_are_listed(
    client: TestClient, item: dict[str, Any], field: str, meant: str, scheme: str
) -> None:
    """Hundreds of kinds and parameters: the refusal names the closest (a typo's correction) and
    the list to choose from, instead of every name (it once listed 584 parameters, 25 KB)."""
    refused = client.post("/v1/classify", json={"item": item})
    assert refused.status_code == 422 and refused.json()["field"] == field
    detail = refused.json()["detail"]
    assert f"did you mean {meant}" in detail and len(detail) < 400
    listed = client.get(f"/v1/concepts?scheme={scheme}")
    assert f"GET /v1/concepts?scheme={scheme} lists them" in detail
    known = {concept["notation"] for concept in listed.json()}
    assert meant in known


def test_default_jurisdictions_are_the_contracts_not_mere_destinations(context: Context) -> None:
    # contract §1: the jurisdictions answered for; other EU members, CN, RU … are destinations only
    answer = classify(context, BIG_MACHINE, None, "2025-12-01")
    assert {r["jurisdiction"] for r in answer["results"]} == {
        "US",
        "EU",
        "GB",
        "CA",
        "JP",
        "AU",
        "CH",
        "FR",
        "DE",
        "IT",
        "ES",
        "NL",
    }
    # a destination-only member state may still be asked for explicitly: the EU list governs it
    poland = classify(context, BIG_MACHINE, ["PL"], "2025-12-01")["results"][0]
    assert poland["controlled"] is True
    assert any(entry["id"].startswith("EU:4A506.a.8") for entry in poland["entries"])
