"""A rebuild (`graph.build.build`, `exportgraph load`) replays the approved change sets on top of
the sources, in approval order, all-or-nothing; conflicts fail the load and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from exportgraph.loaders.controls import triples_to_ntriples
from pyoxigraph import NamedNode
from typer.testing import CliRunner

from exportgraph import namespaces as ns
from exportgraph.cli import app
from exportgraph.graph.build import build
from exportgraph.graph.changeset import ApprovedChange, parse_turtle
from exportgraph.graph.reasoning import materialize
from exportgraph.graph.replay import ReplayConflict, replay, turtle
from exportgraph.graph.sources import NTRIPLES, collect_sources, inferred_copy, parse_sources
from exportgraph.services.standards import changes
from exportgraph.services.standards.terminology_check import (
    TerminologyViolated,
    asserted_triples,
    require_conforming,
)
from exportgraph.services.users import User
from exportgraph.store import RdfSource, Store, compute_data_version, open_store

from .conftest import fixture_ontology
from .support import XX_COOL

ERIN, RITA = User("erin", "editor"), User("rita", "reviewer")
CRITERION = NamedNode(XX_COOL.strip("<>"))
CRITERIA_CSV = Path("controls") / "XX" / "criteria.csv"


def correct_threshold(store: Store, old: str, new: str) -> str:
    """Propose (erin) and approve (rita) XX COOL-1's threshold old -> new; the change id."""
    body = {
        "summary": f"XX cooling threshold {old} -> {new} mK",
        "rationale": "amended Testland act",
        "base_version": store.data_version(),
        "remove": f"{XX_COOL} eg:thresholdValue {old} .",
        "add": f"{XX_COOL} eg:thresholdValue {new} .",
    }
    change_id = str(changes.propose(store, ERIN, body)["id"])
    assert changes.approve(store, RITA, change_id)["status"] == "approved"
    return change_id


def thresholds(store: Store) -> list[str]:
    predicate = ns.eg("thresholdValue")
    return sorted(
        str(getattr(t.object, "value", t.object))
        for t in store.triples()
        if t.subject == CRITERION and t.predicate == predicate
    )


def edit_threshold(root: Path, value: str) -> None:
    """Change COOL-1's threshold in the tables, as an editor would."""
    path = root / CRITERIA_CSV
    row = "COOL-1,1,base-temperature,<=,{},"
    text = path.read_text(encoding="utf-8")
    assert row.format(100) in text
    path.write_text(text.replace(row.format(100), row.format(value)), encoding="utf-8")


def plain_build_version(root: Path) -> str:
    with open_store("memory:") as store:
        return build(store, root=root).data_version


@pytest.fixture
def own_root(tmp_path: Path) -> Path:
    """A private copy of the fixture terminology that a test may edit."""
    return fixture_ontology(tmp_path / "ontology")


LABEL = 'kind:x skos:altLabel "x"@it .'
THRESHOLD = XX_COOL + " eg:thresholdValue {} ."


def test_replay_policy_per_change() -> None:
    """Applied, already in the sources, or conflicting (left out whole when asked)."""
    sources = parse_turtle(THRESHOLD.format("100.0") + LABEL, "sources")
    cases = [
        # a number to remove matches in any spelling
        ApprovedChange("1", "threshold", THRESHOLD.format(150), THRESHOLD.format(100)),
        ApprovedChange("2", "label again", LABEL, ""),  # already asserted: nothing to do
        ApprovedChange("3", "unlabel", "", LABEL),
        ApprovedChange("4", "relabel", LABEL, ""),  # re-adds what 3 removed: order matters
        ApprovedChange("5", "stale", THRESHOLD.format(175), THRESHOLD.format(100)),
    ]
    with pytest.raises(ReplayConflict) as raised:
        replay(sources, cases)
    assert [o.change for o in raised.value.conflicts] == ["5"]
    done = replay(sources, cases, drop_conflicting=True)
    assert [o.status for o in done.outcomes] == [
        "applied",
        "in-sources",
        "applied",
        "applied",
        "dropped",
    ]
    assert set(done.graph) == set(parse_turtle(THRESHOLD.format(150) + LABEL, "expected"))
    assert turtle(done.added).endswith(f'{XX_COOL} eg:thresholdValue "150"^^xsd:integer .\n')
    # a change whose whole effect is in the sources already (carried into the tables)
    carried = replay(done.graph, cases[:1])
    assert [o.status for o in carried.outcomes] == ["in-sources"] and not carried.added


def test_approved_changes_survive_a_rebuild_in_approval_order(
    fresh_store: Store, fixture_root: Path, fixture_store: Store
) -> None:
    first = correct_threshold(fresh_store, "100", "150")
    second = correct_threshold(fresh_store, "150", "175")  # depends on the first
    report = build(fresh_store, root=fixture_root)
    assert [(o.change, o.status) for o in report.changes] == [
        (first, "applied"),
        (second, "applied"),
    ]
    assert thresholds(fresh_store) == ["175"]
    asserted = set(asserted_triples(fresh_store))
    assert len(asserted) == report.asserted_triples
    # the closure is that of the replayed graph, recorded in the inferred graph as usual
    expected = set(materialize(sorted(asserted, key=str)).inferred)
    assert set(fresh_store.triples(ns.INFERRED_GRAPH)) == expected
    # the data version reflects the change, and is reproducible
    assert report.data_version != fixture_store.data_version()
    assert build(fresh_store, root=fixture_root).data_version == report.data_version
    assert [c["status"] for c in changes.list_changes(fresh_store)] == ["approved", "approved"]


def test_a_conflicting_replay_fails_and_leaves_the_store_intact(
    fresh_store: Store, own_root: Path
) -> None:
    change = correct_threshold(fresh_store, "100", "150")
    edit_threshold(own_root, "120")  # the tables moved on differently
    version, graph = fresh_store.data_version(), set(fresh_store.triples())
    with pytest.raises(ReplayConflict) as raised:
        build(fresh_store, root=own_root)
    assert f"change {change} " in str(raised.value) and "--drop-conflicting" in str(raised.value)
    assert fresh_store.data_version() == version and set(fresh_store.triples()) == graph
    # asked to, the load leaves the whole change out and says so
    report = build(fresh_store, root=own_root, drop_conflicting=True)
    assert [(o.change, o.status) for o in report.changes] == [(change, "dropped")]
    assert thresholds(fresh_store) == ["120"]
    assert report.data_version == plain_build_version(own_root)


def test_a_change_carried_into_the_tables_is_found_there(
    fresh_store: Store, own_root: Path
) -> None:
    change = correct_threshold(fresh_store, "100", "150")
    edit_threshold(own_root, "150")
    report = build(fresh_store, root=own_root)
    assert [(o.change, o.status) for o in report.changes] == [(change, "in-sources")]
    assert thresholds(fresh_store) == ["150"]
    assert report.data_version == plain_build_version(own_root)


def test_without_approved_changes_the_build_is_as_before(
    fresh_store: Store, fixture_root: Path, fixture_store: Store
) -> None:
    """Same data version as the load always computed: the sources plus the closure."""
    sources = collect_sources(fixture_root)
    inferred = materialize(parse_sources(sources)).inferred
    closure = RdfSource("inferred (OWL 2 RL closure)", triples_to_ntriples(inferred), NTRIPLES)
    expected = compute_data_version([*sources, closure, inferred_copy(inferred)])
    assert fixture_store.data_version() == expected
    # proposed and rejected changes are not replayed
    body = {
        "summary": "Italian label",
        "rationale": "r",
        "base_version": fresh_store.data_version(),
        "add": 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .',
    }
    changes.propose(fresh_store, ERIN, body)
    rejected = changes.propose(
        fresh_store, ERIN, {**body, "base_version": fresh_store.data_version()}
    )
    changes.reject(fresh_store, RITA, str(rejected["id"]))
    report = build(fresh_store, root=fixture_root)
    assert report.changes == () and report.data_version == expected
    assert set(fresh_store.triples()) == set(fixture_store.triples())


def test_cli_load_replays_and_export_shows_the_net_effect(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    fixture_ontology(home / "ontology")
    for name in ("queries", "shapes"):
        (home / name).symlink_to(Path(__file__).resolve().parents[2] / name)
    monkeypatch.setenv("EXPORTGRAPH_HOME", str(home))
    uri = f"oxigraph:{tmp_path / 'store'}"
    runner = CliRunner()
    first = runner.invoke(app, ["load", "--store", uri])
    assert first.exit_code == 0 and "replayed 0 approved change(s)" in first.output
    with open_store(uri) as store:
        change = correct_threshold(store, "100", "150")
    loaded = runner.invoke(app, ["load", "--store", uri])
    assert loaded.exit_code == 0, loaded.output
    assert "replayed 1 approved change(s): 1 applied" in loaded.output
    exported = runner.invoke(app, ["changes", "export", "--store", uri])
    assert exported.exit_code == 0, exported.output
    add, remove = exported.output.split("# ---- statements to remove")
    assert f'{XX_COOL} eg:thresholdValue "150"^^xsd:integer .' in add
    assert f'{XX_COOL} eg:thresholdValue "100"^^xsd:decimal .' in remove
    edit_threshold(home / "ontology", "120")
    refused = runner.invoke(app, ["load", "--store", uri])
    assert refused.exit_code == 2 and f"change {change} " in refused.output
    with open_store(uri) as store:
        assert thresholds(store) == ["150"]  # the previous store, intact
    dropped = runner.invoke(app, ["load", "--store", uri, "--drop-conflicting"])
    assert dropped.exit_code == 0 and f"dropped change {change} " in dropped.output


DUTCH_LABEL = 'kind:quantum-annealer skos:prefLabel "quantumannealer"@nl .'
JAPANESE_LABEL = '"量子アニーリングマシン"@ja ;'


def test_a_replayed_result_that_violates_the_shapes_fails_the_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An approved change that was valid, and sources edited since so that together they
    violate a shape (two Dutch preferred labels): the load fails naming the violation and the
    store keeps its previous data; the CLI says so and exits 2."""
    home = tmp_path / "home"
    root = fixture_ontology(home / "ontology")
    for name in ("queries", "shapes"):
        (home / name).symlink_to(Path(__file__).resolve().parents[2] / name)
    monkeypatch.setenv("EXPORTGRAPH_HOME", str(home))
    uri = f"oxigraph:{tmp_path / 'store'}"
    with open_store(uri) as store:
        build(store, root=root)
        body = {
            "summary": "Dutch label",
            "rationale": "r",
            "base_version": store.data_version(),
            "add": DUTCH_LABEL,
        }
        change = changes.propose(store, ERIN, body)
        assert change["report"]["conforms"] is True
        changes.approve(store, RITA, str(change["id"]))
        build(store, root=root)  # replaying it on unchanged sources is fine
        version, statements = store.data_version(), set(store.triples())
        concepts = root / "concepts.ttl"
        text = concepts.read_text(encoding="utf-8")
        assert text.count(JAPANESE_LABEL) == 1
        concepts.write_text(
            text.replace(JAPANESE_LABEL, JAPANESE_LABEL[:-1] + ', "kwantumannealer"@nl ;'),
            encoding="utf-8",
        )
        with pytest.raises(TerminologyViolated) as raised:
            build(store, root=root, validate=require_conforming)
        assert [(r.rule, r.focus) for r in raised.value.report.results] == [
            ("TERM-SKOS-PREFLABEL", f"{ns.EGID}kind/quantum-annealer")
        ] * len(raised.value.report.results)
        assert "1 approved change(s) replayed" in str(raised.value)
        assert store.data_version() == version and set(store.triples()) == statements
    refused = CliRunner().invoke(app, ["load", "--store", uri])
    assert refused.exit_code == 2, refused.output
    assert "TERM-SKOS-PREFLABEL" in refused.output and "quantum-annealer" in refused.output
    with open_store(uri) as store:
        assert store.data_version() == version
