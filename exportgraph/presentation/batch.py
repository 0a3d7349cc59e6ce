"""Batch answers written out (contract §9): JSON and NDJSON for the API and the CLI, a wide CSV
and a summary table for the CLI. Everything streams: items are written as the batch answers them.

NDJSON: one line per item, `{"id", "results": […]}` or `{"id", "error": {problem}}`, in the order
of the request, then one closing line without `id`: `{"summary", "errors", "items",
"data_version", "as_of", "jurisdictions"}`.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table
from typing_extensions import TypedDict

from exportgraph.services.partners.batch import BatchItem, BatchRun, Tally
from exportgraph.services.partners.batch_compiled import Results

BLOCK = 2_000  # items per written block
# ASCII only: ids and problem details echo user text, which may hold lone surrogates
_JSON = json.JSONEncoder(ensure_ascii=True, check_circular=False, separators=(",", ":"))


class BatchClosingLine(TypedDict):
    """The last line of an NDJSON batch answer (the only one without `id`)."""

    summary: dict[str, Tally]
    errors: int
    items: int
    data_version: str
    as_of: str
    jurisdictions: list[str]


@dataclass(frozen=True)
class Checks:
    """What an interface checks of a streamed answer against the shapes it documents: each item
    that carries a problem or a list of results not written before (items share their lists), and
    the closing counts. A check raises to stop the answer; it is never written partly checked."""

    item: Callable[[BatchItem], None]
    closing: Callable[[BatchClosingLine], None]


class _Writer:
    """Item lines, encoding (and checking) each distinct list of results once."""

    def __init__(self, checks: Checks | None) -> None:
        self._results: dict[int, tuple[Results, str]] = {}  # keeps each list alive: ids stay unique
        self._checks = checks

    def line(self, item: BatchItem) -> str:
        head = '{"id":' + _JSON.encode(item["id"])
        results = item.get("results")
        if results is None:
            if self._checks is not None:
                self._checks.item(item)
            return head + ',"error":' + _JSON.encode(item.get("error")) + "}"
        found = self._results.get(id(results))
        if found is None:
            if self._checks is not None:
                self._checks.item(item)
            found = self._results[id(results)] = (results, _JSON.encode(results))
        return head + ',"results":' + found[1] + "}"

    def closing(self, run: BatchRun) -> BatchClosingLine:
        closing = _closing(run)
        if self._checks is not None:
            self._checks.closing(closing)
        return closing


def _closing(run: BatchRun) -> BatchClosingLine:
    return {
        "summary": run.summary,
        "errors": run.errors,
        "items": run.count,
        "data_version": run.data_version,
        "as_of": run.on.isoformat(),
        "jurisdictions": run.codes,
    }


def ndjson_chunks(run: BatchRun, checks: Checks | None = None) -> Iterator[bytes]:
    """The batch as NDJSON (see the module docstring), in blocks of lines."""
    writer = _Writer(checks)
    block: list[str] = []
    for item in run:
        block.append(writer.line(item))
        if len(block) >= BLOCK:
            yield ("\n".join(block) + "\n").encode()
            block = []
    block.append(_JSON.encode(writer.closing(run)))
    yield ("\n".join(block) + "\n").encode()


def json_chunks(run: BatchRun, checks: Checks | None = None) -> Iterator[bytes]:
    """The batch as one JSON object `{"data_version", "as_of", "jurisdictions", "items": […],
    "summary", "errors"}`, written item by item."""
    writer = _Writer(checks)
    head = {
        "data_version": run.data_version,
        "as_of": run.on.isoformat(),
        "jurisdictions": run.codes,
    }
    block: list[str] = [_JSON.encode(head)[:-1] + ',"items":[']
    first = True
    for item in run:
        block.append(("" if first else ",") + writer.line(item))
        first = False
        if len(block) >= BLOCK:
            yield "".join(block).encode()
            block = []
    closing = writer.closing(run)
    block.append(
        '],"summary":'
        + _JSON.encode(closing["summary"])
        + ',"errors":'
        + str(closing["errors"])
        + "}"
    )
    yield "".join(block).encode()


def csv_chunks(run: BatchRun) -> Iterator[str]:
    """The batch as a wide CSV: `id`, then per jurisdiction its verdict, the matching entries
    and what is missing (parameters and facts, for "unknown"), then `error`."""
    buffer = io.StringIO()
    out = csv.writer(buffer, lineterminator="\n")
    header = ["id"]
    for code in run.codes:
        header += [code, f"{code} entries", f"{code} missing"]
    out.writerow([*header, "error"])
    for count, item in enumerate(run, start=1):
        results = item.get("results")
        row: list[object] = [item["id"]]
        if results is None:
            problem = item.get("error")
            row += [""] * (3 * len(run.codes)) + [problem["detail"] if problem else ""]
        else:
            for verdict in results:
                missing = [*verdict.get("missing", []), *verdict.get("missing_facts", [])]
                row += [
                    str(verdict["controlled"]).lower(),
                    " ".join(verdict["entries"]),
                    " ".join(missing),
                ]
            row.append("")
        out.writerow(row)
        if count % BLOCK == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def summary_table(run: BatchRun) -> Table:
    """Counts per jurisdiction (after the batch ran)."""
    table = Table(
        "jurisdiction",
        "controlled",
        "not controlled",
        "unknown",
        title=f"{run.count:,} items as of {run.on.isoformat()} ({run.errors:,} in error)",
    )
    for code, tally in run.summary.items():
        table.add_row(code, f"{tally['true']:,}", f"{tally['false']:,}", f"{tally['unknown']:,}")
    return table


@contextmanager
def progress_bar(console: Console, total: int | None) -> Iterator[Callable[[int], None]]:
    """A progress bar on `console` (stderr) for a batch; yields the callback BatchRun calls with
    the number of items answered so far."""
    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task("classifying", total=total)
        yield lambda done: progress.update(task, completed=done)
