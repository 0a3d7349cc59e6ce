"""Software and technology for items of the whole lists (served.csv): "technology for the
development of equipment controlled by 6A …" is answered by classifying the item it serves
against the entries the paragraph names — controlled when one controls it, "unknown" naming what
to state when one may, "not controlled" only when none does; a paragraph whose other words stay
text is "unknown — read the text", never "controlled"."""

from __future__ import annotations

from typing import Any

import pytest

from exportgraph.graph.context import Context
from exportgraph.services.partners.classify import classify

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
ARGON_FACTS = {
    "argon-ion-laser-wavelengths-between-400-and-515-nm": True,
    "laser-not-controlled-by-6a005-or-nrc": True,
    "laser-not-specified-in-0b001-or-6a005": True,
}


def _technology(purpose: str, watts: str, **extra: Any) -> dict[str, Any]:
    """Technology for an argon ion laser (US 6A205.b, EU 6A205.a: average output power > 40 W)."""
    return {
        "kind": "technology",
        "for_kind": "argon-ion-laser",
        "purpose": purpose,
        "parameters": {"laser-output-wavelength": "488 nm", "laser-average-output-power": watts},
        "facts": ARGON_FACTS,
        **extra,
    }


def _ids(result: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in result["entries"]]


def _possible(result: dict[str, Any]) -> set[str]:
    return {entry["id"] for entry in result.get("possible_entries", [])}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_development_and_production_technology_for_a_controlled_laser(
    classify_in: Any, jurisdiction: str
) -> None:
    developed = classify_in(jurisdiction, _technology("development", "41 W"), ON)
    assert developed["controlled"] is True and _ids(developed) == [f"{jurisdiction}:6E001"]
    produced = classify_in(jurisdiction, _technology("production", "41 W"), ON)
    assert produced["controlled"] is True and _ids(produced) == [f"{jurisdiction}:6E002"]
    # the laser at the threshold is not controlled: neither is technology for it
    below = classify_in(jurisdiction, _technology("development", "40 W"), ON)
    assert below["controlled"] is False
    assert any(
        n.startswith(f"{jurisdiction}:6E001 controls technology only for items controlled by")
        and "not controlled by any of them" in n
        for n in below["notes"]
    )
    # the laser's power not stated: whether 6E001 controls the technology depends on it
    unstated = _technology("development", "41 W")
    unstated["parameters"] = {"laser-output-wavelength": "488 nm"}
    asked = classify_in(jurisdiction, unstated, ON)
    assert asked["controlled"] == "unknown" and f"{jurisdiction}:6E001" in _possible(asked)
    assert "laser-average-output-power" in asked["missing"]


def test_use_technology_where_the_lists_differ(classify_in: Any) -> None:
    # EU 6E201's Notes (cameras of 6A003 only if 6A203 specifies them, lasers of 6A005.b.6 only
    # neodymium-doped ones 6A205.f specifies) and US 6E201's "(that meet or exceed the parameters
    # of 6A205)" after its 6A005 paragraphs are required facts: "unknown", naming them, until
    # stated (US 6E201 was read as necessary only before: never "controlled")
    facts = {
        "EU": "item-not-excluded-by-notes-to-6e201",
        "US": "laser-of-6a005-meets-or-exceeds-6a205-parameters",
    }
    for jurisdiction, fact in facts.items():
        asked = classify_in(jurisdiction, _technology("use", "41 W"), ON)
        assert asked["controlled"] == "unknown" and fact in asked["missing_facts"]
        assert f"{jurisdiction}:6E201" in _possible(asked)
        stated = _technology("use", "41 W")
        stated["facts"] = {**ARGON_FACTS, fact: True}
        answer = classify_in(jurisdiction, stated, ON)
        assert answer["controlled"] is True and _ids(answer) == [f"{jurisdiction}:6E201"]
    # development technology is not use technology: 6E201 does not concern it
    assert "US:6E201" not in _possible(classify_in("US", _technology("development", "41 W"), ON))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_technology_for_a_broad_kind_asks_which_kind(classify_in: Any, jurisdiction: str) -> None:
    item = {"kind": "technology", "for_kind": "magnetometer", "purpose": "development"}
    answer = classify_in(jurisdiction, item, ON)
    assert answer["controlled"] == "unknown" and f"{jurisdiction}:6E001" in _possible(answer)
    (note,) = [n for n in answer["notes"] if "only for some kinds of magnetometer" in n]
    assert "squid-magnetometer" in note and "optically-pumped-magnetometer" in note


def test_the_curated_eu_3e001_serves_every_3a_entry_its_text_names(classify_in: Any) -> None:
    # EU 3E001's curated row named the quantum entries only; its text names 3A, 3B and 3C:
    # technology for a rubidium standard of 3A002.g.3 is controlled by it
    rubidium = {
        "kind": "technology",
        "for_kind": "rubidium-frequency-standard",
        "purpose": "development",
        "parameters": {"long-term-frequency-stability": 5e-12, "power-consumption": "0.5 W"},
        "facts": {"not-space-qualified": True, "not-specially-designed-for-other-equipment": True},
    }
    answer = classify_in("EU", rubidium, ON)
    assert answer["controlled"] is True and "EU:3E001" in _ids(answer)
    us = classify_in("US", rubidium, ON)
    assert us["controlled"] is True and "US:3E001" in _ids(us)


def test_both_evaluation_paths_answer_served_whole_list_entries_alike(context: Context) -> None:
    for item in (
        _technology("development", "41 W"),
        _technology("use", "41 W"),
        _technology("development", "40 W"),
        {"kind": "technology", "for_kind": "magnetometer", "purpose": "development"},
    ):
        index = classify(context, item, list(BOTH), ON)
        sparql = classify(context, item, list(BOTH), ON, engine="sparql")
        assert index["results"] == sparql["results"], item


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_technology_and_software_for_computers_above_24_weighted_teraflops(
    classify_in: Any, jurisdiction: str
) -> None:
    # 4E001.b.1 / 4D001.b.1: "Digital computers" having an APP exceeding 24 WT, "other than that
    # controlled by 4E001.a" (EU: specified in) — a fact handing the item to 4E001.a when false
    def computer(kind: str, app: str, purpose: str, **facts: bool) -> dict[str, Any]:
        return {
            "kind": kind,
            "for_kind": "digital-computer",
            "purpose": purpose,
            # rated within every ambient temperature limit (4A001.a.1, 4A101.a, 4A994.a; h18temp)
            "parameters": {
                "adjusted-peak-performance": app,
                "ambient-temperature-rating-min": "0 degC",
                "ambient-temperature-rating-max": "40 degC",
            },
            "facts": facts,
        }

    # a US digital computer is one of 4A090's kinds (served by 4E001.a): without 3A090 circuits
    no_3a090 = (
        dict.fromkeys(
            (
                "contains-integrated-circuit-meeting-3a090-a-limits",
                "contains-integrated-circuit-meeting-3a090-b-limits",
            ),
            False,
        )
        if jurisdiction == "US"
        else {}
    )
    other = {"not-controlled-by-4e001-a": True, **no_3a090}
    above = classify_in(jurisdiction, computer("technology", "30 WT", "development", **other), ON)
    assert above["controlled"] is True and _ids(above) == [f"{jurisdiction}:4E001.b.1"]
    at = classify_in(jurisdiction, computer("technology", "24 WT", "production", **other), ON)
    assert at["controlled"] is False
    asked = classify_in(
        jurisdiction, computer("technology", "30 WT", "development", **no_3a090), ON
    )
    assert asked["controlled"] == "unknown"
    assert asked["missing_facts"] == ["not-controlled-by-4e001-a"]
    assert (
        classify_in(jurisdiction, computer("technology", "30 WT", "use", **other), ON)["controlled"]
        is not True
    )  # 4E001.b is development or production only
    software = {"not-controlled-by-4d001-a": True, "software-specially-designed-or-modified": True}
    written = classify_in(jurisdiction, computer("software", "30 WT", "production", **software), ON)
    assert written["controlled"] is True and _ids(written) == [f"{jurisdiction}:4D001.b.1"]
    general = {**software, "software-specially-designed-or-modified": False}
    assert (
        classify_in(jurisdiction, computer("software", "30 WT", "production", **general), ON)[
            "controlled"
        ]
        is False
    )
