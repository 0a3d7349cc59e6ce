"""The `exportgraph query` command's output: SPARQL results as JSON, CSV or a terminal table."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING, TypedDict

from exportgraph.errors import InvalidInput
from exportgraph.services.query.sparql import RESULT_TYPES, run_once

if TYPE_CHECKING:
    from exportgraph.graph.context import Context


class Term(TypedDict):
    type: str
    value: str


class Head(TypedDict):
    vars: list[str]


class Bindings(TypedDict):
    bindings: list[dict[str, Term]]


class Results(TypedDict, total=False):
    """SPARQL 1.1 query results in JSON (the members this table reads)."""

    head: Head
    results: Bindings
    boolean: bool


def run_query_text(context: Context, text: str, output_format: str) -> str:
    """The `exportgraph query` command: json, csv or table; refuses what /sparql refuses."""
    if output_format not in ("json", "csv", "table"):
        raise InvalidInput(
            f"--format: expected json, csv or table, got {output_format!r}", field="format"
        )
    results_type = {"json": RESULT_TYPES[0], "csv": "text/csv", "table": RESULT_TYPES[0]}[
        output_format
    ]
    graph_type = {
        "json": "application/ld+json",
        "csv": "application/n-triples",
        "table": "text/turtle",
    }[output_format]
    media, body = run_once(context, text, results_type, graph_type)
    decoded = body.decode("utf-8")
    if output_format != "table" or media != RESULT_TYPES[0]:
        return decoded if decoded.endswith("\n") else decoded + "\n"
    return _table(json.loads(decoded))


def _table(results: Results) -> str:
    from rich.console import Console
    from rich.table import Table

    console = Console(record=True, width=200, file=io.StringIO())
    if "boolean" in results:
        return ("true" if results["boolean"] else "false") + "\n"
    names = results["head"]["vars"]
    table = Table(*names)
    for binding in results["results"]["bindings"]:
        table.add_row(*(binding[name]["value"] if name in binding else "" for name in names))
    console.print(table)
    console.print(f"{len(results['results']['bindings'])} row(s)")
    return console.export_text()
