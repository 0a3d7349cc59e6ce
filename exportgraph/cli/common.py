"""Shared CLI plumbing: the --store option, the context, error reporting."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from exportgraph.errors import ExportgraphError
from exportgraph.graph.context import Context
from exportgraph.settings import Settings

StoreOption = Annotated[
    str | None,
    typer.Option(
        "--store",
        help="oxigraph:DIR (default: data/store in a checkout, the per-user data folder for "
        "an installed wheel), memory:, or sparql:URL",
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="print JSON instead of a table")]

console = Console()
errors = Console(stderr=True)


def make_context(store: str | None) -> Context:
    settings = Settings.from_env()
    if store:
        settings = replace(settings, store_uri=store)
    return Context(settings)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def fail(error: ExportgraphError | str, code: int = 2) -> NoReturn:
    message = error.detail if isinstance(error, ExportgraphError) else error
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)
