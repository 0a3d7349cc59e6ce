"""Named SPARQL queries from queries/*.rq; user values enter only through a VALUES block."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache

from pyoxigraph import BlankNode, Literal, NamedNode

from exportgraph.paths import queries_dir

Term = NamedNode | Literal | BlankNode


@cache
def load_query(name: str) -> str:
    """The text of queries/{name}.rq (cached)."""
    path = queries_dir() / f"{name}.rq"
    return path.read_text(encoding="utf-8")


def values_block(rows: Sequence[Mapping[str, Term]]) -> str:
    """A SPARQL VALUES block from library-serialized RDF terms (never raw text)."""
    if not rows:
        raise ValueError("a VALUES block needs at least one row")
    names = sorted(rows[0])
    lines = [f"VALUES ({' '.join('?' + n for n in names)}) {{"]
    for row in rows:
        if sorted(row) != names:
            raise ValueError("every VALUES row must bind the same variables")
        lines.append("  (" + " ".join(str(row[n]) for n in names) + ")")
    lines.append("}")
    return "\n".join(lines)


def bind(name: str, rows: Sequence[Mapping[str, Term]]) -> str:
    """Query `name` with the placeholder line `#VALUES` replaced by a VALUES block of rows."""
    text = load_query(name)
    if "#VALUES" not in text:
        raise ValueError(f"queries/{name}.rq has no #VALUES placeholder")
    return text.replace("#VALUES", values_block(rows), 1)
