"""`exportgraph check` on an unchanged data version reports the check recorded beside the store
(by `load` or an earlier `check`); a changed store, or --fresh, is validated again."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.services.standards import terminology_check
from exportgraph.store import RdfSource, open_store
from exportgraph.store.embedded import EmbeddedStore
from tests.knowledge.test_terminology_shapes import PREFIXES, VALID

runner = CliRunner()
BROKEN = VALID.replace("eg:jurisdiction ex:US ;", "eg:jurisdiction ex:nowhere ;", 1)


def _fill(path: Path, turtle: str) -> str:
    store = EmbeddedStore(path)
    try:
        return store.replace_all([RdfSource("test", (PREFIXES + turtle).encode(), "text/turtle")])
    finally:
        store.close()


def _check(path: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["check", "--json", "--store", f"oxigraph:{path}", *extra])
    report: dict[str, Any] = json.loads(result.output)
    return result.exit_code, report


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real validations `check` runs (each still runs)."""
    counted: list[int] = []
    real = terminology_check.check_terminology

    def counting(store: Any) -> terminology_check.TerminologyReport:
        counted.append(1)
        return real(store)

    monkeypatch.setattr(terminology_check, "check_terminology", counting)
    return counted


def test_unchanged_version_reports_the_recorded_check(
    tmp_path: Path, validations: list[int]
) -> None:
    path = tmp_path / "store"
    version = _fill(path, VALID)
    code, first = _check(path)
    assert (code, first["conforms"], first["recorded"]) == (0, True, False)
    assert first["data_version"] == version and validations == [1]

    code, again = _check(path)
    assert again["recorded"] is True and validations == [1]  # not validated again
    assert again["computed_at"] == first["computed_at"]
    assert again["data_version"] == version
    assert {k: again[k] for k in ("conforms", "violations")} == {
        k: first[k] for k in ("conforms", "violations")
    }

    code, fresh = _check(path, "--fresh")
    assert fresh["recorded"] is False and validations == [1, 1]


def test_a_changed_store_is_checked_afresh(tmp_path: Path, validations: list[int]) -> None:
    before, after = tmp_path / "before", tmp_path / "after"
    _fill(before, VALID)
    assert _check(before)[0] == 0
    # the same store after a write (a command keeps its folder open to the end of the process,
    # so the changed store is a second folder holding the first one's record)
    changed = _fill(after, BROKEN)
    shutil.copy(record_path_of(before), record_path_of(after))
    code, report = _check(after)
    assert code == 1 and report["recorded"] is False and report["data_version"] == changed
    assert any(v["rule"] == "TERM-ENTRY-JURISDICTION" for v in report["violations"])
    assert validations == [1, 1]
    # and the violation found is what the next run reports, from the record
    code, kept = _check(after)
    assert code == 1 and kept["recorded"] is True and kept["violations"] == report["violations"]


def record_path_of(path: Path) -> Path:
    return path.parent / f"{path.name}.results.json"


def test_a_record_of_other_shapes_is_not_used(
    tmp_path: Path, validations: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "store"
    _fill(path, VALID)
    _check(path)
    monkeypatch.setattr(terminology_check, "shapes_version", lambda: "other shapes")
    assert _check(path)[1]["recorded"] is False and validations == [1, 1]


def test_text_output_says_when_and_for_which_version(tmp_path: Path) -> None:
    path = tmp_path / "store"
    version = _fill(path, VALID)
    runner.invoke(app, ["check", "--store", f"oxigraph:{path}"])
    result = runner.invoke(app, ["check", "--store", f"oxigraph:{path}"])
    assert result.exit_code == 0
    assert f"data version {version}, recorded at " in " ".join(result.output.split())


def _fixture_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """EXPORTGRAPH_HOME: the fixture terminology with the project's queries and shapes."""
    from tests.terminology.conftest import fixture_ontology

    home = tmp_path / "home"
    fixture_ontology(home / "ontology")
    for name in ("queries", "shapes"):
        (home / name).symlink_to(Path(__file__).resolve().parents[2] / name)
    monkeypatch.setenv("EXPORTGRAPH_HOME", str(home))


def test_load_records_the_check_it_ran_and_check_reports_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A load that replays an approved change validates the result before writing it; `check`
    then reports that validation (identical to a fresh one) instead of running it again."""
    from tests.terminology.test_replay import correct_threshold

    _fixture_home(tmp_path, monkeypatch)
    path = tmp_path / "store"
    uri = f"oxigraph:{path}"
    assert runner.invoke(app, ["load", "--store", uri]).exit_code == 0
    with open_store(uri) as store:
        correct_threshold(store, "100", "150")
    loaded = runner.invoke(app, ["load", "--store", uri])
    assert loaded.exit_code == 0, loaded.output
    with open_store(uri) as store:
        version = store.data_version()
    code, kept = _check(path)
    assert code == 0 and kept["recorded"] is True and kept["data_version"] == version
    code, fresh = _check(path, "--fresh")
    assert code == 0 and fresh["recorded"] is False
    assert {k: kept[k] for k in ("conforms", "violations")} == {
        k: fresh[k] for k in ("conforms", "violations")
    }


def test_a_plain_load_records_the_check_of_what_it_loaded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, validations: list[int]
) -> None:
    """No approved change to replay: the sources load as they are, and their check is recorded
    and said, so `check` (and the first proposal) need not validate the whole graph again."""
    _fixture_home(tmp_path, monkeypatch)
    path = tmp_path / "store"
    loaded = runner.invoke(app, ["load", "--store", f"oxigraph:{path}"])
    assert loaded.exit_code == 0, loaded.output
    assert "the terminology conforms to its shapes" in loaded.output
    code, kept = _check(path)
    assert code == 0 and kept["recorded"] is True and kept["conforms"] is True
    assert validations == []  # the load checked the graph before writing it, not the store


def _memory(turtle: str, unique: str) -> EmbeddedStore:
    """A memory store of `turtle` plus a statement no other test writes (its own version)."""
    store = EmbeddedStore()
    text = f'{PREFIXES}{turtle}\n<urn:test:{unique}> <urn:test:p> "x" .\n'
    store.replace_all([RdfSource("test", text.encode(), "text/turtle")])
    return store


def test_stores_without_a_folder_share_the_check_of_a_data_version(
    validations: list[int],
) -> None:
    """A data version names one content, so a memory store at a version checked in this
    process reports that check; other content (another version) is validated."""
    unique = uuid.uuid4().hex
    first, same = _memory(VALID, unique), _memory(VALID, unique)
    broken = _memory(BROKEN, unique)
    assert first.data_version() == same.data_version() != broken.data_version()
    checked = terminology_check.checked_terminology(first)
    again = terminology_check.checked_terminology(same)
    assert (checked.recorded, again.recorded) == (False, True)
    assert again.report == checked.report and again.computed_at == checked.computed_at
    other = terminology_check.checked_terminology(broken)
    assert other.recorded is False and not other.report.conforms
    assert validations == [1, 1]


def test_a_store_without_a_version_is_never_given_a_recorded_check(
    validations: list[int],
) -> None:
    for _ in range(2):
        store = EmbeddedStore()
        assert store.data_version() is None
        assert terminology_check.checked_terminology(store).recorded is False
    assert validations == [1, 1]
