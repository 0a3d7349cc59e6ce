"""Classification against the Category 3 families formalized from the whole lists
(ontology/controls/formalize/families.csv): true on the controlled side of each stated threshold,
false on the other, "unknown" while a fact the text or a note makes is not stated."""

from __future__ import annotations

from typing import Any

import pytest

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
NOTE_1 = "not-specially-designed-for-other-equipment"  # Note 1 to Category 3, Product Group A


def _ids(result: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in result["entries"]]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_superconductive_electromagnet_against_3a001_e_3(
    classify_in: Any, jurisdiction: str
) -> None:
    """3A001.e.3: "specially designed" to be fully charged or discharged in less than one second
    (a fact) "and having all of the following: a. Energy delivered during the discharge exceeding
    10 kJ in the first second; b. Inner diameter of the current carrying windings of more than
    250 mm; and c. Rated for a magnetic induction of more than 8 T or 'overall current density'
    in the winding of more than 300 A/mm²"; not MRI magnets (the Note, a fact)."""
    facts = {
        "electromagnet-specially-designed-for-sub-second-charge-or-discharge": True,
        "magnet-not-specially-designed-for-mri-medical-equipment": True,
        NOTE_1: True,
    }
    parameters = {
        "magnet-discharge-energy-first-second": "12 kJ",
        "magnet-winding-inner-diameter": "30 cm",
        "magnet-rated-magnetic-induction": "9 T",
        "magnet-overall-current-density": "100 A/mm^2",
    }
    item = {"kind": "superconductive-electromagnet", "parameters": parameters, "facts": facts}
    code = f"{jurisdiction}:3A001.e.3"

    def controlled(**changed: Any) -> Any:
        result = classify_in(jurisdiction, {**item, "parameters": {**parameters, **changed}}, ON)
        assert code in _ids(result) or result["controlled"] is not True
        return result["controlled"]

    assert controlled() is True  # 9 T, though the current density is below 300 A/mm²
    assert controlled(**{"magnet-rated-magnetic-induction": "8 T"}) is False  # "more than 8 T"
    # the other way through c.: "overall current density … of more than 300 A/mm²"
    assert controlled(**{"magnet-rated-magnetic-induction": "8 T",
                         "magnet-overall-current-density": "301 A/mm^2"}) is True  # fmt: skip
    assert controlled(**{"magnet-rated-magnetic-induction": "8 T",
                         "magnet-overall-current-density": "300 A/mm^2"}) is False  # fmt: skip
    assert controlled(**{"magnet-discharge-energy-first-second": "10 kJ"}) is False
    assert controlled(**{"magnet-discharge-energy-first-second": "10001 J"}) is True
    assert controlled(**{"magnet-winding-inner-diameter": "250 mm"}) is False
    mri = {**facts, "magnet-not-specially-designed-for-mri-medical-equipment": False}
    assert classify_in(jurisdiction, {**item, "facts": mri}, ON)["controlled"] is False
    unstated = classify_in(jurisdiction, {**item, "facts": {NOTE_1: True}}, ON)
    assert unstated["controlled"] == "unknown"
    assert set(unstated["missing_facts"]) == set(facts) - {NOTE_1}
