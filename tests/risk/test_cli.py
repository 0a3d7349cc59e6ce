"""`exportgraph risk FILE` and `exportgraph plan FILE` on the shared test store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from icalendar import Calendar
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.plans import evaluate_plan
from exportgraph.services.partners.risk import score_risk
from exportgraph.services.partners.screening import default_screener

from .conftest import request
from .test_plans import CONTRACT_PLAN

runner = CliRunner()


@pytest.fixture(autouse=True)
def shared_store(monkeypatch: pytest.MonkeyPatch, context: Context) -> None:
    monkeypatch.setattr("exportgraph.cli.risk.make_context", lambda store: context)


def test_risk_json_is_the_service_answer(
    tmp_path: Path, knowledge: Knowledge, context: Context
) -> None:
    file = tmp_path / "risk.json"
    file.write_text(json.dumps(request()))
    result = runner.invoke(app, ["risk", str(file), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(
        json.dumps(score_risk(knowledge, request(), default_screener(context)))
    )


def test_risk_table_shows_score_band_and_factors(
    tmp_path: Path, knowledge: Knowledge, context: Context
) -> None:
    file = tmp_path / "risk.json"
    file.write_text(json.dumps(request()))
    result = runner.invoke(app, ["risk", str(file)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    answer = score_risk(knowledge, request(), default_screener(context))
    assert f"score {answer['score']}" in result.output and answer["band"] in result.output
    assert "destination" in result.output and "measures" in result.output


def test_risk_errors_name_the_field(tmp_path: Path) -> None:
    file = tmp_path / "bad.json"
    file.write_text(json.dumps(request(to="XX")))
    result = runner.invoke(app, ["risk", str(file)])
    assert result.exit_code == 2 and "to: unknown country" in result.output
    file.write_text("{")
    broken = runner.invoke(app, ["risk", str(file)])
    assert broken.exit_code == 2 and "not JSON" in broken.output


def test_plan_json_and_calendar(tmp_path: Path, context: Context) -> None:
    file = tmp_path / "plan.json"
    file.write_text(json.dumps(CONTRACT_PLAN))
    result = runner.invoke(app, ["plan", str(file), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == json.loads(
        json.dumps(evaluate_plan(context, CONTRACT_PLAN, default_screener(context)))
    )
    ics = runner.invoke(app, ["plan", str(file), "--ics"])
    assert ics.exit_code == 0, ics.output
    events = Calendar.from_ical(ics.output).walk("VEVENT")
    assert len(events) == len(
        evaluate_plan(context, CONTRACT_PLAN, default_screener(context))["deadlines"]
    )
    table = runner.invoke(app, ["plan", str(file)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and "a2 export" in table.output
