"""`exportgraph screen NAME [--country CC] [--json]`: restricted-party screening (contract §10).

Exit status: 0 no match, 1 at least one match, 2 bad input."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

import typer

from exportgraph.cli.common import JsonOption, StoreOption, console, fail, make_context, print_json
from exportgraph.errors import ExportgraphError
from exportgraph.knowledge.current import current
from exportgraph.presentation.screening_tables import result_table
from exportgraph.services.partners.screening import screen
from exportgraph.services.partners.screening_input import DEFAULT_LIMIT


def screen_command(
    name: Annotated[str, typer.Argument(help="the name to screen (any script)")],
    country: Annotated[
        str | None, typer.Option("--country", "-c", help="ISO 3166-1 alpha-2 code")
    ] = None,
    threshold: Annotated[
        float | None, typer.Option(help="lowest matching score, 0-100 (default 85)")
    ] = None,
    limit: Annotated[int, typer.Option(help="most matches shown")] = DEFAULT_LIMIT,
    json_output: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """Screen a name against the US Consolidated Screening List (Entity List, SDN, …)."""
    context = make_context(store)
    try:
        result = screen(current(context), name, country, threshold=threshold, limit=limit)
    except ExportgraphError as error:
        fail(error)
    if json_output:
        print_json({**asdict(result), "matched": result.matched})
    else:
        if result.matches:
            console.print(result_table(result))
        else:
            console.print(f"no party scores {result.threshold:g} or more", highlight=False)
        for match in result.entity_list_matches:
            console.print(
                f"[bold red]Entity List[/] {match.entry} ({match.name}): "
                f"{match.licence_requirement} [{match.federal_register or 'no FR citation'}]",
                highlight=False,
            )
        source = result.source
        console.print(
            f"{result.note}\nsource: {source.title}, generated {source.version} "
            f"({source.file}, sha256 {source.sha256[:12]}…); matcher {result.matcher}; "
            f"data version {result.data_version}",
            highlight=False,
        )
    raise typer.Exit(1 if result.matched else 0)


def register(app: typer.Typer) -> None:
    """Add screen."""
    app.command("screen")(screen_command)
