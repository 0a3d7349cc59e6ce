"""`exportgraph validate FILE…`: exit 0 all conform, 1 any violates, 2 unreadable input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.graph.context import Context
from exportgraph.services.auditors import agreements

CASES = Path(__file__).parent / "cases"


@pytest.fixture()
def runner(context: Context, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setattr("exportgraph.cli.auditors.make_context", lambda store: context)
    return CliRunner()


def test_all_conform_exits_0(runner: CliRunner) -> None:
    result = runner.invoke(
        app, ["validate", str(CASES / "conforming.json"), str(CASES / "conforming.ttl")]
    )
    assert result.exit_code == 0, result.output
    assert "2 of 2 agreements conform" in result.output


def test_any_violation_exits_1_and_json_lists_every_agreement(runner: CliRunner) -> None:
    files = [str(CASES / "conforming.json"), str(CASES / "agr-dates.json")]
    result = runner.invoke(app, ["validate", *files, "--json"])
    assert result.exit_code == 1
    body = json.loads(result.stdout)
    assert [(r["file"], r["conforms"]) for r in body] == [(files[0], True), (files[1], False)]
    assert body[1]["violations"][0]["rule"] == "AGR-DATES"


def test_unreadable_input_exits_2(runner: CliRunner, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": ', encoding="utf-8")
    result = runner.invoke(
        app,
        ["validate", str(CASES / "conforming.json"), str(broken), str(tmp_path / "missing.ttl")],
    )
    assert result.exit_code == 2
    flat = result.output.replace("\n", "")  # the console wraps long paths at its width
    assert "broken.json" in flat and "missing.ttl" in flat


def test_validator_is_shared_per_context(context: Context) -> None:
    assert agreements.validator_for(context) is agreements.validator_for(context)
