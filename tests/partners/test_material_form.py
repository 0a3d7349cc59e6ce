"""Enriched silicon and germanium carry `material-form` (contract §1): US 3C907 / EU 3C507 cover
epitaxial material, 3C908 / 3C508 fluorides, hydrides and chlorides, 3C909 / 3C509 the element
(substrates, lumps, ingots, boules, preforms) and its oxides; US 3C909's N.B. sends layered
material to 3C907."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.partners.classify import classify
from tests.partners.helpers import ids, possible

SI_28 = {"isotopic-impurity": {"value": 50, "unit": "ppm"}}  # 0.005 % < 0.08 %


def silicon(form: str | None, **parameters: Any) -> dict[str, Any]:
    chosen = {**SI_28, **parameters}
    if form is not None:
        chosen["material-form"] = form
    return {"kind": "enriched-silicon", "parameters": chosen}


@pytest.mark.parametrize(
    ("form", "us", "eu"),
    [
        ("epitaxial", "US:3C907.a", "EU:3C507.a"),  # an Si-28 epitaxial wafer
        ("element", "US:3C909.a", "EU:3C509.a"),  # a bulk Si-28 wafer (substrate), an ingot
        ("hydride", "US:3C908.a", "EU:3C508.a"),  # silane gas
        ("fluoride", "US:3C908.a", "EU:3C508.a"),  # silicon tetrafluoride gas
        ("oxide", "US:3C909.a", "EU:3C509.a"),
    ],
)
def test_each_form_matches_exactly_one_entry(classify_in: Any, form: str, us: str, eu: str) -> None:
    for jurisdiction, expected in (("US", us), ("EU", eu)):
        result = classify_in(jurisdiction, silicon(form))
        assert result["controlled"] is True
        leaves = [e for e in ids(result) if e.count(".") >= 1]
        assert leaves == [expected], (form, ids(result))
        (entry,) = [e for e in result["entries"] if e["id"] == expected]
        assert entry["material_form"] == form and form in entry["material_forms"]


def test_a_wafer_and_a_gas_differ(classify_in: Any) -> None:
    wafer = ids(classify_in("US", silicon("epitaxial")))
    gas = ids(classify_in("US", silicon("hydride")))
    assert set(wafer).isdisjoint(gas)


def test_without_the_form_the_answer_is_unknown_naming_it(classify_in: Any) -> None:
    result = classify_in("US", silicon(None))
    assert result["controlled"] == "unknown"
    assert result["missing"] == ["material-form"]
    assert possible(result) == ["US:3C907.a", "US:3C908.a", "US:3C909.a"]
    assert any("state the material form" in note for note in result["notes"])


def test_a_form_no_entry_names_is_not_controlled(classify_in: Any) -> None:
    for jurisdiction in ("US", "EU"):
        assert classify_in(jurisdiction, silicon("other"))["controlled"] is False


def test_impure_material_is_not_controlled_whatever_its_form(classify_in: Any) -> None:
    assert classify_in("US", silicon(None, **{"isotopic-impurity": "0.1 %"}))["controlled"] is False


def test_germanium_follows_the_same_forms(classify_in: Any) -> None:
    item = {
        "kind": "enriched-germanium",
        "parameters": {"isotopic-impurity": "0.05 %", "material-form": "chloride"},
    }
    assert [e for e in ids(classify_in("US", item)) if "." in e] == ["US:3C908.b"]


def test_forms_are_skos_concepts_with_labels(context: Context) -> None:
    knowledge = current(context)
    forms = knowledge.scheme("material-forms")
    assert set(forms) == {
        "epitaxial",
        "fluoride",
        "hydride",
        "chloride",
        "element",
        "oxide",
        "other",
    }
    for concept in forms.values():
        assert {"en", "fr", "de", "es", "it", "ja"} <= set(concept.texts["pref"])
    assert knowledge.parameters["material-form"].value_scheme == "material-forms"


def test_an_unknown_form_is_a_422_naming_the_field(client: TestClient) -> None:
    body = {"item": silicon("wafer"), "jurisdictions": ["US"]}
    response = client.post("/v1/classify", json=body)
    assert response.status_code == 422
    problem = response.json()
    assert "item.parameters.material-form" in problem["detail"]
    assert "epitaxial" in problem["detail"]  # the known forms are listed


def test_both_engines_read_the_form(context: Context) -> None:
    for form in (None, "epitaxial", "other"):
        index = classify(context, silicon(form), ["US", "EU", "IT", "JP"], "2025-12-01")
        sparql = classify(
            context, silicon(form), ["US", "EU", "IT", "JP"], "2025-12-01", engine="sparql"
        )
        assert index == sparql
