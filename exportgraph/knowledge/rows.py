"""Rows of the knowledge queries as plain strings, and the small readers every part of the index
uses (yes/no, dates, IRI tails, source order)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from pyoxigraph import BlankNode, Literal, NamedNode

from exportgraph.graph.queries import load_query
from exportgraph.store import Store

Row = dict[str, str]


def plain(term: object) -> str:
    if isinstance(term, NamedNode | Literal | BlankNode):
        return term.value
    return str(term)


def lexical(row: Mapping[str, object], name: str) -> str | None:
    """The lexical value of a solution's column; None when it is unbound."""
    term = row.get(name)
    return None if term is None else plain(term)


def rows(store: Store, name: str) -> list[Row]:
    """Rows of a named query with each term's lexical value."""
    return [
        {key: plain(term) for key, term in solution.items()}
        for solution in store.select(load_query(name))
    ]


def flag(value: str | None) -> bool | None:
    return None if value is None else value in ("true", "1")


def date(value: str | None) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value[:10])


def tail(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def source_order(iri: str) -> tuple[int, str]:
    last = tail(iri)
    digits = "".join(ch for ch in last if ch.isdigit())
    return (int(digits) if digits else 0, last)
