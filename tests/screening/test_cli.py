"""`exportgraph screen NAME [--country CC] [--json]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.graph.context import Context

from .conftest import LIST_FILE, screening_root

runner = CliRunner()


@pytest.fixture(autouse=True)
def shared_store(monkeypatch: pytest.MonkeyPatch, context: Context) -> None:
    monkeypatch.setattr("exportgraph.cli.screening.make_context", lambda store: context)


def test_json_is_the_service_answer_and_a_match_exits_1(context: Context) -> None:
    result = runner.invoke(app, ["screen", "Origin Quantum", "--country", "CN", "--json"])
    assert result.exit_code == 1, result.output
    answer = json.loads(result.output)
    assert answer["matched"] and answer["entity_list_all_items"]
    assert answer["matches"][0]["federal_register"] == "89 FR 41888"
    assert answer["data_version"] == context.data_version() and "not a clearance" in answer["note"]


def test_the_table_names_the_entity_list_entry_and_the_versions() -> None:
    result = runner.invoke(app, ["screen", "Kaspersky Lab JSC"])
    assert result.exit_code == 1
    text = " ".join(result.output.split())
    assert "Entity List" in text and "89 FR 52362" in text and "data version" in text


def test_no_match_exits_0_and_bad_input_2() -> None:
    clean = runner.invoke(app, ["screen", "Stanford University"])
    assert clean.exit_code == 0 and "not a clearance" in " ".join(clean.output.split())
    bad = runner.invoke(app, ["screen", "Origin", "--country", "ZZ"])
    assert bad.exit_code == 2 and "country" in bad.output


def test_the_load_reports_the_installed_list(monkeypatch: pytest.MonkeyPatch) -> None:
    from exportgraph.services.partners.screening import installed_list

    def not_built(*_: object) -> None:
        raise AssertionError("the load reads and checks the list; it does not index it")

    monkeypatch.setattr("exportgraph.knowledge.screening.build_index", not_built)
    monkeypatch.setattr("exportgraph.knowledge.screening._LOADED", {})
    line = installed_list()
    assert "25921 parties" in line and LIST_FILE in line
    names = int(line.split(" parties, ")[1].split()[0])
    assert names > 25921  # the parties' names and their alternative names
    monkeypatch.setattr("exportgraph.services.partners.screening.screening_data", lambda: None)
    assert "unavailable" in installed_list() and "no restricted-party list" in installed_list()


def test_the_load_names_a_list_that_cannot_be_read(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from exportgraph.knowledge.screening import screening_data
    from exportgraph.services.partners.screening import installed_list

    root = screening_root(tmp_path, None)
    (root / "sources").mkdir(exist_ok=True)
    (root / "sources" / LIST_FILE).write_text('{"entries": [', encoding="utf-8")  # truncated
    monkeypatch.setattr(
        "exportgraph.services.partners.screening.screening_data", lambda: screening_data(root)
    )
    line = installed_list()
    assert line.startswith("restricted-party screening unavailable: the installed"), line
    assert LIST_FILE in line
