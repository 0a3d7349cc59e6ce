"""Category 1 read from ontology/sources/ (h20c1), both lists: 1C004 tungsten and uranium titanium
alloys (density, elastic limit, ultimate tensile strength, elongation), 1C216 maraging steel
(ultimate tensile strength it is "capable of" at 20 °C; "other than 1C116" and the Note's forms
as facts), and 1C232 helium-3 in a dilution refrigerator (the Note's "less than 1 g of
helium-3": the device's helium-3 content, 1 g or more)."""

from __future__ import annotations

import pytest

from tests.lists.formal import Criterion, Found, criterion, ways

BOTH = ("US", "EU")

_READ: list[tuple[str, tuple[str, ...], tuple[str, ...], set[frozenset[Criterion]]]] = [
    (  # "A density exceeding 17.5 g/cm^3; An elastic limit exceeding 880 MPa; An ultimate
        # tensile strength exceeding 1,270 MPa; and An elongation exceeding 8%" (EU "17,5
        # g/cm3", "1270 MPa", "8 %")
        "1C004",
        ("uranium-titanium-alloy", "tungsten-alloy-with-iron-nickel-or-copper-matrix"),
        (),
        {
            frozenset(
                {
                    criterion("material-density", ">", "17.5", "GM-PER-CentiM3"),
                    criterion("alloy-elastic-limit", ">", "880", "MegaPA"),
                    criterion("alloy-ultimate-tensile-strength", ">", "1270", "MegaPA"),
                    criterion("alloy-elongation", ">", "8", "PERCENT"),
                }
            )
        },
    ),
    (  # "Maraging steel, other than that controlled by 1C116, “capable of” an ultimate tensile
        # strength of 1,950 MPa or more, at 293 K (20 °C)" (EU "1950 MPa")
        "1C216",
        ("maraging-steel",),
        (
            "maraging-steel-not-specified-in-1c116",
            "maraging-steel-form-with-a-linear-dimension-above-75-mm",
        ),
        {
            frozenset(
                {criterion("alloy-ultimate-tensile-strength-capable-20c", ">=", "1950", "MegaPA")}
            )
        },
    ),
    (  # 1A002.b.1 "Carbon “fibrous or filamentary materials” having all of the following: A
        # “specific modulus” exceeding 10.15 x 10^6 m; and A “specific tensile strength”
        # exceeding 17.7 x 10^4 m" (US "x", EU "10,15 × 106 m", "17,7 × 104 m")
        "1A002.b.1",
        ("carbon-fibre-reinforced-metal-or-carbon-matrix-composite",),
        (
            "composite-not-excluded-by-notes-to-1a002",
            "carbon-fibre-composite-not-excluded-by-notes-to-1a002-b-1",
        ),
        {
            frozenset(
                {
                    criterion("fibre-specific-modulus", ">", "10.15E6", "M"),
                    criterion("fibre-specific-tensile-strength", ">", "17.7E4", "M"),
                }
            )
        },
    ),
    (  # 1C002.b.5 "A tensile strength of 345 MPa or more; and A corrosion rate of less than
        # 1 mm/year in 3% sodium chloride aqueous solution measured in accordance with ASTM
        # standard G-31 or national equivalents"
        "1C002.b.5",
        ("magnesium-alloy",),
        (
            "alloy-made-from-1c002-c-powder-or-particulate-material",
            "alloy-not-specially-formulated-for-coating",
        ),
        {
            frozenset(
                {
                    criterion("alloy-tensile-strength", ">=", "345", "MegaPA"),
                    criterion(
                        "alloy-corrosion-rate-3-percent-nacl-astm-g31", "<", "1", "MilliM-PER-YR"
                    ),
                }
            )
        },
    ),
    (  # 1C231 "Hafnium metal, hafnium alloys and compounds containing more than 60% hafnium by
        # weight, …" (EU: alloys and compounds each "containing more than 60 % hafnium by weight",
        # read twice into the one criterion)
        "1C231",
        ("hafnium-material",),
        (),
        {frozenset({criterion("hafnium-content-by-weight", ">", "60", "PERCENT")})},
    ),
    (  # "Helium-3 (^3He), mixtures containing helium-3, and products or devices containing any
        # of the foregoing"; Note (US ECCN Controls): "does not control a product or device
        # containing less than 1 g of helium-3"
        "1C232",
        ("dilution-refrigerator",),
        (),
        {frozenset({criterion("helium-3-content", ">=", "1", "GM")})},
    ),
    (  # "High explosives, other than those controlled by the U.S. Munitions List, or substances
        # or mixtures containing more than 2% by weight thereof, with a crystal density greater
        # than 1.8 g/cm^3 and having a detonation velocity greater than 8,000 m/s" (EU "2 %",
        # "1,8 g/cm3", "8000 m/s")
        "1C239",
        ("high-explosive",),
        ("high-explosive-outside-the-munitions-lists",),
        {
            frozenset(
                {
                    criterion("high-explosive-content-by-weight", ">", "2", "PERCENT"),
                    criterion("high-explosive-crystal-density", ">", "1.8", "GM-PER-CentiM3"),
                    criterion("high-explosive-detonation-velocity", ">", "8000", "M-PER-SEC"),
                }
            )
        },
    ),
]


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(("code", "kinds", "facts", "expected"), _READ, ids=[r[0] for r in _READ])
def test_category_1_read_from_the_texts(
    found: Found,
    jurisdiction: str,
    code: str,
    kinds: tuple[str, ...],
    facts: tuple[str, ...],
    expected: set[frozenset[Criterion]],
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.kinds == kinds and entry.text_only is None
    assert entry.requires_facts == facts
    assert ways(entry) == expected


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c232_reads_the_note_as_a_fixed_threshold(found: Found, jurisdiction: str) -> None:
    # the 1 g is the Note's (a fixed phrase it defines), not a threshold the paragraph states:
    # helium-3 gas and mixtures themselves are not read (no kind of theirs is named)
    (helium,) = [c for way in found[(jurisdiction, "1C232")].ways for c in way]
    assert helium.defined_by and "less than 1 g of helium-3" in helium.defined_by
    assert helium.unit == "http://qudt.org/vocab/unit/GM"  # grams, not standard gravity


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("code", ["1C011.b.1", "1C011.b.2"])
def test_1c011_b_boron_powders(found: Found, jurisdiction: str, code: str) -> None:
    # "Boron or boron alloys, with a particle size of 60 µm or less, as follows": b.1 "Boron with
    # a purity of 85% by weight or more", b.2 "Boron alloys with a boron content of 85% by weight
    # or more" — both the boron content ("% by weight" a spelling of the per cent, units.csv)
    boron = found[(jurisdiction, code)]
    assert boron.kinds == ("boron-or-boron-alloy",) and boron.text_only is None
    assert ways(boron) == {
        frozenset(
            {
                criterion("particle-size", "<=", "60", "MicroM"),
                criterion("boron-content-by-weight", ">=", "85", "PERCENT"),
            }
        )
    }
    assert found[(jurisdiction, "1C011.b")].group


def test_one_list_only(found: Found) -> None:
    # "Plutonium in any form with a plutonium isotopic assay of plutonium-238 of more than 50 % by
    # weight"; the Note (shipments of 1 g or less, …) a fact; the CCL has no 1C012
    plutonium = found[("EU", "1C012.a")]
    assert plutonium.requires_facts == ("plutonium-shipment-not-excluded-by-note-to-1c012-a",)
    assert ways(plutonium) == {
        frozenset({criterion("plutonium-238-isotopic-assay", ">", "50", "PERCENT")})
    }
    assert ("US", "1C012.a") not in found
    # US 1C111.d.1 "Hydrazine (C.A.S. #302-01-2) in concentrations of 70% or more"; Annex I's
    # 1C111 has no hydrazine
    hydrazine = found[("US", "1C111.d.1")]
    assert hydrazine.kinds == ("hydrazine",) and not hydrazine.requires_facts
    assert ways(hydrazine) == {frozenset({criterion("hydrazine-concentration", ">=", "70", "PERCENT")})}  # fmt: skip
    assert ("EU", "1C111.d.1") not in found
    # EU 1C230 "alloys containing more than 50 % beryllium by weight"; the US heading is not read
    # (the CCL reader gives it its ECCN Controls' exclusions as paragraphs)
    beryllium = found[("EU", "1C230")]
    assert ways(beryllium) == {frozenset({criterion("beryllium-content-by-weight", ">", "50", "PERCENT")})}  # fmt: skip
    assert found[("US", "1C230")].text_only and not found[("US", "1C230")].ways


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c116_maraging_steels_stay_text(found: Found, jurisdiction: str) -> None:
    # "equal to or greater than:" with its figures in the sub-paragraphs: a maraging steel is
    # "unknown" by 1C116, never "not controlled"
    steel = found[(jurisdiction, "1C116")]
    assert steel.kinds == ("maraging-steel",) and steel.text_only and not steel.ways


_ALLOYS = [  # 1C002.b: "Metal alloys, as follows, made from the powder or particulate material
    # controlled by 1C002.c"; the 'stress-rupture life' "of 10,000 hours or longer" of b.1.a–b.3.a
    # is not read ("or longer"): those stay text
    ("1C002.b.1.b", "nickel-alloy", criterion("nickel-alloy-low-cycle-fatigue-life-550c-1095mpa", ">=", "10000", "NUM")),
    ("1C002.b.2.b", "niobium-alloy", criterion("niobium-alloy-low-cycle-fatigue-life-700c-700mpa", ">=", "10000", "NUM")),
    ("1C002.b.3.b", "titanium-alloy", criterion("titanium-alloy-low-cycle-fatigue-life-450c-400mpa", ">=", "10000", "NUM")),
    ("1C002.b.4.a", "aluminium-alloy", criterion("alloy-tensile-strength-200c", ">=", "240", "MegaPA")),
    ("1C002.b.4.b", "aluminium-alloy", criterion("alloy-tensile-strength-25c", ">=", "415", "MegaPA")),
]  # fmt: skip


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(("code", "kind", "threshold"), _ALLOYS)
def test_1c002_b_alloys(
    found: Found, jurisdiction: str, code: str, kind: str, threshold: Criterion
) -> None:
    alloy = found[(jurisdiction, code)]
    assert alloy.kinds == (kind,) and alloy.text_only is None
    assert alloy.requires_facts == (
        "alloy-made-from-1c002-c-powder-or-particulate-material",
        "alloy-not-specially-formulated-for-coating",
    )
    assert ways(alloy) == {frozenset({threshold})}
    if kind != "aluminium-alloy":  # b.1.a–b.3.a "10,000 hours or longer": text
        assert found[(jurisdiction, code[:-1] + "a")].text_only


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c010_c_inorganic_fibres(found: Found, jurisdiction: str) -> None:
    # c.1.a "Composed of 50% or more by weight silicon dioxide (SiO2) and having a “specific
    # modulus” exceeding 2.54 × 10^6 m; or" c.1.b "Not specified in 1C010.c.1.a and having a
    # “specific modulus” exceeding 5.6 × 10^6 m" (below 50 % silica: a fixed phrase); and c.2
    # "Melting, softening, decomposition or sublimation point exceeding 1,922 K (1,649 °C) in an
    # inert environment" (EU "2,54 × 106 m", "1922 K (1649 °C)")
    fibre = found[(jurisdiction, "1C010.c")]
    assert fibre.kinds == ("inorganic-fibrous-or-filamentary-material",)
    assert fibre.requires_facts == ("inorganic-fibrous-material-not-excluded-by-note-to-1c010-c",)
    point = criterion("fibre-melting-softening-decomposition-or-sublimation-point-inert", ">", "1649", "DEG_C")  # fmt: skip
    silica = "fibre-silicon-dioxide-content"
    sides = ((">=", "2.54E6"), ("<", "5.6E6"))  # c.1.a, c.1.b
    modulus = "fibre-specific-modulus"
    expected = {
        frozenset({point, criterion(silica, c, "50", "PERCENT"), criterion(modulus, ">", m, "M")})
        for c, m in sides
    }
    assert ways(fibre) == expected


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_1c233_lithium_6_by_kind(found: Found, jurisdiction: str) -> None:
    # "Lithium enriched in the lithium-6 (^6 Li) isotope to greater than its natural isotopic
    # abundance, and products or devices containing enriched lithium": no figure (the natural
    # abundance is "approximately" 7.5 atom %), the kind; "does not control thermoluminescent
    # dosimeters" an excluded kind
    lithium = found[(jurisdiction, "1C233")]
    assert lithium.kinds == ("lithium-6-enriched-lithium",) and not lithium.criteria
    assert lithium.excluded_kinds == ("lithium-6-enriched-thermoluminescent-dosimeter",)
