"""A SPARQL result kept for one state of the store answers at a later state when no statement
written in between can change it (services/query/footprint.py): a label approval does not
change a list of entries, so readers of that list no longer wait for a worker after each write.
Whatever the writes and queries, a carried result equals the result of running the query again
(a differential test over random writes)."""

from __future__ import annotations

import json
import random
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from pyoxigraph import DefaultGraph, Literal, NamedNode, Quad

from exportgraph.graph.journal import conditional_write, read_state
from exportgraph.services.query.footprint import MAX_TEXT, footprint
from exportgraph.services.query.process import WorkerProcess
from exportgraph.services.query.sparql import SparqlPool

from .test_sparql_dumps import Watched
from .test_sparql_kept import _context

JSON = "application/sparql-results+json"
S = [NamedNode(f"urn:test:s{n}") for n in range(3)]
P = [NamedNode(f"urn:test:p{n}") for n in range(3)]
G = NamedNode("urn:test:g")
QUERIES = [
    "SELECT ?s ?o WHERE { ?s <urn:test:p0> ?o }",
    "SELECT ?s WHERE { ?s <urn:test:p0> <urn:test:s1> }",
    "SELECT ?o WHERE { <urn:test:s0> ?p ?o }",
    "SELECT ?g ?s WHERE { GRAPH ?g { ?s <urn:test:p1> ?o } }",
    "SELECT ?s ?o WHERE { ?s <urn:test:p0>/<urn:test:p1> ?o }",
    "SELECT ?s ?o WHERE { ?s <urn:test:p2>* ?o }",
    "SELECT ?s WHERE { ?s <urn:test:p0> ?x FILTER NOT EXISTS { ?s <urn:test:p1> ?y } }",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "ASK { <urn:test:s2> !(<urn:test:p0>) ?o }",
    "SELECT ?s WHERE { ?s ^<urn:test:p1> ?o OPTIONAL { ?o <urn:test:p2> ?z } }",
]


@pytest.fixture
def watched() -> Iterator[Watched]:
    store = Watched()
    store.replace_all([])
    store.apply(insert=[Quad(S[0], P[0], S[1]), Quad(S[1], P[1], Literal("one"))])
    yield store
    store.close()


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    sent: list[str] = []
    send = WorkerProcess.send

    def counted(self: WorkerProcess, message: Any) -> None:
        if isinstance(message, dict) and "max_rows" in message:
            sent.append(message["query"])
        send(self, message)

    monkeypatch.setattr(WorkerProcess, "send", counted)
    return sent


def _rows(pool: SparqlPool, store: Watched, text: str, **settings: Any) -> list[str]:
    _, body = pool.run(_context(store, **settings), text, JSON, "text/turtle")
    answer = json.loads(body)
    if "boolean" in answer:
        return [str(answer["boolean"])]
    return sorted(json.dumps(row, sort_keys=True) for row in answer["results"]["bindings"])


def _write(store: Watched, deleted: list[Quad], inserted: list[Quad]) -> None:
    conditional_write(store, read_state(store), "approve", S[0], deleted, inserted)


def test_a_write_that_cannot_change_a_result_does_not_run_it_again(
    watched: Watched, runs: list[str]
) -> None:
    pool = SparqlPool(size=1)
    try:
        text = QUERIES[0]
        before = _rows(pool, watched, text)
        _write(watched, [], [Quad(S[2], P[2], Literal("a label"))])  # another predicate
        _write(watched, [], [Quad(S[2], P[0], S[0], G)])  # p0, but in a named graph
        assert _rows(pool, watched, text) == before
        assert runs == [text]
        _write(watched, [], [Quad(S[2], P[0], S[0])])  # p0 in the default graph
        after = _rows(pool, watched, text)
        assert len(after) == len(before) + 1
        assert runs == [text, text]
    finally:
        pool.close()


def test_a_query_reading_every_statement_runs_after_every_write(
    watched: Watched, runs: list[str]
) -> None:
    pool = SparqlPool(size=1)
    try:
        for text in (QUERIES[5], QUERIES[7]):  # a zero-length path; ?s ?p ?o
            _rows(pool, watched, text)
            _write(watched, [], [Quad(S[2], P[1], Literal(f"new {len(runs)}"))])
            _rows(pool, watched, text)
        assert runs == [QUERIES[5], QUERIES[5], QUERIES[7], QUERIES[7]]
    finally:
        pool.close()


def test_carried_results_equal_results_run_again_under_random_writes(
    watched: Watched, runs: list[str]
) -> None:
    rng = random.Random(20261205)
    carrying, fresh = SparqlPool(size=1), SparqlPool(size=1)
    held: set[Quad] = {Quad(S[0], P[0], S[1]), Quad(S[1], P[1], Literal("one"))}
    try:
        for _ in range(40):
            graph = rng.choice([DefaultGraph(), G])
            obj = rng.choice([*S, Literal(rng.choice(["one", "two"]))])
            new = Quad(rng.choice(S), rng.choice(P), obj, graph)
            gone = [rng.choice(sorted(held, key=str))] if held and rng.random() < 0.4 else []
            _write(watched, gone, [new])
            held = (held - set(gone)) | {new}
            for text in rng.sample(QUERIES, 4):
                kept = _rows(carrying, watched, text)
                assert kept == _rows(fresh, watched, text, sparql_cache_bytes=0), text
        assert len(runs) < 2 * 40 * 4 - 20  # the fresh pool ran all 160; some were carried
    finally:
        carrying.close()
        fresh.close()


def test_what_a_query_can_read() -> None:
    entries = (
        "PREFIX eg: <https://w3id.org/exportgraph/ontology#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> "
        "SELECT ?e ?id WHERE { ?e a eg:ControlEntry ; dcterms:identifier ?id }"
    )
    found = footprint(entries)
    assert found is not None
    assert {(p.predicate, p.object, p.graphs) for p in found} == {
        (
            "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
            "https://w3id.org/exportgraph/ontology#ControlEntry",
            "default",
        ),
        ("http://purl.org/dc/terms/identifier", None, "default"),
    }
    named = footprint("SELECT * WHERE { FILTER EXISTS { GRAPH <urn:g> { ?s <urn:p> ?o } } }")
    assert named is not None and {p.graphs for p in named} == {"named"}
    dataset = footprint("SELECT * FROM <urn:g> WHERE { ?s <urn:p> ?o }")
    assert dataset is not None and {p.graphs for p in dataset} == {"any"}
    for unbounded in (
        "DESCRIBE <urn:x>",
        "not a query",
        "SELECT * WHERE { ?s ?p ?o } #" + "x" * MAX_TEXT,
    ):
        assert footprint(unbounded) is None
    for everything in ("SELECT * WHERE { ?s !(<urn:p>) ?o }", "SELECT * WHERE { ?s <urn:p>? ?o }"):
        shape = footprint(everything)
        assert shape is not None and [(p.subject, p.predicate, p.object) for p in shape] == [
            (None, None, None)
        ]


def test_a_text_is_read_once_whoever_asks(monkeypatch: pytest.MonkeyPatch) -> None:
    # after a write, every reader of a popular query asked for its footprint at once and each
    # parsed the text again (1.5 s of the interpreter in 13 s of the mixed-load bench)
    from exportgraph.services.query import footprint as module

    read: list[str] = []
    original = module._read

    def counted(text: str) -> Any:
        read.append(text)
        return original(text)

    monkeypatch.setattr(module, "_read", counted)
    texts = ["SELECT * WHERE { ?s <urn:test:once> ?o }", "DESCRIBE <urn:test:once>"]
    askers = [threading.Thread(target=footprint, args=(texts[n % 2],)) for n in range(12)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join(30)
    assert sorted(read) == sorted(texts)  # the unbounded one is remembered too
