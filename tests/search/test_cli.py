"""`exportgraph search` on the shared test store."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.graph.context import Context
from exportgraph.presentation.search_table import marked

runner = CliRunner()


@pytest.fixture(autouse=True)
def shared_store(monkeypatch: pytest.MonkeyPatch, context: Context) -> None:
    monkeypatch.setattr("exportgraph.cli.search.make_context", lambda store: context)


def test_json_is_the_api_answer(context: Context) -> None:
    result = runner.invoke(app, ["search", "4A506", "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["hits"][0]["id"] == "EU:4A506" and answer["hits"][0]["match"] == "code"
    assert len(answer["hits"]) == 3


def test_table_shows_the_hits_and_the_terms(context: Context) -> None:
    result = runner.invoke(
        app, ["search", "dilution refrigerator", "--jurisdiction", "US"], env={"COLUMNS": "200"}
    )
    assert result.exit_code == 0, result.output
    assert "US:3A904.a" in result.output and "EU:" not in result.output
    assert "also as terms: dilution refrigerator" in result.output


def test_errors_name_the_field() -> None:
    result = runner.invoke(app, ["search", "laser", "--kind", "teleporter"])
    assert result.exit_code == 2 and "kind: unknown item kind" in result.output


def test_marked_fragments_are_unescaped_text_with_the_words_styled() -> None:
    text = marked("a &lt;b&gt; <mark>laser</mark> &amp; [red]x[/]")
    assert text.plain == "a <b> laser & [red]x[/]"
    assert [(text.plain[s.start : s.end], str(s.style)) for s in text.spans] == [
        ("laser", "bold yellow")
    ]
