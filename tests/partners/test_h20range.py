"""Classification by the paragraphs h20range read (the phrasings the readers take since): just
above a threshold → controlled citing the entry, just below → not by that entry, a figure
missing → "unknown" naming it. 1B232 turboexpanders (the kelvins the threshold), 1C009 fluorinated
compounds ("10% by weight or more"), US 8A992.l marine boilers ("equal to or in excess of"), EU
8A002.o.4 ("0.1 MW" with a decimal point), EU 0B001.d.1, .h.1, .h.5 and .j.3 ("or lower")."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.answer_ids import entry_ids, possible_ids
from tests.partners.both_sides import ON, assert_both_sides, item

BOTH = ("US", "EU")
TEMPERATURE = "turboexpander-outlet-temperature"
THROUGHPUT = "turboexpander-hydrogen-throughput"
FLUORINE = "combined-fluorine-content"
HEAT = "marine-boiler-heat-release-rate"
BTU = " Btu / hour / foot ** 3"
STEAM = "marine-boiler-steam-to-dry-weight-ratio"
COLD = "cryogenic-capable-temperature"
VEHICLE = {
    "vehicle-without-reactive-or-electromagnetic-armor": True,
    "vehicle-not-specially-designed-for-transporting-money-or-valuables": True,
    "vehicle-ballistic-protection-nij-level-iii-or-better": True,
    "vehicle-drive-to-front-and-rear-wheels": True,
    "vehicle-designed-or-modified-for-off-road-use": True,
}
RADIUS = "diamond-insert-cutting-radius"
ROUND = "diamond-insert-cutting-radius-out-of-roundness"
INSERT = {
    "insert-specially-designed-for-2b991-2b993-2b996-or-2b997-equipment": True,
    "diamond-insert-flawless-chip-free-cutting-edge": True,
}


def case(
    jurisdictions: tuple[str, ...],
    code: str,
    kind: str,
    met: dict[str, str],
    changed: str,
    outside: str,
    facts: dict[str, bool] | None = None,
) -> list[Any]:
    """One threshold of `code` in each of `jurisdictions`: `met` meets it, `changed` at
    `outside` does not."""
    return [
        pytest.param(
            j, code, kind, met, changed, outside, facts, id=f"{j}:{code}:{changed}:{outside}"
        )
        for j in jurisdictions
    ]


# fmt: off
CASES = [
    # 1B232.a "35 K (−238 °C) or less": 35 K is in, 35.1 K (−238.05 °C) out
    *case(BOTH, "1B232", "turboexpander", {TEMPERATURE: "35 K", THROUGHPUT: "1000 kg/h"}, TEMPERATURE, "35.1 K"),
    *case(BOTH, "1B232", "turboexpander", {TEMPERATURE: "20 K", THROUGHPUT: "1000 kg/h"}, THROUGHPUT, "999 kg/h"),
    *case(BOTH, "1C009.b", "fluorinated-polyimide", {FLUORINE: "10 %"}, FLUORINE, "9.9 %"),
    *case(("EU",), "1C009.c", "fluorinated-phosphazene-elastomer", {FLUORINE: "30 %"}, FLUORINE, "29.9 %"),
    *case(("US",), "8A992.l.1", "marine-boiler", {HEAT: "190000" + BTU}, HEAT, "189999" + BTU),
    *case(("US",), "8A992.l.2", "marine-boiler", {STEAM: "0.83 hour ** -1"}, STEAM, "0.82 hour ** -1"),
    *case(("EU",), "8A002.o.4", "permanent-magnet-propulsion-motor-for-submersibles", {"propulsion-power-output": "0.11 MW"}, "propulsion-power-output", "0.1 MW"),
    *case(("EU",), "0B001.j.3", "electromagnetic-separation-vacuum-housing", {"vacuum-housing-design-operating-pressure": "0.1 Pa"}, "vacuum-housing-design-operating-pressure", "0.11 Pa", {"vacuum-housing-made-of-non-magnetic-materials": True}),
    # h.1 "150 K (-123 °C) or less": −123 °C is 150.15 K, out; h.5.b "153 K (-120 °C)": the degrees
    *case(("EU",), "0B001.h.1", "mlis-supersonic-expansion-nozzle", {"nozzle-cooling-temperature": "150 K"}, "nozzle-cooling-temperature", "-123 degC", {"made-from-materials-resistant-to-corrosion-by-uf6": True}),
    *case(("EU",), "0B001.h.5.b", "mlis-cryogenic-refrigeration-unit", {COLD: "-120 degC"}, COLD, "-119.9 degC"),
    # US 2B998.b.2 "Cutting radius from 0.1 to 5 mm inclusive": both ends in, just outside each out
    *case(("US",), "2B998.b", "single-point-diamond-cutting-tool-insert", {RADIUS: "0.1 mm", ROUND: "0.001 mm"}, RADIUS, "0.099 mm", INSERT),
    *case(("US",), "2B998.b", "single-point-diamond-cutting-tool-insert", {RADIUS: "5 mm", ROUND: "0.001 mm"}, RADIUS, "5.01 mm", INSERT),
    *case(("US",), "2B998.b", "single-point-diamond-cutting-tool-insert", {RADIUS: "1 mm", ROUND: "0.0019 mm"}, ROUND, "0.002 mm", INSERT),
    *case(("US",), "0A606.b.1", "unarmed-vehicle-derived-from-civilian-vehicle", {"vehicle-gross-weight-rating": "4501 kg"}, "vehicle-gross-weight-rating", "4500 kg", VEHICLE),
    *case(("EU",), "0B001.d.1", "aerodynamic-separation-nozzle", {"separation-nozzle-radius-of-curvature": "0.99 mm"}, "separation-nozzle-radius-of-curvature", "1 mm", {"resistant-to-corrosion-by-uf6": True}),
]
# fmt: on


@pytest.mark.parametrize(
    ("jurisdiction", "code", "kind", "met", "changed", "outside", "facts"), CASES
)
def test_h20range_thresholds_both_sides(
    classify_in: Any,
    jurisdiction: str,
    code: str,
    kind: str,
    met: dict[str, str],
    changed: str,
    outside: str,
    facts: dict[str, bool] | None,
) -> None:
    assert_both_sides(classify_in, jurisdiction, code, kind, facts, met, changed, outside)


@pytest.mark.parametrize(
    ("jurisdiction", "kind", "code"),
    [("US", "tungsten-or-tungsten-alloy", "1C226"), ("EU", "rotor-forming-mandrel", "2B209.b"), ("EU", "gas-centrifuge-baffle", "0B001.b.5")],
)  # fmt: skip
def test_a_range_left_as_text_is_unknown_never_false(
    classify_in: Any, jurisdiction: str, kind: str, code: str
) -> None:
    # "between 100 and 300 mm": whether the ends are included is not written
    out = classify_in(jurisdiction, item(kind, {}, **{}), ON)
    assert out["controlled"] == "unknown" and f"{jurisdiction}:{code}" in possible_ids(out)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_8a002_i_1_manipulator_by_its_fact(classify_in: Any, jurisdiction: str) -> None:
    # the fact stated true: controlled by 8A002.i.1; stated false: 8A002.i.2 (text) leaves it
    # "unknown", never false
    kind, fact = "submersible-articulated-manipulator", "manipulator-sensor-based-control"
    yes = classify_in(jurisdiction, item(kind, {fact: True}), ON)
    assert yes["controlled"] is True and f"{jurisdiction}:8A002.i.1" in entry_ids(yes)
    no = classify_in(jurisdiction, item(kind, {fact: False}), ON)
    assert no["controlled"] == "unknown" and f"{jurisdiction}:8A002.i.2" in possible_ids(no)
