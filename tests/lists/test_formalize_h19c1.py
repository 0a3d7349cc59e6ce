"""Category 1 read from ontology/sources/ (h19c1), both lists: 1C227 calcium and 1C228 magnesium
(impurities and boron in parts per million by weight), 1C010.a organic and 1C010.b carbon
"fibrous or filamentary materials" ("specific modulus", "specific tensile strength"), 1C202.a/.b
aluminium and titanium alloys (ultimate tensile strength at 20 °C, tubes or cylindrical forms
above 75 mm). And the unit spelled "g": standard gravity after an acceleration, grams after a
mass — every criterion's unit converts into its parameter's canonical unit."""

from __future__ import annotations

import pytest
from exportgraph.loaders.formalize import FormalEntry
from pyoxigraph import RdfFormat, Store

from exportgraph.knowledge.units import UnitInfo
from exportgraph.paths import ontology_dir
from tests.lists.formal import Found, criterion, ways

BOTH = ("US", "EU")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c227_calcium_and_1c228_magnesium(found: Found, jurisdiction: str) -> None:
    # US "Containing less than 1,000 parts per million by weight of metallic impurities other
    # than magnesium; and Containing less than 10 parts per million by weight of boron"
    # (EU "1000 ppm", "10 ppm"); 1C228: "less than 200 … other than calcium"
    calcium = found[(jurisdiction, "1C227")]
    assert calcium.kinds == ("calcium",) and calcium.text_only is None
    assert ways(calcium) == {
        frozenset(
            {
                criterion("calcium-metallic-impurities-other-than-magnesium", "<", "1000", "PPM"),
                criterion("boron-content-by-weight", "<", "10", "PPM"),
            }
        )
    }
    magnesium = found[(jurisdiction, "1C228")]
    assert magnesium.kinds == ("magnesium",) and magnesium.text_only is None
    assert ways(magnesium) == {
        frozenset(
            {
                criterion("magnesium-metallic-impurities-other-than-calcium", "<", "200", "PPM"),
                criterion("boron-content-by-weight", "<", "10", "PPM"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c010_organic_and_carbon_fibres(found: Found, jurisdiction: str) -> None:
    # 1C010.a: "“Specific modulus” exceeding 12.7 × 10^6 m; and “Specific tensile strength”
    # exceeding 23.5 × 10^4 m" (EU "12,7 × 106 m", "23,5 × 104 m"); 1C010.b: 14.65 × 10^6 m and
    # 26.82 × 10^4 m
    organic = found[(jurisdiction, "1C010.a")]
    assert organic.kinds == ("organic-fibrous-or-filamentary-material",)
    assert organic.requires_facts == ("organic-fibrous-material-not-polyethylene",)
    assert organic.text_only is None
    assert ways(organic) == {
        frozenset(
            {
                criterion("fibre-specific-modulus", ">", "12.7E6", "M"),
                criterion("fibre-specific-tensile-strength", ">", "23.5E4", "M"),
            }
        )
    }
    carbon = found[(jurisdiction, "1C010.b")]
    assert carbon.kinds == ("carbon-fibrous-or-filamentary-material",)
    assert carbon.requires_facts == ("carbon-fibrous-material-not-excluded-by-note-to-1c010-b",)
    assert ways(carbon) == {
        frozenset(
            {
                criterion("fibre-specific-modulus", ">", "14.65E6", "M"),
                criterion("fibre-specific-tensile-strength", ">", "26.82E4", "M"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(("code", "kind", "strength"), [("1C202.a", "aluminium-alloy", "460"), ("1C202.b", "titanium-alloy", "900")])  # fmt: skip
def test_1c202_alloys(found: Found, jurisdiction: str, code: str, kind: str, strength: str) -> None:
    # "“Capable of” an ultimate tensile strength of 460 MPa or more at 293 K (20 °C); and In the
    # form of tubes or cylindrical solid forms (including forgings) with an outside diameter of
    # more than 75 mm" (1C202.b: 900 MPa); the heading's "other than those controlled by
    # 1C002.b.3 or 1C002.b.4" a fact that hands the alloy over
    alloy = found[(jurisdiction, code)]
    assert alloy.kinds == (kind,) and alloy.text_only is None
    assert alloy.requires_facts == ("alloy-not-specified-in-1c002-b-3-or-b-4",)
    assert ways(alloy) == {
        frozenset(
            {
                criterion("alloy-ultimate-tensile-strength-capable-20c", ">=", strength, "MegaPA"),
                criterion("alloy-tube-or-cylindrical-form-outside-diameter", ">", "75", "MilliM"),
            }
        )
    }


# ---------------------------------------------------------------- the unit spelled "g"

_UNITS = """
PREFIX eg: <https://w3id.org/exportgraph/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX qudt: <http://qudt.org/schema/qudt/>
SELECT ?notation ?canonical ?unit ?pint ?kind WHERE {
  { ?p a eg:Parameter ; skos:notation ?notation ; eg:canonicalUnit ?canonical }
  UNION { ?unit eg:pintUnit ?pint OPTIONAL { ?unit qudt:hasQuantityKind ?kind } }
}"""


@pytest.fixture(scope="module")
def units() -> tuple[dict[str, str], dict[str, UnitInfo]]:
    """Each parameter's canonical unit, and each unit of the ontology (ontology/*.ttl)."""
    store = Store()
    for path in sorted(ontology_dir().glob("*.ttl")):
        store.bulk_load(path=str(path), format=RdfFormat.TURTLE)
    canonical: dict[str, str] = {}
    infos: dict[str, UnitInfo] = {}
    for row in store.query(_UNITS):  # type: ignore[union-attr]
        if row["notation"] is not None:
            canonical[row["notation"].value] = row["canonical"].value
        if row["unit"] is not None:
            iri, kind = row["unit"].value, row["kind"]
            known = infos.get(iri)
            kinds = (known.kinds if known else frozenset()) | ({kind.value} if kind else set())
            infos[iri] = UnitInfo(iri, row["pint"].value, kinds=frozenset(kinds))
    return canonical, infos


def test_g_reads_as_gravity_after_an_acceleration_and_as_grams_after_a_mass(found: Found) -> None:
    # 7A001.a.1 "Specified to function at linear acceleration levels less than or equal to 15 g"
    for jurisdiction in BOTH:
        accelerometer = {c for way in found[(jurisdiction, "7A001.a.1")].ways for c in way}
        (level,) = [c for c in accelerometer if c.parameter == "accelerometer-specified-acceleration-level"]  # fmt: skip
        assert level.unit.endswith("/G0") and level.value == 15
    # 1C005 "with a mass exceeding 100 g": grams (the phrase spells the unit, qudt:GM)
    conductor = {c for way in found[("EU", "1C005.b")].ways for c in way}
    (mass,) = [c for c in conductor if c.parameter == "superconductive-conductor-mass"]
    assert mass.unit == "http://qudt.org/vocab/unit/GM" and mass.value == 100


def test_every_criterion_unit_converts_into_its_parameter_unit(
    formalized: list[FormalEntry], units: tuple[dict[str, str], dict[str, UnitInfo]]
) -> None:
    """A mass read in "g" as standard gravity (units.csv maps the bare spelling "g" to G0), or any
    criterion in a unit of another dimension, would be dropped at answer time: refused here."""
    canonical, infos = units
    wrong = []
    for entry in formalized:
        for way in entry.ways:
            for c in way:
                target = infos.get(canonical.get(c.parameter, ""))
                source = infos.get(c.unit)
                if target is None or source is None or not source.convertible_to(target):
                    wrong.append((entry.jurisdiction, entry.code, c.parameter, c.unit))
    assert not wrong, "criteria whose unit is not convertible into the parameter's unit"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1a227_shielding_windows_and_their_frames(found: Found, jurisdiction: str) -> None:
    # "… radiation shielding windows, having all of the following characteristics, and
    # “specially designed” frames therefor": the frames are another item (the reader's _TAIL)
    window = found[(jurisdiction, "1A227")]
    assert window.kinds == ("radiation-shielding-window",) and window.text_only is None
    assert ways(window) == {
        frozenset(
            {
                criterion("shielding-window-cold-area", ">", "0.09", "M2"),
                criterion("shielding-window-density", ">", "3", "GM-PER-CentiM3"),
                criterion("shielding-window-thickness", ">=", "100", "MilliM"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_category_2_rules(found: Found, jurisdiction: str) -> None:
    # 2B122 "Centrifuges capable of imparting accelerations greater than 100 g and designed or
    # modified to incorporate sliprings …": "g" is standard gravity here
    centrifuge = found[(jurisdiction, "2B122")]
    assert centrifuge.requires_facts == (
        "centrifuge-designed-to-incorporate-slip-rings-or-non-contact-transfer",
    )
    assert ways(centrifuge) == {frozenset({criterion("centrifuge-acceleration", ">", "100", "G0")})}  # fmt: skip
    # 2B352.b.1 "having a total internal volume of 20 liters or greater" (EU "20 litres or more")
    fermenter = found[(jurisdiction, "2B352.b.1")]
    assert fermenter.requires_facts == ("fermenter-cultivates-without-aerosol-propagation",)
    assert ways(fermenter) == {frozenset({criterion("fermenter-total-internal-volume", ">=", "20", "L")})}  # fmt: skip
    # US 2B350.c.1 / EU 2B350.c "total internal (geometric) volume greater than 0.1 m^3 (100
    # liters)"; 2B350.e "internal diameter greater than 0.1 m"; the materials lists are facts
    tank = found[(jurisdiction, "2B350.c.1" if jurisdiction == "US" else "2B350.c")]
    assert tank.requires_facts == ("storage-tank-wetted-surfaces-of-2b350-c-materials",)
    assert ways(tank) == {frozenset({criterion("chemical-vessel-total-internal-volume", ">", "0.1", "M3")})}  # fmt: skip
    column = found[(jurisdiction, "2B350.e")]
    assert column.requires_facts == ("column-wetted-surfaces-of-2b350-e-materials",)
    assert ways(column) == {frozenset({criterion("column-internal-diameter", ">", "0.1", "M")})}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1b225_g_of_fluorine_per_hour_is_grams(found: Found, jurisdiction: str) -> None:
    # "with a production capacity greater than 250 g of fluorine per hour" (EU "output"): the
    # spelling "g of fluorine per hour" (units.csv) is a mass rate; the bare "g" (standard
    # gravity) would have been read without it
    cell = found[(jurisdiction, "1B225")]
    assert ways(cell) == {
        frozenset({criterion("fluorine-cell-production-capacity", ">", "250", "GM-PER-HR")})
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c210_glass_carbon_and_aramid_fibres(found: Found, jurisdiction: str) -> None:
    # 1C210.b "Glass … having a “specific modulus” of 3.18 × 10^6 m or greater and a “specific
    # tensile strength” of 76.2 × 10^3 m or greater" (EU "3,18 × 106 m", "7,62 × 104 m")
    glass = found[(jurisdiction, "1C210.b")]
    assert glass.kinds == ("glass-fibrous-or-filamentary-material",)
    assert glass.requires_facts == (
        "fibrous-material-not-specified-in-1c010-a-b-or-e",
        "fibrous-material-continuous-monofilaments-yarns-rovings-tows-or-tapes",
    )
    assert ways(glass) == {
        frozenset(
            {
                criterion("fibre-specific-modulus", ">=", "3.18E6", "M"),
                criterion("fibre-specific-tensile-strength", ">=", "76.2E3", "M"),
            }
        )
    }
    if jurisdiction == "US":  # "… or greater except Aramid … 0.25 percent or more …": text
        us = found[("US", "1C210.a")]
        assert us.text_only and "except Aramid" in us.text_only
        return
    modulus, strength = found[("EU", "1C210.a.1")], found[("EU", "1C210.a.2")]  # either
    assert ways(modulus) == {frozenset({criterion("fibre-specific-modulus", ">=", "12.7E6", "M")})}
    assert ways(strength) == {
        frozenset({criterion("fibre-specific-tensile-strength", ">=", "23.5E4", "M")})
    }
    assert "fibrous-material-not-aramid-with-ester-based-surface-modifier" in modulus.requires_facts


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b104_isostatic_presses_and_2a225_crucibles(found: Found, jurisdiction: str) -> None:
    # "Maximum working pressure equal to or greater than 69 MPa" (EU "of 69 MPa or greater");
    # "a controlled thermal environment of 873 K (600 °C) or greater"; "a chamber cavity with an
    # inside diameter of 254 mm or greater"; 2B204.a's parameters
    press = found[(jurisdiction, "2B104")]
    assert press.kinds == ("isostatic-press",)
    assert press.requires_facts == ("isostatic-press-not-specified-in-2b004",)
    assert ways(press) == {
        frozenset(
            {
                criterion("isostatic-press-maximum-working-pressure", ">=", "69", "MegaPA"),
                criterion("isostatic-press-controlled-thermal-environment", ">=", "600", "DEG_C"),
                criterion("isostatic-press-chamber-inside-diameter", ">=", "254", "MilliM"),
            }
        )
    }
    crucible = found[(jurisdiction, "2A225")]  # "of between 150 cm^3 … and 8,000 cm^3": text
    assert crucible.text_only and "'between'" in crucible.text_only and not crucible.ways


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c006_d_fluorocarbon_cooling_fluids(found: Found, jurisdiction: str) -> None:
    # "Density at 298 K (25 °C) of 1.5 g/ml or more" ("g/ml": grams, a units.csv spelling);
    # "Containing 60% or more by weight of fluorine"; d.1 (85 % of the compounds listed) and d.3
    # (liquid at 0 °C) are required facts, the Note on medical products another
    fluid = found[(jurisdiction, "1C006.d")]
    assert fluid.kinds == ("fluorocarbon-electronic-cooling-fluid",) and fluid.text_only is None
    assert fluid.requires_facts == (
        "fluid-85-percent-or-more-of-1c006-d-1-compounds",
        "fluid-liquid-at-0c",
        "fluid-not-specified-and-packaged-as-medical-product",
    )
    assert ways(fluid) == {
        frozenset(
            {
                criterion("fluid-density-25c", ">=", "1.5", "GM-PER-MilliL"),
                criterion("fluid-fluorine-content", ">=", "60", "PERCENT"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c008_polymers(found: Found, jurisdiction: str) -> None:
    # "Aromatic polyimides having a 'glass transition temperature (Tg)' exceeding 505 K (232 °C)"
    # (a.2, a.4, f: 563 K (290 °C)): the round figure the threshold (h20range: 505 K, 290 °C);
    # "fusible" form a fact (Note)
    for code, kind, degrees, unit in [
        ("1C008.a.2", "aromatic-polyamide-imide", "290", "DEG_C"),
        ("1C008.a.3", "aromatic-polyimide", "505", "K"),
        ("1C008.a.4", "aromatic-polyetherimide", "290", "DEG_C"),
        ("1C008.f", "polybiphenylenethersulphone", "290", "DEG_C"),
    ]:
        polymer = found[(jurisdiction, code)]
        assert polymer.kinds == (kind,) and polymer.text_only is None
        fusible = () if code == "1C008.f" else ("imide-in-fusible-form",)
        assert polymer.requires_facts == fusible
        tg = criterion("polymer-glass-transition-temperature", ">", degrees, unit)
        assert ways(polymer) == {frozenset({tg})}
    ketone = found[(jurisdiction, "1C008.d")]  # "Polyarylene ketones": the kind alone
    assert ketone.kinds == ("polyarylene-ketone",) and not ketone.criteria


def test_eu_1c240_nickel_powder(found: Found) -> None:
    # "A nickel purity content of 99,0 % or greater by weight; and A mean particle size of less
    # than 10 μm measured by … ASTM B330"; the US text (the Note's exclusions printed as
    # paragraphs a and b) is not read
    powder = found[("EU", "1C240.a")]
    assert powder.requires_facts == (
        "nickel-powder-not-specified-in-0c005",
        "nickel-powder-not-filamentary",
    )
    assert ways(powder) == {
        frozenset(
            {
                criterion("nickel-purity", ">=", "99.0", "PERCENT"),
                criterion("nickel-powder-mean-particle-size", "<", "10", "MicroM"),
            }
        )
    }
    assert ("US", "1C240.a") not in found
