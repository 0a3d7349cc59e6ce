"""US 3B991, 3B992, 3B993.c.3 and 3B994 semiconductor manufacturing and test equipment as the
official text states it. Expected values written from ontology/sources/us-ccl-15cfr774-supp1.xml,
not from the formalizer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.lists.formal import Criterion, Found, ways

NOT_3B992 = "not-controlled-by-3b002-3b993-3b994"
STORED = "stored-program-controlled"


def test_3b992_wafer_probing(found: Found) -> None:
    # 3B992.b.3.b "more than 68 terminals"; .c "exceeding 1 GHz"; .a "finer than 3.5 micrometer"
    assert ways(found[("US", "3B992.b.3.b")]) == {
        frozenset({("tested-device-terminal-count", ">", Decimal("68"), "NUM")})
    }
    assert ways(found[("US", "3B992.b.3.c")]) == {
        frozenset({("test-frequency-max", ">", Decimal("1"), "GigaHZ")})
    }
    assert found[("US", "3B992.b.3")].group
    assert ways(found[("US", "3B992.b.3.a")]) == {
        frozenset({("wafer-prober-positioning-accuracy", "<", Decimal("3.5"), "MicroM")})
    }  # "finer than": a length finer when smaller
    for code in ("3B992.b.3.a", "3B992.b.3.b", "3B992.b.3.c"):
        assert found[("US", code)].kinds == ("wafer-probing-equipment",)
        assert set(found[("US", code)].requires_facts) == {NOT_3B992, STORED}
    assert ("EU", "3B992.b.3") not in found


def test_3b992_discrete_device_testers(found: Found) -> None:
    entry = found[("US", "3B992.b.4.a")]
    assert ways(entry) == {frozenset({("test-frequency-max", ">", Decimal("18"), "GigaHZ")})}
    assert set(entry.requires_facts) == {NOT_3B992, STORED}


def test_3b992_integrated_circuit_testers(found: Found) -> None:
    # b.4.b.1 "exceeding 20 MHz"; b.4.b.2 "exceeding 10 MHz but not exceeding 20 MHz and
    # capable of testing packages of more than 68 terminals"
    assert ways(found[("US", "3B992.b.4.b.1")]) == {
        frozenset({("tester-pattern-rate", ">", Decimal("20"), "MegaHZ")})
    }
    assert ways(found[("US", "3B992.b.4.b.2")]) == {
        frozenset(
            {
                ("tester-pattern-rate", ">", Decimal("10"), "MegaHZ"),
                ("tester-pattern-rate", "<=", Decimal("20"), "MegaHZ"),
                ("tested-device-terminal-count", ">", Decimal("68"), "NUM"),
            }
        )
    }
    for code in ("3B992.b.4.b.1", "3B992.b.4.b.2"):
        facts = set(found[("US", code)].requires_facts)
        assert facts == {NOT_3B992, STORED, "ic-tester-not-excluded-by-note-to-3b992-b-4-b"}


def test_3b992_focal_plane_array_testers(found: Found) -> None:
    # b.4.c "at wavelengths of more than 1,200 nm"; c.1 "spot diameters of less than 0.12 mm"
    above = ("fpa-test-wavelength", ">", Decimal("1200"), "NanoM")
    assert ways(found[("US", "3B992.b.4.c.1")]) == {
        frozenset({above, ("fpa-test-scanning-spot-diameter", "<", Decimal("0.12"), "MilliM")})
    }
    for code in ("3B992.b.4.c.2", "3B992.b.4.c.3"):  # text, keeping the heading's wavelength
        entry = found[("US", code)]
        assert entry.text_only and ways(entry) == {frozenset({above})}


NOT_3B991 = "not-controlled-by-3b001-3b993-3b994"


def _one(parameter: str, comparator: str, value: str, unit: str) -> set[frozenset[Criterion]]:
    return {frozenset({(parameter, comparator, Decimal(value), unit)})}


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        # "Capable of operation at pressures above 2.5 × 10^5 Pa"
        ("3B991.b.1.c.2.b", _one("crystal-puller-operating-pressure-max", ">", "250000", "PA")),
        ("3B991.b.1.c.2.c", _one("crystal-puller-crystal-diameter-max", ">", "100", "MilliM")),
        ("3B991.b.1.g.2", _one("ion-beam-energy-max", ">", "200", "KiloEV")),
        ("3B991.b.1.j.3", _one("beam-dac-conversion-rate", ">", "3", "MegaHZ")),
        ("3B991.b.1.j.4", _one("beam-dac-conversion-accuracy", ">", "12", "BIT")),
        ("3B991.b.1.m.2", _one("laser-trimming-spot-size", "<", "3", "MicroM")),
        ("3B991.b.2.g", _one("smallest-pattern-size", "<", "2.5", "MicroM")),
        ("3B991.b.2.h", _one("smallest-pattern-size", "<", "2.5", "MicroM")),
        # "operating below 10^5 Pa"
        ("3B991.b.1.i.1", _one("cvd-operating-pressure-min", "<", "100000", "PA")),
    ],
)
def test_3b991_values(found: Found, code: str, expected: set[frozenset[Criterion]]) -> None:
    entry = found[("US", code)]
    assert ways(entry) == expected and not entry.text_only
    assert NOT_3B991 in entry.requires_facts


@pytest.mark.parametrize(
    "code",
    [
        "3B991.b.1.c.2.a",  # rechargeable without replacing the crucible container
        "3B991.b.1.g.1",
        "3B991.b.1.g.3",  # "Optimized to operate at a beam energy … of less than 10 keV"
        "3B991.b.1.g.4",
        "3B991.b.1.j.1",
        "3B991.b.1.j.2",
    ],
)
def test_3b991_left_as_text(found: Found, code: str) -> None:
    # (3B991.b.1.m.1 "less than ±1 micrometer" and b.2.f.2 are read since: the signed
    # tolerances of tests/lists/test_formalize_h18c3.py)
    assert found[("US", code)].text_only


def test_3b991_facts(found: Found) -> None:
    assert "stored-program-controlled" in found[("US", "3B991.b.1.c.2.b")].requires_facts
    assert "stored-program-controlled" in found[("US", "3B991.b.1.m.2")].requires_facts
    assert "stored-program-controlled" not in found[("US", "3B991.b.1.g.2")].requires_facts
    # the Note to 3B991.b.1.i: not LPCVD systems or reactive sputtering equipment
    cvd = found[("US", "3B991.b.1.i.1")]
    assert "cvd-not-lpcvd-or-reactive-sputtering" in cvd.requires_facts


def test_3b993_c_3_anisotropic_dry_etch(found: Found) -> None:
    # "switching time less than 500 milliseconds"; "greater than or equal to 10 individually
    # controllable variable temperature elements"
    entry = found[("US", "3B993.c.3")]
    assert ways(entry) == {
        frozenset(
            {
                ("fast-gas-switching-valve-switching-time", "<", Decimal("500"), "MilliSEC"),
                ("electrostatic-chuck-temperature-element-count", ">=", Decimal("10"), "NUM"),
            }
        )
    }
    assert entry.kinds == ("anisotropic-dry-etch-equipment",)
    assert set(entry.requires_facts) == {"not-specified-by-3b001-c-1-c", "etch-pulsed-rf-output"}


def test_3b992_b_6_focused_ion_beam(found: Found) -> None:
    assert ways(found[("US", "3B992.b.6.b")]) == _one(
        "beam-dac-conversion-accuracy", ">", "12", "BIT"
    )
    # "1 micrometer or finer": a length finer when smaller
    assert ways(found[("US", "3B992.b.6.a")]) == _one(
        "beam-position-feedback-precision", "<=", "1", "MicroM"
    )
    assert ways(found[("US", "3B991.b.1.j.5")]) == _one(
        "beam-position-feedback-precision", "<=", "1", "MicroM"
    )


def test_3b994_b_2_ion_implanters(found: Found) -> None:
    # "Having angular accuracy equal to or less (better) than 0.1 degrees"
    entry = found[("US", "3B994.b.2.c")]
    assert ways(entry) == _one("ion-implant-angular-accuracy", "<=", "0.1", "DEG")
    assert set(entry.requires_facts) == {
        "ion-implanter-for-300-mm-wafers",
        "semiconductor-equipment-designed-for-volume-production",
    }
    # beam current and energy windows stay text
    assert found[("US", "3B994.b.2.a")].text_only and found[("US", "3B994.b.2.b")].text_only


def test_3b993_carbon_cvd_and_overlay_metrology(found: Found) -> None:
    # d.3 "a density more than 1.6 g/cm^3"
    assert ways(found[("US", "3B993.d.3")]) == _one(
        "deposited-carbon-layer-density", ">", "1.6", "GM-PER-CentiM3"
    )
    # q.2.b "less (better) than or equal to 0.5 nm"; b.2 'fast wavelength switching
    # functionality': under 25 ms (Technical Note 2 to 3B993.q.2)
    accuracy = ("overlay-measurement-accuracy", "<=", Decimal("0.5"), "NanoM")
    fast = found[("US", "3B993.q.2.b.2")]
    assert ways(fast) == {
        frozenset(
            {accuracy, ("wavelength-switch-and-measure-time", "<", Decimal("25"), "MilliSEC")}
        )
    }
    assert any("Technical Note 2" in c.defined_by for c in fast.criteria)
    track = found[("US", "3B993.q.2.b.1")]
    assert track.text_only and ways(track) == {frozenset({accuracy})}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_3b001_h_phase_shift_masks(found: Found, jurisdiction: str) -> None:
    # "having a light source wavelength less than 245 nm", both lists
    entry = found[(jurisdiction, "3B001.h")]
    assert ways(entry) == _one("mask-lithography-light-source-wavelength", "<", "245", "NanoM")
    assert set(entry.requires_facts) == {
        "not-specified-by-3b001-g",
        "phase-shift-mask-not-for-memory-devices-not-controlled-by-3a001",
    }


@pytest.mark.parametrize(
    ("code", "expected", "fact"),
    [
        # "in a vacuum (equal to or less than 0.01 Pa) environment"
        (
            "3B993.p.1",
            _one("process-vacuum-pressure", "<=", "0.01", "PA"),
            "not-deposition-equipment",
        ),
        (
            "3B991.b.2.d.2",
            _one("smallest-line-width", "<", "2.5", "MicroM"),
            "mask-fabrication-equipment-not-pre-1980-photo-optical",
        ),
        (
            "3B992.b.1",
            _one("smallest-detected-defect-size", "<=", "0.6", "MicroM"),
            "not-general-purpose-sem-unless-for-pattern-inspection",
        ),
        (
            "3B991.b.1.k.2",
            _one("wafer-surface-roughness-two-sigma-tir", "<=", "2", "MicroM"),
            "not-single-side-lapping-and-polishing-equipment",
        ),
        (
            "3B991.b.1.c.1",
            _one("wafer-processing-rate-area", ">", "0.005", "M2-PER-MIN"),
            NOT_3B991,
        ),
    ],
)
def test_more_single_figures(
    found: Found, code: str, expected: set[frozenset[Criterion]], fact: str
) -> None:
    entry = found[("US", code)]
    assert ways(entry) == expected and not entry.text_only
    assert fact in entry.requires_facts


def test_3b993_o_1_vacuum_annealing_stays_text_with_its_vacuum(found: Found) -> None:
    for code in ("3B993.o.1.a", "3B993.o.1.b"):
        entry = found[("US", code)]
        assert entry.text_only
        assert ways(entry) == _one("process-vacuum-pressure", "<=", "0.01", "PA")
        assert entry.requires_facts == ("annealing-equipment-for-300-mm-wafers",)


@pytest.mark.parametrize(
    ("jurisdiction", "code", "kind"),
    [
        ("US", "3B001.b", "ion-implantation-equipment"),
        ("EU", "3B001.b", "ion-implantation-equipment"),
        ("US", "3B993.b", "ion-implantation-equipment"),
        ("US", "3B993.q.1", "wafer-defect-inspection-equipment"),
        ("US", "3B001.d.2", "chemical-vapor-deposition-equipment"),
        ("EU", "3B501.n.3", "chemical-vapor-deposition-equipment"),
        ("EU", "3B501.n.4", "chemical-vapor-deposition-equipment"),
        ("US", "3B993.d.1", "chemical-vapor-deposition-equipment"),
        ("US", "3B993.d.2", "chemical-vapor-deposition-equipment"),
        ("US", "3B993.d.4", "chemical-vapor-deposition-equipment"),
        ("US", "3B991.b.1.i.2", "chemical-vapor-deposition-equipment"),
        ("US", "3B991.b.2.f.3", "wafer-stepper-or-scanner"),
        ("US", "3B001.c.3", "anisotropic-dry-etch-equipment"),
        ("US", "3B991.b.2.e", "mask-inspection-equipment"),
    ],
)
def test_known_as_text_with_their_kind(
    found: Found, jurisdiction: str, code: str, kind: str
) -> None:
    # (US 3B993.c.1 and c.2 are necessary conditions since: tests/lists/test_formalize_h18c3.py)
    entry = found[(jurisdiction, code)]
    assert entry.text_only and kind in entry.kinds and not entry.criteria


@pytest.mark.parametrize(
    ("jurisdiction", "code", "fact"),
    [
        ("US", "3B001.g", "mask-designed-for-ics-controlled-by-3a001"),
        ("EU", "3B001.g", "mask-designed-for-ics-controlled-by-3a001"),
        ("US", "3B002.a", "tester-for-s-parameters-of-3a001-b-3-items"),
        ("EU", "3B002.a", "tester-for-s-parameters-of-3a001-b-3-items"),
        ("US", "3B002.b", "tester-for-3a001-b-2-microwave-integrated-circuits"),
        ("EU", "3B002.c", "tester-for-3a001-b-2-microwave-integrated-circuits"),
        ("US", "3B993.p.3", "dry-surface-oxide-removal-preclean-or-decontamination"),
        ("US", "3B002.c", "inspection-equipment-for-euv-masks"),
    ],
)
def test_decided_by_a_fact(found: Found, jurisdiction: str, code: str, fact: str) -> None:
    entry = found[(jurisdiction, code)]
    assert not entry.text_only and not entry.criteria and fact in entry.requires_facts


def test_3b991_b_2_f_align_and_expose(found: Found) -> None:
    # f.1 "pattern size of less than 2.5 micrometer"; f.4 "shorter than 400 nm"
    assert ways(found[("US", "3B991.b.2.f.1")]) == _one(
        "smallest-pattern-size", "<", "2.5", "MicroM"
    )
    assert ways(found[("US", "3B991.b.2.f.4")]) == _one(
        "lithography-light-source-wavelength", "<", "400", "NanoM"
    )
    for code in ("3B991.b.2.f.1", "3B991.b.2.f.4"):
        entry = found[("US", code)]
        assert set(entry.kinds) == {
            "wafer-stepper-or-scanner",
            "projection-align-and-expose-equipment",
        }
        assert entry.requires_facts == (NOT_3B991,)
    assert ("EU", "3B991.b.2.f.4") not in found


@pytest.mark.parametrize(
    ("code", "fact"),
    [("3B991.b.1.h.1.b", "batch-type-etcher"), ("3B991.b.1.h.2.b", "single-wafer-type-etcher")],
)
def test_3b991_b_1_h_etch_pressure(found: Found, code: str, fact: str) -> None:
    # "Reactor operational (etching) pressure of 26.66 Pa or less"
    entry = found[("US", code)]
    assert ways(entry) == _one("etch-reactor-operating-pressure", "<=", "26.66", "PA")
    assert set(entry.requires_facts) == {NOT_3B991, "stored-program-controlled", fact}


def test_3b993_o_2_flash_annealing(found: Found) -> None:
    # "to a temperature greater than 1000 °C (1832 °F) for a 'duration' less than 2 ms"
    entry = found[("US", "3B993.o.2")]
    assert ways(entry) == {
        frozenset(
            {
                ("anneal-wafer-peak-temperature", ">", Decimal("1000"), "DEG_C"),
                ("anneal-duration-above-1000-c", "<", Decimal("2"), "MilliSEC"),
            }
        )
    }
    assert entry.requires_facts == ("annealing-equipment-for-300-mm-wafers",)


def test_3b993_f_3_throughput_commodities(found: Found) -> None:
    # "by greater than 1%"
    entry = found[("US", "3B993.f.3")]
    assert ways(entry) == _one("lithography-throughput-increase", ">", "1", "PERCENT")
    assert entry.requires_facts == ("for-lithography-equipment-of-3b001-f-1-or-3b993-f-1",)


def test_epitaxy_known_as_text_or_by_kind(found: Found) -> None:
    for jurisdiction in ("US", "EU"):
        a1 = found[(jurisdiction, "3B001.a.1")]
        assert a1.text_only and a1.kinds == ("epitaxial-growth-equipment",)
        assert a1.requires_facts == ("epitaxy-produces-layer-other-than-silicon",)
        mbe = found[(jurisdiction, "3B001.a.3")]
        assert not mbe.text_only and mbe.kinds == ("molecular-beam-epitaxy-equipment",)
        assert not mbe.requires_facts and not mbe.criteria
    d = found[("US", "3B991.b.1.d")]
    assert d.text_only and set(d.requires_facts) == {NOT_3B991, "stored-program-controlled"}


def test_3b992_b_5_non_contactive_probing(found: Found) -> None:
    # b.5.b "a resolution of less than 0.5 V"
    entry = found[("US", "3B992.b.5.b")]
    assert ways(entry) == _one("electron-spectrometer-voltage-resolution", "<", "0.5", "V")
    assert "electron-beam-at-3-kev-or-below-or-laser-beam-prober" in entry.requires_facts
    assert found[("US", "3B992.b.5.a")].text_only and found[("US", "3B992.b.5.c")].text_only
