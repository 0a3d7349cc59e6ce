"""Partners' commands: `exportgraph classify` and `exportgraph assess` (contract §8)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

from exportgraph.cli.common import (
    JsonOption,
    StoreOption,
    console,
    errors,
    fail,
    make_context,
    print_json,
    read_json_file,
)
from exportgraph.errors import ExportgraphError, MalformedInput, shown
from exportgraph.json_types import JsonObject
from exportgraph.presentation.batch import csv_chunks, json_chunks, progress_bar, summary_table
from exportgraph.presentation.tables import assess_table, classify_table

MAX_SHOWN = 20  # item errors printed before the summary


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
    kind: Annotated[
        str | None, typer.Option("--kind", help="item kind, e.g. quantum-computer")
    ] = None,
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
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="classify many items: a .csv (one row per item, docs/partners.md) or a .json "
            '({"items": [{"id", "item"}]} or the array alone); - for CSV on standard input',
        ),
    ] = None,
    json_output: JsonOption = False,
    csv_output: Annotated[
        bool, typer.Option("--csv", help="with --file: one CSV row per item")
    ] = False,
    store: StoreOption = None,
) -> None:
    """Is this item controlled, and where? (the JSON of POST /v1/classify with --json; with
    --file, of POST /v1/classify/batch)

    Software and technology take the served item's parameters and facts (--param, --fact) beside
    --for-kind and --purpose; material-form is a --param (e.g. material-form=epitaxial)."""
    if file is not None:
        if kind or param or fact or for_kind or purpose:
            fail("--file classifies the items of the file: leave out --kind, --param, --fact …")
        classify_file(file, jurisdiction or None, as_of, json_output, csv_output, store)
        return
    if kind is None:
        fail("give --kind (one item) or --file (many items)")
    if csv_output:
        fail("--csv is for --file")
    from exportgraph.services.partners.classify import classify as run

    try:
        item: JsonObject = {"kind": kind, "parameters": _params(param or [])}
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


def classify_file(
    file: Path,
    jurisdictions: list[str] | None,
    as_of: str | None,
    json_output: bool,
    csv_output: bool,
    store: str | None,
) -> None:
    """`exportgraph classify --file`: many items, with a progress bar on standard error."""
    from exportgraph.knowledge.current import current
    from exportgraph.services.partners.batch import json_run
    from exportgraph.services.partners.batch_csv import csv_run

    if json_output and csv_output:
        fail("choose one of --json and --csv")
    context = make_context(store)
    try:
        text = sys.stdin.read() if str(file) == "-" else file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        fail(f"{file}: {getattr(error, 'strerror', None) or error}")
    limit = context.settings.max_bulk_items
    try:
        knowledge = current(context)
        if str(file) == "-" or file.suffix.lower() != ".json":
            run = csv_run(
                knowledge, text, max_items=limit, jurisdictions=jurisdictions, as_of=as_of
            )
        else:
            try:
                body = json.loads(text)
            except json.JSONDecodeError as error:
                fail(f"{file}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})")
            if isinstance(body, list):
                body = {"items": body}
            run = json_run(
                knowledge, body, max_items=limit, jurisdictions=jurisdictions, as_of=as_of
            )
    except ExportgraphError as error:
        fail(f"{file}: {error.detail}")
    with progress_bar(errors, run.total) as advance:
        run.progress = advance
        if json_output or csv_output:
            chunks = json_chunks(run) if json_output else csv_chunks(run)
            for chunk in chunks:
                sys.stdout.write(chunk if isinstance(chunk, str) else chunk.decode())
            if json_output:
                sys.stdout.write("\n")
        else:
            for item in run:
                if "error" in item and run.errors <= MAX_SHOWN:
                    errors.print(f"[bold red]{item['id']}:[/] {item['error']['detail']}")
    if not (json_output or csv_output):
        console.print(summary_table(run))
    if run.errors:
        errors.print(f"{run.errors:,} item(s) could not be classified", highlight=False)


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


def synthetic_corpus(
    items: Annotated[int, typer.Option("--items", "-n", min=1, help="how many items")] = 100_000,
    seed: Annotated[int, typer.Option("--seed", help="the same seed, the same corpus")] = 0,
    missing: Annotated[
        float, typer.Option("--missing", min=0.0, max=1.0, help="share of values left out")
    ] = 0.1,
    bad: Annotated[
        float,
        typer.Option("--bad", min=0.0, max=1.0, help="share of broken items (and CSV rows)"),
    ] = 0.0,
    output_format: Annotated[
        str, typer.Option("--format", help="csv (one row per item) or json (a batch body)")
    ] = "csv",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="file to write (default: stdout)")
    ] = None,
    store: StoreOption = None,
) -> None:
    """A seeded synthetic corpus for scale tests of `classify --file` and POST /v1/impact: every
    kind, values drawn around the data's thresholds and product figures (synthetic by design:
    not regulatory or product facts)."""
    from exportgraph.knowledge.current import current
    from exportgraph.services.partners.synthetic import synthetic_csv, synthetic_items, write_json

    if output_format not in ("csv", "json"):
        fail(f"--format: csv or json, not {output_format!r}")
    knowledge = current(make_context(store))
    if output_format == "csv":
        chunks = synthetic_csv(knowledge, items, seed=seed, missing=missing, bad=bad)
    else:
        chunks = write_json(synthetic_items(knowledge, items, seed=seed, missing=missing, bad=bad))
    if output is None:
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    try:
        with output.open("w", encoding="utf-8") as out:
            for chunk in chunks:
                out.write(chunk)
    except OSError as error:
        fail(f"{output}: {error.strerror or error}")
    errors.print(f"wrote {items:,} items to {output}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add classify, assess and synthetic-corpus."""
    app.command()(classify)
    app.command()(assess)
    app.command("synthetic-corpus")(synthetic_corpus)
