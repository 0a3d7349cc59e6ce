"""Classification by the Category 3 and 4 paragraphs read in h16c34, on both sides of each
threshold as the text states it (3C005 resistivity, EU 3C003/3C004 purity), a missing parameter
or fact "unknown" naming it, and software and technology for the equipment 3A003, 3A069, 3A980,
4A090 and 4A980 control (3D004, 3D980, 3E069, 4D090, 4D980, 4E980)."""

from __future__ import annotations

from typing import Any

import pytest

ON = "2026-12-01"
BOTH = ("US", "EU")


def _ids(result: dict[str, Any], key: str) -> list[str]:
    return [p["id"] if isinstance(p, dict) else p for p in result.get(key, [])]


def _item(kind: str, parameters: dict[str, Any] | None = None, facts: dict[str, bool] | None = None,
          **more: str) -> dict[str, Any]:  # fmt: skip
    return {"kind": kind, "parameters": parameters or {}, "facts": facts or {}, **more}


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize("code", ["3C005.a", "3C005.b"])
def test_3c005_resistivity_greater_than_10000_ohm_cm(
    classify_in: Any, jurisdiction: str, code: str
) -> None:
    kind = {
        "3C005.a": "high-resistivity-semiconductor-substrate-or-preform",
        "3C005.b": "polycrystalline-substrate-with-single-crystal-layer",
    }[code]
    entry = f"{jurisdiction}:{code}"

    def answer(resistivity: Any = None) -> dict[str, Any]:
        parameters = {} if resistivity is None else {"resistivity-20c": resistivity}
        return classify_in(jurisdiction, _item(kind, parameters), ON)

    above = answer({"value": 10001, "unit": "ohm * cm"})
    assert above["controlled"] is True and _ids(above, "entries") == [entry]
    assert answer(10000)["controlled"] is False  # "greater than 10,000 ohm-cm"
    assert answer({"value": 101, "unit": "ohm * m"})["controlled"] is True  # 10,100 ohm-cm
    missing = answer()
    assert missing["controlled"] == "unknown" and missing["missing"] == ["resistivity-20c"]
    assert entry in _ids(missing, "possible_entries")


@pytest.mark.parametrize(
    ("code", "kind", "parameter", "facts"),
    [
        (
            "3C003.a",
            "organo-metallic-compound-of-aluminium-gallium-or-indium",
            "purity-metal-basis",
            {"organo-inorganic-element-directly-linked-to-carbon": True},
        ),
        (
            "3C003.b",
            "organo-arsenic-antimony-or-phosphorus-compound",
            "purity-inorganic-element-basis",
            {"organo-inorganic-element-directly-linked-to-carbon": True},
        ),
        ("3C004", "phosphorus-arsenic-or-antimony-hydride", "hydride-purity", {}),
    ],
)
def test_eu_purity_greater_better_than_99_999_percent(
    classify_in: Any, code: str, kind: str, parameter: str, facts: dict[str, bool]
) -> None:
    def answer(purity: float, facts: dict[str, bool], jurisdiction: str = "EU") -> dict[str, Any]:
        return classify_in(jurisdiction, _item(kind, {parameter: purity}, facts), ON)

    above = answer(99.9995, facts)
    assert above["controlled"] is True and _ids(above, "entries") == [f"EU:{code}"]
    assert answer(99.999, facts)["controlled"] is False
    if facts:  # the Note to 3C003: only compounds whose element is directly linked to carbon
        asked = answer(99.9995, {})
        assert asked["controlled"] == "unknown"
        assert list(facts) == asked["missing_facts"]
        assert answer(99.9995, dict.fromkeys(facts, False))["controlled"] is False
    # the US writes "better than 99.999%": text, "unknown" naming the paragraph, never false
    us = answer(99.9995, facts, "US")
    assert us["controlled"] == "unknown" and f"US:{code}" in _ids(us, "possible_entries")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_3c004_does_not_control_hydrides_diluted_20_percent_molar_or_more(
    classify_in: Any, jurisdiction: str
) -> None:
    item = _item(
        "hydride-with-20-percent-molar-or-more-inert-gas-or-hydrogen", {"hydride-purity": 99.9999}
    )
    result = classify_in(jurisdiction, item, ON)
    assert result["controlled"] is False and f"{jurisdiction}:3C004" not in _ids(
        result, "possible_entries"
    )


NOZZLES = {"spray-cooling-nozzles-specially-designed": True}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_software_for_developing_spray_cooling_systems_is_3d004(
    classify_in: Any, jurisdiction: str
) -> None:
    kind = "spray-cooling-thermal-management-system"
    system = classify_in(jurisdiction, _item(kind, facts=NOZZLES), ON)
    assert system["controlled"] is True and _ids(system, "entries") == [f"{jurisdiction}:3A003"]
    asked = classify_in(jurisdiction, _item(kind), ON)
    assert asked["controlled"] == "unknown"
    assert asked["missing_facts"] == ["spray-cooling-nozzles-specially-designed"]

    def software(purpose: str, facts: dict[str, bool]) -> dict[str, Any]:
        item = _item("software", facts={**facts, "software-specially-designed": True},
                     for_kind=kind, purpose=purpose)  # fmt: skip
        return classify_in(jurisdiction, item, ON)

    development = software("development", NOZZLES)
    assert development["controlled"] is True
    assert _ids(development, "entries") == [f"{jurisdiction}:3D004"]
    assert software("use", NOZZLES)["controlled"] is False  # 3D004 names "development" only
    not_nozzles = software("development", {"spray-cooling-nozzles-specially-designed": False})
    assert not_nozzles["controlled"] is False


def test_us_4a980_and_its_software_and_technology(classify_in: Any) -> None:
    nes = {"not-elsewhere-specified-in-the-ccl": True}
    computer = classify_in("US", _item("fingerprint-equipment-computer", facts=nes), ON)
    assert computer["controlled"] is True and _ids(computer, "entries") == ["US:4A980"]
    # "4A980 does not control equipment limited to one finger and designed for user
    # authentication or access control."
    one_finger = _item("single-finger-authentication-fingerprint-computer", facts=nes)
    assert classify_in("US", one_finger, ON)["controlled"] is False
    technology = _item("technology", facts=nes, for_kind="fingerprint-equipment-computer",
                       purpose="use")  # fmt: skip
    result = classify_in("US", technology, ON)
    assert result["controlled"] is True and _ids(result, "entries") == ["US:4E980"]
    software = _item("software", facts={**nes, "software-specially-designed": True},
                     for_kind="single-finger-authentication-fingerprint-computer",
                     purpose="production")  # fmt: skip
    assert classify_in("US", software, ON)["controlled"] is False
    eu = classify_in("EU", _item("fingerprint-equipment-computer", facts=nes), ON)
    assert eu["controlled"] is False  # Annex I has no such entry


def test_us_4a090_b_and_4d090(classify_in: Any) -> None:
    fact = "contains-integrated-circuit-meeting-3a090-b-limits"
    both = {fact: True, "contains-integrated-circuit-meeting-3a090-a-limits": False}
    board = classify_in("US", _item("computer-electronic-assembly-or-component", facts=both), ON)
    assert board["controlled"] is True and _ids(board, "entries") == ["US:4A090.b"]
    neither = dict.fromkeys(both, False)
    assert classify_in("US", _item("hybrid-computer", facts=neither), ON)["controlled"] is False
    asked = classify_in("US", _item("analog-computer", facts={fact: True}), ON)
    assert asked["controlled"] is True  # 4A090.b decides whatever 3A090.a's fact
    software = _item("software", facts={**both, "software-specially-designed-or-modified": True},
                     for_kind="computer-electronic-assembly-or-component",
                     purpose="production")  # fmt: skip
    result = classify_in("US", software, ON)
    assert result["controlled"] is True and "US:4D090" in _ids(result, "entries")


def test_us_3a069_b_and_3e069(classify_in: Any) -> None:
    facts = {
        "lc-ms-specially-designed-for-top-down-proteomic-analysis": True,
        "not-fda-authorized-or-exempt-device-excluded-from-3a069": True,
    }
    result = classify_in("US", _item("lc-ms-instrument", facts=facts), ON)
    assert result["controlled"] is True and _ids(result, "entries") == ["US:3A069.b"]
    # the License Requirement Note: FDA-authorized or exempt devices are out of 3A069
    fda = {
        **facts,
        "not-fda-authorized-or-exempt-device-excluded-from-3a069": False,
        "not-elsewhere-specified-in-the-ccl": False,  # (else US 3A999.b/.f's, n.e.s.)
    }
    assert classify_in("US", _item("lc-ms-instrument", facts=fda), ON)["controlled"] is False
    technology = _item("technology", facts=facts, for_kind="lc-ms-instrument", purpose="production")
    found = classify_in("US", technology, ON)
    assert found["controlled"] is True and _ids(found, "entries") == ["US:3E069"]
    # 3A069.a stays text: technology for a flow cytometer is "unknown", never false
    cytometer = _item("technology", for_kind="flow-cytometer-or-cell-sorter", purpose="development")
    unknown = classify_in("US", cytometer, ON)
    assert unknown["controlled"] == "unknown" and "US:3E069" in _ids(unknown, "possible_entries")


def test_us_3d980_and_3d991(classify_in: Any) -> None:
    def software(for_kind: str, facts: dict[str, bool], purpose: str = "use") -> dict[str, Any]:
        item = _item("software", facts={**facts, "software-specially-designed": True},
                     for_kind=for_kind, purpose=purpose)  # fmt: skip
        return classify_in("US", item, ON)

    nes = {"not-elsewhere-specified-in-the-ccl": True}
    voice = software("voice-print-identification-equipment", nes)
    assert voice["controlled"] is True and _ids(voice, "entries") == ["US:3D980"]
    assert (
        software(
            "voice-print-identification-equipment", {"not-elsewhere-specified-in-the-ccl": False}
        )["controlled"]
        is False
    )
    polygraph = software("polygraph", {})  # 3A981 stays text: "unknown", never false
    assert polygraph["controlled"] == "unknown" and "US:3D980" in _ids(
        polygraph, "possible_entries"
    )
    # 3D991 names 3A991 (a hydrogen thyratron of 3A991.m) but stays text: "unknown"
    facts = {"not-controlled-by-3a001": True, "software-specially-designed": True}
    item = _item("software", {"thyratron-rated-peak-current": 600}, facts,
                 for_kind="hydrogen-thyratron", purpose="development")  # fmt: skip
    thyratron = classify_in("US", item, ON)
    assert thyratron["controlled"] == "unknown"
    assert "US:3D991" in _ids(thyratron, "possible_entries")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_3e002_technology_for_microprocessors_of_32_bits_or_more(
    classify_in: Any, jurisdiction: str
) -> None:
    def technology(width: int, **facts: bool) -> dict[str, Any]:
        item = _item("technology", {"alu-access-width": width}, facts,
                     for_kind="microprocessor-microcircuit", purpose="development")  # fmt: skip
        return classify_in(jurisdiction, item, ON)

    wide = technology(32, **{"technology-not-controlled-by-3e001": True})
    assert wide["controlled"] == "unknown"  # 3E002.a-c: figures in words, read the text
    assert f"{jurisdiction}:3E002.a" in _ids(wide, "possible_entries")
    narrow = technology(31, **{"technology-not-controlled-by-3e001": True})
    assert not any(p.startswith(f"{jurisdiction}:3E002") for p in _ids(narrow, "possible_entries"))
    assert not any(e.startswith(f"{jurisdiction}:3E002") for e in _ids(narrow, "entries"))


def test_us_technology_and_software_for_3b001_and_3b993_equipment(classify_in: Any) -> None:
    # US 3E001 excepts 3B001.f.1 and 3B993: 3E992.a, 3D992.a and 3E993.a name them
    kind = "carbon-layer-cvd-equipment"  # 3B993.d.3: "a density more than 1.6 g/cm^3"

    def technology(for_kind: str, parameters: dict[str, Any]) -> dict[str, Any]:
        item = _item("technology", parameters, for_kind=for_kind, purpose="development")
        return classify_in("US", item, ON)

    dense = technology(kind, {"deposited-carbon-layer-density": "1.7 g/cm^3"})
    assert dense["controlled"] is True and _ids(dense, "entries") == ["US:3E993.a"]
    assert technology(kind, {"deposited-carbon-layer-density": "1.6 g/cm^3"})["controlled"] is False
    euv = {"lithography-light-source-wavelength": "13.5 nm"}  # 3B001.f.1.a: shorter than 193 nm
    scanner = technology("wafer-stepper-or-scanner", euv)
    assert scanner["controlled"] is True and "US:3E992.a" in _ids(scanner, "entries")
    software = _item("software", euv, {"software-specially-designed": True},
                     for_kind="wafer-stepper-or-scanner", purpose="production")  # fmt: skip
    written = classify_in("US", software, ON)
    assert written["controlled"] is True and "US:3D992.a" in _ids(written, "entries")


def test_us_4a994_c_processor_aggregation_assemblies(classify_in: Any) -> None:
    facts = {
        "not-controlled-by-4a001-or-4a003": True,
        "aggregation-assembly-within-note-1-to-4a994c": True,
        "aggregation-assembly-not-for-products-within-4a994b-limits": True,
        "computer-status-not-determined-by-other-equipment-under-note-to-4a994": True,
    }
    kind, count = (
        "processor-aggregation-electronic-assembly",
        "aggregation-configuration-processor-count",
    )
    sixteen = classify_in("US", _item(kind, {count: 16}, facts), ON)
    assert sixteen["controlled"] is True and "US:4A994.c.1" in _ids(sixteen, "entries")
    assert classify_in("US", _item(kind, {count: 15}, facts), ON)["controlled"] is False
    missing = classify_in("US", _item(kind, {}, facts), ON)
    assert missing["controlled"] == "unknown" and missing["missing"] == [count]
    # Note 2 to 4A994.c: an assembly for products whose maximum configuration is within 4A994.b
    note_2 = {**facts, "aggregation-assembly-not-for-products-within-4a994b-limits": False}
    assert classify_in("US", _item(kind, {count: 32}, note_2), ON)["controlled"] is False
