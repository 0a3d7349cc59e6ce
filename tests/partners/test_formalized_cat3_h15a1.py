"""Classification by the remaining Category 3 electronics paragraphs the h15a1 families read
(both lists unless marked): both sides of each threshold, and "unknown" naming the fact when a
required fact is not stated."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _item

ON = "2026-12-01"
BOTH = ["US", "EU"]
OTHER_EQUIPMENT = "not-specially-designed-for-other-equipment"
SINGLE_FUNCTION = "acoustic-wave-device-not-limited-to-a-single-filtering-or-resonating-function"


def _ids(result: dict[str, Any]) -> list[str]:
    return [e["id"] for e in result["entries"]]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_bulk_acoustic_wave_device_both_sides(classify_in: Any, jurisdiction: str) -> None:
    facts = {SINGLE_FUNCTION: True, OTHER_EQUIPMENT: True}
    code = f"{jurisdiction}:3A001.c.2"
    met = classify_in(jurisdiction, _item("bulk-acoustic-wave-device", facts, **{"frequency-max": "6.5 GHz"}), ON)  # fmt: skip
    assert met["controlled"] is True and code in _ids(met)
    at = classify_in(jurisdiction, _item("bulk-acoustic-wave-device", facts, **{"frequency-max": "6 GHz"}), ON)  # fmt: skip
    assert code not in _ids(at)  # "exceeding 6 GHz"
    unsaid = {OTHER_EQUIPMENT: True}
    asked = classify_in(jurisdiction, _item("bulk-acoustic-wave-device", unsaid, **{"frequency-max": "8 GHz"}), ON)  # fmt: skip
    assert asked["controlled"] == "unknown" and SINGLE_FUNCTION in asked["missing_facts"]
    single = {SINGLE_FUNCTION: False, OTHER_EQUIPMENT: True}  # a single band pass filter
    out = classify_in(jurisdiction, _item("bulk-acoustic-wave-device", single, **{"frequency-max": "8 GHz"}), ON)  # fmt: skip
    assert code not in _ids(out)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_solar_array_both_sides(classify_in: Any, jurisdiction: str) -> None:
    kind, parameter = "space-solar-cell-or-array", "solar-minimum-average-efficiency-am0"
    facts = {"space-qualified": True, OTHER_EQUIPMENT: True}
    code = f"{jurisdiction}:3A001.e.4"
    met = classify_in(jurisdiction, _item(kind, facts, **{parameter: "29.5 %"}), ON)
    assert met["controlled"] is True and code in _ids(met)
    at = classify_in(jurisdiction, _item(kind, facts, **{parameter: "20 %"}), ON)
    assert code not in _ids(at)  # "exceeding 20%"
    unsaid = classify_in(jurisdiction, _item(kind, {OTHER_EQUIPMENT: True}, **{parameter: "30 %"}), ON)  # fmt: skip
    assert unsaid["controlled"] == "unknown" and "space-qualified" in unsaid["missing_facts"]
    ground = {"space-qualified": False, OTHER_EQUIPMENT: True}
    terrestrial = classify_in(jurisdiction, _item(kind, ground, **{parameter: "30 %"}), ON)
    assert code not in _ids(terrestrial)
