"""What the store holds of the statements a change names (queries/change_statements.rq): the
statements themselves, and every statement with the subject and predicate of some of them, each
flagged asserted or inferred by the reasoner."""

from __future__ import annotations

from collections.abc import Collection

from pyoxigraph import Literal, Triple

from exportgraph.graph.queries import bind
from exportgraph.store import Store, Term


def statement_rows(
    exact: Collection[Triple], pairs: Collection[Triple] = ()
) -> list[dict[str, Term | None]]:
    """VALUES rows for the query: the statements `exact` themselves, and every statement with
    the subject and predicate of one of `pairs` (which covers the `exact` ones it shares)."""
    rows: dict[tuple[str, ...], dict[str, Term | None]] = {}
    for t in pairs:
        rows[(str(t.subject), str(t.predicate))] = {"s": t.subject, "p": t.predicate, "o": None}
    for t in exact:
        if (str(t.subject), str(t.predicate)) not in rows:
            key = (str(t.subject), str(t.predicate), str(t.object))
            rows[key] = {"s": t.subject, "p": t.predicate, "o": t.object}
    return [rows[key] for key in sorted(rows)]


def held_statements(
    store: Store, exact: Collection[Triple], pairs: Collection[Triple] = ()
) -> tuple[set[Triple], set[Triple]]:
    """(asserted, inferred): those of the statements `exact` the store holds, and every statement
    it holds with the subject and predicate of one of `pairs`. Asking for the statements, not
    their (subject, predicate) pairs, keeps the answer small where a concept has many labels or
    values."""
    asserted: set[Triple] = set()
    inferred: set[Triple] = set()
    if not exact and not pairs:
        return asserted, inferred
    for row in store.select(bind("change_statements", statement_rows(exact, pairs))):
        triple = Triple(row["s"], row["p"], row["o"])  # type: ignore[arg-type]
        flag = row.get("inferred")
        (inferred if isinstance(flag, Literal) and flag.value == "true" else asserted).add(triple)
    return asserted, inferred
