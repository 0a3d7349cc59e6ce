"""After an approval, the asserted graph and the what-if graph of the new data version follow the
write from the previous version's (the whole store was read and a scratch store loaded again:
seconds on the whole lists): the same statements, the same statements by subject, the same index
as a graph read whole."""

from __future__ import annotations

from fastapi.testclient import TestClient

from exportgraph.knowledge import current as indexes
from exportgraph.knowledge.current import of_triples
from exportgraph.knowledge.sandbox import loaded, of_changed
from exportgraph.services.standards.asserted_graph import NEWEST, current_asserted
from exportgraph.services.standards.terminology_check import asserted_triples
from exportgraph.services.standards.whatif import _index_subjects, subjects
from exportgraph.store import Store

from .support import ITALIAN_LABEL, XX_COOL, Accounts, propose


def _approve(client: TestClient, accounts: Accounts, **change: str) -> None:
    proposed = propose(client, accounts, "erin", **change)
    assert proposed.status_code == 201, proposed.text
    approved = client.post(
        f"/v1/changes/{proposed.json()['id']}/approve", headers=accounts.auth("rita")
    )
    assert approved.status_code == 200, approved.text


def test_the_what_if_graph_follows_approvals(
    client: TestClient, accounts: Accounts, fresh_store: Store
) -> None:
    before = indexes.of_store(fresh_store)
    graph = current_asserted(fresh_store, before)
    subjects(before, graph)  # loaded, as a what-if or the after-writes preparation does
    assert loaded(before) is graph
    _approve(client, accounts, add=ITALIAN_LABEL)
    _approve(
        client,
        accounts,
        remove=f"{XX_COOL} eg:thresholdValue 100 .",
        add=f"{XX_COOL} eg:thresholdValue 150 .",
    )
    after = indexes.of_store(fresh_store)
    assert after.version != before.version
    followed = current_asserted(fresh_store, after)
    whole = frozenset(asserted_triples(fresh_store))
    assert followed == whole and followed != graph
    # moved, not loaded anew: the previous version keeps nothing
    assert loaded(before) is None and loaded(after) is followed
    assert subjects(after, followed) == _index_subjects(whole)
    index = of_changed(after, followed, frozenset(), ())
    read = of_triples(whole)
    assert index is not None and index.entries == read.entries
    assert index.concepts == read.concepts


def test_without_the_previous_graph_the_store_is_read_whole(
    client: TestClient, accounts: Accounts, fresh_store: Store
) -> None:
    before = indexes.of_store(fresh_store)
    current_asserted(fresh_store, before)  # read, but no what-if graph loaded for it
    assert loaded(before) is None
    _approve(client, accounts, add=ITALIAN_LABEL)
    after = indexes.of_store(fresh_store)
    assert current_asserted(fresh_store, after) == frozenset(asserted_triples(fresh_store))
    assert loaded(after) is None
    assert (id(fresh_store), after) == NEWEST.held
