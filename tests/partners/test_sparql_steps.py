"""After a write of this process moves the data version, the SPARQL workers apply the statements it
deleted and inserted (with their graphs) instead of loading a whole dump of the store: a worker at
the previous version applies the last write, a new worker loads the last whole dump and every
write since. Either way the copy answers exactly as a copy loaded from a whole dump of the store."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from exportgraph.graph.journal import CHANGES_GRAPH, JournalState, conditional_write, read_state
from exportgraph.services.query import pool as pool_module
from exportgraph.services.query.copies import Prepared
from exportgraph.services.query.sparql import SparqlPool

from .test_sparql_dumps import Watched, _context

S, P = NamedNode("urn:test:s"), NamedNode("urn:test:p")
GRAPH = NamedNode("https://w3id.org/exportgraph/id/graph/inferred")
EVERYTHING = (
    "SELECT ?g ?s ?p ?o WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } ORDER BY ?g ?s ?p ?o"
)


@pytest.fixture
def watched() -> Iterator[Watched]:
    store = Watched()
    store.replace_all([])
    store.apply(insert=[Quad(S, P, Literal(str(n))) for n in range(5)])
    yield store
    store.close()


def _write(store: Watched, deleted: list[Quad], inserted: list[Quad]) -> None:
    conditional_write(store, read_state(store), "approve", S, deleted, inserted, changes_data=True)


def _everything(pool: SparqlPool, store: Watched) -> list[dict[str, object]]:
    _, body = pool.run(
        _context(store), EVERYTHING, "application/sparql-results+json", "text/turtle"
    )
    rows: list[dict[str, object]] = json.loads(body)["results"]["bindings"]
    return rows


def _masked(rows: list[dict[str, object]]) -> list[str]:
    return sorted(
        json.dumps({k: v if v.get("type") != "bnode" else "_" for k, v in row.items()})  # type: ignore[attr-defined]
        for row in rows
    )


def _from_a_whole_dump(store: Watched) -> list[dict[str, object]]:
    fresh = SparqlPool(size=1)
    try:
        return _everything(fresh, store)
    finally:
        fresh.close()


def test_workers_follow_writes_without_a_whole_dump(watched: Watched) -> None:
    pool, late = SparqlPool(size=1), SparqlPool(size=1)
    try:
        _everything(pool, watched)  # a worker at the first version
        late.dump_for(_context(watched))  # a whole dump, no worker yet
        whole = watched.partial.count(False)
        _write(watched, [Quad(S, P, Literal("0"))], [Quad(S, P, Literal("new"))])
        _write(
            watched,
            [Quad(S, P, Literal("1"))],
            [Quad(S, P, Literal("x"), GRAPH), Quad(S, P, Literal("1"), DefaultGraph())],
        )
        followed = _everything(pool, watched)
        started_late = _everything(late, watched)  # a new worker: whole dump + both writes
        assert watched.partial.count(False) == whole  # no whole dump since the first ones
        assert pool.dump_for(_context(watched)).steps
        expected = _from_a_whole_dump(watched)
        assert followed == expected and started_late == expected
        assert {"type": "literal", "value": "new"} in [row["o"] for row in followed]
        assert {"type": "literal", "value": "0"} not in [row["o"] for row in followed]
    finally:
        pool.close()
        late.close()


def test_a_write_with_a_blank_node_is_loaded_from_a_whole_dump(watched: Watched) -> None:
    pool = SparqlPool(size=1)
    try:
        _everything(pool, watched)
        whole = watched.partial.count(False)
        _write(watched, [], [Quad(BlankNode(), P, Literal("anonymous"))])
        assert not pool.dump_for(_context(watched)).steps
        assert watched.partial.count(False) == whole + 1
        # blank node labels are the copy's own: compared without them
        assert _masked(_everything(pool, watched)) == _masked(_from_a_whole_dump(watched))
        assert "anonymous" in json.dumps(_everything(pool, watched))
    finally:
        pool.close()


def test_a_run_of_writes_is_followed_step_by_step(watched: Watched) -> None:
    """Back-to-back approvals (more than the 32 steps once allowed) never make the workers load
    a whole dump again; each query names only the state its worker was brought to."""
    pool = SparqlPool(size=1)
    try:
        _everything(pool, watched)
        whole = watched.partial.count(False)
        for n in range(40):
            _write(watched, [], [Quad(S, P, Literal(f"label {n}"))])
            assert {"type": "literal", "value": f"label {n}"} in [
                row["o"] for row in _everything(pool, watched)
            ]
        assert watched.partial.count(False) == whole
        assert _everything(pool, watched) == _from_a_whole_dump(watched)
    finally:
        pool.close()


def test_proposals_and_reviews_are_followed_like_approvals(watched: Watched) -> None:
    """Writes that keep the data version (a proposal, a review) reach the workers as the statements
    they changed in the journal's graphs and the bookkeeping graph: no dump of the store, nor of
    the journal, and the copy answers exactly as one loaded from a whole dump."""
    pool = SparqlPool(size=1)
    try:
        _everything(pool, watched)
        dumps = len(watched.partial)
        proposed = Quad(S, P, Literal("proposed"), NamedNode(CHANGES_GRAPH))
        reviewed = Quad(S, P, Literal("approved"), NamedNode(CHANGES_GRAPH))
        conditional_write(watched, read_state(watched), "propose", S, insert=[proposed])
        assert proposed in _quads(_everything(pool, watched))
        conditional_write(watched, read_state(watched), "review", S, [proposed], [reviewed])
        _write(watched, [Quad(S, P, Literal("2"))], [Quad(S, P, Literal("two"))])
        followed = _everything(pool, watched)
        assert len(watched.partial) == dumps  # nothing dumped again
        assert followed == _from_a_whole_dump(watched)
        assert reviewed in _quads(followed) and proposed not in _quads(followed)
    finally:
        pool.close()


def _quads(rows: list[dict[str, object]]) -> set[Quad]:
    found = set()
    for row in rows:
        graph = row.get("g")
        if isinstance(graph, dict) and row["o"]["type"] == "literal":  # type: ignore[index]
            found.add(
                Quad(
                    NamedNode(row["s"]["value"]),  # type: ignore[index]
                    NamedNode(row["p"]["value"]),  # type: ignore[index]
                    Literal(row["o"]["value"]),  # type: ignore[index]
                    NamedNode(graph["value"]),
                )
            )
    return found


def test_no_worker_or_dump_goes_back_to_an_older_state(
    watched: Watched, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A request that read the store's state before another request prepared a newer one (a
    write landed in between) neither writes a whole dump of its older state nor takes a worker
    back to it: it answers from the newer state."""
    pool, ctx = SparqlPool(size=1), _context(watched)
    try:
        old = pool.dump_for(ctx)
        _write(watched, [], [Quad(S, P, Literal("newer"))])
        assert {"type": "literal", "value": "newer"} in [
            row["o"] for row in _everything(pool, watched)
        ]
        dumps = len(watched.partial)
        states = iter([read_state_at(old), read_state(watched)])
        monkeypatch.setattr(pool_module, "read_state", lambda store: next(states))
        assert pool.dump_for(ctx).state != old.state  # read again once it may dump
        assert len(watched.partial) == dumps
        monkeypatch.setattr(pool, "dump_for", lambda context: old)  # a request late with it
        rows = _everything(pool, watched)
        assert {"type": "literal", "value": "newer"} in [row["o"] for row in rows]
        assert len(watched.partial) == dumps
    finally:
        pool.close()


def read_state_at(prepared: Prepared) -> JournalState:
    version, sequence = prepared.state.rsplit("@", 1)
    return JournalState(version, int(sequence))
