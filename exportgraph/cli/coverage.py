"""`exportgraph coverage`: how much of each control list is formalized (contract §13)."""

from __future__ import annotations

import typer

from exportgraph.cli.common import JsonOption, StoreOption, console, make_context, print_json


def coverage(store: StoreOption = None, json_output: JsonOption = False) -> None:
    """Per jurisdiction and category: entries, entries with formalized criteria, numeric
    thresholds stated in the text and the share formalized."""
    from rich.table import Table

    from exportgraph.knowledge.current import current
    from exportgraph.services.standards.coverage import Counts
    from exportgraph.services.standards.coverage import coverage as report

    context = make_context(store)
    answer = report(current(context), context.store, context.data_version())
    if json_output:
        print_json(answer)
        return
    table = Table(
        "jurisdiction", "category", "entries", "with criteria", "stated", "formalized", "share"
    )
    for found in answer["jurisdictions"]:
        rows: list[tuple[str, str, Counts]] = [(found["jurisdiction"], "all", found)]
        rows += [(found["jurisdiction"], c["category"], c) for c in found["categories"]]
        for jurisdiction, category, counts in rows:
            share = counts["share_formalized"]
            stated = counts["thresholds_stated"]
            table.add_row(
                jurisdiction,
                category,
                str(counts["entries"]),
                str(counts["entries_with_formalized_criteria"]),
                "—" if stated is None else str(stated),
                str(counts["thresholds_formalized"]),
                "—" if share is None else f"{share:.1%}",
            )
    console.print(table)
    console.print(answer["counting"], highlight=False)


def register(app: typer.Typer) -> None:
    app.command()(coverage)
