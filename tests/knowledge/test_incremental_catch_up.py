"""An index some approvals behind follows them all at once, looking only at the statements its
queries can read: an approval's status, review and provenance statements (in graphs no query of
the index reads) are most of what it changes, and are left out before any section is asked."""

from __future__ import annotations

from pyoxigraph import DefaultGraph

from exportgraph.graph import deltas
from exportgraph.graph.journal import CHANGES_GRAPH, PROVENANCE_GRAPH
from exportgraph.knowledge import incremental
from exportgraph.knowledge.read import SECTIONS, read_knowledge
from exportgraph.services.standards import changes
from exportgraph.services.users import User
from exportgraph.store import Store

LABELS = [
    ('parameter:physical-qubits skos:altLabel "Qubit-Anzahl"@de .', ""),
    ('parameter:physical-qubits skos:altLabel "nombre de qubits"@fr .', ""),
    ('parameter:cnot-error skos:altLabel "errore C-NOT"@it .', ""),
]


def test_an_index_follows_several_approvals_from_what_its_queries_read(store: Store) -> None:
    indexed = incremental.index(store)
    before = store.data_version() or ""
    for add, remove in LABELS:
        body = {
            "summary": "a label",
            "rationale": "the catch-up test",
            "base_version": store.data_version(),
            "add": add,
            "remove": remove,
        }
        change = changes.propose(store, User("erin", "editor"), body)
        changes.approve(store, User("rita", "reviewer"), change["id"])
    after = store.data_version() or ""
    writes = deltas.between(store, before, after)
    assert writes is not None and len(writes) == len(LABELS)
    changed = [quad for write in writes for quad in write.changed]

    readable = incremental._readable(indexed, changed)
    graphs = {
        quad.graph_name.value for quad in changed if not isinstance(quad.graph_name, DefaultGraph)
    }
    assert {CHANGES_GRAPH, PROVENANCE_GRAPH} <= graphs  # what the approvals changed besides
    assert [q for q in changed if isinstance(q.graph_name, DefaultGraph)] == list(readable)
    assert len(readable) == len(LABELS)  # the labels themselves (no closure for a label)

    followed = incremental.advance(indexed, store, after, changed)
    full = read_knowledge(store)
    assert followed.knowledge.version == full.version == after
    assert "entries" not in followed.reread  # a label: the entries are kept
    assert [
        name
        for section in SECTIONS
        for name in section.fields
        if getattr(followed.knowledge, name) != getattr(full, name)
    ] == []
