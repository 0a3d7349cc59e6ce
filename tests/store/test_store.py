"""One suite, three backends (embedded RocksDB, memory, a real Oxigraph server over HTTP)."""

from __future__ import annotations

import hashlib
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
import rdflib
import rdflib.compare
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from exportgraph.graph.deltas import chained_version
from exportgraph.store import (
    DATA_VERSION,
    META_GRAPH,
    STORE_ID,
    LoadError,
    QueryError,
    RdfSource,
    Solutions,
    Store,
    StoreError,
    StoreUnavailableError,
    compute_data_version,
    memory_store_of,
    open_store,
    sparql_values,
    sparql_values_rows,
)
from exportgraph.store.embedded import EmbeddedStore
from exportgraph.store.remote import RemoteStore

EX = "http://example.org/"
XSD_DECIMAL = NamedNode("http://www.w3.org/2001/XMLSchema#decimal")
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
TURTLE = "text/turtle"
NTRIPLES = "application/n-triples"
NQUADS = "application/n-quads"

KINDS_TTL = b"""@prefix ex: <http://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:qc a ex:Kind ;
    skos:prefLabel "quantum computer"@en , "ordinateur quantique"@fr ;
    ex:threshold [ ex:parameter ex:qubits ; ex:value 34 ] .
ex:annealer a ex:Kind ; skos:prefLabel "quantum annealer"@en .
"""
KINDS_TRIPLES = 8
NOTE_NT = b'<http://example.org/qc> <http://example.org/note> "line1\\nline2 \\"quoted\\"" .\n'
KINDS = RdfSource("ontology/kinds.ttl", KINDS_TTL, TURTLE)
NOTE = RdfSource("ontology/note.nt", NOTE_NT, NTRIPLES)
TOTAL = KINDS_TRIPLES + 1

# Line 3, column 11 opens a string that is never closed.
BAD_TTL = b"""@prefix ex: <http://example.org/> .
ex:x ex:p ex:y .
ex:x ex:p "unterminated .
ex:z ex:p ex:w .
"""

EVIL = [
    '" } ; DROP ALL ; #',
    '"> } ; DROP ALL ; #',
    "\\u0022 } ; DROP ALL ; #",
    "'''\n} ; CLEAR DEFAULT ; #",
    '\\" } } ; DROP ALL ; # \r\n\t\x00',
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def ex(local: str) -> NamedNode:
    return NamedNode(EX + local)


def q(s: str, p: str, o: NamedNode | Literal, g: str | None = None) -> Quad:
    return Quad(ex(s), ex(p), o, ex(g) if g else DefaultGraph())


# --------------------------------------------------------------------------- load + query


def test_load_and_query_round_trip(store: Store) -> None:
    store.replace_all([KINDS, NOTE])

    rows = store.query(
        f"SELECT ?label WHERE {{ <{EX}qc> <{SKOS}prefLabel> ?label }} ORDER BY ?label"
    )
    assert isinstance(rows, Solutions)
    assert rows.variables == ("label",)
    assert rows == [
        {"label": Literal("ordinateur quantique", language="fr")},
        {"label": Literal("quantum computer", language="en")},
    ]
    assert store.query(f"ASK {{ <{EX}annealer> a <{EX}Kind> }}") is True
    assert store.query(f"ASK {{ <{EX}annealer> a <{EX}Nothing> }}") is False

    threshold = store.select(
        f"SELECT ?t ?value ?missing WHERE {{ <{EX}qc> <{EX}threshold> ?t . ?t <{EX}value> ?value "
        f"OPTIONAL {{ ?t <{EX}nope> ?missing }} }}"
    )
    assert len(threshold) == 1
    assert isinstance(threshold[0]["t"], BlankNode)
    assert threshold[0]["value"] == Literal("34", datatype=NamedNode(XSD + "integer"))
    assert "missing" not in threshold[0]  # unbound variables are absent

    note = store.select(f"SELECT ?n WHERE {{ ?s <{EX}note> ?n }}")
    assert note[0]["n"] == Literal('line1\nline2 "quoted"')

    triples = store.construct("CONSTRUCT { ?s a ?c } WHERE { ?s a ?c }")
    assert sorted(triples, key=str) == [
        Triple(
            ex("annealer"), NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ex("Kind")
        ),
        Triple(ex("qc"), NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ex("Kind")),
    ]
    assert store.triple_count() == TOTAL


def test_triple_count(store: Store) -> None:
    assert store.triple_count() == 0
    store.replace_all([KINDS])
    assert store.triple_count() == KINDS_TRIPLES
    store.add_graph(EX + "g", NOTE_NT, NTRIPLES)
    assert store.triple_count() == KINDS_TRIPLES  # named graphs and bookkeeping are not counted
    assert store.triple_count(EX + "g") == 1
    assert store.triple_count(META_GRAPH) == 1


def test_query_errors_are_query_errors(store: Store) -> None:
    with pytest.raises(QueryError):
        store.query("SELECT * WHERE { ?s ?p ")
    with pytest.raises(QueryError):
        store.select("ASK {}")
    with pytest.raises(QueryError):
        store.construct("SELECT * WHERE { ?s ?p ?o }")


# --------------------------------------------------------------------------- data version


def _expected_version(sources: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for name, data in sorted(sources):
        digest.update(len(name.encode()).to_bytes(8, "big") + name.encode())
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def test_data_version_follows_content(store: Store) -> None:
    assert store.data_version() is None
    first = store.replace_all([KINDS, NOTE])
    assert first == _expected_version([(KINDS.name, KINDS_TTL), (NOTE.name, NOTE_NT)])
    assert first == compute_data_version([NOTE, KINDS])
    assert store.data_version() == first

    assert store.replace_all([NOTE, KINDS]) == first  # order of the sources does not matter
    assert store.data_version() == first

    changed = store.replace_all(
        [KINDS, RdfSource(NOTE.name, NOTE_NT.replace(b"line1", b"l1"), NTRIPLES)]
    )
    assert changed != first
    renamed = store.replace_all([KINDS, RdfSource("ontology/other.nt", NOTE_NT, NTRIPLES)])
    assert renamed not in (first, changed)
    assert store.replace_all([KINDS, NOTE]) == first
    assert store.triple_count() == TOTAL


def test_data_version_is_recorded_in_the_store(store: Store) -> None:
    version = store.replace_all([KINDS])
    rows = store.select(
        f"SELECT ?v WHERE {{ GRAPH <{META_GRAPH}> {{ <{STORE_ID}> <{DATA_VERSION}> ?v }} }}"
    )
    assert rows == [{"v": Literal(version)}]
    assert META_GRAPH not in store.named_graphs()


@pytest.mark.parametrize("backend", ["embedded", "remote"], indirect=True)
def test_data_version_survives_a_new_handle(store: Store, reopen: Callable[[Store], Store]) -> None:
    version = store.replace_all([KINDS, NOTE])
    again = reopen(store)
    assert again.data_version() == version
    assert again.triple_count() == TOTAL


def test_two_remote_handles_share_data_and_version(
    oxigraph_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    oxigraph_server.reset()
    monkeypatch.setenv("EXPORTGRAPH_UPDATE_URL", oxigraph_server.update_url)
    with (
        open_store(f"sparql:{oxigraph_server.query_url}") as writer,
        RemoteStore(oxigraph_server.query_url) as reader,
    ):
        version = writer.replace_all([KINDS])
        assert reader.data_version() == version
        bumped = writer.apply(insert=[q("qc", "p", Literal("x"))])
        assert bumped != version
        assert reader.data_version() == bumped


def test_every_write_moves_the_version(store: Store) -> None:
    seen = [store.replace_all([KINDS])]
    seen.append(store.add_graph(EX + "g", NOTE_NT, NTRIPLES))
    seen.append(store.apply(insert=[q("qc", "p", Literal("x"))]))
    seen.append(store.update(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }} ;"))
    seen.append(store.drop_graph(EX + "g"))
    seen.append(store.replace_all([NOTE], graph=EX + "h"))
    assert len(set(seen)) == len(seen)
    assert seen == [*seen[:-1], store.data_version()]


def test_a_writer_knows_the_version_its_update_makes(store: Store) -> None:
    """graph.deltas names the version an update moves to before the store answers: the same
    formula as the update's own (store.sparql_text.chain_version)."""
    before = store.replace_all([KINDS])
    text = f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }} ;"
    assert store.update(text) == chained_version(before, "update", text.encode())


def test_data_version_read_between_writes_is_never_stale(store: Store) -> None:
    # the embedded store caches the version: every write, whatever its kind, must drop the cache
    store.replace_all([KINDS])
    writes = [
        lambda: store.apply(insert=[q("qc", "p", Literal("y"))]),
        lambda: store.update(f"INSERT DATA {{ <{EX}d> <{EX}e> <{EX}f> }} ;"),
        lambda: store.add_graph(EX + "g2", NOTE_NT, NTRIPLES),
        lambda: store.drop_graph(EX + "g2"),
    ]
    for write in writes:
        before = store.data_version()
        assert store.data_version() == before  # read twice: the second may come from a cache
        returned = write()
        assert store.data_version() == returned != before


# --------------------------------------------------------------------------- all-or-nothing loads


@pytest.mark.parametrize("target", [None, EX + "graph/target"])
def test_failed_load_names_file_and_line_and_keeps_previous_data(
    store: Store, target: str | None
) -> None:
    previous = store.replace_all([KINDS], graph=target)
    before = store.triple_count(target)

    replacement = RdfSource("ontology/a.ttl", KINDS_TTL.replace(b"quantum", b"Quantum"), TURTLE)
    broken = RdfSource("ontology/b.ttl", BAD_TTL, TURTLE)
    with pytest.raises(LoadError) as raised:
        store.replace_all([replacement, broken], graph=target)

    error = raised.value
    assert isinstance(error, StoreError)
    assert (error.source_name, error.line, error.column) == ("ontology/b.ttl", 3, 11)
    assert str(error).startswith("ontology/b.ttl:3:11: ")
    assert store.data_version() == previous
    assert store.triple_count(target) == before
    graph = f"GRAPH <{target}>" if target else ""
    assert not store.ask(f'ASK {{ {graph} {{ ?s ?p "Quantum computer"@en }} }}')
    assert store.ask(f'ASK {{ {graph} {{ ?s ?p "quantum computer"@en }} }}')


def test_load_error_positions_for_ntriples_and_unknown_format(store: Store) -> None:
    bad = (
        b"<http://a> <http://b> <http://c> .\n"
        b'<http://a> <http://b> "x" .\n'
        b"<http://a> <http://b> .\n"
    )
    with pytest.raises(LoadError) as raised:
        store.replace_all([RdfSource("data/x.nt", bad, NTRIPLES)])
    assert (raised.value.source_name, raised.value.line) == ("data/x.nt", 3)
    with pytest.raises(LoadError, match="unsupported RDF format"):
        store.replace_all([RdfSource("data/x.bin", b"", "application/octet-stream")])
    assert store.data_version() is None
    assert store.triple_count() == 0


def test_nquads_sources_fill_their_named_graphs(store: Store) -> None:
    nq = (
        f'<{EX}s> <{EX}p> "in default" .\n<{EX}s> <{EX}p> "in provenance graph" <{EX}prov/1> .\n'
    ).encode()
    store.replace_all([RdfSource("data/x.nq", nq, NQUADS)])
    assert store.triple_count() == 1
    assert store.named_graphs() == [EX + "prov/1"]
    store.replace_all([RdfSource("data/x.nq", nq.replace(b"graph", b"GRAPH"), NQUADS)])
    rows = store.select(f"SELECT ?o WHERE {{ GRAPH <{EX}prov/1> {{ ?s ?p ?o }} }}")
    assert rows == [{"o": Literal("in provenance GRAPH")}]  # the graph was replaced, not merged
    bad = f'<{EX}s> <{EX}p> "x" <{META_GRAPH}> .\n'.encode()
    with pytest.raises(LoadError, match="reserved"):
        store.replace_all([RdfSource("data/meta.nq", bad, NQUADS)])


# --------------------------------------------------------------------------- apply / update


def test_apply_deletes_and_inserts_together(store: Store) -> None:
    version = store.replace_all([KINDS])
    old = Quad(
        ex("annealer"), NamedNode(SKOS + "prefLabel"), Literal("quantum annealer", language="en")
    )
    new = Quad(ex("annealer"), NamedNode(SKOS + "prefLabel"), Literal("annealer", language="en"))
    elsewhere = q("annealer", "status", Literal("changed"), g="changes/1")

    bumped = store.apply(delete=[old], insert=[new, elsewhere])

    assert bumped != version and store.data_version() == bumped
    labels = store.select(f"SELECT ?l WHERE {{ <{EX}annealer> <{SKOS}prefLabel> ?l }}")
    assert labels == [{"l": Literal("annealer", language="en")}]
    assert store.triple_count(EX + "changes/1") == 1
    assert store.triple_count() == KINDS_TRIPLES


def test_apply_refuses_invalid_changes_without_writing(store: Store) -> None:
    version = store.replace_all([KINDS])
    insert = [q("qc", "new", Literal("must not appear"))]
    with pytest.raises(ValueError, match="blank node"):
        store.apply(delete=[Quad(BlankNode(), ex("p"), ex("o"))], insert=insert)
    with pytest.raises(ValueError, match="reserved"):
        store.apply(insert=[*insert, Quad(ex("s"), ex("p"), ex("o"), NamedNode(META_GRAPH))])
    assert store.data_version() == version
    assert store.triple_count() == KINDS_TRIPLES


def test_apply_is_atomic_for_concurrent_readers(store: Store) -> None:
    size = 300
    marker = ex("generation")

    def generation(n: int) -> list[Quad]:
        return [Quad(ex(f"item/{i}"), marker, Literal(n)) for i in range(size)]

    store.apply(insert=generation(0))
    seen: list[tuple[int, int]] = []
    stop = threading.Event()
    failures: list[BaseException] = []

    def read() -> None:
        try:
            while not stop.is_set():
                row = store.select(
                    f"SELECT (COUNT(*) AS ?n) (COUNT(DISTINCT ?g) AS ?gens) "
                    f"WHERE {{ ?s <{marker.value}> ?g }}"
                )[0]
                n, gens = row["n"], row["gens"]
                assert isinstance(n, Literal) and isinstance(gens, Literal)
                seen.append((int(n.value), int(gens.value)))
        except BaseException as error:  # pragma: no cover - reported below
            failures.append(error)

    reader = threading.Thread(target=read)
    reader.start()
    try:
        for n in range(1, 7):
            store.apply(delete=generation(n - 1), insert=generation(n))
    finally:
        stop.set()
        reader.join(timeout=30)
    assert not failures
    assert seen, "the reader never ran"
    assert set(seen) == {(size, 1)}  # always one whole generation, never a mix or a gap


def test_update_is_all_or_nothing(store: Store) -> None:
    version = store.replace_all([KINDS])
    failing = (
        f"INSERT DATA {{ <{EX}half> <{EX}way> <{EX}there> }} ;\n"
        f"CREATE GRAPH <{EX}twice> ;\nCREATE GRAPH <{EX}twice>"
    )
    with pytest.raises(StoreError):
        store.update(failing)
    assert not store.ask(f"ASK {{ <{EX}half> ?p ?o }}")
    assert store.data_version() == version


# --------------------------------------------------------------------------- named graphs


def test_named_graphs_add_replace_drop(store: Store) -> None:
    store.replace_all([KINDS])
    graph = EX + "changeset/1"
    first = store.add_graph(graph, NOTE_NT, NTRIPLES)
    assert store.named_graphs() == [graph]
    assert store.triple_count(graph) == 1
    assert store.ask(f"ASK {{ GRAPH <{graph}> {{ <{EX}qc> <{EX}note> ?n }} }}")

    two = b"<http://example.org/a> <http://example.org/b> 1 , 2 .\n"
    second = store.add_graph(graph, two, TURTLE)  # add_graph replaces the graph's content
    assert second != first
    assert store.triple_count(graph) == 2
    assert store.triple_count() == KINDS_TRIPLES

    with pytest.raises(LoadError):
        store.add_graph(graph, f'<{EX}s> <{EX}p> "x" <{EX}other> .\n'.encode(), NQUADS)
    with pytest.raises(ValueError):
        store.add_graph(META_GRAPH, NOTE_NT, NTRIPLES)
    with pytest.raises(ValueError):
        store.add_graph("not an iri", NOTE_NT, NTRIPLES)
    assert store.data_version() == second

    third = store.drop_graph(graph)
    assert third != second
    assert store.named_graphs() == []
    assert store.triple_count(graph) == 0
    store.drop_graph(EX + "never-existed")
    assert store.triple_count() == KINDS_TRIPLES


def test_replace_all_into_a_named_graph_leaves_default_alone(store: Store) -> None:
    store.replace_all([KINDS])
    release = EX + "release/1.0"
    store.replace_all([NOTE], graph=release)
    assert store.triple_count() == KINDS_TRIPLES
    assert store.triple_count(release) == 1
    store.replace_all([KINDS], graph=release)
    assert store.triple_count(release) == KINDS_TRIPLES


# --------------------------------------------------------------------------- export


EXPORT_FORMATS = [
    ("text/turtle", "turtle"),
    ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml"),
    ("application/ld+json", "json-ld"),
]


@pytest.mark.parametrize(("media_type", "short_name"), EXPORT_FORMATS)
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_export_parses_back_to_the_same_graph(
    store: Store, media_type: str, short_name: str
) -> None:
    store.replace_all([KINDS, NOTE])
    data = store.export(media_type)
    assert store.export(short_name) is not None  # the CLI's --format names work too

    again = list(pyoxigraph.parse(data, pyoxigraph.RdfFormat.from_media_type(media_type)))
    assert len(again) == TOTAL
    reference = rdflib.Graph().parse(data=store.export("nt"), format="nt")
    parsed = rdflib.Graph().parse(data=data, format=short_name)  # an independent parser
    assert len(parsed) == TOTAL
    assert rdflib.compare.isomorphic(parsed, reference)


def test_export_of_a_named_graph_and_bad_formats(store: Store) -> None:
    store.replace_all([KINDS])
    store.add_graph(EX + "g", NOTE_NT, NTRIPLES)
    assert store.export("nt", graph=EX + "g") == NOTE_NT
    assert b"@prefix skos:" in store.export("turtle")
    with pytest.raises(ValueError):
        store.export("application/n-quads")
    with pytest.raises(ValueError):
        store.export("text/csv")


# --------------------------------------------------------------------------- VALUES helper


@pytest.mark.parametrize("evil", EVIL)
def test_values_helper_keeps_a_malicious_literal_as_data(store: Store, evil: str) -> None:
    version = store.replace_all([KINDS])
    values = sparql_values({"label": Literal(evil), "kind": ex("qc")})

    rows = store.select(f"SELECT ?label ?kind WHERE {{ {values} }}")
    assert rows == [{"label": Literal(evil), "kind": ex("qc")}]
    assert store.select(f"SELECT ?kind WHERE {{ {values} ?kind <{SKOS}prefLabel> ?label }}") == []

    store.apply(insert=[q("qc", "comment", Literal(evil))])
    found = store.select(f"SELECT ?s WHERE {{ {sparql_values({'c': Literal(evil)})} ?s ?p ?c }}")
    assert found == [{"s": ex("qc")}]
    assert store.triple_count() == KINDS_TRIPLES + 1  # nothing dropped, nothing cleared
    assert store.data_version() not in (None, version)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=40))
def test_values_helper_round_trips_any_text(store: Store, text: str) -> None:
    values = sparql_values({"v": Literal(text)})
    assert store.select(f"SELECT ?v WHERE {{ {values} }}") == [{"v": Literal(text)}]


def test_values_helper_refuses_raw_text_and_bad_names() -> None:
    with pytest.raises(TypeError):
        sparql_values({"v": '" } ; DROP ALL ; #'})  # type: ignore[dict-item]
    with pytest.raises(ValueError):
        sparql_values({"v": BlankNode()})
    with pytest.raises(ValueError):
        sparql_values({"v) { } ; DROP ALL ; #": Literal("x")})
    with pytest.raises(ValueError):
        sparql_values({})
    with pytest.raises(ValueError):
        NamedNode("http://example.org/> } ; DROP ALL ; #")  # pyoxigraph validates IRIs


def test_values_rows_helper() -> None:
    block = sparql_values_rows(
        ["?a", "b"], [[ex("x"), None], [Literal(1), Literal("y", language="en")]]
    )
    assert block == (f'VALUES (?a ?b) {{\n  (<{EX}x> UNDEF)\n  ("1"^^<{XSD}integer> "y"@en)\n}}')
    with pytest.raises(ValueError):
        sparql_values_rows(["a", "b"], [[ex("x")]])


# --------------------------------------------------------------------------- lifecycle


def test_closed_store_refuses_work(store: Store) -> None:
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.triple_count()


def test_open_store_uris(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("EXPORTGRAPH_STORE", raising=False)
    monkeypatch.setenv("EXPORTGRAPH_UPDATE_URL", "http://127.0.0.1:9/update")

    with open_store() as default:
        assert isinstance(default, EmbeddedStore)
        assert default.path == Path("data/store")
    assert (tmp_path / "data" / "store").is_dir()

    monkeypatch.setenv("EXPORTGRAPH_STORE", "memory:")
    with open_store() as memory:
        assert isinstance(memory, EmbeddedStore) and memory.path is None
    with open_store(f"oxigraph:{tmp_path / 'other'}") as on_disk:
        assert on_disk.triple_count() == 0
    with open_store("sparql:http://127.0.0.1:9/query") as remote:
        assert isinstance(remote, RemoteStore)
        assert remote.update_url == "http://127.0.0.1:9/update"
    with open_store("sparql:http://h/q", update_url="http://h/u") as remote:
        assert isinstance(remote, RemoteStore) and remote.update_url == "http://h/u"

    for bad in ["postgres://x", "oxigraph:", "memory:extra", "sparql:ftp://x/q", "sparql:", "data"]:
        with pytest.raises(ValueError):
            open_store(bad)


def test_embedded_directory_has_one_owner(tmp_path: Path) -> None:
    with (
        open_store(f"oxigraph:{tmp_path / 's'}"),
        pytest.raises(StoreError, match="another process"),
    ):
        open_store(f"oxigraph:{tmp_path / 's'}")


def test_remote_without_update_url_is_read_only(
    oxigraph_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    oxigraph_server.reset()
    monkeypatch.delenv("EXPORTGRAPH_UPDATE_URL", raising=False)
    with open_store(f"sparql:{oxigraph_server.query_url}") as remote:
        assert remote.triple_count() == 0
        with pytest.raises(StoreError, match="EXPORTGRAPH_UPDATE_URL"):
            remote.replace_all([KINDS])


def test_remote_unreachable_is_reported_quickly() -> None:
    url = f"http://user:secret@127.0.0.1:{_free_port()}/query"
    with RemoteStore(url, timeout=2) as remote, pytest.raises(StoreUnavailableError) as raised:
        remote.data_version()
    assert "secret" not in str(raised.value)


def test_a_scratch_store_holds_its_triples_at_the_version_a_load_records() -> None:
    """memory_store_of fills the store by Oxigraph's bulk insert, yet holds exactly the statements
    (blank nodes, language tags, typed literals included) and the data version that loading their
    N-Triples through replace_all gives."""
    triples = [
        Triple(NamedNode("urn:s"), NamedNode("urn:p"), Literal("x", language="en")),
        Triple(NamedNode("urn:s"), NamedNode("urn:q"), Literal("1.50", datatype=XSD_DECIMAL)),
        Triple(BlankNode("b1"), NamedNode("urn:p"), NamedNode("urn:o")),
    ]
    loaded = open_store("memory:")
    data = pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.N_TRIPLES) or b""
    loaded.replace_all([RdfSource("graph", data, "application/n-triples")])
    scratch = memory_store_of(triples)
    try:
        assert scratch.data_version() == loaded.data_version()
        assert scratch.triple_count() == 3
        every = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
        assert _statements(scratch.select(every)) == _statements(loaded.select(every))
        assert scratch.ask("ASK { ?b <urn:p> <urn:o> FILTER(isBlank(?b)) }")
    finally:
        scratch.close()
        loaded.close()


def _statements(rows: Solutions) -> set[tuple[str, ...]]:
    """Rows as comparable text; a blank node is only 'some blank node'."""
    return {
        tuple("_:" if isinstance(t, BlankNode) else str(t) for t in (r["s"], r["p"], r["o"]))
        for r in rows
    }
