"""Classification by the Category 1 paragraphs h20c1 read (both lists): just above a threshold →
controlled citing the entry, just below → not by that entry, a parameter missing → "unknown"
naming it. 1C004 tungsten and uranium titanium alloys, 1C216 maraging steel, 1C232 helium-3 in a
dilution refrigerator (1 g or more; an uncharged one, 0 g, is not 1C232's)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.answer_ids import entry_ids, possible_ids
from tests.partners.both_sides import ON, assert_both_sides, item

BOTH = ["US", "EU"]

_TUNGSTEN = {"material-density": "17.6 g/cm**3", "alloy-elastic-limit": "881 MPa", "alloy-ultimate-tensile-strength": "1271 MPa", "alloy-elongation": "8.1 %"}  # fmt: skip
_MARAGING = {"maraging-steel-not-specified-in-1c116": True, "maraging-steel-form-with-a-linear-dimension-above-75-mm": True}  # fmt: skip
_EXPLOSIVE = {"high-explosive-outside-the-munitions-lists": True}
_HMX = {"high-explosive-content-by-weight": "2.1 %", "high-explosive-crystal-density": "1.81 g/cm**3", "high-explosive-detonation-velocity": "8001 m/s"}  # fmt: skip
_POWDER = {"alloy-made-from-1c002-c-powder-or-particulate-material": True, "alloy-not-specially-formulated-for-coating": True}  # fmt: skip
_INORGANIC = {"inorganic-fibrous-material-not-excluded-by-note-to-1c010-c": True}
_QUARTZ = {"fibre-silicon-dioxide-content": "99.9 %", "fibre-specific-modulus": "3000000 m", "fibre-melting-softening-decomposition-or-sublimation-point-inert": "1650 degC"}  # fmt: skip
_COMPOSITE = {"composite-not-excluded-by-notes-to-1a002": True, "carbon-fibre-composite-not-excluded-by-notes-to-1a002-b-1": True}  # fmt: skip

_SIDES = [
    # 1C004: "A density exceeding 17.5 g/cm^3" … "An elongation exceeding 8%"
    ("1C004", "tungsten-alloy-with-iron-nickel-or-copper-matrix", {}, _TUNGSTEN, "material-density", "17.5 g/cm**3"),
    ("1C004", "uranium-titanium-alloy", {}, _TUNGSTEN, "alloy-elongation", "8 %"),
    ("1C004", "tungsten-alloy-with-iron-nickel-or-copper-matrix", {}, _TUNGSTEN, "alloy-elastic-limit", "880 MPa"),
    ("1C004", "tungsten-alloy-with-iron-nickel-or-copper-matrix", {}, _TUNGSTEN, "alloy-ultimate-tensile-strength", "1.27 GPa"),
    # 1C216: "“capable of” an ultimate tensile strength of 1,950 MPa or more, at 293 K (20 °C)"
    ("1C216", "maraging-steel", _MARAGING, {"alloy-ultimate-tensile-strength-capable-20c": "1950 MPa"}, "alloy-ultimate-tensile-strength-capable-20c", "1949 MPa"),
    # 1C232: "does not control a product or device containing less than 1 g of helium-3"
    ("1C232", "dilution-refrigerator", None, {"helium-3-content": "1 g"}, "helium-3-content", "0.99 g"),
    # 1C011.b.1: "with a particle size of 60 µm or less", "a purity of 85% by weight or more"
    ("1C011.b.1", "boron-or-boron-alloy", None, {"particle-size": "60 um", "boron-content-by-weight": "85 %"}, "particle-size", "61 um"),
    ("1C011.b.2", "boron-or-boron-alloy", None, {"particle-size": "44 um", "boron-content-by-weight": "85 %"}, "boron-content-by-weight", "84.9 %"),
    # 1C239: "more than 2% by weight", "greater than 1.8 g/cm^3", "greater than 8,000 m/s"
    ("1C239", "high-explosive", _EXPLOSIVE, _HMX, "high-explosive-content-by-weight", "2 %"),
    ("1C239", "high-explosive", _EXPLOSIVE, _HMX, "high-explosive-crystal-density", "1.8 g/cm**3"),
    ("1C239", "high-explosive", _EXPLOSIVE, _HMX, "high-explosive-detonation-velocity", "8 km/s"),
    # 1C002.b.4.a/.b "A tensile strength of 240 MPa or more at 473 K (200 °C)", "of 415 MPa or
    # more at 298 K (25 °C)"; 1C002.b.1.b "10,000 cycles or more"; 1C002.b.5 "less than 1 mm/year"
    # 1C010.c: SiO2 "50% or more" with a specific modulus "exceeding 2.54 × 10^6 m", else one
    # "exceeding 5.6 × 10^6 m"; and a point "exceeding 1,922 K (1,649 °C)"
    ("1C010.c", "inorganic-fibrous-or-filamentary-material", _INORGANIC, {**_QUARTZ, "fibre-specific-modulus": "2550000 m"}, "fibre-specific-modulus", "2540000 m"),
    ("1C010.c", "inorganic-fibrous-or-filamentary-material", _INORGANIC, {**_QUARTZ, "fibre-silicon-dioxide-content": "49 %", "fibre-specific-modulus": "5610000 m"}, "fibre-specific-modulus", "5600000 m"),
    ("1C010.c", "inorganic-fibrous-or-filamentary-material", _INORGANIC, _QUARTZ, "fibre-melting-softening-decomposition-or-sublimation-point-inert", "1922 K"),
    # 1A002.b.1: carbon fibres of "“specific modulus” exceeding 10.15 x 10^6 m" and "“specific
    # tensile strength” exceeding 17.7 x 10^4 m"
    ("1A002.b.1", "carbon-fibre-reinforced-metal-or-carbon-matrix-composite", _COMPOSITE, {"fibre-specific-modulus": "10160000 m", "fibre-specific-tensile-strength": "177100 m"}, "fibre-specific-tensile-strength", "177000 m"),
    # 1C231 "containing more than 60% hafnium by weight" (hafnium dioxide: 85 %)
    ("1C231", "hafnium-material", {}, {"hafnium-content-by-weight": "84.8 %"}, "hafnium-content-by-weight", "60 %"),
    ("1C002.b.4.a", "aluminium-alloy", _POWDER, {"alloy-tensile-strength-200c": "240 MPa"}, "alloy-tensile-strength-200c", "239 MPa"),
    ("1C002.b.4.b", "aluminium-alloy", _POWDER, {"alloy-tensile-strength-25c": "415 MPa"}, "alloy-tensile-strength-25c", "414 MPa"),
    ("1C002.b.1.b", "nickel-alloy", _POWDER, {"nickel-alloy-low-cycle-fatigue-life-550c-1095mpa": 10000}, "nickel-alloy-low-cycle-fatigue-life-550c-1095mpa", 9999),
    ("1C002.b.5", "magnesium-alloy", _POWDER, {"alloy-tensile-strength": "345 MPa", "alloy-corrosion-rate-3-percent-nacl-astm-g31": "0.9 mm/year"}, "alloy-corrosion-rate-3-percent-nacl-astm-g31", "1 mm/year"),
]  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("case", _SIDES, ids=[f"{c[0]}-{c[4]}" for c in _SIDES])
def test_category_1_thresholds_both_sides(
    classify_in: Any, jurisdiction: str, case: tuple[Any, ...]
) -> None:
    # case: the entry's code, the kind, its facts, the figures that meet it, the figure changed
    # and the value just on the other side
    assert_both_sides(classify_in, jurisdiction, *case)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_maraging_steel_facts(classify_in: Any, jurisdiction: str) -> None:
    met = {"alloy-ultimate-tensile-strength-capable-20c": "2000 MPa"}
    # the Note: "does not control forms in which all linear dimensions are 75 mm or less"
    small = {**_MARAGING, "maraging-steel-form-with-a-linear-dimension-above-75-mm": False}
    out = classify_in(jurisdiction, item("maraging-steel", small, **met), ON)
    assert f"{jurisdiction}:1C216" not in entry_ids(out)
    # "other than that controlled by 1C116", stated false: 1C116's, "unknown", never "not"
    over = {**_MARAGING, "maraging-steel-not-specified-in-1c116": False}
    assert classify_in(jurisdiction, item("maraging-steel", over, **met), ON)["controlled"] == "unknown"  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_an_uncharged_dilution_refrigerator_is_not_1c232s(classify_in: Any, jurisdiction: str) -> None:  # fmt: skip
    # 400 µW at 100 mK is below 3A904.a (US) and its EU counterpart: with no helium-3 (0 g) the
    # answer is "not controlled"; without the helium-3 content it is "unknown", naming it
    cooler = {"cooling-power": "400 uW", "cooling-power-temperature": "0.1 K"}
    empty = classify_in(jurisdiction, item("dilution-refrigerator", None, **cooler, **{"helium-3-content": "0 g"}), ON)  # fmt: skip
    assert empty["controlled"] is False, empty
    unsaid = classify_in(jurisdiction, item("dilution-refrigerator", None, **cooler), ON)
    assert unsaid["controlled"] == "unknown" and "helium-3-content" in unsaid["missing"]


def test_one_list_only_both_sides(classify_in: Any) -> None:
    # "a plutonium isotopic assay of plutonium-238 of more than 50 % by weight"
    facts = {"plutonium-shipment-not-excluded-by-note-to-1c012-a": True}
    assay = "plutonium-238-isotopic-assay"
    assert_both_sides(classify_in, "EU", "1C012.a", "plutonium", facts, {assay: "80 %"}, assay, "50 %")  # fmt: skip
    # US 1C111.d.1 "in concentrations of 70% or more" (hydrazine hydrate is 64 % hydrazine)
    strength = "hydrazine-concentration"
    assert_both_sides(classify_in, "US", "1C111.d.1", "hydrazine", {}, {strength: "70 %"}, strength, "64 %")  # fmt: skip
    # EU 1C230 "alloys containing more than 50 % beryllium by weight"; US 1C230 known as text
    facts = {"beryllium-outside-the-military-goods-controls": True, "beryllium-item-not-excluded-by-note-to-1c230": True}  # fmt: skip
    content = "beryllium-content-by-weight"
    assert_both_sides(classify_in, "EU", "1C230", "beryllium-metal-or-alloy", facts, {content: "99.8 %"}, content, "50 %")  # fmt: skip
    us = classify_in("US", item("beryllium-metal-or-alloy", facts, **{content: "99.8 %"}), ON)
    assert us["controlled"] == "unknown" and "US:1C230" in possible_ids(us)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_a_wrought_aluminium_alloy_is_not_1c002s(classify_in: Any, jurisdiction: str) -> None:
    # not made from 1C002.c's powder (e.g. 6061 plate): 1C002.b.4 does not control it, whatever
    # its strength; its 1C202.a figures (plate: outside diameter 0 mm) decide
    facts = {"alloy-made-from-1c002-c-powder-or-particulate-material": False, "alloy-not-specified-in-1c002-b-3-or-b-4": True}  # fmt: skip
    plate = {"alloy-ultimate-tensile-strength-capable-20c": "310 MPa", "alloy-tube-or-cylindrical-form-outside-diameter": "0 mm"}  # fmt: skip
    out = classify_in(jurisdiction, item("aluminium-alloy", facts, **plate), ON)
    assert out["controlled"] is False, out


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c233_lithium_6_and_its_dosimeters(classify_in: Any, jurisdiction: str) -> None:
    fluoride = classify_in(jurisdiction, item("lithium-6-enriched-lithium", {}), ON)
    assert fluoride["controlled"] is True and f"{jurisdiction}:1C233" in entry_ids(fluoride)
    dosimeter = classify_in(jurisdiction, item("lithium-6-enriched-thermoluminescent-dosimeter", {}), ON)  # fmt: skip
    assert f"{jurisdiction}:1C233" not in entry_ids(dosimeter)
