"""The first proposal on a data version is checked against the whole-graph check recorded for
that version (by `load`, `check` or the write that produced it), not a new check of the whole
graph: its report is the one a whole-graph check of the changed graph gives, and so are the new
violations it names. A write records the report of the version it produced for the next
process."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from exportgraph.graph.journal import WriteRaced
from exportgraph.graph.version_cache import PerVersion
from exportgraph.services.standards import change_check
from exportgraph.services.standards.terminology_check import (
    TerminologyReport,
    asserted_triples,
    check_graph,
    checked_terminology,
    recorded_report,
)
from exportgraph.store import Store
from tests.knowledge.test_incremental import approve

from .test_local_writes import CASES, EXACT, QUBITS, change_of, copy_with

# a label edit, a threshold edit (contradicting an asserted mapping), a new SHACL violation,
# removals that break the nodes referring to what they remove, a new contradicted mapping,
# and a fix
CHOSEN = [
    "an alternative label (no shape reads it)",
    "a threshold change that contradicts an asserted mapping",
    "an evidence grade outside the list",
    "a jurisdiction that is no longer one (what entries point at)",
    "a canonical unit loses its quantity kind (two statements from the criteria)",
    "a mapping the thresholds contradict",
    "fixing a defect",
]


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """No check state of any version in this process yet, and no whole-graph check allowed."""
    monkeypatch.setattr(change_check, "_STATE", PerVersion(change_check._base_state))

    def whole(triples: object) -> change_check.CheckState:
        raise AssertionError("the whole graph was checked again")

    monkeypatch.setattr(change_check, "whole_state", whole)


@pytest.fixture(scope="module")
def recorded_stores(
    fixture_store: Store, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Store]]:
    """On-disk copies of the fixture terminology (one per base graph), each with the
    whole-graph check of its version recorded beside it, as `load` leaves it."""
    stores: dict[str, Store] = {}
    for given in {CASES[name][0] for name in CHOSEN}:
        folder = tmp_path_factory.mktemp("recorded") / "store"
        stores[given] = copy_with(fixture_store, given, f"oxigraph:{folder}")
        assert not checked_terminology(stores[given]).recorded  # checked whole, and recorded
    yield stores
    for store in stores.values():
        store.close()


@pytest.mark.parametrize("name", CHOSEN)
def test_a_change_is_checked_against_the_recorded_check_of_its_base(
    name: str, recorded_stores: dict[str, Store], fresh_process: None
) -> None:
    given, add, remove = CASES[name]
    store = recorded_stores[given]
    before = recorded_report(store, store.data_version() or "")
    assert before is not None
    effect = change_of(store, add, remove)
    after = (set(asserted_triples(store)) - set(effect.removed)) | set(effect.added)
    whole = check_graph(after)

    focused = change_check.check_change(store, effect.added, effect.removed).report
    assert focused.as_dict() == whole.as_dict()
    new = set(focused.results) - set(before.report.results)
    assert new == set(whole.results) - set(before.report.results)
    if name.startswith("an alternative label"):
        assert not new
    elif name.startswith("fixing"):
        assert focused.conforms and not before.report.conforms
    else:
        assert {r for r in new if r.severity == "violation"}, "the defect was not found"


def _approved(store: Store, add: str, remove: str = "") -> str:
    """Propose and approve a change (as two people); the data version it produced."""
    approve(store, add, remove, "of the recorded base")
    return store.data_version() or ""


def test_a_write_records_the_report_of_the_version_it_produced(
    fixture_store: Store, tmp_path: Path, fresh_process: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = copy_with(fixture_store, "", f"oxigraph:{tmp_path / 'store'}")
    try:
        assert not checked_terminology(store).recorded
        label = CASES["an alternative label (no shape reads it)"][1]
        _, grade, old_grade = CASES["an evidence grade outside the list"]
        for add, remove in ((label, ""), (grade.replace("tertiary", "secondary"), old_grade)):
            version = _approved(store, add, remove)
            kept = recorded_report(store, version)
            assert kept is not None
            assert kept.report.as_dict() == check_graph(asserted_triples(store)).as_dict()
        # the next change (a new process) is checked against what the last write recorded
        monkeypatch.setattr(change_check, "_STATE", PerVersion(change_check._base_state))
        effect = change_of(store, grade, grade.replace("tertiary", "secondary"))
        focused = change_check.check_change(store, effect.added, effect.removed).report
        after = (set(asserted_triples(store)) - set(effect.removed)) | set(effect.added)
        assert focused.as_dict() == check_graph(after).as_dict() and not focused.conforms
    finally:
        store.close()


def test_changes_approved_in_a_row_are_checked_as_the_whole_graph_is(
    fixture_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each approval's state carries the mapping check on (its scratch store changed for good):
    the next change of thresholds is still checked as a whole-graph check would."""
    store = copy_with(fixture_store, EXACT)
    try:
        change_check.state_for(store)  # the base, checked whole once

        def whole(triples: object) -> change_check.CheckState:
            raise AssertionError("the whole graph was checked again")

        monkeypatch.setattr(change_check, "whole_state", whole)
        us, eu = QUBITS, QUBITS.replace("US/4A906", "EU/4A506")
        raised = " ".join(f"{c} eg:thresholdValue 40 ." for c in (us, eu))
        before = " ".join(f"{c} eg:thresholdValue 34 ." for c in (us, eu))
        # both bands move together (the exact match holds), then one alone (it no longer does)
        for add, remove, conforms in (
            (raised, before, True),
            (f"{us} eg:thresholdValue 34 .", f"{us} eg:thresholdValue 40 .", False),
        ):
            effect = change_of(store, add, remove)
            focused = change_check.check_change(store, effect.added, effect.removed).report
            after = (set(asserted_triples(store)) - set(effect.removed)) | set(effect.added)
            assert focused.as_dict() == check_graph(after).as_dict()
            assert focused.conforms is conforms
            if conforms:
                _approved(store, add, remove)
        assert {r.rule for r in focused.results} == {"TERM-MAPPING-THRESHOLDS"}
    finally:
        store.close()


def test_a_state_read_from_a_record_never_reads_another_versions_statements(
    fixture_store: Store,
) -> None:
    """Its statements are read from the store only at its own version (another process wrote
    meanwhile: the write is computed again)."""
    mappings = change_check.recorded_state(TerminologyReport(), "another version").mappings
    with pytest.raises(WriteRaced):
        mappings.projection(fixture_store)
    mappings.also_of(fixture_store.data_version() or "")
    assert mappings.projection(fixture_store)
