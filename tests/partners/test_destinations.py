"""Destinations (issue 14 §3, contract §3/§13) on the real data: any US ECCN decided from the
Commerce Country Chart and Country Groups, the EU general authorisations EU001–EU008 read from
Annex II, and subjects that name an entry the user has classified."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.partners.assess_chart import row_applies
from exportgraph.services.partners.risk import score_risk

Result = dict[str, Any]


def _export(assess_in: Any, entry: str, origin: str, to: str) -> dict[str, Result]:
    found: dict[str, Result] = assess_in(
        {"activity": "export", "subject": {"entry": entry}, "from": origin, "to": to}
    )
    return found


def _exception(result: Result, exception_id: str) -> Result:
    return next(e for e in result["exceptions"] if e["id"] == exception_id)


# --------------------------------------------------------------------------- US Country Chart


def test_ns1_entry_needs_a_licence_where_the_chart_has_an_x(assess_in: Any) -> None:
    # 5B002: NS applies to entire entry (NS Column 1), AT to entire entry (AT Column 1)
    us = _export(assess_in, "US:5B002", "US", "DE")["US"]
    assert us["licence_required"] is True
    assert us["entries"] == ["US:5B002"]
    assert any("NS Column 1" in r and "Germany has an X in NS1" in r for r in us["reasons"])
    citations = [s["citation"] for s in us["sources"]]
    assert any("ECCN 5B002, License Requirements" in c for c in citations)
    assert any(c.startswith("15 CFR 738") and c.endswith("row Germany") for c in citations)


def test_ns1_entry_needs_none_where_the_row_has_no_x(assess_in: Any) -> None:
    us = _export(assess_in, "US:5B002", "US", "CA")["US"]
    assert us["licence_required"] is False
    assert any("Canada has no X in NS1" in r for r in us["reasons"])
    assert us["exceptions"] == []


def test_a_territory_takes_its_country_row(assess_in: Any) -> None:
    hong_kong = _export(assess_in, "US:5B002", "US", "HK")["US"]
    assert hong_kong["licence_required"] is True
    assert any("the row of China applies" in r for r in hong_kong["reasons"])
    assert any("China has an X in NS1" in r for r in hong_kong["reasons"])
    cayman = _export(assess_in, "US:5B002", "US", "KY")["US"]  # no row; the UK's has no NS1 X
    assert cayman["licence_required"] is False
    assert any("the row of United Kingdom applies" in r for r in cayman["reasons"])


def test_a_row_naming_country_groups_is_decided_by_them(assess_in: Any) -> None:
    # RS applies to 3A001.z.1.b: Country Groups D:1, D:4, D:5, excluding A:5 or A:6
    china = _export(assess_in, "US:3A001.z.1.b", "US", "CN")["US"]
    assert china["licence_required"] is True
    assert any("CN is in Country Group D:1" in r for r in china["reasons"])
    germany = _export(assess_in, "US:3A001.z.1.b", "US", "DE")["US"]
    assert germany["licence_required"] is False
    assert any("DE is also in Country Group A:5" in r for r in germany["reasons"])


def test_a_rule_in_words_is_unknown_never_false(assess_in: Any) -> None:
    # 5A002: EI applies to entire entry, "Refer to § 742.15 of the EAR" (no chart column)
    canada = _export(assess_in, "US:5A002.a", "US", "CA")["US"]
    assert canada["licence_required"] == "unknown"
    assert any("742.15" in m for m in canada["missing_facts"])
    # an embargoed destination: the chart does not apply
    iran = _export(assess_in, "US:5B002", "US", "IR")["US"]
    assert iran["licence_required"] == "unknown"
    assert any("746" in m for m in iran["missing_facts"])


def test_a_row_for_a_sub_paragraph_leaves_the_paragraph_above_unknown() -> None:
    from exportgraph.knowledge.listed import RequirementRow

    row = RequirementRow(1, "RS", "RS applies to 3A001.z.1.a, z.2.a, z.3.a, z.4.a", "", ())
    assert row_applies(row, "3A001.z.2.a", "3A001") is True
    assert row_applies(row, "3A001.z", "3A001") is None
    assert row_applies(row, "3A001.a.1", "3A001") is False
    excepted = RequirementRow(1, "NS", "NS applies to entire entry, except .e, .x, and .y", "", ())
    assert row_applies(excepted, "9A515.x", "9A515") is False
    assert row_applies(excepted, "9A515.a", "9A515") is True


def test_list_based_exceptions_as_the_entry_states_them(assess_in: Any) -> None:
    us = _export(assess_in, "US:6A006.a.1", "US", "CN")["US"]
    assert us["licence_required"] is True
    lvs = _exception(us, "US:LVS")  # "$1500, N/A for 6A006.a.1; …"
    assert lvs["available"] is False and "N/A for 6A006.a.1" in lvs["why"]
    assert _exception(us, "US:GBS")["available"] is False  # "N/A"
    sta = _exception(us, "US:STA")  # China is in neither STA-eligible group (A:5, A:6)
    assert sta["available"] is False and "STA-eligible" in sta["why"]
    other = _export(assess_in, "US:6A006.b", "US", "CN")["US"]
    assert _exception(other, "US:LVS")["available"] == "unknown"


# --------------------------------------------------------------------------- EU general authorisations


def test_eu001_covers_the_quantum_entries_from_the_annex_ii_text(assess_in: Any) -> None:
    eu = _export(assess_in, "EU:4A506.a.2", "DE", "US")["EU"]
    assert eu["licence_required"] is True  # Art. 3(1): an authorisation; EU001 is one
    eu001 = _exception(eu, "EU:EU001")
    assert eu001["available"] is True
    assert "Section I" in eu001["why"] and "4A506.a.2 is not among the excluded" in eu001["why"]
    assert eu001["conditions"] and eu001["conditions"][0].startswith("1. This authorisation")
    assert "Annex II, Section A" in eu001["sources"][0]["citation"]
    assert any(r.startswith("No individual licence is needed") for r in eu["reasons"])


def test_eu001_for_a_classified_quantum_computer(assess_in: Any) -> None:
    item = {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}
    japan = assess_in({"activity": "export", "subject": {"item": item}, "from": "DE", "to": "JP"})
    assert _exception(japan["EU"], "EU:EU001")["available"] is True
    china = assess_in({"activity": "export", "subject": {"item": item}, "from": "DE", "to": "CN"})
    assert china["EU"]["licence_required"] is True
    assert _exception(china["EU"], "EU:EU001")["available"] is False


def test_an_item_excluded_by_section_i_gets_no_eu001(assess_in: Any) -> None:
    eu = _export(assess_in, "EU:1C351.a", "FR", "US")["EU"]
    assert eu["licence_required"] is True
    eu001 = _exception(eu, "EU:EU001")
    assert eu001["available"] is False and "excludes 1C351" in eu001["why"]
    assert not any(r.startswith("No individual licence") for r in eu["reasons"])


def test_a_circumstance_authorisation_is_unknown_and_names_it(assess_in: Any) -> None:
    eu = _export(assess_in, "EU:5A002.a", "FR", "CN")["EU"]
    eu004 = _exception(eu, "EU:EU004")  # temporary export for an exhibition or fair
    assert eu004["available"] == "unknown" and "exhibition or fair" in eu004["missing_fact"]
    assert _exception(eu, "EU:EU008")["available"] is False  # it excludes China


def test_an_intra_union_transfer_of_an_annex_i_entry_is_unknown(assess_in: Any) -> None:
    eu = _export(assess_in, "EU:1C351.a", "FR", "DE")["EU"]
    assert eu["licence_required"] == "unknown"
    assert any("Annex IV" in m for m in eu["missing_facts"])


# --------------------------------------------------------------------------- named entries


def test_named_entry_through_the_api(client: TestClient) -> None:
    body = {"activity": "export", "subject": {"entry": "us:5b002"}, "from": "US", "to": "CN"}
    response = client.post("/v1/assess", json=body)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["subject"] == {"entry": "US:5B002"}  # the id as the data writes it
    (us,) = answer["results"]
    assert us["licence_required"] is True and us["sources"]


def test_a_release_of_technology_is_an_export_to_the_person_s_country(assess_in: Any) -> None:
    request = {
        "activity": "deemed-export",
        "subject": {"entry": "US:3E002"},  # NS Column 1, AT Column 1
        "from": "US",
        "recipient": {"nationality": "CN"},
        "published": False,
        "intended_for_publication": False,
        "project_stage": "fabrication",
    }
    unstated = {k: v for k, v in request.items() if k != "published"}
    assert "published" in assess_in(unstated)["US"]["missing_facts"]  # exclusions still asked
    us = assess_in(request)["US"]
    assert us["licence_required"] is True
    assert any("China has an X in NS1" in r for r in us["reasons"])
    request["recipient"] = {"nationality": "CA"}
    assert assess_in(request)["US"]["licence_required"] is False


def test_unknown_entry_is_a_422_naming_field_and_term(client: TestClient) -> None:
    body = {"activity": "export", "subject": {"entry": "US:9Z999"}, "from": "US", "to": "DE"}
    for path, request in (
        ("/v1/assess", body),
        ("/v1/risk", {"subject": {"entry": "US:9Z999"}, "from": "US", "to": "DE"}),
    ):
        response = client.post(path, json=request)
        assert response.status_code == 422, path
        problem = response.json()
        assert problem["field"] == "subject.entry" and "US:9Z999" in problem["detail"]


def test_unknown_entry_in_a_plan_names_the_activity(client: TestClient) -> None:
    plan = {
        "project": "p",
        "partners": [
            {"id": "p1", "name": "A", "country": "US", "type": "university"},
            {"id": "p2", "name": "B", "country": "DE", "type": "university"},
        ],
        "stages": [{"stage": "basic-research", "from": "2026-01-01", "until": "2026-12-31"}],
        "activities": [
            {
                "id": "a1",
                "type": "export",
                "date": "2026-03-01",
                "from_partner": "p1",
                "to_partner": "p2",
                "subject": {"entry": "US:6A006.a.1"},
            }
        ],
    }
    good = client.post("/v1/plans/evaluate", json=plan)
    assert good.status_code == 200
    (licence,) = good.json()["activities"][0]["licences"]
    assert licence["jurisdiction"] == "US" and licence["required"] is False  # DE: no NS2 X
    plan["activities"][0]["subject"] = {"entry": "EU:no-such"}
    bad = client.post("/v1/plans/evaluate", json=plan)
    assert bad.status_code == 422
    assert bad.json()["field"].endswith("subject.entry") and "EU:no-such" in bad.json()["detail"]


def test_risk_of_a_named_entry_is_controlled_at_origin(context: Context) -> None:
    answer = score_risk(
        current(context), {"subject": {"entry": "US:3A001.a.1"}, "from": "US", "to": "CN"}
    )
    sensitivity = next(f for f in answer["factors"] if f["factor"] == "item-sensitivity")
    assert sensitivity["input"] == "controlled-at-origin"
    assert "US:3A001.a.1" in sensitivity["why"]
    elsewhere = score_risk(
        current(context), {"subject": {"entry": "US:3A001.a.1"}, "from": "DE", "to": "CN"}
    )
    moved = next(f for f in elsewhere["factors"] if f["factor"] == "item-sensitivity")
    assert moved["input"] != "controlled-at-origin"


def test_a_named_entry_of_another_list_is_unknown_there(assess_in: Any) -> None:
    found = _export(assess_in, "US:5B002", "DE", "CN")
    assert found["DE"]["licence_required"] == "unknown"
    assert found["EU"]["licence_required"] == "unknown"
    assert "the classification of the item under the lists of EU" in found["EU"]["missing_facts"]
