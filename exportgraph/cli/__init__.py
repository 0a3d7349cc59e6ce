"""The `exportgraph` command line (contract §8). Each module registers its own commands."""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="exportgraph",
    help="Export controls on quantum items: a versioned, explainable knowledge graph.",
    no_args_is_help=True,
    add_completion=False,
)

COMMAND_MODULES = (
    "exportgraph.cli.data",
    "exportgraph.cli.partners",
    "exportgraph.cli.risk",
    "exportgraph.cli.screening",
    "exportgraph.cli.auditors",
    "exportgraph.cli.terminology",
    "exportgraph.cli.search",
    "exportgraph.cli.coverage",
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    app()
