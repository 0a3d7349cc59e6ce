"""The knowledge index of a new data version, built from the previous index and the statements an
approval changed (exportgraph.knowledge.incremental), equals the index read from the whole store:
checked section by section after real change sets approved on the real data (label, threshold,
display order, mapping and note edits, removals, an entry added)."""

from __future__ import annotations

import threading
from dataclasses import fields

import pytest
from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad, Triple

from exportgraph.graph import deltas
from exportgraph.knowledge import current, incremental
from exportgraph.knowledge.current import of_triples
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.query_reads import reads
from exportgraph.knowledge.read import SECTIONS, read_knowledge
from exportgraph.knowledge.sandbox import of_changed
from exportgraph.knowledge.units import UnitCatalogue
from exportgraph.services.standards import changes
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.services.users import User
from exportgraph.store import Store, open_store

ID = "https://w3id.org/exportgraph/id/"
EG = "https://w3id.org/exportgraph/ontology#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
XSD = "http://www.w3.org/2001/XMLSchema#"
ENTRY = f"<{ID}entry/US/4A906.a.2>"
CRITERION = f"<{ID}entry/US/6A006.a.2/alt/1/magnetometer-sensitivity-1hz/formalized>"
QUBITS = f"<{ID}parameter/physical-qubits>"
PROCESSING = f"<{ID}processing-time/us-average-2022>"
NEW_ENTRY = f"""
<{ID}entry/US/4A906.a.9> a <{EG}HardwareEntry>, <{EG}ControlEntry> ;
    <http://purl.org/dc/terms/identifier> "US:4A906.a.9" ;
    <{SKOS}notation> "4A906.a.9" ;
    <{EG}jurisdiction> <{ID}jurisdiction/US> ;
    <http://purl.org/dc/terms/title> "A test sub-entry"@en ;
    <{EG}subEntryOf> <{ID}entry/US/4A906.a> ;
    <{EG}itemKind> <{ID}kind/quantum-computer> ;
    <{EG}effectiveFrom> "2024-09-06"^^<{XSD}date> ;
    <{EG}evidence> "secondary" ;
    <http://purl.org/dc/terms/source> <{ID}source/US/S1> .
"""

# (what the change does, Turtle to add, Turtle to remove, sections it must NOT read again)
CHANGES: list[tuple[str, str, str, set[str]]] = [
    (
        "a label",
        f'{QUBITS} <{SKOS}prefLabel> "aantal fysieke qubits"@nl .',
        "",
        # risk reads labels of its own nodes only; the mappings read no label
        {"listed", "entries", "products", "risk", "asserted mappings"},
    ),
    (
        "labels in a language the concept has one in",  # the order of a language's labels
        f'{QUBITS} <{SKOS}altLabel> "Qubit-Anzahl"@de, "Anzahl der Qubits"@de .',
        f'{QUBITS} <{SKOS}prefLabel> "aantal fysieke qubits"@nl .',
        {"listed", "entries", "products", "risk", "asserted mappings"},
    ),
    (
        "what a processing time covers",  # any property of a risk node: risk is read again
        f'{PROCESSING} <{EG}covers> "every licence application"@en .',
        f'{PROCESSING} <{EG}covers> "all licence applications"@en .',
        {"listed", "entries", "products", "asserted mappings"},
    ),
    (
        "a threshold",
        f'{CRITERION} <{EG}thresholdValue> "25"^^<{XSD}decimal> .',
        f'{CRITERION} <{EG}thresholdValue> "20"^^<{XSD}decimal> .',
        {"listed", "products", "asserted mappings"},
    ),
    (
        "a display order",
        f'{QUBITS} <{EG}displayOrder> "40"^^<{XSD}integer> .',
        f'{QUBITS} <{EG}displayOrder> "1"^^<{XSD}integer> .',
        {"listed", "products", "asserted mappings"},
    ),
    (
        "a note removed",
        "",
        f'{ENTRY} <{EG}note> "Also reproduced by S3 (a.1-a.4)"@en .',
        {"units", "plots"},
    ),
    (
        "a mapping",
        f"<{ID}entry/US/6A006.a.2> <{SKOS}relatedMatch> <{ID}entry/EU/3A002.e.4> .",
        "",
        {"listed", "products"},
    ),
    ("an entry added", NEW_ENTRY, "", set()),  # its notation and types: every section reads those
]


def differences(incremental_index: Knowledge, full: Knowledge) -> list[str]:
    """The fields of the index that differ (every field a section fills, version, problems)."""
    names = [name for section in SECTIONS for name in section.fields]
    names += ["version", "problems"]
    assert {f.name for f in fields(Knowledge) if not f.name.startswith("_")} <= set(names)
    return [name for name in names if getattr(incremental_index, name) != getattr(full, name)]


def approve(store: Store, add: str, remove: str, summary: str) -> None:
    body = {
        "summary": f"change {summary}",
        "rationale": "a test of the incremental index",
        "base_version": store.data_version(),
        "add": add,
        "remove": remove,
    }
    change = changes.propose(store, User("erin", "editor"), body)
    changes.approve(store, User("rita", "reviewer"), change["id"])


def test_the_index_follows_real_approvals_exactly(store: Store) -> None:
    indexed = incremental.index(store)
    unrelated = Quad(NamedNode("urn:x:s"), NamedNode("urn:x:p"), Literal("o"), DefaultGraph())
    for summary, add, remove, kept in CHANGES:
        before = store.data_version() or ""
        approve(store, add, remove, summary)
        after = store.data_version() or ""
        writes = deltas.between(store, before, after)
        assert writes is not None and len(writes) == 1, summary  # the writer's version is exact
        previous, indexed = indexed, incremental.advance(indexed, store, after, writes[0].changed)
        full = read_knowledge(store)
        assert differences(indexed.knowledge, full) == [], summary
        assert not kept & set(indexed.reread), (summary, indexed.reread)
        # the concepts are followed (a label: the texts of one concept read again; a statement
        # about something else: kept) unless a concept's other properties or types change
        concepts_read = summary in ("a display order", "an entry added")
        assert ("concepts" in indexed.followed) != concepts_read, (summary, indexed.followed)
        if summary == "what a processing time covers":
            assert "risk" in indexed.reread
        if summary == "a threshold":  # the comparison sees a section wrongly kept
            wrongly = incremental.advance(previous, store, after, [unrelated])
            assert "entries" not in wrongly.reread
            assert "entries" in differences(wrongly.knowledge, full)


def test_readers_get_the_followed_index_after_a_write(store: Store) -> None:
    first = current.of_store(store)
    approve(store, f'{QUBITS} <{SKOS}prefLabel> "fysiska qubitar"@sv .', "", "a label for readers")
    followed = current.of_store(store)
    assert followed.version == store.data_version() != first.version
    assert followed.listed is first.listed  # kept, not read again
    assert followed.parameters["physical-qubits"].texts["pref"]["sv"] == ("fysiska qubitar",)
    assert differences(followed, read_knowledge(store)) == []


def test_what_a_query_reads() -> None:
    labels = reads(
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "SELECT * WHERE { ?c a skos:Concept ; skos:prefLabel ?l }"
    )
    label = Quad(NamedNode("urn:x:c"), NamedNode(SKOS + "prefLabel"), Literal("x"), DefaultGraph())
    other = Quad(NamedNode("urn:x:c"), NamedNode(SKOS + "altLabel"), Literal("x"), DefaultGraph())
    typed = Quad(
        NamedNode("urn:x:c"),
        NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
        NamedNode(EG + "Thing"),
        DefaultGraph(),
    )
    named = Quad(label.subject, label.predicate, label.object, NamedNode("urn:x:graph"))
    assert labels.touches(label) and not labels.touches(other) and not labels.touches(typed)
    assert not labels.touches(named)  # a named graph the query does not read
    limited = reads("SELECT * WHERE { VALUES ?p { <urn:x:p> } ?s ?p ?o }")
    assert not limited.any_predicate and not limited.touches(other)
    # FILTER NOT EXISTS sees each solution's bindings: VALUES of the filtered group hold in it
    unless = reads(
        "SELECT * WHERE { VALUES ?p { <urn:x:p> } ?s ?p ?o "
        "FILTER NOT EXISTS { GRAPH <urn:x:g> { ?s ?p ?o OPTIONAL { ?o ?p ?x } } } }"
    )
    in_graph = Quad(other.subject, NamedNode("urn:x:p"), other.object, NamedNode("urn:x:g"))
    assert not unless.any_predicate and not unless.touches(other)
    assert unless.touches(in_graph)
    for loose in (  # VALUES that does not hold in every solution the filter sees
        "SELECT * WHERE { ?s ?p ?o OPTIONAL { VALUES ?p { <urn:x:p> } } "
        "FILTER NOT EXISTS { ?s ?p ?o } }",
        "SELECT * WHERE { ?s <urn:x:q> ?o FILTER NOT EXISTS { VALUES ?p { <urn:x:p> } ?s ?p ?o } "
        "FILTER NOT EXISTS { ?o ?p ?s } }",
    ):
        assert reads(loose).any_predicate, loose
    anything = reads("SELECT * WHERE { ?s ?p ?o OPTIONAL { VALUES ?p { <urn:x:p> } } }")
    assert anything.any_predicate and anything.touches(other)
    # every property of the instances of some classes: a statement touches it when its subject is
    # one (the store is asked), or when it is such a type statement
    instances = reads("SELECT * WHERE { VALUES ?t { <urn:x:T> } ?n a ?t ; ?p ?o }")
    assert not instances.any_predicate and instances.typed == {"urn:x:T"}
    assert not instances.touches(other, lambda subject, classes: False)
    assert instances.touches(other, lambda subject, classes: subject == other.subject)
    assert instances.touches(other)  # not told: assume it is one
    made_one = Quad(other.subject, typed.predicate, NamedNode("urn:x:T"), DefaultGraph())
    assert instances.touches(made_one, lambda subject, classes: False)
    assert not instances.touches(typed, lambda subject, classes: False)


def test_a_what_if_index_equals_the_index_of_the_changed_graph(store: Store) -> None:
    graph = set(asserted_triples(store))
    criterion = NamedNode(CRITERION.strip("<>"))
    threshold = NamedNode(EG + "thresholdValue")
    [old] = [t for t in graph if t.subject == criterion and t.predicate == threshold]
    label = next(
        t
        for t in graph
        if t.subject == NamedNode(QUBITS.strip("<>"))
        and t.predicate == NamedNode(SKOS + "prefLabel")
    )
    new = Triple(criterion, threshold, Literal("7", datatype=NamedNode(XSD + "decimal")))
    keeper = Knowledge(store.data_version() or "", UnitCatalogue({}))  # holds the loaded graph
    for removed, added in (({old}, [new]), ({label}, [])):
        followed = of_changed(keeper, graph, removed, added)
        assert followed is not None
        # the changed graph in the order the sandbox loaded it (several labels of one concept
        # come in the order a store holds them: that of their loading)
        whole = of_triples([t for t in frozenset(graph) if t not in removed] + added)
        assert differences(followed, whole) == ["version"]  # a label of the what-if
    blank = Triple(BlankNode(), threshold, Literal("1"))
    assert of_changed(keeper, graph, set(), [blank]) is None


def test_deltas_are_kept_up_to_a_number_of_statements(monkeypatch: pytest.MonkeyPatch) -> None:
    """However many writes, the deltas kept hold at most KEPT_QUADS statements (the oldest go);
    a reader further behind reads the whole store."""
    monkeypatch.setattr(deltas, "KEPT_QUADS", 5)
    store = open_store("memory:")
    two = [Quad(NamedNode(f"urn:x:{n}"), NamedNode("urn:x:p"), Literal("o")) for n in range(2)]
    try:
        for before, after in (("v0", "v1"), ("v1", "v2"), ("v2", "v3")):
            deltas.remember(store, before, after, [], two)
        assert deltas.between(store, "v0", "v3") is None  # the first write was let go
        followed = deltas.between(store, "v1", "v3")
        assert followed is not None and [d.after for d in followed] == ["v2", "v3"]
    finally:
        deltas.forget(store)
        store.close()


def test_a_reader_waits_for_the_delta_of_a_write_in_progress() -> None:
    """A reader that sees a write of this process before its delta is recorded (the store is
    written first) waits for the delta instead of reading the whole store."""
    store = open_store("memory:")
    got: list[list[deltas.Delta] | None] = []
    try:
        with deltas.writing(store):
            reader = threading.Thread(target=lambda: got.append(deltas.between(store, "a", "b")))
            reader.start()
            reader.join(0.2)
            assert reader.is_alive()  # waiting: a write is in progress
            deltas.remember(store, "a", "b", [], [])
        reader.join(10)
        assert got and got[0] is not None and [d.after for d in got[0]] == ["b"]
        assert deltas.between(store, "b", "c") is None  # no write in progress: no wait
    finally:
        deltas.forget(store)
        store.close()
