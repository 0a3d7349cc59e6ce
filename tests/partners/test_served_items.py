"""Software and technology are controlled only for the items the entries they name control (US 3E901
"for the 'development' or 'production' of items controlled by ECCN … 3A904 …", 4D906 "… of
commodities controlled by 4A906.b or 4A906.c", EU 3E001, 4D001.b.3, 4E001): the served item's
parameters and facts decide, as for the item itself. Figures of the reference's worked examples."""

from __future__ import annotations

from typing import Any

import pytest

from exportgraph.errors import InvalidInput
from exportgraph.graph.context import Context
from exportgraph.services.partners.assess import assess
from exportgraph.services.partners.classify import classify
from tests.partners.helpers import ids, possible

PULSE_TUBE_1W = {  # reference example 11: base 2.8 K, 1.0 W at 4.2 K (3A904.b needs >= 1.5 W)
    "cooling-power": "1.0 W",
    "cooling-power-temperature": "4.2 K",
    "base-temperature": "2.8 K",
}
DILUTION_400UW = {  # reference example 10: 400 µW at 100 mK (3A904.a needs >= 600 µW)
    "cooling-power": {"value": 400, "unit": "uW"},
    "cooling-power-temperature": "100 mK",
}
SPECIALLY_DESIGNED = {"specially-designed-for-controlled-quantum-computer": True}


def technology(for_kind: str, purpose: str, **extra: Any) -> dict[str, Any]:
    return {"kind": "technology", "for_kind": for_kind, "purpose": purpose, **extra}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_technology_for_a_pulse_tube_below_1_5_w_is_not_controlled(
    classify_in: Any, jurisdiction: str
) -> None:
    result = classify_in(
        jurisdiction, technology("pulse-tube-cryocooler", "development", parameters=PULSE_TUBE_1W)
    )
    entry = {"US": "US:3E901", "EU": "EU:3E001"}[jurisdiction]
    assert any(
        n.startswith(f"{entry} controls") and "not controlled by any of them" in n
        for n in result["notes"]
    )
    if jurisdiction == "US":  # (on 2025-12-01, before the US whole-list text basis)
        assert result["controlled"] is False
    else:  # EU 6E001 names 6A002.d, which may reach the cooler (text): unknown, never false
        assert result["controlled"] == "unknown"
        assert {e["id"] for e in result["possible_entries"]} == {"EU:6E001"}
    at_threshold = {**PULSE_TUBE_1W, "cooling-power": "1.5 W"}
    controlled = classify_in(
        jurisdiction, technology("pulse-tube-cryocooler", "development", parameters=at_threshold)
    )
    assert controlled["controlled"] is True and ids(controlled) == [entry]
    (served,) = controlled["entries"][0]["served"]
    assert served["id"] == f"{jurisdiction}:{'3A904.b' if jurisdiction == 'US' else '3A504.b'}"
    power = next(c for c in served["criteria"] if c["parameter"] == "cooling-power")
    assert (power["value"], power["satisfied"]) == (1.5, True)


def test_technology_for_a_400_uw_dilution_refrigerator_is_not_controlled(
    classify_in: Any,
) -> None:
    for jurisdiction in ("US", "EU"):
        item = technology("dilution-refrigerator", "production", parameters=DILUTION_400UW)
        assert classify_in(jurisdiction, item)["controlled"] is False
    rated = {**DILUTION_400UW, "cooling-power": "800 uW", "continuous-operation": "168 h"}
    item = technology("dilution-refrigerator", "production", parameters=rated)
    assert ids(classify_in("US", item)) == ["US:3E901"]


def test_technology_without_the_served_figures_is_unknown_naming_them(classify_in: Any) -> None:
    result = classify_in("US", technology("pulse-tube-cryocooler", "development"))
    assert result["controlled"] == "unknown"
    assert {"base-temperature", "cooling-power", "cooling-power-temperature"} <= set(
        result["missing"]
    )
    assert possible(result) == ["US:3E901"]
    assert any(
        "US:3E901 controls technology only for items controlled by" in note
        and "US:3A904" in note
        and "state them in the request" in note
        for note in result["notes"]
    )


def test_general_chip_design_software_is_not_controlled(classify_in: Any) -> None:
    # general chip-design software serves chips in general: neither specially designed for the
    # development of controlled qubit devices, nor for devices specially designed for 4A906.a
    general = {
        "kind": "software",
        "for_kind": "qubit-device",
        "purpose": "development",
        "facts": {
            "software-specially-designed-or-modified": False,
            "specially-designed-for-controlled-quantum-computer": False,
        },
    }
    for jurisdiction in ("US", "EU"):
        assert classify_in(jurisdiction, general)["controlled"] is False
    unstated = classify_in("US", {**general, "facts": {}})
    assert unstated["controlled"] == "unknown"
    assert set(unstated["missing_facts"]) == {
        "software-specially-designed-or-modified",
        "specially-designed-for-controlled-quantum-computer",
    }
    dedicated = {
        **general,
        "facts": {"software-specially-designed-or-modified": True, **SPECIALLY_DESIGNED},
    }
    assert ids(classify_in("US", dedicated)) == ["US:4D906"]
    assert ids(classify_in("EU", dedicated)) == ["EU:4D001.b.3"]


def test_eu_3d001_asks_for_specially_designed_software_only(classify_in: Any) -> None:
    twpa_design = {
        "kind": "software",
        "for_kind": "twpa",
        "purpose": "development",
        "parameters": {
            "operating-temperature": "10 mK",
            "frequency-min": "4 GHz",
            "frequency-max": "8 GHz",
            "noise-figure": "0.010 dB",
        },
        "facts": {"software-specially-designed-or-modified": True, **HEADING_NOTES},
    }
    result = classify_in("EU", twpa_design)
    assert result["controlled"] == "unknown"  # modified is not enough for 3D001's wording
    assert result["missing_facts"] == ["software-specially-designed"]
    assert ids(classify_in("US", twpa_design)) == ["US:3D901"]
    # the served amplifier stands under Note 1 to Category 3A (and, in the US, Note 2): an
    # amplifier specially designed for other equipment is not "specified by" 3A501.b.13 / 3A901.b
    unstated = {**twpa_design, "facts": {"software-specially-designed-or-modified": True}}
    assert set(classify_in("US", unstated)["missing_facts"]) == set(HEADING_NOTES)
    # stated specially designed for other equipment, the amplifier takes that equipment's status:
    # the software's answer waits for it, saying so (not "depends on" a list of nothing)
    other = {**HEADING_NOTES, "not-specially-designed-for-other-equipment": False}
    handed = {**twpa_design, "facts": {"software-specially-designed-or-modified": True, **other}}
    result = classify_in("US", handed)
    assert result["controlled"] == "unknown" and result["missing_facts"] == []
    (said,) = [n for n in result["notes"] if n.startswith("US:3D901 controls software")]
    assert "not decided (US:3A901.b)" in said and "classify that equipment" in said


HEADING_NOTES = {
    "not-specially-designed-for-other-equipment": True,
    "not-programmed-for-other-equipment": True,
}


def test_technology_for_the_use_of_software_names_the_software_it_serves(
    classify_in: Any,
) -> None:
    bare = technology("software", "use")
    result = classify_in("US", bare)
    assert result["controlled"] == "unknown"
    assert {"served.for_kind", "served.purpose"} <= set(result["missing_facts"])
    full = technology(
        "software",
        "use",
        served={"for_kind": "qubit-device", "purpose": "development"},
        facts={**SPECIALLY_DESIGNED, "software-specially-designed-or-modified": True},
    )
    assert ids(classify_in("US", full))[0] == "US:4E906.b"
    assert "EU:4E001.a" in ids(classify_in("EU", full))
    for_hardware_use = {**full, "served": {"for_kind": "qubit-device", "purpose": "use"}}
    assert classify_in("US", for_hardware_use)["controlled"] is False  # 4D906: dev./prod. only


def test_technology_for_a_controlled_machine_needs_its_figures(classify_in: Any) -> None:
    small = technology("quantum-computer", "use", parameters={"physical-qubits": 20})
    assert classify_in("EU", small)["controlled"] is False  # below every 4A506.a band
    big = technology("quantum-computer", "use", parameters={"physical-qubits": 2400})
    assert "EU:4E001.a" in ids(classify_in("EU", big))
    unknown = classify_in("EU", technology("quantum-computer", "use"))
    assert unknown["controlled"] == "unknown"
    assert set(unknown["missing"]) == {"cnot-error", "physical-qubits"}


def test_assessment_of_technology_uses_the_served_item(context: Context) -> None:
    request = {
        "activity": "export",
        "subject": {
            "technology": {
                "for_kind": "pulse-tube-cryocooler",
                "purpose": "development",
                "parameters": PULSE_TUBE_1W,
            }
        },
        "from": "US",
        "to": "CN",
        "as_of": "2025-12-01",
    }
    (us,) = assess(context, request)["results"]
    assert us["licence_required"] is False
    bare = {**request, "subject": {"technology": {"for_kind": "pulse-tube-cryocooler"}}}
    (unknown,) = assess(context, bare)["results"]
    assert unknown["licence_required"] == "unknown"
    assert "cooling-power" in unknown["missing_facts"]
    assert any("state them in the request" in reason for reason in unknown["reasons"])


def test_both_engines_evaluate_the_served_item_alike(context: Context) -> None:
    for item in (
        technology("pulse-tube-cryocooler", "development", parameters=PULSE_TUBE_1W),
        technology("pulse-tube-cryocooler", "development"),
        technology("software", "use", served={"for_kind": "qubit-device"}),
    ):
        index = classify(context, item, ["US", "EU", "IT"], "2025-12-01", engine="index")
        sparql = classify(context, item, ["US", "EU", "IT"], "2025-12-01", engine="sparql")
        assert index == sparql


@pytest.mark.parametrize(
    ("item", "field"),
    [
        (
            {"kind": "technology", "for_kind": "qubit-device", "served": {"for_kind": "x"}},
            "item.served",
        ),
        (
            {"kind": "technology", "for_kind": "software", "served": {"parameters": {}}},
            "item.served",
        ),
        (
            {"kind": "technology", "for_kind": "software", "served": {"for_kind": "toaster"}},
            "item.served.for_kind",
        ),
        ({"kind": "quantum-computer", "served": {}}, "item.served"),
    ],
)
def test_a_bad_served_software_names_the_field(
    context: Context, item: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        classify(context, item, ["US"], "2025-12-01")
    assert caught.value.field == field
