"""An item of a broad kind (`magnetometer`, no sub-kind) whose entries are written for narrower
kinds (SQUID, optically pumped, fluxgate …) is "unknown — state the kind", naming the narrower
kinds the entries name, never "not controlled"; the stated figures still decide where they rule
every such entry out. Both evaluation paths (index, SPARQL) answer alike."""

from __future__ import annotations

from typing import Any

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.partners.classify import classify

ON = "2026-12-01"  # after both whole-list text bases (US 2026-07-23, EU 2025-11-15)


def _ids(entries: list[dict[str, Any]]) -> set[str]:
    return {entry["id"] for entry in entries}


def test_a_magnetometer_of_no_stated_kind_is_unknown_naming_the_kinds(classify_in: Any) -> None:
    for jurisdiction in ("US", "EU"):
        result = classify_in(jurisdiction, {"kind": "magnetometer"}, ON)
        assert result["controlled"] == "unknown"
        assert "kind" in result["missing_facts"]
        assert f"{jurisdiction}:6A006.a.2" in _ids(result["possible_entries"])
        (note,) = [n for n in result["notes"] if "state the kind: one of" in n]
        for named in (
            "squid-magnetometer",
            "optically-pumped-magnetometer",
            "fluxgate-magnetometer",
        ):
            assert f"({named})" in note
        assert "nv-magnetometer" not in note  # no entry names it
        assert "SQUID magnetometer" in note  # in the users' words, not only the notation


def _possible_ids(result: dict[str, Any]) -> set[str]:
    return {entry["id"] for entry in result.get("possible_entries", [])}


def test_stating_the_kind_decides(classify_in: Any) -> None:
    sensitive = {"magnetometer-sensitivity-1hz": {"value": 5, "unit": "pT/Hz**0.5"}}
    pumped = {"kind": "optically-pumped-magnetometer", "parameters": sensitive}
    assert classify_in("US", pumped, ON)["controlled"] is True
    nv = classify_in("EU", {"kind": "nv-magnetometer", "parameters": sensitive}, ON)
    assert nv["controlled"] is False  # a narrower kind no entry names
    # (in the US, 6A996.a names every "magnetometer", n.e.s.: text, so unknown, never false)
    us = classify_in("US", {"kind": "nv-magnetometer", "parameters": sensitive}, ON)
    assert us["controlled"] == "unknown" and "US:6A996.a" in _possible_ids(us)
    broad = classify_in("US", {"kind": "magnetometer", "parameters": sensitive}, ON)
    assert broad["controlled"] == "unknown"
    assert "kind" in broad["missing_facts"]


def test_the_figures_still_rule_narrower_entries_out(classify_in: Any) -> None:
    """2 W at 60 K is no two-stage pulse tube of US 3A904.b (>= 1.5 W at <= 4.2 K), whatever
    kind of cooling system it is: on a date the US whole-list paragraphs do not reach, not
    controlled. Where 6A002.d (any pulse-tube cryocooler, known only as text) is in force, the
    kind decides again: unknown (the Sunpower CPT60 of the corpus)."""
    item = {
        "kind": "cryogenic-cooling-system",
        "parameters": {"cooling-power": "2 W", "cooling-power-temperature": "60 K"},
    }
    assert classify_in("US", item, "2025-12-01")["controlled"] is False
    for jurisdiction in ("US", "EU"):
        result = classify_in(jurisdiction, item, ON)
        assert result["controlled"] == "unknown"
        assert "kind" in result["missing_facts"]
        assert f"{jurisdiction}:6A002.d.2.a" in _ids(result["possible_entries"])
    cold = {**item, "parameters": {"cooling-power": "2 W", "cooling-power-temperature": "4.2 K"}}
    result = classify_in("US", cold, "2025-12-01")
    assert result["controlled"] == "unknown"
    assert "kind" in result["missing_facts"]
    assert _ids(result["possible_entries"]) >= {"US:3A904.b"}
    assert any("(pulse-tube-cryocooler)" in n for n in result["notes"])


def test_a_served_item_of_a_broad_kind_asks_for_the_for_kind(classify_in: Any) -> None:
    item = {
        "kind": "technology",
        "for_kind": "cryogenic-cooling-system",
        "purpose": "development",
        "parameters": {
            "cooling-power": "2 W",
            "cooling-power-temperature": "4.2 K",
            "base-temperature": "2.8 K",
        },
    }
    result = classify_in("US", item, ON)
    assert result["controlled"] == "unknown"
    assert "for_kind" in result["missing_facts"]
    assert any(
        "state which kind of cryogenic cooling system it serves: one of" in n
        for n in result["notes"]
    )
    stated = classify_in("US", {**item, "for_kind": "pulse-tube-cryocooler"}, ON)
    assert stated["controlled"] is True


def test_a_broad_kind_is_never_false_where_a_narrower_kind_could_be_controlled(
    context: Context,
) -> None:
    """For every kind with narrower kinds and every jurisdiction: when an item of some narrower
    kind (same figures: none) is or may be controlled, the broad kind is not "not controlled"."""
    knowledge = current(context)
    checked = 0
    for notation, concept in sorted(knowledge.kinds.items()):
        narrower = knowledge.descendants_of_kind(concept.iri) - {concept.iri}
        if not narrower or knowledge.serves_another_kind(concept.iri):
            continue
        broad = classify(context, {"kind": notation}, None, ON)["results"]
        for iri in sorted(narrower):
            sub = classify(context, {"kind": knowledge.kind_notation(iri)}, None, ON)["results"]
            for wide, narrow in zip(broad, sub, strict=True):
                if narrow["controlled"] is not False:
                    checked += 1
                    assert wide["controlled"] is not False, (notation, iri, wide["jurisdiction"])
    assert checked > 20


def test_both_evaluation_paths_answer_a_broad_kind_alike(context: Context) -> None:
    for item in (
        {"kind": "magnetometer"},
        {"kind": "gravimeter", "parameters": {"gravimeter-static-accuracy": "5 uGal"}},
        {"kind": "cryogenic-cooling-system", "parameters": {"cooling-power": 2}},
    ):
        index = classify(context, item, ["US", "EU"], ON)
        sparql = classify(context, item, ["US", "EU"], ON, engine="sparql")
        assert index["results"] == sparql["results"]
