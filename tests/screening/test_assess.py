"""/v1/assess screens `recipient.name`: an Entity List party whose entry requires a licence for
all items subject to the EAR makes the US result need one (naming the entry, the requirement, the
review policy and the Federal Register notice); a candidate below the threshold is a possible
match to check (never clear); a clean name changes nothing and is still no clearance."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.services.partners.assess import assess

LISTED = "Origin Quantum Computing Technology (Hefei) Co., Ltd."
SMALL: dict[str, Any] = {"kind": "quantum-computer", "parameters": {"physical-qubits": 20}}


def body(name: str | None, to: str = "CN", **changes: Any) -> dict[str, Any]:
    request: dict[str, Any] = {
        "activity": "export",
        "subject": {"item": SMALL},
        "from": "US",
        "to": to,
        "as_of": "2026-06-01",
        **changes,
    }
    if name is not None:
        request["recipient"] = {"name": name}
    return request


def us_result(answer: dict[str, Any]) -> dict[str, Any]:
    (result,) = [r for r in answer["results"] if r["jurisdiction"] == "US"]
    found: dict[str, Any] = result
    return found


def test_an_entity_list_recipient_needs_a_licence_for_any_item(context: Context) -> None:
    unnamed = us_result(assess(context, body(None)))
    assert unnamed["licence_required"] is False  # the item itself needs none
    answer = assess(context, body(LISTED))
    result = us_result(answer)
    assert result["licence_required"] is True
    reason = result["reasons"][-1]
    assert "EL:" in reason and "89 FR 41888" in reason and LISTED in reason
    assert "744.11" in reason and "Presumption of denial" in reason
    screening = answer["screening"]
    assert screening["state"] == "listed" and screening["threshold"] == 85
    (match,) = [m for m in screening["matches"] if m["name"] == LISTED]
    assert match["all_items_subject_to_ear"] and match["federal_register"] == "89 FR 41888"
    assert "sha256" in screening["source"]


def test_a_candidate_below_the_threshold_is_a_possible_match_to_check(context: Context) -> None:
    answer = assess(context, body("Shenzhen Quantum Institute"))
    assert answer["screening"]["state"] == "possible-match"
    assert answer["screening"]["matches"] == []
    result = us_result(answer)
    assert result["licence_required"] == "unknown"
    (fact,) = [f for f in result["missing_facts"] if "possible match" in f]
    assert "Shenzhen Institute of Quantum Science and Engineering" in fact and "check" in fact


def test_a_clean_name_changes_nothing_and_is_no_clearance(context: Context) -> None:
    plain = assess(context, body(None))
    answer = assess(context, body("Example University"))
    assert answer["results"] == plain["results"]
    assert answer["screening"]["state"] == "no-match"
    assert "not a clearance" in answer["screening"]["note"]
    assert "screening" not in plain


def test_without_a_list_the_recipient_is_not_screened(
    context: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("exportgraph.services.partners.screening.screening_index", lambda: None)
    answer = assess(context, body(LISTED))
    assert answer["screening"]["state"] == "not-screened"
    assert any("not screened" in note for note in us_result(answer)["notes"])


def test_over_the_api_and_a_bad_name_is_a_problem(client: TestClient) -> None:
    response = client.post("/v1/assess", json=body(LISTED))
    assert response.status_code == 200, response.text
    assert response.json()["screening"]["state"] == "listed"
    assert us_result(response.json())["licence_required"] is True
    for bad in (17, "", "x" * 201, "!!!"):
        problem = client.post("/v1/assess", json=body(bad))  # type: ignore[arg-type]
        assert problem.status_code == 422, (bad, problem.text)
        assert problem.json()["field"] == "recipient.name"


def test_a_subject_outside_the_ear_is_not_reached_by_the_listing(context: Context) -> None:
    published = {"technology": {"for_kind": "quantum-computer", "purpose": "development"}}
    answer = assess(context, body(LISTED, subject=published, published=True))
    result = us_result(answer)
    assert result["licence_required"] is False and answer["screening"]["state"] == "listed"
    (note,) = [n for n in result["notes"] if "outside the EAR" in n]
    assert "US:published" in note and "89 FR 41888" in note


def test_a_name_too_short_to_compare_is_not_screened_and_never_matched(
    context: Context, client: TestClient
) -> None:
    # "A" once scored 89 against "A A TRADING FZCO" and was reported as a listed party
    plain = assess(context, body(None))
    answer = assess(context, body("A"))
    assert answer["screening"]["state"] == "not-screened"
    assert "too short" in str(answer["screening"])
    assert us_result(answer)["licence_required"] == us_result(plain)["licence_required"]
    response = client.get("/v1/screening", params={"name": "A"})
    assert response.status_code == 422
    assert response.json()["field"] == "name" and "too short" in response.json()["detail"]


def test_a_listed_recipient_closes_every_licence_exception(context: Context) -> None:
    controlled = {
        "kind": "quantum-computer",
        "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
    }
    plain = us_result(assess(context, body(None, subject={"item": controlled})))
    assert plain["exceptions"], "the controlled item is offered exceptions without a listing"
    listed = us_result(assess(context, body(LISTED, subject={"item": controlled})))
    assert [x["id"] for x in listed["exceptions"]] == [x["id"] for x in plain["exceptions"]]
    for exception in listed["exceptions"]:
        assert exception["available"] is False
        assert "no License Exception is available" in exception["why"]


def test_a_destination_or_nationality_that_is_no_country_is_refused(context: Context) -> None:
    """ "XX" has the shape of a country code but is none: 422 naming the field, never an answer
    for a destination that does not exist (UK still reads as GB)."""
    from exportgraph.errors import InvalidInput
    from exportgraph.knowledge.current import current
    from exportgraph.services.partners.assess_request import parse_request

    knowledge = current(context)
    base = {"activity": "export", "subject": {"item": {"kind": "magnetometer"}}, "from": "US"}
    assert parse_request(knowledge, {**base, "to": "uk"}).destination == "GB"
    for raw, field in (
        ({**base, "to": "XX"}, "to"),
        ({**base, "to": "DE", "recipient": {"nationality": "ZZ"}}, "recipient.nationality"),
    ):
        with pytest.raises(InvalidInput) as error:
            parse_request(knowledge, raw)
        assert error.value.field == field
