"""Optical families of Category 6 read from the official texts (families.csv): semiconductor
laser 'stacked arrays' (6A005.d.1.d) and "space-qualified" solid-state detectors (6A002.a.1).
Each paragraph's criteria are the comparators, values and units its own words state, in each
list's spelling (US "1,400 nm", EU "1400 nm", "1,5 W"); what cannot be read exactly stays text."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders import formalize, formalize_tree
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.formalize_clauses import _in_phrases

from exportgraph.paths import ontology_dir

ONTOLOGY = ontology_dir()
ROOTS = ("6A005.d.1.d", "6A002.a.1")
BOTH = ("US", "EU")
Found = dict[tuple[str, str], formalize.FormalEntry]
Read = set[tuple[str, str, Decimal, str]]


@pytest.fixture(scope="module")
def found(ccl: CommerceControlList, annex: AnnexI) -> Found:
    families = [
        f for f in formalize_tree.read_families(ONTOLOGY, "families.csv") if f.code in ROOTS
    ]
    trees = {
        "US": {e.code: e.tree for e in ccl.entries},
        "EU": {e.code: e.tree for e in annex.entries},
    }
    entries = formalize_tree.formalize_families(
        families,
        formalize_tree.read_phrases(ONTOLOGY, "phrases.csv"),
        trees,
        formalize.read_units(ONTOLOGY, "units.csv"),
        {},
    )
    return {(e.jurisdiction, e.code): e for e in entries}


def _paragraphs(found: Found, jurisdiction: str) -> dict[str, Read]:
    """Paragraph → the criteria read from its own words (parameter, sign, value, unit name)."""
    read: dict[str, Read] = {}
    for (j, _), entry in found.items():
        for criterion in (c for way in entry.ways for c in way) if j == jurisdiction else ():
            unit = criterion.unit.rsplit("/", 1)[-1]
            key = (criterion.parameter, criterion.comparator, criterion.value, unit)
            read.setdefault(criterion.paragraph, set()).add(key)
    return read


POWER = "laser-average-or-cw-output-power"
DENSITY = "laser-average-or-cw-output-power-density"
WAVELENGTH = "laser-output-wavelength"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_stacked_array_bands_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    read = _paragraphs(found, jurisdiction)
    d = Decimal
    assert read["6A005.d.1.d.1"] == {(WAVELENGTH, "<", d(1400), "NanoM")}
    # "Average or CW total output power less than 3 kW and having average or CW output 'power
    # density' greater than 500 W/cm^2" (EU: W/cm2)
    assert read["6A005.d.1.d.1.a"] == {
        (POWER, "<", d(3), "KiloW"), (DENSITY, ">", d(500), "W-PER-CentiM2"),
    }  # fmt: skip
    # "… equal to or exceeding 3 kW but less than or equal to 5 kW, and having … greater than
    # 350W/cm^2" (the US writes no space before the unit)
    assert read["6A005.d.1.d.1.b"] == {
        (POWER, ">=", d(3), "KiloW"), (POWER, "<=", d(5), "KiloW"),
        (DENSITY, ">", d(350), "W-PER-CentiM2"),
    }  # fmt: skip
    assert read["6A005.d.1.d.1.d"] == {
        ("laser-peak-pulsed-power-density", ">", d(2500), "W-PER-CentiM2")
    }
    coherent = "laser-spatially-coherent-average-or-cw-output-power"
    assert read["6A005.d.1.d.1.e"] == {(coherent, ">", d(150), "W")}
    assert read["6A005.d.1.d.2"] == {
        (WAVELENGTH, ">=", d(1400), "NanoM"), (WAVELENGTH, "<", d(1900), "NanoM"),
    }  # fmt: skip
    assert read["6A005.d.1.d.2.a"] == {
        (POWER, "<", d(250), "W"), (DENSITY, ">", d(150), "W-PER-CentiM2"),
    }  # fmt: skip
    assert read["6A005.d.1.d.2.e"] == {(coherent, ">", d(15), "W")}
    # "Average or CW output power greater than 10 W" (no 'total': the array's own output power)
    assert read["6A005.d.1.d.3.b"] == {(POWER, ">", d(10), "W")}
    assert read["6A005.d.1.d.3.c"] == {(coherent, ">", d("1.5"), "W")}  # EU "1,5 W"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_stacked_array_notes_keep_their_bands_incomplete(found: Found, jurisdiction: str) -> None:
    entries = {code: e for (j, code), e in found.items() if j == jurisdiction}
    assert entries["6A005.d.1.d"].group
    # the Notes 'does not apply to [EU: does not control] epitaxially-fabricated monolithic
    # devices' on .d.1.d.1.d and .d.1.d.2.d: met is "unknown", never "controlled"
    for code in ("6A005.d.1.d.1", "6A005.d.1.d.2"):
        why = entries[code].text_only
        assert why and f"{code}.d take items out that the criteria cannot name" in why
        assert len(entries[code].ways) == 5
    assert entries["6A005.d.1.d.3"].text_only is None and len(entries["6A005.d.1.d.3"].ways) == 3
    # "At least one 'bar' specified by 6A005.d.1.c" states no threshold of the array: text
    assert entries["6A005.d.1.d.4"].text_only and not entries["6A005.d.1.d.4"].criteria


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_detectors_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    read = _paragraphs(found, jurisdiction)
    d, peak = Decimal, "detector-peak-response-wavelength"
    assert read["6A002.a.1.a.1"] == {(peak, ">", d(10), "NanoM"), (peak, "<=", d(300), "NanoM")}
    # "A response of less than 0.1% [EU: 0,1 %] relative to the peak response at a wavelength
    # exceeding 400 nm": the 400 nm is the parameter's, not a criterion
    relative = "detector-response-above-400nm-relative-to-peak"
    assert read["6A002.a.1.a.2"] == {(relative, "<", d("0.1"), "PERCENT")}
    assert read["6A002.a.1.b.1"] == {
        (peak, ">", d(900), "NanoM"), (peak, "<=", d(1200), "NanoM"),
    }  # fmt: skip
    time_constant = "detector-response-time-constant"
    assert read["6A002.a.1.b.2"] == {(time_constant, "<=", d(95), "NanoSEC")}
    assert read["6A002.a.1.c"] == {(peak, ">", d(1200), "NanoM"), (peak, "<=", d(30000), "NanoM")}
    entries = {code: e for (j, code), e in found.items() if j == jurisdiction}
    for code in ("6A002.a.1.a", "6A002.a.1.b", "6A002.a.1.c"):
        assert entries[code].text_only is None
        assert entries[code].requires_facts == ("space-qualified",)
    # 'focal plane arrays' having more than 2,048 elements: focal plane arrays only, stays text
    assert entries["6A002.a.1.d"].text_only and not entries["6A002.a.1.d"].criteria


def test_each_paragraph_gives_its_stated_thresholds(
    found: Found, ccl: CommerceControlList, annex: AnnexI
) -> None:
    """Every threshold a read paragraph states is a criterion, or the measurement condition of
    the phrase it was read with (6A002.a.1.a.2's "at a wavelength exceeding 400 nm")."""
    trees = {"US": ccl.entry, "EU": annex.entry}
    checked = 0
    for jurisdiction in BOTH:
        by_paragraph: dict[str, list[formalize.FormalCriterion]] = {}
        for (j, _), entry in found.items():
            for criterion in (c for way in entry.ways for c in way) if j == jurisdiction else ():
                by_paragraph.setdefault(criterion.paragraph, []).append(criterion)
        for code, criteria in by_paragraph.items():
            distinct = list(dict.fromkeys(criteria))
            node = trees[jurisdiction](code.split(".", 1)[0]).tree.find(code)
            assert node is not None
            stated = formalize.stated_thresholds(node.text)
            assert len(distinct) + _in_phrases(distinct) == stated, (jurisdiction, code)
            checked += 1
    assert checked > 30
