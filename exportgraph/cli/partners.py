"""Partners' commands: `exportgraph classify` and `exportgraph assess` (contract §8)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from exportgraph.cli.common import (
    JsonOption,
    StoreOption,
    console,
    fail,
    make_context,
    print_json,
    read_json_file,
)
from exportgraph.errors import ExportgraphError, MalformedInput, shown
from exportgraph.presentation.tables import assess_table, classify_table


def _params(values: list[str]) -> dict[str, str]:
    parameters: dict[str, str] = {}
    for text in values:
        name, sep, value = text.partition("=")
        if not sep or not name.strip() or not value.strip():
            raise MalformedInput(
                f"--param: expected NAME=VALUE[UNIT], got {shown(text)}", field="--param"
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
                f"--fact: expected NAME[=true|false], got {shown(text)}", field="--fact"
            )
        facts[name.strip()] = value.strip().lower() == "true"
    return facts


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
    served_for_kind: Annotated[
        str | None,
        typer.Option(
            "--served-for-kind",
            help="technology for software: the kind the served software is for",
        ),
    ] = None,
    served_purpose: Annotated[
        str | None,
        typer.Option("--served-purpose", help="technology for software: the software's purpose"),
    ] = None,
    jurisdiction: Annotated[
        list[str] | None,
        typer.Option("--jurisdiction", "-j", help="jurisdiction code (repeatable)"),
    ] = None,
    as_of: Annotated[str | None, typer.Option("--as-of", help="ISO date (default today)")] = None,
    json_output: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """Is this item controlled, and where? (the JSON of POST /v1/classify with --json)

    Software and technology take the served item's parameters and facts (--param, --fact) beside
    --for-kind and --purpose; material-form is a --param (e.g. material-form=epitaxial)."""
    from exportgraph.services.partners.classify import classify as run

    try:
        item: dict[str, Any] = {"kind": kind, "parameters": _params(param or [])}
        if fact:
            item["facts"] = _facts(fact)
        if for_kind:
            item["for_kind"] = for_kind
        if purpose:
            item["purpose"] = purpose
        served = {"for_kind": served_for_kind, "purpose": served_purpose}
        if any(served.values()):
            item["served"] = {key: value for key, value in served.items() if value}
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

    request = read_json_file(file)
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
