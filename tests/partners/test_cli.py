"""`exportgraph classify`, `exportgraph assess` and `exportgraph query` on the shared test store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from exportgraph.api.routers.partners import ASSESS_EXAMPLES
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.graph.context import Context
from exportgraph.services.partners.classify import classify

runner = CliRunner()


@pytest.fixture(autouse=True)
def shared_store(monkeypatch: pytest.MonkeyPatch, context: Context) -> None:
    for module in ("exportgraph.cli.partners", "exportgraph.cli.data"):
        monkeypatch.setattr(f"{module}.make_context", lambda store: context)


def test_classify_json_is_the_service_answer(context: Context) -> None:
    result = runner.invoke(
        app,
        [
            "classify",
            "--kind",
            "dilution-refrigerator",
            "--param",
            "cooling-power=800uW",
            "--param",
            "cooling-power-temperature=100mK",
            "--param",
            "continuous-operation=168h",
            "--jurisdiction",
            "US",
            "-j",
            "EU",
            "--as-of",
            "2025-12-01",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    item = {
        "kind": "dilution-refrigerator",
        "parameters": {
            "cooling-power": "800uW",
            "cooling-power-temperature": "100mK",
            "continuous-operation": "168h",
        },
    }
    assert json.loads(result.stdout) == classify(context, item, ["US", "EU"], "2025-12-01")


def test_classify_table_and_noise_figure_in_db() -> None:
    result = runner.invoke(
        app,
        [
            "classify",
            "--kind",
            "twpa",
            "--param",
            "operating-temperature=10mK",
            "--param",
            "frequency-min=4GHz",
            "--param",
            "frequency-max=8GHz",
            "--param",
            "noise-figure=0.01dB",
            "--fact",
            "not-specially-designed-for-other-equipment=true",
            "--fact",
            "not-programmed-for-other-equipment=true",
            "-j",
            "US",
            "--as-of",
            "2025-12-01",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "US:3A901.b" in result.stdout and "yes" in result.stdout


def test_classify_bad_input_exits_2_naming_the_field() -> None:
    result = runner.invoke(
        app, ["classify", "--kind", "quantum-computer", "--param", "noise-figure=1K"]
    )
    assert result.exit_code == 2
    assert "item.parameters.noise-figure" in result.output
    assert (
        runner.invoke(app, ["classify", "--kind", "quantum-computer", "--param", "oops"]).exit_code
        == 2
    )


def test_assess_file_and_stdin(tmp_path: Path) -> None:
    request = ASSESS_EXAMPLES["export"]["value"]  # the documented example: CA → DE
    path = tmp_path / "request.json"
    path.write_text(json.dumps(request))
    from_file = runner.invoke(app, ["assess", str(path), "--json"])
    from_stdin = runner.invoke(app, ["assess", "-", "--json"], input=json.dumps(request))
    assert from_file.exit_code == from_stdin.exit_code == 0, from_file.output
    assert json.loads(from_file.stdout) == json.loads(from_stdin.stdout)
    assert json.loads(from_file.stdout)["results"][0]["licence_required"] is True
    table = runner.invoke(app, ["assess", str(path)])
    assert table.exit_code == 0 and "CA:5506" in table.stdout
    path.write_text("{not json")
    assert runner.invoke(app, ["assess", str(path)]).exit_code == 2


def test_query_command_refuses_service(tmp_path: Path) -> None:
    path = tmp_path / "q.rq"
    path.write_text("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    result = runner.invoke(app, ["query", str(path)])
    assert result.exit_code == 2
    assert "SERVICE" in result.output
    path.write_text("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    answer = runner.invoke(app, ["query", str(path), "--format", "csv"])
    assert answer.exit_code == 0 and answer.stdout.startswith("n")
    # a query given in place of the file: a clear error, not a traceback
    missing = runner.invoke(app, ["query", "SELECT * WHERE { ?s ?p ?o }"])
    assert missing.exit_code == 2 and isinstance(missing.exception, SystemExit | None)
    assert "cannot read the query file" in missing.output and "- to read stdin" in missing.output


def test_classify_technology_for_software_and_a_material_form(context: Context) -> None:
    words = ["classify", "--kind", "technology", "--for-kind", "software", "--purpose", "use"]
    words += ["--served-for-kind", "qubit-device", "--served-purpose", "development"]
    words += ["--fact", "specially-designed-for-controlled-quantum-computer"]
    words += ["--fact", "software-specially-designed-or-modified=true"]
    result = runner.invoke(app, [*words, "-j", "US", "--as-of", "2025-12-01", "--json"])
    assert result.exit_code == 0, result.output
    item = {
        "kind": "technology",
        "for_kind": "software",
        "purpose": "use",
        "served": {"for_kind": "qubit-device", "purpose": "development"},
        "parameters": {},
        "facts": {
            "specially-designed-for-controlled-quantum-computer": True,
            "software-specially-designed-or-modified": True,
        },
    }
    answer = json.loads(result.stdout)
    assert answer == classify(context, item, ["US"], "2025-12-01")
    assert answer["results"][0]["entries"][0]["id"] == "US:4E906.b"
    wafer_words = ["classify", "--kind", "enriched-silicon", "--param", "isotopic-impurity=50ppm"]
    wafer_words += ["--param", "material-form=epitaxial", "-j", "US", "--as-of", "2025-12-01"]
    wafer = runner.invoke(app, [*wafer_words, "--json"])
    assert wafer.exit_code == 0, wafer.output
    assert json.loads(wafer.stdout)["results"][0]["entries"][0]["id"] == "US:3C907.a"
