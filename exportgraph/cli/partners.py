"""Partners' commands: `exportgraph classify` and `exportgraph assess` (contract §8)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from exportgraph.cli.common import JsonOption, StoreOption, console, fail, make_context, print_json
from exportgraph.errors import ExportgraphError, MalformedInput


def _params(values: list[str]) -> dict[str, str]:
    parameters: dict[str, str] = {}
    for text in values:
        name, sep, value = text.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise MalformedInput(
                f"--param: expected NAME=VALUE[UNIT], got {text!r}", field="--param"
            )
        parameters[name.strip()] = value.strip()
    return parameters


def _facts(values: list[str]) -> dict[str, bool]:
    facts: dict[str, bool] = {}
    for text in values:
        name, sep, value = text.partition("=")
        if not sep:
            name, value = text, "true"
        if value.strip().lower() not in ("true", "false"):
            raise MalformedInput(
                f"--fact: expected NAME[=true|false], got {text!r}", field="--fact"
            )
        facts[name.strip()] = value.strip().lower() == "true"
    return facts


def _short(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _cell(value: object) -> str:
    if value is True:
        return "[bold red]yes[/]"
    if value is False:
        return "[green]no[/]"
    return "[yellow]unknown[/]"


def _criteria_line(entry: dict[str, Any]) -> str:
    """The criteria that made the most specific entry match, e.g. `physical-qubits 120 >= 100`."""
    parts = [
        f"{c['parameter']} {c['value']} {c['comparator']} {c['threshold']} "
        f"{'' if c['unit'] in ('1', 'count') else c['unit']}".rstrip()
        for c in entry.get("criteria", [])
        if c.get("satisfied") is True
    ]
    return f"{entry['id']}: " + ("; ".join(parts) or "no thresholds of its own")


def classify_table(answer: dict[str, Any]) -> Table:
    """A readable table of a classification answer."""
    table = Table(
        "jurisdiction", "controlled", "entries", "why / missing", title=f"as of {answer['as_of']}"
    )
    for result in answer["results"]:
        entries = ", ".join(entry["id"] for entry in result["entries"]) or "-"
        why = [_criteria_line(result["entries"][0])] if result["entries"] else []
        if result.get("missing"):
            why.append("missing: " + ", ".join(result["missing"]))
        if result.get("missing_facts"):
            why.append("missing facts: " + ", ".join(result["missing_facts"]))
        why += [_short(note) for note in result["notes"][:3]]
        table.add_row(result["jurisdiction"], _cell(result["controlled"]), entries, "\n".join(why))
    return table


def assess_table(answer: dict[str, Any]) -> Table:
    """A readable table of an assessment answer."""
    table = Table(
        "jurisdiction",
        "licence required",
        "entries",
        "reasons / missing",
        "exclusions / exceptions",
        title=f"{answer['activity']} from {answer['from']} as of {answer['as_of']}",
    )
    for result in answer["results"]:
        reasons = [_short(reason) for reason in result["reasons"]]
        if result.get("missing_facts"):
            reasons.append("missing: " + ", ".join(result["missing_facts"]))
        extras = [f"{x['id']}: {x['applies']}" for x in result["exclusions"]]
        extras += [f"{x['id']} available: {x['available']}" for x in result["exceptions"]]
        table.add_row(
            result["jurisdiction"],
            _cell(result["licence_required"]),
            ", ".join(result["entries"]) or "-",
            "\n".join(reasons),
            "\n".join(extras),
        )
    return table


def classify(
    kind: Annotated[str, typer.Option("--kind", help="item kind, e.g. quantum-computer")],
    param: Annotated[
        list[str] | None, typer.Option("--param", help="NAME=VALUE[UNIT], e.g. cooling-power=800uW")
    ] = None,
    fact: Annotated[
        list[str] | None, typer.Option("--fact", help="NAME[=true|false] (qualitative fact)")
    ] = None,
    for_kind: Annotated[
        str | None, typer.Option("--for-kind", help="software/technology: the kind served")
    ] = None,
    purpose: Annotated[
        str | None,
        typer.Option("--purpose", help="software/technology: development, production, use"),
    ] = None,
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option("--jurisdiction", "-j", help="jurisdiction code (repeatable)"),
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="ISO date (default today)")] = None,
    json_output: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """Is this item controlled, and where? (the JSON of POST /v1/classify with --json)"""
    from exportgraph.services.partners.classify import classify as run

    try:
        item: dict[str, Any] = {"kind": kind, "parameters": _params(param or [])}
        if fact:
            item["facts"] = _facts(fact)
        if for_kind:
            item["for_kind"] = for_kind
        if purpose:
            item["purpose"] = purpose
        answer = run(make_context(store), item, jurisdiction or None, as_of)
    except ExportgraphError as error:
        fail(error)
    if json_output:
        print_json(answer)
    else:
        console.print(classify_table(answer))


def assess(
    file: Annotated[
        str, typer.Argument(help="a /v1/assess request body (JSON file), or - for standard input")
    ],
    json_output: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """May we do this, and what does it need? (the JSON of POST /v1/assess with --json)"""
    from exportgraph.services.partners.assess import assess as run

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as error:
        fail(f"{file}: {error.strerror or error}")
    try:
        request = json.loads(text)
    except json.JSONDecodeError as error:
        fail(f"{file}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})")
    try:
        answer = run(make_context(store), request)
    except ExportgraphError as error:
        fail(error)
    if json_output:
        print_json(answer)
    else:
        console.print(assess_table(answer))


def register(app: typer.Typer) -> None:
    """Add classify and assess."""
    app.command()(classify)
    app.command()(assess)
