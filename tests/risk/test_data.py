"""The risk data itself: models cite what they follow, destination groupings are exactly the
official texts', stages, activities and processing times carry their basis and sources."""

from __future__ import annotations

import itertools
import json
import shutil
from pathlib import Path

import pytest
from exportgraph.loaders.country_names import CountryNames
from exportgraph.loaders.tables import SourceDataError
from exportgraph.loaders.whole_lists import load_whole_lists

from exportgraph import namespaces as ns
from exportgraph import paths
from exportgraph.knowledge.index import Knowledge

SOURCES = paths.ontology_dir() / "sources"


def test_two_models_with_versions_and_sources(knowledge: Knowledge) -> None:
    models = knowledge.risk.models
    assert set(models) == {"capped-points", "dod-matrix"}
    assert knowledge.risk.default_model() is models["capped-points"]
    for model in models.values():
        assert model.version and model.sources
        assert all(iri in knowledge.risk.references for iri in model.sources)
        for factor in model.factors:
            assert factor.basis and factor.direction, factor.iri
            for level in factor.levels:
                assert level.basis, level.iri
                cited = [*level.sources, *factor.sources]
                assert all(iri in knowledge.risk.references for iri in cited), level.iri
                assert cited, f"{level.iri} cites nothing, nor does its factor"
    assert knowledge.problems == ()


def test_design_choices_say_so(knowledge: Knowledge) -> None:
    """Points no published method gives are marked as this model's design choice; the published
    ones (the destination points of the capped-points scheme) are not."""
    model = knowledge.risk.models["capped-points"]
    for factor in model.factors:
        for level in factor.levels:
            published = factor.id == "destination"
            says = (
                "design choice" in (level.basis or "").lower()
                or "design choice" in (factor.basis or "").lower()
            )
            if published:
                assert "published points" in (level.basis or "").lower(), level.iri
            elif level.points:
                assert says, level.iri


def test_every_measure_cites_its_source(knowledge: Knowledge) -> None:
    assert knowledge.risk.measures
    for measure in knowledge.risk.measures.values():
        assert measure.sources and all(s in knowledge.risk.references for s in measure.sources)


def test_country_groups_are_the_official_ones(knowledge: Knowledge) -> None:
    official = json.loads((SOURCES / "us-15cfr740-country-groups.json").read_text())
    names = CountryNames(paths.ontology_dir() / "controls" / "country-names.csv")
    groupings = {g.id: g for g in knowledge.risk.groupings.values()}
    for group, members in official["groups"].items():
        grouping = groupings[f"US-CG-{group}"]
        assert grouping.iri == ns.country_group_iri("US", group).value  # one node per group
        assert {names.code(m) for m in members} <= grouping.members, group
    # Hong Kong is governed by the China row (85 FR 83788); Macau is not in D:5 but with it in the EAR
    us_groups = {
        g.iri for g in knowledge.risk.groupings.values() if g.id.startswith(("US-CG-", "US-EAR-"))
    }
    hong_kong = knowledge.risk.destinations["HK"].groupings & us_groups
    assert hong_kong == knowledge.risk.destinations["CN"].groupings & us_groups
    assert any("85 FR 83788" in note for note in knowledge.risk.destinations["HK"].notes)
    assert "MO" not in groupings["US-CG-D:5"].members
    assert "MO" in groupings["US-EAR-D:5+MO"].members
    assert groupings["US-CG-E:1"].members == {"IR", "KP", "SY"}
    assert groupings["US-CG-A:1"].label.startswith("Country Group A:1 — Wassenaar")


def test_eu001_destinations_are_those_of_the_annex_ii_text(knowledge: Knowledge) -> None:
    groupings = {g.id: g for g in knowledge.risk.groupings.values()}
    assert groupings["EU-GEA-EU001"].members == {
        "AU",
        "CA",
        "CH",
        "GB",
        "IS",
        "JP",
        "LI",
        "NO",
        "NZ",
        "US",
    }


def test_an_unknown_country_name_in_a_grouping_is_an_error(tmp_path: Path) -> None:
    ontology = tmp_path / "ontology"
    shutil.copytree(paths.ontology_dir() / "sources", ontology / "sources")
    shutil.copytree(paths.ontology_dir() / "controls", ontology / "controls")
    groups = json.loads((SOURCES / "us-15cfr740-country-groups.json").read_text())
    groups["groups"]["E:2"].append("Atlantis")
    (ontology / "sources" / "us-15cfr740-country-groups.json").write_text(json.dumps(groups))
    with pytest.raises(SourceDataError) as raised:
        load_whole_lists(ontology)
    assert "Atlantis" in str(raised.value) and "country-names.csv" in str(raised.value)


def test_stages_have_ordered_trl_ranges_and_gates(knowledge: Knowledge) -> None:
    stages = knowledge.notations("project-stages")
    ranges = [knowledge.risk.trl[s] for s in stages]
    assert all(r.low is not None and r.high is not None and r.low <= r.high for r in ranges)
    assert all(
        a.high is not None and b.low is not None and a.high < b.low
        for a, b in itertools.pairwise(ranges)
    )
    assert set(knowledge.risk.gates) == set(stages)
    assert all(r.basis and "interpretation" in r.basis for r in ranges)


def test_the_plan_activities_are_in_the_scheme(knowledge: Knowledge) -> None:
    activities = knowledge.scheme("activities")
    for name in (
        "export",
        "deemed-export",
        "researcher-exchange",
        "facility-access",
        "seminar",
        "equipment-trial",
        "publication",
    ):
        assert name in activities
    for name in ("facility-access", "seminar", "equipment-trial"):
        assert activities[name].pick("note")[0], f"{name}: what it is under the law"
    releasing = knowledge.notations("activities", "releasesToPerson")
    assert {"facility-access", "seminar", "researcher-exchange"} <= set(releasing)
    assert "equipment-trial" not in releasing
    assert knowledge.risk.assessed_as == {"equipment-trial": "export"}


def test_processing_times_are_cited_and_typed(knowledge: Knowledge) -> None:
    times = knowledge.risk.processing_times
    kinds = set(knowledge.notations("time-kinds"))
    planning: dict[str, int] = {}
    for time in times:
        assert time.kind in kinds and time.evidence in ("primary", "secondary") and time.sources
        if time.planning:
            planning[time.jurisdiction] = planning.get(time.jurisdiction, 0) + 1
            assert time.duration is not None and time.unit and time.basis
    assert all(count == 1 for count in planning.values())
    assert set(planning) == {"US", "DE", "FR", "NL", "GB", "CA", "JP", "AU"}
    us = knowledge.risk.planning_time("US")
    assert us is not None and (us.kind, us.duration, us.unit) == (
        "statutory-deadline",
        90,
        "calendar-days",
    )
    # statutory ceilings and observed averages are told apart
    assert {t.kind for t in knowledge.risk.times_of("US")} >= {
        "statutory-deadline",
        "observed-average",
        "planning-allowance",
    }
    assert knowledge.risk.planning_time("CH") is None and knowledge.risk.planning_time("IT") is None
