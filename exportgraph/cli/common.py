"""Shared CLI plumbing: the --store option, the context, error reporting."""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from exportgraph.errors import ExportgraphError
from exportgraph.graph.context import Context
from exportgraph.services.standards.loading import load_checked
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
    return Context(settings, first_build=load_checked)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, indent=2, ensure_ascii=False, default=str) + "\n")


def read_json_file(file: str) -> Any:
    """A JSON document from a file, or standard input for `-`; a clear error otherwise."""
    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except OSError as error:
        fail(f"{file}: {error.strerror or error}")
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        fail(f"{file}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})")


def fail(error: ExportgraphError | str, code: int = 2) -> NoReturn:
    message = error.detail if isinstance(error, ExportgraphError) else error
    errors.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)
