"""A batch as CSV (contract §9; docs/partners.md "Batch classification"): one row per item.

    id,kind,physical-qubits,cnot-error,cooling-power[uW],specially-designed-for-controlled-quantum-computer
    qc-1,quantum-computer,120,8e-4,,
    fr-1,dilution-refrigerator,,,800,

Columns: `id` and `kind` (required), `for_kind` and `purpose` (software and technology), one
column per parameter — its unit in brackets in the header (`cooling-power[uW]`), else the
parameter's canonical unit; a cell may also carry its own unit (`800 uW`) where the header has
none — and one column per fact (`true`/`false`, also `yes`/`no`, `1`/`0`). An empty cell is a
value not stated. Columns may come in any order.

The header is checked before any row (an unknown column or a unit that does not convert is a
422 naming the column); each row becomes the JSON item the single-item path takes, so a bad value
is that row's error (naming its line and column), and a broken row (wrong number of fields, a
stray quote) is reported on its own line — the other rows are answered.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from exportgraph.errors import InvalidInput, MalformedInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.batch import BatchRun
from exportgraph.services.partners.batch_items import Row
from exportgraph.services.partners.batch_rows import check_count, valid_id

_HEADER = re.compile(r"^(?P<name>[^\[\]]+?)\s*(?:\[(?P<unit>[^\[\]]*)\])?$")
_SPECIAL = ("id", "kind", "for_kind", "purpose")
_TRUE = {"true", "yes", "1"}
_FALSE = {"false", "no", "0"}


@dataclass(frozen=True)
class Column:
    """One header column: what it holds (id, kind, for_kind, purpose, parameter, fact)."""

    title: str
    role: str
    name: str
    unit: str | None = None


def read_header(knowledge: Knowledge, header: list[str]) -> list[Column]:
    """The columns of a header; InvalidInput naming the column for anything unknown."""
    columns: list[Column] = []
    seen: dict[str, int] = {}
    for position, raw in enumerate(header, start=1):
        title = raw.strip()
        where = f"header, column {position} ({title!r})"
        match = _HEADER.match(title)
        if match is None:
            raise InvalidInput(
                f"{where}: expected a name, optionally with a unit in brackets (cooling-power[uW])",
                field=where,
            )
        name, unit = match["name"].strip(), match["unit"]
        if name in _SPECIAL:
            role = name
        elif name in knowledge.parameters:
            role = "parameter"
        elif name in knowledge.facts:
            role = "fact"
        else:
            raise InvalidInput(
                f"{where}: {name!r} is none of id, kind, for_kind, purpose, a parameter "
                f"({', '.join(knowledge.notations('parameters'))}) or a fact "
                f"({', '.join(knowledge.notations('facts'))})",
                field=where,
            )
        if unit is not None:
            if role != "parameter":
                raise InvalidInput(f"{where}: only parameter columns carry a unit", field=where)
            unit = unit.strip()
            knowledge.units.to_canonical(name, {"value": 1, "unit": unit}, where)
        if name in seen:
            raise InvalidInput(
                f"{where}: {name!r} is also column {seen[name]}; one column per name", field=where
            )
        seen[name] = position
        columns.append(Column(title, role, name, unit or None))
    missing = [name for name in ("id", "kind") if name not in seen]
    if missing:
        raise InvalidInput(
            f"header: the column(s) {', '.join(missing)} are required", field="header"
        )
    return columns


class CsvBatch:
    """A CSV batch: the header read and checked on creation, the rows read on iteration."""

    def __init__(self, knowledge: Knowledge, text: str) -> None:
        self._reader = csv.reader(io.StringIO(text), strict=True)
        try:
            header = next(self._reader, None)
        except csv.Error as error:
            raise MalformedInput(f"header (line 1): {error}", field="header") from None
        if not header or not any(cell.strip() for cell in header):
            raise MalformedInput("the CSV is empty: a header line is expected", field="header")
        self.columns = read_header(knowledge, header)

    def __iter__(self) -> Iterator[Row]:
        reader, columns = self._reader, self.columns
        width = len(columns)
        while True:
            line = reader.line_num + 1
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                where = f"line {line}"
                yield Row(None, None, where, MalformedInput(f"{where}: {error}", field=where))
                continue
            if not any(cell.strip() for cell in cells):
                continue
            where = f"line {line}"
            if len(cells) != width:
                item_id = cells[0].strip() if cells and valid_id(cells[0].strip()) else None
                yield Row(
                    item_id,
                    None,
                    where,
                    MalformedInput(
                        f"{where}: {len(cells)} fields where the header has {width}", field=where
                    ),
                )
                continue
            yield _row(columns, cells, where)


def _row(columns: list[Column], cells: list[str], where: str) -> Row:
    """One row as the JSON item of the single-item path."""
    item: dict[str, object] = {}
    parameters: dict[str, object] = {}
    facts: dict[str, object] = {}
    item_id: str | None = None
    for column, raw in zip(columns, cells, strict=True):
        cell = raw.strip()
        if not cell:
            continue
        if column.role == "id":
            item_id = cell
        elif column.role == "parameter":
            parameters[column.name] = (
                {"value": cell, "unit": column.unit} if column.unit is not None else cell
            )
        elif column.role == "fact":
            lowered = cell.lower()
            facts[column.name] = True if lowered in _TRUE else False if lowered in _FALSE else cell
        else:
            item[column.role] = cell
    if item_id is None or not valid_id(item_id):
        return Row(None, None, where, InvalidInput(f"{where}: the id is empty", field=where))
    if parameters:
        item["parameters"] = parameters
    if facts:
        item["facts"] = facts
    return Row(item_id, item, where)


def csv_run(
    knowledge: Knowledge,
    text: str,
    *,
    max_items: int,
    jurisdictions: Sequence[str] | None = None,
    as_of: str | None = None,
    progress: Callable[[int], None] | None = None,
) -> BatchRun:
    """A batch from CSV text (jurisdictions and date from the query or the command line)."""
    rows = list(CsvBatch(knowledge, text))
    check_count(len(rows), max_items)
    return BatchRun(knowledge, rows, jurisdictions, as_of, progress, total=len(rows))
