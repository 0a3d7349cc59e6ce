"""Classification by the lasers outside 6A005 formalized from the whole lists (families.csv,
rules.csv): 6A205 copper vapour (US), argon ion, alexandrite (US) lasers and para-hydrogen Raman
shifters, neodymium-doped lasers as text; US 6A995 semiconductor lasers — items on both sides of
each threshold the texts state, and "unknown" naming the fact when a required fact is missing."""

from __future__ import annotations

from typing import Any

import pytest

from exportgraph.graph.context import Context
from exportgraph.services.partners.classify import classify

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
AVG = "laser-average-output-power"
ROOT = {"US": "laser-not-controlled-by-6a005-or-nrc", "EU": "laser-not-specified-in-0b001-or-6a005"}


def _ids(result: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in result["entries"]]


def _laser(
    jurisdiction: str, kind: str, facts: tuple[str, ...], **parameters: str
) -> dict[str, Any]:
    stated = {ROOT[jurisdiction]: True, **{fact: True for fact in facts}}
    return {"kind": kind, "parameters": parameters, "facts": stated}


def _assert_handed_over(result: dict[str, Any], code: str) -> None:
    """The 6A205 fact stated false: 6A005 (or, in the US, the NRC; in the EU, 0B001) decides, and
    6A005 is not asked of a laser kind named by its medium: unknown, the note says where to go."""
    assert result["controlled"] == "unknown"
    assert code in {entry["id"] for entry in result["possible_entries"]}
    (note,) = [n for n in result["notes"] if n.startswith(code) and "stated false" in n]
    assert "under 6A005 as a tunable or non-tunable" in note


def test_us_copper_vapour_lasers(classify_in: Any) -> None:
    band = "copper-vapour-laser-wavelengths-between-500-and-600-nm"
    # US 6A205.a.2 "An average output power equal to or greater than 30 W"
    # (a wavelength outside US 6A995.d/.e, 975-1,150 nm, which ask every laser kind)
    nm = {"laser-output-wavelength": "510.6 nm"}
    at = _laser(
        "US", "copper-vapour-laser", (band,), **nm, **{"laser-average-output-power": "30 W"}
    )
    assert _ids(classify_in("US", at, ON)) == ["US:6A205.a"]
    below = {**at, "parameters": {**nm, "laser-average-output-power": "29.9 W"}}
    assert classify_in("US", below, ON)["controlled"] is False
    # the wavelengths 'between 500 nm and 600 nm' are a fact: not stated, unknown naming it
    unstated = {**at, "facts": {ROOT["US"]: True}}
    asked = classify_in("US", unstated, ON)
    assert asked["controlled"] == "unknown" and band in asked["missing_facts"]
    # "other than those controlled by 6A005 …": not stated, unknown naming the fact
    open_root = {**at, "facts": {band: True}}
    asked = classify_in("US", open_root, ON)
    assert asked["controlled"] == "unknown" and ROOT["US"] in asked["missing_facts"]
    # the EU list has no copper vapour paragraph in 6A205 (its N.B.: see 6A005.b)
    assert classify_in("EU", at, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_argon_ion_lasers(classify_in: Any, jurisdiction: str) -> None:
    band = "argon-ion-laser-wavelengths-between-400-and-515-nm"
    code = {"US": "6A205.b", "EU": "6A205.a"}[jurisdiction]
    # "An average output power greater than 40 W" (US 6A205.b.2, EU 6A205.a.2)
    nm = {"laser-output-wavelength": "488 nm"}  # outside US 6A995.d/.e (975-1,150 nm)
    above = _laser(
        jurisdiction, "argon-ion-laser", (band,), **nm, **{"laser-average-output-power": "41 W"}
    )
    assert _ids(classify_in(jurisdiction, above, ON)) == [f"{jurisdiction}:{code}"]
    at = {**above, "parameters": {**nm, "laser-average-output-power": "40 W"}}
    assert classify_in(jurisdiction, at, ON)["controlled"] is False
    unstated = {**above, "facts": {band: True}}
    asked = classify_in(jurisdiction, unstated, ON)
    assert asked["controlled"] == "unknown" and ROOT[jurisdiction] in asked["missing_facts"]
    # stated controlled by (US) / specified in (EU) 6A005: 6A205 hands the laser over to 6A005,
    # which is not asked of a laser stated by its medium: unknown, never "not controlled"
    stated_false = {**above, "facts": {band: True, ROOT[jurisdiction]: False}}
    _assert_handed_over(classify_in(jurisdiction, stated_false, ON), f"{jurisdiction}:{code}")


def test_both_evaluation_paths_hand_a_6a205_laser_over_alike(context: Context) -> None:
    laser = {
        "kind": "argon-ion-laser",
        "parameters": {"laser-output-wavelength": "488 nm", AVG: "41 W"},
        "facts": {
            "argon-ion-laser-wavelengths-between-400-and-515-nm": True,
            **{root: False for root in ROOT.values()},
        },
    }
    index = classify(context, laser, list(BOTH), ON)
    sparql = classify(context, laser, list(BOTH), ON, engine="sparql")
    assert index["results"] == sparql["results"]
    assert [r["controlled"] for r in index["results"]] == ["unknown", "unknown"]


def test_us_alexandrite_lasers(classify_in: Any) -> None:
    band = "alexandrite-laser-wavelengths-between-720-and-800-nm"
    figures = {
        "laser-output-bandwidth": "0.005 nm",  # "A bandwidth of 0.005 nm or less"
        "laser-repetition-rate": "130 Hz",  # "greater than 125 Hz"
        "laser-average-output-power": "31 W",  # "greater than 30 W"
        "laser-output-wavelength": "755 nm",  # outside US 6A995.d/.e (975-1,150 nm)
    }
    met = _laser("US", "alexandrite-laser", (band,), **figures)
    assert _ids(classify_in("US", met, ON)) == ["US:6A205.f"]
    for parameter, value in (
        ("laser-output-bandwidth", "0.006 nm"),
        ("laser-repetition-rate", "125 Hz"),
        ("laser-average-output-power", "30 W"),
    ):
        failed = {**met, "parameters": {**figures, parameter: value}}
        assert classify_in("US", failed, ON)["controlled"] is False, parameter
    missing = {
        **met,
        "parameters": {k: v for k, v in figures.items() if k != "laser-output-bandwidth"},
    }
    asked = classify_in("US", missing, ON)
    assert asked["controlled"] == "unknown" and "laser-output-bandwidth" in asked["missing"]
    unstated = {**met, "facts": {ROOT["US"]: True}}
    asked = classify_in("US", unstated, ON)
    assert asked["controlled"] == "unknown" and band in asked["missing_facts"]
    # no alexandrite paragraph in the EU text of 6A205
    assert classify_in("EU", met, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_para_hydrogen_raman_shifters(classify_in: Any, jurisdiction: str) -> None:
    code = {"US": "6A205.i", "EU": "6A205.e"}[jurisdiction]
    fact = "raman-shifter-designed-for-16-micrometre-output"
    shifter = _laser(
        jurisdiction, "para-hydrogen-raman-shifter", (fact,), **{"laser-repetition-rate": "251 Hz"}
    )
    assert _ids(classify_in(jurisdiction, shifter, ON)) == [f"{jurisdiction}:{code}"]
    at = {**shifter, "parameters": {"laser-repetition-rate": "250 Hz"}}
    assert classify_in(jurisdiction, at, ON)["controlled"] is False
    unstated = {**shifter, "facts": {ROOT[jurisdiction]: True}}
    asked = classify_in(jurisdiction, unstated, ON)
    assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_neodymium_lasers_are_unknown_never_false(classify_in: Any, jurisdiction: str) -> None:
    code = {"US": "6A205.c", "EU": "6A205.f"}[jurisdiction]
    laser = _laser(
        jurisdiction,
        "neodymium-doped-non-glass-laser",
        (),
        **{"laser-average-output-power": "45 W"},
    )
    result = classify_in(jurisdiction, laser, ON)
    assert result["controlled"] == "unknown"
    assert f"{jurisdiction}:{code}" in {e["id"] for e in result["possible_entries"]}
    # stated controlled by (US) / specified in (EU) 6A005: 6A205 does not control it (in the US,
    # 6A995.d/.e, necessary conditions only, still ask a laser of this kind and power: its
    # transverse modes are not read)
    other = {**laser, "facts": {ROOT[jurisdiction]: False}}
    _assert_handed_over(classify_in(jurisdiction, other, ON), f"{jurisdiction}:{code}")
    other["parameters"] = {**laser["parameters"], "laser-output-wavelength": "1064 nm"}
    result = classify_in(jurisdiction, other, ON)
    _assert_handed_over(result, f"{jurisdiction}:{code}")
    if jurisdiction == "US":
        assert {"US:6A995.d.1", "US:6A995.e.2.a"} <= _reached(result)


def _diode(kind: str, nm: float, **parameters: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "parameters": {"laser-output-wavelength": {"value": nm, "unit": "nm"}, **parameters},
        # the Note to 6A005.d.1 (diodes specially designed for other equipment) stated: 6A005
        # decides by its thresholds, which these figures stay below
        "facts": {"semiconductor-laser-not-specially-designed-for-other-equipment": True},
    }


def test_us_6a995_b_1_single_mode_diodes(classify_in: Any) -> None:
    kind = "single-transverse-mode-semiconductor-laser"
    # below 6A005.d.1.a (2.0 W); its CW output power answers 6A995.e (CW lasers, 975-1,150 nm)
    low = {"laser-average-or-cw-output-power": "150 mW", "laser-cw-output-power": "150 mW"}
    # 6A995.b.1.a "An average output power exceeding 100 mW"
    # (at 900 nm: outside US 6A995.d/.e, 975-1,150 nm, text for every laser kind)
    met = classify_in("US", _diode(kind, 900, **low, **{AVG: "101 mW"}), ON)
    assert met["controlled"] is True and "US:6A995.b.1.a" in _ids(met)
    assert classify_in("US", _diode(kind, 900, **low, **{AVG: "100 mW"}), ON)["controlled"] is False
    # 6A995.b.1.b "A wavelength exceeding 1,050 nm"
    longer = classify_in("US", _diode(kind, 1051, **low, **{AVG: "50 mW"}), ON)
    assert "US:6A995.b.1.b" in _ids(longer)
    at = classify_in("US", _diode(kind, 1050, **low, **{AVG: "50 mW"}), ON)
    # not 6A995.b.1, nor 6A995.e (975-1,150 nm CW: every alternative above 10 W average
    # power); a diode may be pulsed: 6A995.d.1 asks its pulse duration and peak power
    # (d.1.b.2, "A peak power exceeding 200 MW")
    assert at["controlled"] == "unknown" and not _reached(at) & {"US:6A995.b.1.b", "US:6A995.b.1"}
    assert _reached(at) == {"US:6A995.d.1"} and "laser-peak-power" in at["missing"]
    # the average output power not stated: unknown, naming it
    asked = classify_in("US", _diode(kind, 900, **low), ON)
    assert asked["controlled"] == "unknown" and AVG in asked["missing"]
    # not in the EU list
    assert classify_in("EU", _diode(kind, 1051, **low, **{AVG: "50 mW"}), ON)["controlled"] is False


@pytest.mark.parametrize(
    "kind",
    [
        "multiple-transverse-mode-semiconductor-laser",
        "semiconductor-laser-array",
        "semiconductor-laser-bar",  # a 'bar' is an array of semiconductor lasers
    ],
)
def test_us_6a995_b_2_multimode_diodes_and_arrays(classify_in: Any, kind: str) -> None:
    low = {"laser-average-or-cw-output-power": "1 W"}  # below every 6A005.d.1 power
    # 6A995.b.2 "… having a wavelength exceeding 1,050 nm"
    met = classify_in("US", _diode(kind, 1051, **low), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6A995.b.2"]
    at = classify_in("US", _diode(kind, 1050, **low), ON)
    # not 6A995.b.2; 6A995.d/.e (975-1,150 nm) stay text: unknown, never false
    assert at["controlled"] == "unknown" and "US:6A995.b.2" not in _reached(at)
    assert classify_in("US", _diode(kind, 900, **low), ON)["controlled"] is not True
    asked = classify_in("US", {**_diode(kind, 1051, **low), "parameters": low}, ON)
    assert asked["controlled"] == "unknown" and "laser-output-wavelength" in asked["missing"]


def _reached(result: dict[str, Any]) -> set[str]:
    """The entries that control the item or may (unknown)."""
    return set(_ids(result)) | {e["id"] for e in result.get("possible_entries", [])}


def _ir(kind: str, nm: float, **parameters: str) -> dict[str, Any]:
    return {
        "kind": kind,
        "parameters": {"laser-output-wavelength": {"value": nm, "unit": "nm"}, **parameters},
    }


def test_us_6a995_f_lasers_between_1400_and_1555_nm(classify_in: Any) -> None:
    # 6A995.f "Non-tunable lasers, having a wavelength exceeding 1,400 nm, but not exceeding
    # 1555 nm": f.2 "An average or CW output power exceeding 1 W"; f.1 "An output energy
    # exceeding 100 mJ per pulse and a pulsed peak power exceeding 1 W"
    cw = {
        "laser-cw-output-power": "1.1 W",  # far below 6A005.a.7 (50 W)
        "laser-m2-factor": "1.0",
        "laser-average-or-cw-output-power": "1.1 W",
        "laser-pulse-energy": "0 J",
        "laser-peak-power": "0 W",
    }
    met = classify_in("US", _ir("non-tunable-cw-laser", 1555, **cw), ON)
    assert met["controlled"] is True and _ids(met) == ["US:6A995.f.2", "US:6A995.f"]
    one_watt = {**cw, "laser-average-or-cw-output-power": "1 W"}
    assert (
        classify_in("US", _ir("non-tunable-cw-laser", 1500, **one_watt), ON)["controlled"] is False
    )
    assert classify_in("US", _ir("non-tunable-cw-laser", 1400, **cw), ON)["controlled"] is False
    beyond = classify_in("US", _ir("non-tunable-cw-laser", 1556, **cw), ON)
    assert not any(i.startswith("US:6A995.f") for i in _reached(beyond))  # 6A005.a.8 may
    # not stated: unknown, naming the power
    unstated = {k: v for k, v in cw.items() if k != "laser-average-or-cw-output-power"}
    asked = classify_in("US", _ir("non-tunable-cw-laser", 1500, **unstated), ON)
    assert asked["controlled"] == "unknown"
    assert "laser-average-or-cw-output-power" in asked["missing"]
    pulsed = {"laser-average-or-cw-output-power": "0.5 W", "laser-peak-power": "2 W"}
    energetic = _ir("non-tunable-pulsed-laser", 1550, **pulsed, **{"laser-pulse-energy": "101 mJ"})
    assert "US:6A995.f.1" in _ids(classify_in("US", energetic, ON))
    weak = _ir("non-tunable-pulsed-laser", 1550, **pulsed, **{"laser-pulse-energy": "100 mJ"})
    assert "US:6A995.f.1" not in _reached(classify_in("US", weak, ON))
    assert not any("6A995" in i for i in _reached(classify_in("EU", energetic, ON)))


def test_us_6a995_d_and_e_as_necessary_conditions(classify_in: Any) -> None:
    # 6A995.e "Non-tunable continuous wave (CW) lasers, having an output wavelength exceeding
    # 975 nm but not exceeding 1,150 nm": every alternative needs an average output power above
    # 10 W; the single/multiple transverse mode words (defined by the Note to 6A005 only for
    # 6A005.a and .b) are read as no condition, so the family never answers "controlled"
    # (a CW laser states its CW output power: 6A995.e's "average output power" of CW lasers)
    def cw(nm: float, watts: str, **more: str) -> dict[str, Any]:
        power = {"laser-cw-output-power": watts}
        return classify_in("US", _ir("non-tunable-cw-laser", nm, **power, **more), ON)

    trapping = cw(1064, "5 W")  # a 1,064 nm trapping laser: below every alternative
    assert not any(i.startswith("US:6A995.e") for i in _reached(trapping))
    strong = cw(1064, "60 W")  # above 6A995.e.1.b's 50 W: may be controlled, never "controlled"
    assert strong["controlled"] == "unknown" and "US:6A995.e.1.b" in _reached(strong)
    assert not any(i.startswith("US:6A995") for i in _ids(strong))
    # 11 W: e.1.a asks the wall-plug efficiency and the pulse repetition frequency
    asked = cw(1064, "11 W")
    assert asked["controlled"] == "unknown" and "US:6A995.e.1.a" in _reached(asked)
    assert {"laser-wall-plug-efficiency", "laser-maximum-pulse-repetition-frequency"} <= set(
        asked["missing"]
    )
    inefficient = cw(1064, "11 W", **{"laser-wall-plug-efficiency": "12 %"})
    assert not any(i.startswith("US:6A995.e") for i in _reached(inefficient))
    assert not any(i.startswith("US:6A995.e") for i in _reached(cw(1151, "600 W")))

    # 6A995.d.1 "A pulse duration equal to or exceeding 1 ns but not exceeding 1 µs", d.2
    # "exceeding 1 µs"; each alternative an average output power above 10 W, or (d.1.b.2) a
    # peak power above 200 MW
    def pulsed(duration: str, nm: float = 1064, **more: str) -> set[str]:
        figures = {"laser-pulse-duration": duration, AVG: "60 W", **more}
        item = _ir("non-tunable-pulsed-laser", nm, **figures)
        return {i for i in _reached(classify_in("US", item, ON)) if i.startswith("US:6A995.d")}

    assert pulsed("1 ns") == {"US:6A995.d.1"} and pulsed("1 us") == {"US:6A995.d.1"}
    assert pulsed("1.1 us") == {"US:6A995.d.2"}
    assert not pulsed("0.9 ns") and not pulsed("10 ns", nm=975)
    weak = {AVG: "5 W", "laser-peak-power": "1 MW"}
    assert not pulsed("10 ns", **weak)
    giant = {AVG: "5 W", "laser-peak-power": "250 MW"}  # d.1.b.2 "A peak power exceeding 200 MW"
    assert pulsed("10 ns", **giant) == {"US:6A995.d.1"}
    answer = classify_in("US", _ir("non-tunable-pulsed-laser", 1064, **{AVG: "5 W", "laser-pulse-duration": "10 ns", "laser-peak-power": "250 MW"}), ON)  # fmt: skip
    assert answer["controlled"] in (False, "unknown")  # necessary conditions only
