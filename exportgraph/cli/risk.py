"""Risk and plans: `exportgraph risk FILE` (contract §10) and `exportgraph plan FILE` (§11)."""

from __future__ import annotations

import sys
from typing import Annotated

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
from exportgraph.errors import ExportgraphError


def risk(
    file: Annotated[
        str, typer.Argument(help="a /v1/risk request body (JSON file), or - for standard input")
    ],
    json_output: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """How risky is this transfer, and why? (the JSON of POST /v1/risk with --json)"""
    from exportgraph.knowledge.current import current
    from exportgraph.presentation.risk_tables import measures_table, risk_table
    from exportgraph.services.partners.risk import score_risk
    from exportgraph.services.partners.screening import default_screener

    request = read_json_file(file)
    context = make_context(store)
    try:
        answer = score_risk(current(context), request, default_screener(context))
    except ExportgraphError as error:
        fail(error)
    if json_output:
        print_json(answer)
        return
    console.print(risk_table(answer))
    console.print(measures_table(answer))
    for note in answer["notes"]:
        console.print(f"note: {note}", highlight=False)


def plan(
    file: Annotated[
        str, typer.Argument(help="a /v1/plans/evaluate body (JSON file), or - for standard input")
    ],
    json_output: JsonOption = False,
    ics: Annotated[
        bool, typer.Option("--ics", help="print the deadlines as iCalendar (text/calendar)")
    ] = False,
    store: StoreOption = None,
) -> None:
    """What will this project need, and when? (the JSON of POST /v1/plans/evaluate with --json)"""
    from exportgraph.presentation.calendar import deadlines_calendar
    from exportgraph.presentation.risk_tables import plan_table
    from exportgraph.services.partners.plans import evaluate_plan
    from exportgraph.services.partners.screening import default_screener

    request = read_json_file(file)
    context = make_context(store)
    try:
        answer = evaluate_plan(context, request, default_screener(context))
    except ExportgraphError as error:
        fail(error)
    if ics:
        sys.stdout.write(deadlines_calendar(answer).decode())
    elif json_output:
        print_json(answer)
    else:
        console.print(plan_table(answer))


def register(app: typer.Typer) -> None:
    """Add risk and plan."""
    app.command()(risk)
    app.command()(plan)
