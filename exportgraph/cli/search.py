"""`exportgraph search`: the entries of every list by code, words and terms (contract §13)."""

from __future__ import annotations

from typing import Annotated

import typer

from exportgraph.cli.common import JsonOption, StoreOption, console, fail, make_context, print_json
from exportgraph.errors import ExportgraphError


def search(
    query: Annotated[str, typer.Argument(help="words, a term or an entry code (3A001.a.1)")],
    jurisdiction: Annotated[
        str | None, typer.Option(help="e.g. US, or US,EU; FR includes the EU list")
    ] = None,
    kind: Annotated[
        str | None, typer.Option(help="an item-kind notation, e.g. magnetometer")
    ] = None,
    limit: Annotated[int, typer.Option(help="hits shown (1-100)")] = 10,
    json_output: JsonOption = False,
    store: StoreOption = None,
) -> None:
    """Search the control lists (the JSON of GET /v1/search with --json)."""
    from exportgraph.knowledge.current import current
    from exportgraph.presentation.search_table import search_table
    from exportgraph.services.reference.search import search as run

    context = make_context(store)
    try:
        answer = run(current(context), context.store, query, jurisdiction, kind, limit)
    except ExportgraphError as error:
        fail(error)
    if json_output:
        print_json(answer)
    else:
        console.print(search_table(answer))


def register(app: typer.Typer) -> None:
    app.command()(search)
