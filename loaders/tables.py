"""Reading the editable CSV tables with errors that name the file, line and column."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


class SourceDataError(ValueError):
    """A problem in an editable source file, located to its line and column."""

    def __init__(self, file: str, line: int, column: str | None, message: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        where = f"{file}, line {line}" + (f", column '{column}'" if column else "")
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Row:
    """One data row of a table, remembering where it came from."""

    file: str
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return (self.cells.get(column) or "").strip()

    def require(self, column: str) -> str:
        value = self.get(column)
        if not value:
            raise self.error(column, "a value is required")
        return value

    def words(self, column: str) -> list[str]:
        return self.get(column).split()

    def texts(self, column: str) -> list[str]:
        return [part.strip() for part in self.get(column).split(" | ") if part.strip()]

    def flag(self, column: str, default: bool) -> bool:
        value = self.get(column).lower()
        if not value:
            return default
        if value in ("true", "false"):
            return value == "true"
        raise self.error(column, f"expected true or false, got {value!r}")

    def error(self, column: str | None, message: str) -> SourceDataError:
        return SourceDataError(self.file, self.line, column, message)


def read_table(
    path: Path, required_columns: tuple[str, ...], *, name: str | None = None
) -> list[Row]:
    """Read a CSV file; every row must have the header's number of cells."""
    display = name or str(path)
    rows: list[Row] = []
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = [cell.strip() for cell in next(reader)]
        except StopIteration:
            raise SourceDataError(
                display, 1, None, "the file is empty (a header row is required)"
            ) from None
        missing = [column for column in required_columns if column not in header]
        if missing:
            raise SourceDataError(display, 1, None, f"missing column(s): {', '.join(missing)}")
        for cells in _numbered(reader):
            line, values = cells
            if not any(value.strip() for value in values):
                continue
            if len(values) != len(header):
                raise SourceDataError(
                    display, line, None, f"{len(values)} cells where the header has {len(header)}"
                )
            rows.append(Row(display, line, dict(zip(header, values, strict=True))))
    return rows


def _numbered(reader: Iterator[list[str]]) -> Iterator[tuple[int, list[str]]]:
    # csv.reader.line_num is the physical line where the record ended; records here are one line.
    for values in reader:
        yield reader.line_num, values  # type: ignore[attr-defined]
