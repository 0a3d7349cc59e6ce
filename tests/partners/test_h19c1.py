"""Classification by the Category 1 paragraphs h19c1 read (both lists): just above a threshold →
controlled citing the entry, just below → not by that entry, a parameter missing → "unknown"
naming it. 1C227 calcium, 1C228 magnesium, 1C010.a/.b fibres, 1C202.a/.b alloys, 1A227
radiation shielding windows; 1B232 turboexpanders without their figures (h20range reads them)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.answer_ids import entry_ids, possible_ids
from tests.partners.both_sides import ON, assert_both_sides, item

BOTH = ["US", "EU"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c227_calcium_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # "less than 1,000 parts per million by weight of metallic impurities other than magnesium"
    # (EU "1000 ppm") and "less than 10 parts per million by weight of boron"
    impurities = "calcium-metallic-impurities-other-than-magnesium"
    met = {impurities: "999 ppm", "boron-content-by-weight": "9 ppm"}
    assert_both_sides(
        classify_in, jurisdiction, "1C227", "calcium", {}, met, impurities, "1000 ppm"
    )
    met = {impurities: "500 ppm", "boron-content-by-weight": "9.9 ppm"}
    assert_both_sides(
        classify_in, jurisdiction, "1C227", "calcium", {}, met, "boron-content-by-weight", "10 ppm"
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c228_magnesium_both_sides(classify_in: Any, jurisdiction: str) -> None:
    impurities = "magnesium-metallic-impurities-other-than-calcium"  # less than 200 ppm
    met = {impurities: "199 ppm", "boron-content-by-weight": "1 ppm"}
    assert_both_sides(
        classify_in, jurisdiction, "1C228", "magnesium", {}, met, impurities, "200 ppm"
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c010_fibres_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # 1C010.b: "“Specific modulus” exceeding 14.65 × 10^6 m" and "“Specific tensile strength”
    # exceeding 26.82 × 10^4 m"; the Note (civil aircraft repair, chopped fibres) a fact
    kind, modulus = "carbon-fibrous-or-filamentary-material", "fibre-specific-modulus"
    facts = {"carbon-fibrous-material-not-excluded-by-note-to-1c010-b": True}
    met = {modulus: "14660000 m", "fibre-specific-tensile-strength": "268300 m"}
    assert_both_sides(classify_in, jurisdiction, "1C010.b", kind, facts, met, modulus, "14650000 m")
    # 1C010.a: 12.7 × 10^6 m and 23.5 × 10^4 m; "1C010.a does not control polyethylene"
    kind, strength = "organic-fibrous-or-filamentary-material", "fibre-specific-tensile-strength"
    facts = {"organic-fibrous-material-not-polyethylene": True}
    met = {"fibre-specific-modulus": "12800000 m", strength: "235100 m"}
    assert_both_sides(classify_in, jurisdiction, "1C010.a", kind, facts, met, strength, "235000 m")
    polyethylene = {"organic-fibrous-material-not-polyethylene": False}
    out = classify_in(jurisdiction, item(kind, polyethylene, **met), ON)
    assert f"{jurisdiction}:1C010.a" not in entry_ids(out)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c202_alloys_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # 1C202.b: "“Capable of” an ultimate tensile strength of 900 MPa or more at 293 K (20 °C)" and
    # "tubes or cylindrical solid forms (including forgings) with an outside diameter of more
    # than 75 mm"
    facts = {"alloy-not-specified-in-1c002-b-3-or-b-4": True}
    strength = "alloy-ultimate-tensile-strength-capable-20c"
    diameter = "alloy-tube-or-cylindrical-form-outside-diameter"
    met = {strength: "900 MPa", diameter: "76 mm"}
    assert_both_sides(classify_in, jurisdiction, "1C202.b", "titanium-alloy", facts, met, strength, "899 MPa")  # fmt: skip
    met = {strength: "460 MPa", diameter: "75.1 mm"}
    assert_both_sides(classify_in, jurisdiction, "1C202.a", "aluminium-alloy", facts, met, diameter, "75 mm")  # fmt: skip
    # stated false, the fact hands the alloy over to 1C002: "unknown", never "not controlled"
    over = classify_in(jurisdiction, item("aluminium-alloy", {"alloy-not-specified-in-1c002-b-3-or-b-4": False}, **met), ON)  # fmt: skip
    assert over["controlled"] == "unknown"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1a227_shielding_windows_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # "A “cold area” greater than 0.09 m^2; A density greater than 3 g/cm^3; and A thickness of
    # 100 mm or greater"
    kind, thickness = "radiation-shielding-window", "shielding-window-thickness"
    met = {"shielding-window-cold-area": "0.1 m**2", "shielding-window-density": "3.2 g/cm**3"}
    met[thickness] = "100 mm"
    assert_both_sides(classify_in, jurisdiction, "1A227", kind, {}, met, thickness, "99 mm")
    small = {**met, "shielding-window-cold-area": "0.09 m**2"}
    assert f"{jurisdiction}:1A227" not in entry_ids(classify_in(jurisdiction, item(kind, {}, **small), ON))  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1b232_turboexpander_is_known_as_text(classify_in: Any, jurisdiction: str) -> None:
    # without its figures (read since h20range): answered "unknown", never false
    out = classify_in(jurisdiction, item("turboexpander", {}), ON)
    assert out["controlled"] == "unknown" and f"{jurisdiction}:1B232" in possible_ids(out)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b122_centrifuge_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # "capable of imparting accelerations greater than 100 g": standard gravity, not grams
    facts = {"centrifuge-designed-to-incorporate-slip-rings-or-non-contact-transfer": True}
    met = {"centrifuge-acceleration": "101 g0"}
    assert_both_sides(classify_in, jurisdiction, "2B122", "centrifuge", facts, met, "centrifuge-acceleration", "100 g0")  # fmt: skip
    in_si = classify_in(jurisdiction, item("centrifuge", facts, **{"centrifuge-acceleration": "1000 m/s**2"}), ON)  # fmt: skip
    assert in_si["controlled"] is True  # 1,000 m/s² is 102 g


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b352_fermenter_and_2b350_equipmentassert_both_sides(
    classify_in: Any, jurisdiction: str
) -> None:
    facts = {"fermenter-cultivates-without-aerosol-propagation": True}
    volume = "fermenter-total-internal-volume"  # "20 liters or greater"
    assert_both_sides(classify_in, jurisdiction, "2B352.b.1", "fermenter", facts, {volume: "20 L"}, volume, "19.9 L")  # fmt: skip
    tank = "2B350.c.1" if jurisdiction == "US" else "2B350.c"  # "greater than 0.1 m^3 (100 liters)"
    facts = {"storage-tank-wetted-surfaces-of-2b350-c-materials": True}
    volume = "chemical-vessel-total-internal-volume"
    assert_both_sides(classify_in, jurisdiction, tank, "chemical-storage-tank", facts, {volume: "101 L"}, volume, "100 L")  # fmt: skip
    facts = {"column-wetted-surfaces-of-2b350-e-materials": True}
    diameter = "column-internal-diameter"  # "internal diameter greater than 0.1 m"
    assert_both_sides(classify_in, jurisdiction, "2B350.e", "distillation-or-absorption-column", facts, {diameter: "101 mm"}, diameter, "100 mm")  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1b225_fluorine_cell_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # "greater than 250 g of fluorine per hour": grams, a mass rate
    capacity = "fluorine-cell-production-capacity"
    met = {capacity: "251 g/h"}
    assert_both_sides(classify_in, jurisdiction, "1B225", "fluorine-electrolytic-cell", {}, met, capacity, "0.25 kg/h")  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c210_fibres_both_sides(classify_in: Any, jurisdiction: str) -> None:
    facts = {
        "fibrous-material-not-specified-in-1c010-a-b-or-e": True,
        "fibrous-material-continuous-monofilaments-yarns-rovings-tows-or-tapes": True,
    }
    strength = "fibre-specific-tensile-strength"  # 1C210.b: 76.2 × 10^3 m or greater
    met = {"fibre-specific-modulus": "3180000 m", strength: "76200 m"}
    assert_both_sides(classify_in, jurisdiction, "1C210.b", "glass-fibrous-or-filamentary-material", facts, met, strength, "76100 m")  # fmt: skip
    aramid = {**facts, "organic-fibrous-material-not-polyethylene": True}
    aramid["fibrous-material-not-aramid-with-ester-based-surface-modifier"] = True
    figures = {"fibre-specific-modulus": "5000000 m", strength: "240000 m"}  # below 1C010.a
    out = classify_in(jurisdiction, item("aramid-fibrous-or-filamentary-material", aramid, **figures), ON)  # fmt: skip
    if jurisdiction == "EU":  # 1C210.a.2: 23.5 × 10^4 m or greater
        assert out["controlled"] is True and "EU:1C210.a.2" in entry_ids(out)
    else:  # US 1C210.a is known as text: "unknown", never "not controlled"
        assert out["controlled"] == "unknown" and "US:1C210.a" in possible_ids(out)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b104_isostatic_press_both_sides(classify_in: Any, jurisdiction: str) -> None:
    facts = {"isostatic-press-not-specified-in-2b004": True}  # 2B204's fact left unstated
    heat = "isostatic-press-controlled-thermal-environment"  # 873 K (600 °C) or greater
    met = {
        "isostatic-press-maximum-working-pressure": "69 MPa",
        "isostatic-press-chamber-inside-diameter": "254 mm",
        heat: "600 degC",
    }
    assert_both_sides(
        classify_in, jurisdiction, "2B104", "isostatic-press", facts, met, heat, "599 degC"
    )
    crucible = classify_in(jurisdiction, item("crucible-for-liquid-actinide-metals", {}), ON)
    assert crucible["controlled"] == "unknown" and f"{jurisdiction}:2A225" in possible_ids(crucible)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c006_d_cooling_fluid_both_sides(classify_in: Any, jurisdiction: str) -> None:
    facts = {
        "fluid-85-percent-or-more-of-1c006-d-1-compounds": True,
        "fluid-liquid-at-0c": True,
        "fluid-not-specified-and-packaged-as-medical-product": True,
    }
    density = "fluid-density-25c"  # "of 1.5 g/ml or more"
    met = {density: "1.5 g/ml", "fluid-fluorine-content": "60 %"}
    assert_both_sides(classify_in, jurisdiction, "1C006.d", "fluorocarbon-electronic-cooling-fluid", facts, met, density, "1.49 g/ml")  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c008_polymers_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # 1C008.a.3: Tg "exceeding 505 K (232 °C)", in "fusible" form (the Note to 1C008.a)
    tg, fusible = "polymer-glass-transition-temperature", {"imide-in-fusible-form": True}
    assert_both_sides(classify_in, jurisdiction, "1C008.a.3", "aromatic-polyimide", fusible, {tg: "505.1 K"}, tg, "505 K")  # fmt: skip
    # a non-fusible polyimide film is 1A003's: "unknown" naming it, never "not controlled"
    film = classify_in(jurisdiction, item("aromatic-polyimide", {"imide-in-fusible-form": False}, **{tg: "360 degC"}), ON)  # fmt: skip
    assert film["controlled"] == "unknown"
    peek = classify_in(jurisdiction, item("polyarylene-ketone", {}), ON)  # 1C008.d: by kind
    assert peek["controlled"] is True and f"{jurisdiction}:1C008.d" in entry_ids(peek)


def test_eu_1c240_nickel_powder_both_sides(classify_in: Any) -> None:
    facts = {"nickel-powder-not-specified-in-0c005": True, "nickel-powder-not-filamentary": True}
    size = "nickel-powder-mean-particle-size"  # "less than 10 μm"
    met = {"nickel-purity": "99.5 %", size: "9 um"}
    assert_both_sides(classify_in, "EU", "1C240.a", "nickel-powder", facts, met, size, "10 um")
