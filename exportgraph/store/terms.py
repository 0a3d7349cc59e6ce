"""The store's vocabulary: its bookkeeping IRIs, the RDF terms it returns, its query results and
its errors."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeAlias

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    QueryBoolean,
    QuerySolutions,
    QueryTriples,
    Triple,
)

META_GRAPH = "https://w3id.org/exportgraph/id/graph/meta"
"""Named graph holding store bookkeeping (the data version); never loaded from sources."""
STORE_ID = "https://w3id.org/exportgraph/id/store"
"""Subject of the store bookkeeping triples."""
DATA_VERSION = "https://w3id.org/exportgraph/ontology#dataVersion"
"""Predicate linking :data:`STORE_ID` to the current data version (a hex SHA-256 string)."""
JOURNAL_SEQUENCE = "https://w3id.org/exportgraph/ontology#journalSequence"
"""Predicate linking :data:`STORE_ID` to the sequence number of the last logged write: it moves
on every write (a proposal as well as an approval), the data version only when the graph does."""

Term: TypeAlias = NamedNode | BlankNode | Literal | Triple
"""An RDF term as the store returns it (pyoxigraph types on every backend)."""
GraphName: TypeAlias = NamedNode | BlankNode | DefaultGraph


class Solutions(list[dict[str, Term]]):
    """SELECT results: one dict per row, variable name (no ``?``) -> term; unbound ones absent."""

    def __init__(self, rows: Iterable[dict[str, Term]] = (), variables: Sequence[str] = ()) -> None:
        super().__init__(rows)
        self.variables: tuple[str, ...] = tuple(variables)
        """The projected variables, in query order (for tables and CSV)."""


class Triples(list[Triple]):
    """CONSTRUCT / DESCRIBE results."""


QueryResult: TypeAlias = Solutions | bool | Triples
"""SELECT -> :class:`Solutions`, ASK -> ``bool``, CONSTRUCT/DESCRIBE -> :class:`Triples`."""


class StoreError(Exception):
    """Any failure of the store layer (the message is meant for operators, never leaks secrets)."""


class LoadError(StoreError):
    """A source could not be parsed; nothing was written.

    ``line`` and ``column`` are 1-based, or ``None`` when the parser gives no position
    (RDF/XML and JSON-LD errors, for example).
    """

    def __init__(
        self, source_name: str, line: int | None, column: int | None, message: str
    ) -> None:
        self.source_name = source_name
        self.line = line
        self.column = column
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.source_name
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        return f"{where}: {self.message}"


class QueryError(StoreError):
    """The store rejected a query or update (syntax error, evaluation error)."""


class StoreUnavailableError(StoreError):
    """The store could not be reached or did not answer in time (remote backends)."""


def solutions_from(results: QuerySolutions | QueryBoolean | QueryTriples) -> QueryResult:
    """Materialize pyoxigraph query results into plain Python (shared by both backends)."""
    if isinstance(results, QueryBoolean):
        return bool(results)
    if isinstance(results, QuerySolutions):
        names = [variable.value for variable in results.variables]
        rows = [
            {name: value for name, value in zip(names, solution, strict=True) if value is not None}
            for solution in results
        ]
        return Solutions(rows, names)
    return Triples(results)
