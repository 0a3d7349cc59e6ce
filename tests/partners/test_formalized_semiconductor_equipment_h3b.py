"""Classification of US 3B991, 3B992, 3B993.c.3 and 3B994 equipment by the paragraphs read from
the text (tests/lists/test_formalize_semiconductor_equipment_h3b.py reads their values): both
sides of each threshold, units converted, and "unknown" naming a missing fact."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"
NOT_3B992 = "not-controlled-by-3b002-3b993-3b994"
STORED = "stored-program-controlled"
IC_NOTE = "ic-tester-not-excluded-by-note-to-3b992-b-4-b"
TESTER = {NOT_3B992: True, STORED: True}
S_PARAMETERS = "tester-for-s-parameters-of-3a001-b-3-items"
MICROWAVE_ICS = "tester-for-3a001-b-2-microwave-integrated-circuits"


def test_wafer_probers(classify_in: Any) -> None:
    kind = "wafer-probing-equipment"
    many = classify_in("US", _item(kind, TESTER, **{"tested-device-terminal-count": 69}), ON)
    assert many["controlled"] is True and "US:3B992.b.3.b" in _ids(many)
    fast = classify_in("US", _item(kind, TESTER, **{"test-frequency-max": "1.5 GHz"}), ON)
    assert fast["controlled"] is True and "US:3B992.b.3.c" in _ids(fast)
    # 68 terminals and 1 GHz are not "more than" / "exceeding"; 3B992.b.3.a (positioning
    # accuracy) not stated: unknown, never false
    below = _item(
        kind, TESTER, **{"tested-device-terminal-count": 68, "test-frequency-max": "1000 MHz"}
    )
    answer = classify_in("US", below, ON)
    assert answer["controlled"] == "unknown"
    assert "US:3B992.b.3.b" not in _ids(answer) and "US:3B992.b.3.c" not in _ids(answer)
    # the heading's "not controlled by 3B002, 3B993, or 3B994" is asked
    asked = classify_in("US", _item(kind, {STORED: True}, **{"test-frequency-max": "2 GHz"}), ON)
    assert asked["controlled"] == "unknown" and NOT_3B992 in asked["missing_facts"]
    no = {NOT_3B992: True, STORED: False}
    assert "US:3B992.b.3.c" not in _ids(
        classify_in("US", _item(kind, no, **{"test-frequency-max": "2 GHz"}), ON)
    )
    # the EU lists no such equipment
    assert (
        classify_in("EU", _item(kind, TESTER, **{"test-frequency-max": "2 GHz"}), ON)["controlled"]
        is False
    )


def test_discrete_device_testers(classify_in: Any) -> None:
    kind = "discrete-semiconductor-device-test-equipment"
    tester = {**TESTER, S_PARAMETERS: False}
    met = classify_in("US", _item(kind, tester, **{"test-frequency-max": "20 GHz"}), ON)
    assert met["controlled"] is True and "US:3B992.b.4.a" in _ids(met)
    at = classify_in("US", _item(kind, tester, **{"test-frequency-max": "18 GHz"}), ON)
    assert at["controlled"] is False
    # 3B002.a (S-parameters of 3A001.b.3 transistors) is asked, in both lists
    for jurisdiction in ("US", "EU"):
        asked = classify_in(
            jurisdiction, _item(kind, TESTER, **{"test-frequency-max": "18 GHz"}), ON
        )
        assert asked["controlled"] == "unknown" and S_PARAMETERS in asked["missing_facts"]
        s_tester = _item(kind, {S_PARAMETERS: True}, **{"test-frequency-max": "18 GHz"})
        controlled = classify_in(jurisdiction, s_tester, ON)
        assert controlled["controlled"] is True
        assert f"{jurisdiction}:3B002.a" in _ids(controlled)
    asked = classify_in(
        "US", _item(kind, {NOT_3B992: True}, **{"test-frequency-max": "20 GHz"}), ON
    )
    assert asked["controlled"] == "unknown" and STORED in asked["missing_facts"]


@pytest.mark.parametrize(
    ("rate", "terminals", "expected", "code"),
    [
        ("25 MHz", 10, True, "3B992.b.4.b.1"),
        ("0.021 GHz", 10, True, "3B992.b.4.b.1"),
        ("20 MHz", 69, True, "3B992.b.4.b.2"),
        ("15 MHz", 69, True, "3B992.b.4.b.2"),
        ("15 MHz", 68, False, None),
        ("10 MHz", 200, False, None),
        ("20 MHz", 68, False, None),
    ],
)
def test_ic_testers(
    classify_in: Any, rate: str, terminals: int, expected: bool, code: str | None
) -> None:
    facts = {**TESTER, IC_NOTE: True, MICROWAVE_ICS: False}
    item = _item(
        "integrated-circuit-test-equipment",
        facts,
        **{"tester-pattern-rate": rate, "tested-device-terminal-count": terminals},
    )
    answer = classify_in("US", item, ON)
    assert answer["controlled"] is expected, (rate, terminals)
    if code:
        assert f"US:{code}" in _ids(answer)


def test_ic_testers_ask_the_note(classify_in: Any) -> None:
    item = _item("integrated-circuit-test-equipment", TESTER, **{"tester-pattern-rate": "50 MHz"})
    asked = classify_in("US", item, ON)
    assert asked["controlled"] == "unknown" and IC_NOTE in asked["missing_facts"]
    memory = _item(
        "integrated-circuit-test-equipment",
        {**TESTER, IC_NOTE: False, MICROWAVE_ICS: False},
        **{"tester-pattern-rate": "50 MHz"},
    )
    assert classify_in("US", memory, ON)["controlled"] is False
    # US 3B002.b and EU 3B002.c: testers of 3A001.b.2 microwave integrated circuits
    for jurisdiction, code in (("US", "3B002.b"), ("EU", "3B002.c")):
        mmic = _item("integrated-circuit-test-equipment", {MICROWAVE_ICS: True})
        answer = classify_in(jurisdiction, mmic, ON)
        assert answer["controlled"] is True and f"{jurisdiction}:{code}" in _ids(answer)
        asked = classify_in(jurisdiction, _item("integrated-circuit-test-equipment", {}), ON)
        assert asked["controlled"] == "unknown" and MICROWAVE_ICS in asked["missing_facts"]


def test_focal_plane_array_testers(classify_in: Any) -> None:
    kind = "focal-plane-array-test-equipment"
    facts = {NOT_3B992: True}
    met = classify_in(
        "US",
        _item(
            kind,
            facts,
            **{"fpa-test-wavelength": "1.5 um", "fpa-test-scanning-spot-diameter": "0.1 mm"},
        ),
        ON,
    )
    assert met["controlled"] is True and "US:3B992.b.4.c.1" in _ids(met)
    # at 1,200 nm the heading is not met: no paragraph of 3B992.b.4.c can control it
    short = _item(
        kind,
        facts,
        **{"fpa-test-wavelength": "1200 nm", "fpa-test-scanning-spot-diameter": "0.1 mm"},
    )
    assert classify_in("US", short, ON)["controlled"] is False
    # a spot of 0.12 mm: c.1 not met, c.2 and c.3 are text: unknown
    wide = _item(
        kind,
        facts,
        **{"fpa-test-wavelength": "1500 nm", "fpa-test-scanning-spot-diameter": "120 um"},
    )
    answer = classify_in("US", wide, ON)
    assert answer["controlled"] == "unknown" and "US:3B992.b.4.c.1" not in _ids(answer)


NOT_3B991 = "not-controlled-by-3b001-3b993-3b994"


@pytest.mark.parametrize(
    ("kind", "facts", "parameter", "met", "not_met", "code"),
    [
        (
            "crystal-puller",
            {STORED: True},
            "crystal-puller-operating-pressure-max",
            "0.3 MPa",
            "250 kPa",
            "3B991.b.1.c.2.b",
        ),
        (
            "crystal-puller",
            {STORED: True},
            "crystal-puller-crystal-diameter-max",
            "150 mm",
            "100 mm",
            "3B991.b.1.c.2.c",
        ),
        (
            "ion-implantation-equipment",
            {},
            "ion-beam-energy-max",
            "250 keV",
            "200 keV",
            "3B991.b.1.g.2",
        ),
        (
            "mask-making-equipment",
            {"electron-beam-system": True},
            "beam-dac-conversion-rate",
            "5 MHz",
            "3 MHz",
            "3B991.b.1.j.3",
        ),
        (
            "direct-write-device-processing-equipment",
            {"electron-beam-system": True},
            "beam-dac-conversion-accuracy",
            "14 bit",
            "12 bit",
            "3B991.b.1.j.4",
        ),
        (
            "laser-ic-repair-or-trimming-equipment",
            {STORED: True},
            "laser-trimming-spot-size",
            "2 um",
            "3 um",
            "3B991.b.1.m.2",
        ),
        (
            "particle-beam-or-x-ray-projection-image-transfer-equipment",
            {},
            "smallest-pattern-size",
            "1 um",
            "2.5 um",
            "3B991.b.2.g",
        ),
        (
            "laser-direct-write-equipment",
            {},
            "smallest-pattern-size",
            "2400 nm",
            "2.5 um",
            "3B991.b.2.h",
        ),
        (
            "chemical-vapor-deposition-equipment",
            {"cvd-not-lpcvd-or-reactive-sputtering": True},
            "cvd-operating-pressure-min",
            "50 kPa",
            "100 kPa",
            "3B991.b.1.i.1",
        ),
    ],
)
def test_3b991_both_sides(
    classify_in: Any,
    kind: str,
    facts: dict[str, bool],
    parameter: str,
    met: str,
    not_met: str,
    code: str,
) -> None:
    stated = {NOT_3B991: True, **facts}
    yes = classify_in("US", _item(kind, stated, **{parameter: met}), ON)
    assert yes["controlled"] is True and f"US:{code}" in _ids(yes)
    no = classify_in("US", _item(kind, stated, **{parameter: not_met}), ON)
    assert f"US:{code}" not in _ids(no) and no["controlled"] is not True
    # "not controlled by 3B001, 3B993, or 3B994" is asked, never assumed
    asked = classify_in("US", _item(kind, facts, **{parameter: met}), ON)
    assert asked["controlled"] == "unknown" and NOT_3B991 in asked["missing_facts"]
    # the EU lists have no 3B991
    assert classify_in("EU", _item(kind, stated, **{parameter: met}), ON)["controlled"] is not True


def test_3b991_cvd_note(classify_in: Any) -> None:
    # the Note to 3B991.b.1.i: LPCVD systems and reactive sputtering equipment are not controlled
    kind = "chemical-vapor-deposition-equipment"
    lpcvd = {NOT_3B991: True, "cvd-not-lpcvd-or-reactive-sputtering": False}
    answer = classify_in("US", _item(kind, lpcvd, **{"cvd-operating-pressure-min": "50 Pa"}), ON)
    assert "US:3B991.b.1.i.1" not in _ids(answer) and answer["controlled"] is not True
    asked = classify_in(
        "US", _item(kind, {NOT_3B991: True}, **{"cvd-operating-pressure-min": "50 Pa"}), ON
    )
    assert asked["controlled"] == "unknown"
    assert "cvd-not-lpcvd-or-reactive-sputtering" in asked["missing_facts"]


def test_3b991_crystal_puller_text_sub_paragraph(classify_in: Any) -> None:
    # 3B991.b.1.c.2.a (rechargeable without replacing the crucible) stays text: a puller below
    # both figures is "unknown", naming it, never false
    item = _item(
        "crystal-puller",
        {NOT_3B991: True, STORED: True},
        **{
            "crystal-puller-operating-pressure-max": "0.1 MPa",
            "crystal-puller-crystal-diameter-max": "75 mm",
        },
    )
    answer = classify_in("US", item, ON)
    assert answer["controlled"] == "unknown"
    assert "US:3B991.b.1.c.2.a" in {e["id"] for e in answer["possible_entries"]}


def _etcher(switching: str, elements: int, facts: dict[str, bool]) -> dict[str, Any]:
    return _item(
        "anisotropic-dry-etch-equipment",
        facts,
        **{
            "fast-gas-switching-valve-switching-time": switching,
            "electrostatic-chuck-temperature-element-count": elements,
        },
    )


def test_3b993_c_3_anisotropic_dry_etch(classify_in: Any) -> None:
    facts = {
        "not-specified-by-3b001-c-1-c": True,
        "etch-pulsed-rf-output": True,
        "electrostatic-chuck-twenty-or-more-temperature-elements": False,
    }
    met = classify_in("US", _etcher("400 ms", 10, facts), ON)
    assert met["controlled"] is True and _ids(met) == ["US:3B993.c.3"]
    assert classify_in("US", _etcher("0.45 s", 12, facts), ON)["controlled"] is True
    for switching, elements in (("500 ms", 10), ("400 ms", 9)):
        answer = classify_in("US", _etcher(switching, elements, facts), ON)
        assert "US:3B993.c.3" not in _ids(answer), (switching, elements)
        # US 3B001.c.3 stays text, 3B993.c.2 is a necessary condition (its figures not stated):
        # unknown, never false; 3B993.c.1 asks valves under 300 ms (tests/partners/test_h18c3.py)
        assert answer["controlled"] == "unknown", (switching, elements)
        possible = {e["id"] for e in answer["possible_entries"]}
        assert {"US:3B001.c.3", "US:3B993.c.2"} <= possible and "US:3B993.c.1" not in possible
    # not specified by 3B001.c.1.c: asked
    unstated = {k: v for k, v in facts.items() if k != "not-specified-by-3b001-c-1-c"}
    asked = classify_in("US", _etcher("400 ms", 10, unstated), ON)
    assert asked["controlled"] == "unknown"
    assert "not-specified-by-3b001-c-1-c" in asked["missing_facts"]
    # the EU has no 3B993: 3B501.k.2 needs twenty or more elements and under 300 ms
    assert classify_in("EU", _etcher("400 ms", 10, facts), ON)["controlled"] is False


def test_focused_ion_beam_systems(classify_in: Any) -> None:
    kind = "multifunctional-focused-ion-beam-system"
    met = classify_in("US", _item(kind, TESTER, **{"beam-dac-conversion-accuracy": "14 bit"}), ON)
    assert met["controlled"] is True and "US:3B992.b.6.b" in _ids(met)
    at = classify_in("US", _item(kind, TESTER, **{"beam-dac-conversion-accuracy": "12 bit"}), ON)
    # b.6.a (the feedback precision) not stated: unknown
    assert "US:3B992.b.6.b" not in _ids(at) and at["controlled"] == "unknown"


IMPLANT = {
    "ion-implanter-for-300-mm-wafers": True,
    "semiconductor-equipment-designed-for-volume-production": True,
}


def test_3b994_ion_implanter_angular_accuracy(classify_in: Any) -> None:
    kind = "ion-implantation-equipment"
    met = classify_in("US", _item(kind, IMPLANT, **{"ion-implant-angular-accuracy": "0.1 deg"}), ON)
    assert met["controlled"] is True and "US:3B994.b.2.c" in _ids(met)
    worse = classify_in(
        "US", _item(kind, IMPLANT, **{"ion-implant-angular-accuracy": "0.2 deg"}), ON
    )
    assert "US:3B994.b.2.c" not in _ids(worse) and worse["controlled"] == "unknown"
    # the Note for 3B994 (volume production) is asked
    facts = {"ion-implanter-for-300-mm-wafers": True}
    asked = classify_in(
        "US", _item(kind, facts, **{"ion-implant-angular-accuracy": "0.05 deg"}), ON
    )
    assert asked["controlled"] == "unknown"
    assert "semiconductor-equipment-designed-for-volume-production" in asked["missing_facts"]


def test_3b993_carbon_cvd(classify_in: Any) -> None:
    kind = "carbon-layer-cvd-equipment"
    met = classify_in("US", _item(kind, **{"deposited-carbon-layer-density": "1.8 g/cm**3"}), ON)
    assert met["controlled"] is True and _ids(met) == ["US:3B993.d.3"]
    # 1600 kg/m³ is 1.6 g/cm³: not "more than"
    at = classify_in("US", _item(kind, **{"deposited-carbon-layer-density": "1600 kg/m**3"}), ON)
    assert at["controlled"] is False
    assert (
        classify_in("EU", _item(kind, **{"deposited-carbon-layer-density": "1.8 g/cm**3"}), ON)[
            "controlled"
        ]
        is False
    )


def test_3b993_overlay_metrology(classify_in: Any) -> None:
    kind = "overlay-metrology-equipment"
    fast = _item(
        kind,
        **{"overlay-measurement-accuracy": "0.4 nm", "wavelength-switch-and-measure-time": "20 ms"},
    )
    met = classify_in("US", fast, ON)
    assert met["controlled"] is True and "US:3B993.q.2.b.2" in _ids(met)
    # worse than 0.5 nm: neither sub-paragraph can be met
    coarse = _item(
        kind,
        **{"overlay-measurement-accuracy": "0.6 nm", "wavelength-switch-and-measure-time": "20 ms"},
    )
    assert classify_in("US", coarse, ON)["controlled"] is False
    # 0.5 nm and slow switching: 3B993.q.2.b.1 (integration to a 'track') is text: unknown
    slow = _item(
        kind,
        **{"overlay-measurement-accuracy": "0.5 nm", "wavelength-switch-and-measure-time": "25 ms"},
    )
    answer = classify_in("US", slow, ON)
    assert answer["controlled"] == "unknown" and "US:3B993.q.2.b.2" not in _ids(answer)


MASK = {
    "not-specified-by-3b001-g": True,
    "phase-shift-mask-not-for-memory-devices-not-controlled-by-3a001": True,
    "mask-designed-for-ics-controlled-by-3a001": False,
}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_3b001_h_phase_shift_masks(classify_in: Any, jurisdiction: str) -> None:
    kind = "phase-shift-multilayer-mask"
    parameter = "mask-lithography-light-source-wavelength"
    met = classify_in(jurisdiction, _item(kind, MASK, **{parameter: "193 nm"}), ON)
    assert met["controlled"] is True and f"{jurisdiction}:3B001.h" in _ids(met)
    assert (
        classify_in(jurisdiction, _item(kind, MASK, **{parameter: "245 nm"}), ON)["controlled"]
        is False
    )
    memory = {**MASK, "phase-shift-mask-not-for-memory-devices-not-controlled-by-3a001": False}
    assert (
        classify_in(jurisdiction, _item(kind, memory, **{parameter: "193 nm"}), ON)["controlled"]
        is False
    )
    asked = classify_in(
        jurisdiction, _item(kind, {"not-specified-by-3b001-g": True}, **{parameter: "193 nm"}), ON
    )
    assert asked["controlled"] == "unknown"
    assert (
        "phase-shift-mask-not-for-memory-devices-not-controlled-by-3a001" in asked["missing_facts"]
    )


@pytest.mark.parametrize(
    ("kind", "facts", "parameter", "met", "not_met", "code"),
    [
        (
            "copper-interconnect-preclean-equipment",
            {"not-deposition-equipment": True},
            "process-vacuum-pressure",
            "0.005 Pa",
            "0.02 Pa",
            "3B993.p.1",
        ),
        (
            "mask-or-reticle-fabrication-equipment",
            {NOT_3B991: True, "mask-fabrication-equipment-not-pre-1980-photo-optical": True},
            "smallest-line-width",
            "1 um",
            "2.5 um",
            "3B991.b.2.d.2",
        ),
        (
            "wafer-defect-inspection-equipment",
            {**TESTER, "not-general-purpose-sem-unless-for-pattern-inspection": True},
            "smallest-detected-defect-size",
            "600 nm",
            "0.7 um",
            "3B992.b.1",
        ),
        (
            "wafer-surface-finishing-equipment",
            {NOT_3B991: True, "not-single-side-lapping-and-polishing-equipment": True},
            "wafer-surface-roughness-two-sigma-tir",
            "2 um",
            "2.5 um",
            "3B991.b.1.k.2",
        ),
        (
            "rapid-thermal-annealing-equipment",
            {NOT_3B991: True},
            "wafer-processing-rate-area",
            "60 cm**2/s",
            "0.005 m**2/min",
            "3B991.b.1.c.1",
        ),
    ],
)
def test_more_single_figures(
    classify_in: Any,
    kind: str,
    facts: dict[str, bool],
    parameter: str,
    met: str,
    not_met: str,
    code: str,
) -> None:
    yes = classify_in("US", _item(kind, facts, **{parameter: met}), ON)
    assert yes["controlled"] is True and f"US:{code}" in _ids(yes)
    no = classify_in("US", _item(kind, facts, **{parameter: not_met}), ON)
    assert f"US:{code}" not in _ids(no) and no["controlled"] is not True
    # each required fact is asked, never assumed
    for fact in facts:
        unstated = {k: v for k, v in facts.items() if k != fact}
        asked = classify_in("US", _item(kind, unstated, **{parameter: met}), ON)
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"], fact
        stated_false = classify_in(
            "US", _item(kind, {**facts, fact: False}, **{parameter: met}), ON
        )
        assert f"US:{code}" not in _ids(stated_false), fact


def test_3b993_o_1_annealing_in_vacuum(classify_in: Any) -> None:
    facts = {"annealing-equipment-for-300-mm-wafers": True}
    kind = "semiconductor-annealing-equipment"
    # in vacuum: 3B993.o.1.a/b (reflow) are text: unknown, never false
    vacuum = classify_in("US", _item(kind, facts, **{"process-vacuum-pressure": "0.01 Pa"}), ON)
    assert vacuum["controlled"] == "unknown"
    assert "US:3B993.o.1.a" in {e["id"] for e in vacuum["possible_entries"]}
    # not in a vacuum of 0.01 Pa or less: 3B993.o.1 cannot control it
    air = classify_in("US", _item(kind, facts, **{"process-vacuum-pressure": "1 Pa"}), ON)
    assert not {"US:3B993.o.1.a", "US:3B993.o.1.b"} & {e["id"] for e in air["possible_entries"]}
    assert air["controlled"] is not True


@pytest.mark.parametrize(
    "kind", ["wafer-stepper-or-scanner", "projection-align-and-expose-equipment"]
)
def test_3b991_b_2_f_align_and_expose(classify_in: Any, kind: str) -> None:
    stated = {NOT_3B991: True}
    i_line = classify_in(
        "US", _item(kind, stated, **{"lithography-light-source-wavelength": "365 nm"}), ON
    )
    assert i_line["controlled"] is True and "US:3B991.b.2.f.4" in _ids(i_line)
    fine = classify_in("US", _item(kind, stated, **{"smallest-pattern-size": "2 um"}), ON)
    assert fine["controlled"] is True and "US:3B991.b.2.f.1" in _ids(fine)
    # g-line, 3 µm: f.1 and f.4 not met; f.2 (alignment) and f.3 (overlay) stay text: unknown
    old = {"lithography-light-source-wavelength": "436 nm", "smallest-pattern-size": "3 um"}
    answer = classify_in("US", _item(kind, stated, **old), ON)
    assert answer["controlled"] == "unknown"
    assert not {"US:3B991.b.2.f.1", "US:3B991.b.2.f.4"} & set(_ids(answer))
    assert {"US:3B991.b.2.f.2", "US:3B991.b.2.f.3"} <= {e["id"] for e in answer["possible_entries"]}
    # controlled by 3B001 (or 3B993, 3B994): not 3B991
    other = classify_in("US", _item(kind, {NOT_3B991: False}, **old), ON)
    assert not [e for e in _ids(other) if e.startswith("US:3B991")]


def test_3b991_b_1_i_2_pecvd_stays_text(classify_in: Any) -> None:
    # a CVD system at atmospheric pressure: not 3B991.b.1.i.1, but b.1.i.2 (PECVD with automatic
    # cassette-to-cassette and load lock wafer handling) may control it: unknown, never false
    facts = {NOT_3B991: True, "cvd-not-lpcvd-or-reactive-sputtering": True}
    kind = "chemical-vapor-deposition-equipment"
    answer = classify_in(
        "US", _item(kind, facts, **{"cvd-operating-pressure-min": "101325 Pa"}), ON
    )
    assert answer["controlled"] == "unknown"
    assert "US:3B991.b.1.i.2" in {e["id"] for e in answer["possible_entries"]}


def test_3b993_p_3_dry_preclean(classify_in: Any) -> None:
    kind = "copper-interconnect-preclean-equipment"
    dry = "dry-surface-oxide-removal-preclean-or-decontamination"
    facts = {"not-deposition-equipment": True}
    # above 0.01 Pa: not 3B993.p.1; 3B993.p.3 asks whether it is a dry preclean
    asked = classify_in("US", _item(kind, facts, **{"process-vacuum-pressure": "1 Pa"}), ON)
    assert asked["controlled"] == "unknown" and dry in asked["missing_facts"]
    met = classify_in(
        "US", _item(kind, {**facts, dry: True}, **{"process-vacuum-pressure": "1 Pa"}), ON
    )
    assert met["controlled"] is True and _ids(met) == ["US:3B993.p.3"]
    wet = classify_in(
        "US", _item(kind, {**facts, dry: False}, **{"process-vacuum-pressure": "1 Pa"}), ON
    )
    assert wet["controlled"] is False
    deposition = {"not-deposition-equipment": False, dry: True}
    answer = classify_in(
        "US", _item(kind, deposition, **{"process-vacuum-pressure": "0.001 Pa"}), ON
    )
    assert answer["controlled"] is False


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_3b001_g_masks_for_3a001_circuits(classify_in: Any, jurisdiction: str) -> None:
    kind = "phase-shift-multilayer-mask"
    fact = "mask-designed-for-ics-controlled-by-3a001"
    met = classify_in(jurisdiction, _item(kind, {fact: True}), ON)
    assert met["controlled"] is True and f"{jurisdiction}:3B001.g" in _ids(met)
    asked = classify_in(jurisdiction, _item(kind, {"not-specified-by-3b001-g": False}), ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]


def test_implanters_are_unknown_in_both_lists_by_3b001_b(classify_in: Any) -> None:
    # 3B001.b (beam energy and current per implanted species) stays text, in both lists
    for jurisdiction in ("US", "EU"):
        answer = classify_in(jurisdiction, _item("ion-implantation-equipment", {}), ON)
        assert answer["controlled"] == "unknown"
        assert f"{jurisdiction}:3B001.b" in {e["id"] for e in answer["possible_entries"]}


@pytest.mark.parametrize(
    ("fact", "code"),
    [("batch-type-etcher", "3B991.b.1.h.1.b"), ("single-wafer-type-etcher", "3B991.b.1.h.2.b")],
)
def test_3b991_b_1_h_etch_pressure(classify_in: Any, fact: str, code: str) -> None:
    facts = {NOT_3B991: True, STORED: True, fact: True}
    met = classify_in(
        "US",
        _item(
            "anisotropic-dry-etch-equipment", facts, **{"etch-reactor-operating-pressure": "20 Pa"}
        ),
        ON,
    )
    assert met["controlled"] is True and f"US:{code}" in _ids(met)
    # 26.66 Pa is 200 mTorr: "or less"
    at = classify_in(
        "US",
        _item(
            "anisotropic-dry-etch-equipment",
            facts,
            **{"etch-reactor-operating-pressure": "26.66 Pa"},
        ),
        ON,
    )
    assert f"US:{code}" in _ids(at)
    above = classify_in(
        "US",
        _item(
            "anisotropic-dry-etch-equipment", facts, **{"etch-reactor-operating-pressure": "30 Pa"}
        ),
        ON,
    )
    assert f"US:{code}" not in _ids(above) and above["controlled"] == "unknown"
    asked = classify_in(
        "US",
        _item(
            "anisotropic-dry-etch-equipment",
            {NOT_3B991: True, STORED: True},
            **{"etch-reactor-operating-pressure": "20 Pa"},
        ),
        ON,
    )
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]


def test_3b993_o_2_flash_annealing(classify_in: Any) -> None:
    facts = {"annealing-equipment-for-300-mm-wafers": True}

    def anneal(peak: str, duration: str, kind: str = "semiconductor-annealing-equipment") -> Any:
        figures = {"anneal-wafer-peak-temperature": peak, "anneal-duration-above-1000-c": duration}
        return classify_in("US", _item(kind, facts, **figures), ON)

    met = anneal("1300 degC", "1 ms")
    assert met["controlled"] is True and "US:3B993.o.2" in _ids(met)
    # a rapid thermal annealer is annealing equipment: 3B993.o.2 applies to it too
    assert "US:3B993.o.2" in _ids(
        anneal("1573.15 K", "0.5 ms", "rapid-thermal-annealing-equipment")
    )
    for peak, duration in (("1000 degC", "1 ms"), ("1300 degC", "2 ms")):
        assert "US:3B993.o.2" not in _ids(anneal(peak, duration)), (peak, duration)
    assert (
        classify_in(
            "US",
            _item(
                "semiconductor-annealing-equipment",
                {},
                **{
                    "anneal-wafer-peak-temperature": "1300 degC",
                    "anneal-duration-above-1000-c": "1 ms",
                },
            ),
            ON,
        )["controlled"]
        == "unknown"
    )


def test_3b993_f_3_throughput_commodities(classify_in: Any) -> None:
    kind = "lithography-throughput-enhancement-commodity"
    fact = "for-lithography-equipment-of-3b001-f-1-or-3b993-f-1"
    met = classify_in(
        "US", _item(kind, {fact: True}, **{"lithography-throughput-increase": "1.5 percent"}), ON
    )
    assert met["controlled"] is True and _ids(met) == ["US:3B993.f.3"]
    at = classify_in(
        "US", _item(kind, {fact: True}, **{"lithography-throughput-increase": "1 percent"}), ON
    )
    assert at["controlled"] is False
    asked = classify_in(
        "US", _item(kind, {}, **{"lithography-throughput-increase": "5 percent"}), ON
    )
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
    other = classify_in(
        "US", _item(kind, {fact: False}, **{"lithography-throughput-increase": "5 percent"}), ON
    )
    assert other["controlled"] is False


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_epitaxy_outside_3b001_a_4(classify_in: Any, jurisdiction: str) -> None:
    # molecular beam epitaxy: 3B001.a.3, by its kind alone
    mbe = classify_in(jurisdiction, _item("molecular-beam-epitaxy-equipment", {}), ON)
    assert mbe["controlled"] is True and f"{jurisdiction}:3B001.a.3" in _ids(mbe)
    # any epitaxy equipment: 3B001.a.1 (uniformity across 75 mm) stays text, asked by its fact
    other = "epitaxy-produces-layer-other-than-silicon"
    asked = classify_in(jurisdiction, _item("epitaxial-growth-equipment", {STORED: False}), ON)
    assert asked["controlled"] == "unknown" and other in asked["missing_facts"]
    silicon_only = classify_in(
        jurisdiction, _item("epitaxial-growth-equipment", {STORED: False, other: False}), ON
    )
    # not 3B001.a.1; still unknown: the equipment may be of a narrower kind (MBE: 3B001.a.3)
    possible = {e["id"] for e in silicon_only["possible_entries"]}
    assert f"{jurisdiction}:3B001.a.1" not in possible
    assert f"{jurisdiction}:3B001.a.3" in possible
    # a silicon epitaxy system is epitaxial growth equipment: 3B001.a.1 is asked of it too
    si = classify_in(jurisdiction, _item("silicon-epitaxial-growth-equipment", {STORED: False}), ON)
    assert other in si["missing_facts"]


def test_3b992_b_5_non_contactive_probing(classify_in: Any) -> None:
    kind = "non-contactive-probing-system"
    facts = {
        NOT_3B992: True,
        "electron-beam-at-3-kev-or-below-or-laser-beam-prober": True,
        "not-general-purpose-sem-unless-for-non-contactive-probing": True,
    }
    met = classify_in(
        "US", _item(kind, facts, **{"electron-spectrometer-voltage-resolution": "100 mV"}), ON
    )
    assert met["controlled"] is True and "US:3B992.b.5.b" in _ids(met)
    coarse = classify_in(
        "US", _item(kind, facts, **{"electron-spectrometer-voltage-resolution": "0.5 V"}), ON
    )
    assert "US:3B992.b.5.b" not in _ids(coarse) and coarse["controlled"] == "unknown"
    high_kv = {**facts, "electron-beam-at-3-kev-or-below-or-laser-beam-prober": False}
    assert (
        classify_in(
            "US", _item(kind, high_kv, **{"electron-spectrometer-voltage-resolution": "100 mV"}), ON
        )["controlled"]
        is False
    )


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_narrower_kinds_meet_3b001_f(classify_in: Any, jurisdiction: str) -> None:
    # a laser mask writer of 3B991.b.2.d.2 is mask making equipment: 3B001.f.3 decides it too
    writer = _item(
        "mask-or-reticle-fabrication-equipment",
        {"mask-writer-deflected-focused-beam": True},
        **{"mask-writer-fwhm-spot-size": "60 nm", "mask-writer-image-placement": "16 nm"},
    )
    answer = classify_in(jurisdiction, writer, ON)
    assert answer["controlled"] is True and f"{jurisdiction}:3B001.f.3" in _ids(answer)
    # a laser direct writer is direct write equipment: 3B001.f.4 asks for its electron beam
    laser = classify_in(jurisdiction, _item("laser-direct-write-equipment", {}), ON)
    assert "deflected-focused-electron-beam" in laser["missing_facts"]
    no_beam = {"deflected-focused-electron-beam": False, NOT_3B991: True}
    fine = classify_in(
        jurisdiction,
        _item("laser-direct-write-equipment", no_beam, **{"smallest-pattern-size": "1 um"}),
        ON,
    )
    assert fine["controlled"] is (jurisdiction == "US")


def test_mask_inspection(classify_in: Any) -> None:
    kind, euv = "mask-inspection-equipment", "inspection-equipment-for-euv-masks"
    met = classify_in("US", _item(kind, {euv: True}), ON)
    assert met["controlled"] is True and "US:3B002.c" in _ids(met)
    # not for EUV masks: 3B991.b.2.e (resolution and precision 'or finer') stays text
    other = classify_in("US", _item(kind, {euv: False}), ON)
    assert other["controlled"] == "unknown"
    assert "US:3B991.b.2.e" in {e["id"] for e in other["possible_entries"]}
    # stated controlled by 3B001, 3B993 or 3B994: 3B991 hands it over to them (never "not
    # controlled" on the user's word that another entry controls it)
    out = {euv: False, NOT_3B991: False}
    handed = classify_in("US", _item(kind, out), ON)
    assert handed["controlled"] == "unknown"
    assert any(n.startswith("US:3B991.b.2.e requires") for n in handed["notes"])
