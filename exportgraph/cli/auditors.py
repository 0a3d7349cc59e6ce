"""`exportgraph validate FILE…`: validate agreements (contract §4); exit 0 all conform, 1 any
violates, 2 when an input cannot be read or parsed."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from exportgraph.cli.common import (
    JsonOption,
    StoreOption,
    console,
    errors,
    make_context,
    print_json,
)
from exportgraph.errors import ExportgraphError
from exportgraph.json_types import JsonObject
from exportgraph.services.auditors.agreements import AgreementReport, validator_for
from exportgraph.services.auditors.agreements.parsing import JSON, TURTLE

SUFFIXES = {".json": JSON, ".jsonld": JSON, ".ttl": TURTLE, ".turtle": TURTLE}
STYLE = {"violation": "bold red", "warning": "yellow", "info": "cyan"}


def media_type_of(path: Path) -> str:
    """The media type of a file, by its suffix (JSON unless .ttl/.turtle)."""
    return SUFFIXES.get(path.suffix.lower(), JSON)


def _table(path: str, report: AgreementReport) -> Table:
    verdict = "[green]conforms[/]" if report.conforms else "[bold red]does not conform[/]"
    table = Table(
        title=f"{report.agreement} ({path}): {verdict}", title_justify="left", expand=False
    )
    for column in ("rule", "severity", "focus", "path", "message"):
        table.add_column(column, overflow="fold")
    for v in report.violations:
        table.add_row(
            v.rule, f"[{STYLE[v.severity]}]{v.severity}[/]", v.focus, v.path or "", v.message
        )
    return table


def validate_command(
    files: Annotated[
        list[Path], typer.Argument(help="agreement files: .json/.jsonld (one or an array) or .ttl")
    ],
    store: StoreOption = None,
    as_json: JsonOption = False,
) -> None:
    """Validate technology-transfer agreements against the shapes and the knowledge graph."""
    validator = validator_for(make_context(store))
    outcomes: list[tuple[str, AgreementReport]] = []
    unreadable: list[tuple[str, str]] = []
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=errors,
        transient=True,
        disable=len(files) < 2,
    ) as progress:
        task = progress.add_task("validating", total=len(files))
        for path in files:
            try:
                body = path.read_bytes()
                found, _ = validator.validate_body(body, media_type_of(path), source=str(path))
                outcomes.extend((str(path), report) for report in found)
            except OSError as error:
                unreadable.append((str(path), error.strerror or str(error)))
            except ExportgraphError as error:
                unreadable.append((str(path), error.detail))
            progress.advance(task)
    for name, message in unreadable:
        errors.print(f"[bold red]error:[/] {name}: {message}", highlight=False)
    if as_json:
        body_json: list[JsonObject] = [
            {"file": name, **report.as_json()} for name, report in outcomes
        ]
        print_json(body_json)
    else:
        for name, report in outcomes:
            console.print(_table(name, report))
        conforming = sum(1 for _, r in outcomes if r.conforms)
        console.print(
            f"{conforming} of {len(outcomes)} agreements conform"
            + (f"; {len(unreadable)} file(s) unreadable" if unreadable else "")
        )
    if unreadable:
        raise typer.Exit(2)
    if any(not report.conforms for _, report in outcomes):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add `validate` to the app."""
    app.command("validate")(validate_command)
