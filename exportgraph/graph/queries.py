"""Named SPARQL queries from queries/*.rq; user values enter only through a VALUES block."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from exportgraph.paths import queries_dir
from exportgraph.store import Term, sparql_values_rows

PLACEHOLDER = "#VALUES"


@cache
def load_query(name: str) -> str:
    """The text of queries/{name}.rq (cached)."""
    path = queries_dir() / f"{name}.rq"
    return path.read_text(encoding="utf-8")


def values_block(rows: Sequence[Mapping[str, Term | None]]) -> str:
    """A SPARQL VALUES block from library-serialized RDF terms (None = UNDEF), never raw text."""
    if not rows:
        raise ValueError("a VALUES block needs at least one row")
    names = sorted(rows[0])
    if any(sorted(row) != names for row in rows):
        raise ValueError("every VALUES row must bind the same variables")
    return sparql_values_rows(names, [[row[name] for name in names] for row in rows])


def bind(name: str, rows: Sequence[Mapping[str, Term | None]]) -> str:
    """Query `name` with its `#VALUES` placeholder line replaced by a VALUES block of rows."""
    text = load_query(name)
    if PLACEHOLDER not in text:
        raise ValueError(f"queries/{name}.rq has no {PLACEHOLDER} placeholder")
    return text.replace(PLACEHOLDER, values_block(rows), 1)
