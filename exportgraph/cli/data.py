"""Operating the graph: serve, load, check, query, export."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from exportgraph.cli.common import JsonOption, StoreOption, console, fail, make_context, print_json
from exportgraph.errors import ExportgraphError
from exportgraph.presentation.negotiation import RDF_FORMAT_NAMES
from exportgraph.store import LoadError

if TYPE_CHECKING:
    from exportgraph.services.standards.terminology_check import TerminologyReport

EXPORT_FORMATS = RDF_FORMAT_NAMES
KEEP_ALIVE_SECONDS = 30
"""How long `serve` keeps an idle client connection open (uvicorn's default is 5 s)."""


def serve(
    host: Annotated[str, typer.Option(help="address to bind")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="port")] = 8000,
    store: StoreOption = None,
    workers: Annotated[int, typer.Option(help="worker processes")] = 1,
    access_log: Annotated[
        bool, typer.Option(help="log every request (off by default: it costs throughput)")
    ] = False,
) -> None:
    """Serve the API, SPARQL endpoint and web UI."""
    import os

    import uvicorn

    if store:
        os.environ["EXPORTGRAPH_STORE"] = store
    context = make_context(store)
    if workers > 1 and not context.settings.store_uri.startswith("sparql:"):
        fail(
            "--workers > 1 needs a shared store (--store sparql:URL): an oxigraph: folder opens "
            "in one process only, and memory: stores would diverge between workers"
        )
    if not context.settings.store_uri.startswith("memory:"):
        # build a persistent store before accepting requests, so /healthz is ready at once; a
        # memory: store lives in the server's process only, which builds it as it warms up
        context.store  # noqa: B018
    context.close()
    uvicorn.run(
        "exportgraph.api.main:app",
        host=host,
        port=port,
        workers=workers,
        log_level="info",
        access_log=access_log,
        http="httptools",  # the C parser and event loop (uvicorn[standard]), never the fallbacks
        loop="uvloop",
        backlog=4096,
        # Idle connections are closed after this long. A client reusing a connection at the very
        # moment the server closes it gets no answer (HTTP allows either side to close an idle
        # connection), and the common clients' own limit is 5 s (httpx's default, which was also
        # uvicorn's): keeping ours well above it, they drop a connection before we would.
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
    )


def load(
    store: StoreOption = None,
    engine: Annotated[str, typer.Option(help="reasonable (default) or owlrl")] = "reasonable",
    drop_conflicting: Annotated[
        bool,
        typer.Option(
            "--drop-conflicting",
            help="leave out approved changes that no longer apply to the sources (reported) "
            "instead of failing",
        ),
    ] = False,
) -> None:
    """(Re)build the store from ontology/, the control tables and the mappings, replaying the
    approved change sets on top (a change that no longer applies fails the load)."""
    from exportgraph.graph.replay import summarize
    from exportgraph.services.standards.loading import load_checked
    from exportgraph.store import open_store

    if engine not in ("reasonable", "owlrl"):
        fail(f"--engine must be reasonable or owlrl, got {engine!r}")
    settings = make_context(store).settings
    try:
        with open_store(settings.store_uri, update_url=settings.update_url) as target:
            loaded = load_checked(
                target,
                engine=engine,  # type: ignore[arg-type]
                drop_conflicting=drop_conflicting,
            )
    except LoadError as error:
        fail(str(error))
    report = loaded.build
    console.print(
        f"loaded {report.total_triples} triples ({report.asserted_triples} asserted, "
        f"{report.inferred_triples} inferred by {report.engine})\n"
        f"parse {report.parse_seconds:.2f} s, reasoning {report.reasoning_seconds:.2f} s, "
        f"load {report.load_seconds:.2f} s\n"
        f"{summarize(report.changes)}\n"
        f"{_terminology(loaded.check)}"
        f"data version {report.data_version}",
        highlight=False,
    )
    from exportgraph.services.partners.screening import installed_list

    console.print(installed_list(), highlight=False)


def _terminology(report: TerminologyReport) -> str:
    """What the load's check of the loaded terminology found (one line)."""
    if report.conforms:
        return "the terminology conforms to its shapes\n"
    return (
        f"the terminology does NOT conform: {report.count('violation')} violation(s) "
        "(`exportgraph check` lists them)\n"
    )


def check(
    store: StoreOption = None,
    json_output: JsonOption = False,
    fresh: Annotated[
        bool,
        typer.Option(
            "--fresh",
            help="validate again even when a check of this data version was recorded (by "
            "`load` or an earlier `check`)",
        ),
    ] = False,
) -> None:
    """SHACL-validate the terminology; exit 1 on violations. An unchanged data version reports
    the check recorded for it (saying when it was computed) unless --fresh."""
    from exportgraph.services.standards.terminology_check import checked_terminology

    context = make_context(store)
    checked = checked_terminology(context.store, fresh=fresh)
    report = checked.report
    if json_output:
        print_json(
            {
                **report.as_dict(),
                "data_version": checked.data_version,
                "computed_at": checked.computed_at,
                "recorded": checked.recorded,
            }
        )
    else:
        from rich.table import Table

        table = Table("rule", "severity", "focus", "path", "message")
        for result in report.results:
            table.add_row(
                result.rule, result.severity, result.focus, result.path or "", result.message
            )
        if report.results:
            console.print(table)
        console.print(
            f"{'conforms' if report.conforms else 'does NOT conform'}: "
            f"{report.count('violation')} violation(s), {report.count('warning')} warning(s)",
            highlight=False,
        )
        when = (
            f"recorded at {checked.computed_at} (unchanged since; --fresh to validate again)"
            if checked.recorded
            else "checked now"
        )
        console.print(f"data version {checked.data_version}, {when}", highlight=False)
    raise typer.Exit(0 if report.conforms else 1)


def query(
    file: Annotated[str, typer.Argument(help="a .rq file, or - for standard input")],
    output_format: Annotated[str, typer.Option("--format", help="json, csv or table")] = "table",
    store: StoreOption = None,
) -> None:
    """Run a read-only SPARQL query (updates, SERVICE, LOAD and FROM are refused)."""
    from exportgraph.presentation.sparql_text import run_query_text

    try:
        text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        reason = error.strerror if isinstance(error, OSError) else "not UTF-8 text"
        fail(f"cannot read the query file {file!r} ({reason}): give a .rq file, or - to read stdin")
    context = make_context(store)
    try:
        result = run_query_text(context, text, output_format)
    except ExportgraphError as error:
        fail(error)
    sys.stdout.write(result)


def export(
    output_format: Annotated[
        str, typer.Option("--format", help="turtle, json-ld, nt or xml")
    ] = "turtle",
    release: Annotated[
        str | None, typer.Option(help="a release version instead of the current graph")
    ] = None,
    store: StoreOption = None,
) -> None:
    """Write the whole graph (or a release) to standard output."""
    if output_format not in EXPORT_FORMATS:
        fail(f"--format must be one of {', '.join(EXPORT_FORMATS)}")
    context = make_context(store)
    if release:
        from exportgraph.services.standards.releases import export_release

        try:
            data = export_release(context, release, EXPORT_FORMATS[output_format])
        except ExportgraphError as error:
            fail(error)
    else:
        data = context.store.export(EXPORT_FORMATS[output_format])
    sys.stdout.buffer.write(data)


def register(app: typer.Typer) -> None:
    """Add serve, load, check, query and export."""
    app.command()(serve)
    app.command()(load)
    app.command()(check)
    app.command()(query)
    app.command()(export)
