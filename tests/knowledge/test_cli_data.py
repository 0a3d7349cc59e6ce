"""The operator's commands on the real data: load, check, query, export."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.paths import project_root
from tests.real_graph import real_store

runner = CliRunner()


def record_path_of(store: Path) -> Path:
    """Where the results of the on-disk store at `store` are kept (graph/version_cache)."""
    return store.parent / f"{store.name}.results.json"


# Every entry issue 2 names (contract ids), so that the query below proves they are all loaded.
REQUIRED_ENTRIES = [
    *(f"US:4A906.a.{n}" for n in range(1, 9)),
    "US:4A906.b",
    "US:4A906.c",
    "US:4D906",
    "US:4E906",
    "US:3A901.a",
    "US:3A901.b",
    "US:3A904.a",
    "US:3A904.b",
    "US:3B904",
    "US:3C907",
    "US:3C908",
    "US:3C909",
    "US:3D901",
    "US:3E901",
    *(f"EU:4A506.a.{n}" for n in range(1, 9)),
    "EU:4A506.b",
    "EU:4A506.c",
    "EU:3A501.a.15",
    "EU:3A501.b.13",
    "EU:3A504.a",
    "EU:3A504.b",
    "EU:3B504",
    "EU:3C507",
    "EU:3C508",
    "EU:3C509",
    "EU:3D001",
    "EU:3E001",
    "EU:4D001.b.3",
    "EU:4E001.a",
    "GB:PL9013",
    "GB:PL9014",
    "CA:5506",
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An on-disk store holding what `exportgraph load` leaves (tests/real_graph, built once)."""
    path = tmp_path_factory.mktemp("cli-data") / "store"
    real_store(path).close()
    return path


@pytest.fixture
def store(loaded: Path, tmp_path: Path) -> str:
    """--store of a copy of the loaded store (a command keeps its folder open to the end of the
    process: one folder per test)."""
    shutil.copytree(loaded, tmp_path / "store")
    return f"oxigraph:{tmp_path / 'store'}"


@pytest.fixture(scope="module")
def entries(loaded: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """`exportgraph query queries/list_entries.rq --format json` on the loaded store."""
    copy = tmp_path_factory.mktemp("cli-query") / "store"
    shutil.copytree(loaded, copy)
    query = str(project_root() / "queries" / "list_entries.rq")
    result = runner.invoke(app, ["query", query, "--format", "json", "--store", f"oxigraph:{copy}"])
    assert result.exit_code == 0, result.output
    rows: list[dict[str, Any]] = json.loads(result.output)["results"]["bindings"]
    return rows


def test_check_conforms_on_the_shipped_data(loaded: Path, tmp_path: Path) -> None:
    """What `load` leaves conforms: `check` answers with the whole validation `load` ran and
    recorded beside the store for its data version (run once per test run by the real build;
    --fresh, which validates again, is tested on a small store in test_recorded_check.py)."""
    copy = tmp_path / "store"
    shutil.copytree(loaded, copy)
    shutil.copy(record_path_of(loaded), record_path_of(copy))
    result = runner.invoke(app, ["check", "--json", "--store", f"oxigraph:{copy}"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["conforms"] is True and report["recorded"] is True
    assert [v for v in report["violations"] if v["severity"] == "violation"] == []


def test_query_lists_every_entry_with_source_dates_and_evidence(
    entries: list[dict[str, Any]],
) -> None:
    rows = entries
    by_id = {row["id"]["value"]: row for row in rows}
    missing = [entry for entry in REQUIRED_ENTRIES if entry not in by_id]
    assert missing == []
    jurisdictions = {entry.split(":")[0] for entry in by_id}
    assert {"US", "EU", "GB", "CA", "JP", "AU", "CH", "FR", "DE", "IT", "ES"} <= jurisdictions
    for row in rows:
        assert row["sources"]["value"], row
        assert row["effective_from"]["value"][:2] == "20", row
        assert row["evidence"]["value"] in ("primary", "secondary"), row


def test_provisional_entries_are_secondary_or_flagged(entries: list[dict[str, Any]]) -> None:
    for row in entries:
        if row["evidence"]["value"] == "secondary":
            assert row["provisional"]["value"] == "true", row["id"]


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "json-ld"])
def test_export_parses_back(fmt: str, store: str) -> None:
    result = runner.invoke(app, ["export", "--format", fmt, "--store", store])
    assert result.exit_code == 0
    media = {
        "turtle": "text/turtle",
        "nt": "application/n-triples",
        "xml": "application/rdf+xml",
        "json-ld": "application/ld+json",
    }[fmt]
    parsed = list(
        pyoxigraph.parse(result.stdout_bytes, pyoxigraph.RdfFormat.from_media_type(media))
    )
    assert len(parsed) > 5000


def test_failed_load_names_file_and_line_and_keeps_the_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with real_store(tmp_path / "store") as loaded:  # what `exportgraph load` leaves
        version = loaded.data_version()
    store = f"oxigraph:{tmp_path / 'store'}"

    home = tmp_path / "home"
    for folder in ("ontology", "shapes", "queries"):
        shutil.copytree(project_root() / folder, home / folder)
    criteria = home / "ontology" / "controls" / "US" / "criteria.csv"
    lines = criteria.read_text().splitlines()
    lines[3] = lines[3].replace(">=", "=>", 1).replace("<=", "=>", 1).replace("<", "=>", 1)
    criteria.write_text("\n".join(lines) + "\n")
    monkeypatch.setenv("EXPORTGRAPH_HOME", str(home))
    broken = runner.invoke(app, ["load", "--store", store])
    assert broken.exit_code == 2
    assert "ontology/controls/US/criteria.csv" in broken.output
    assert "criteria.csv:4:" in broken.output
    assert "column 'comparator'" in broken.output

    monkeypatch.delenv("EXPORTGRAPH_HOME")
    from exportgraph.store import open_store

    with open_store(store) as kept:
        assert kept.data_version() == version
        assert kept.triple_count() > 5000


def test_serve_refuses_several_workers_on_a_store_only_one_process_can_open() -> None:
    result = runner.invoke(app, ["serve", "--workers", "2", "--store", "memory:"])
    assert result.exit_code == 2
    assert "sparql:" in result.output
