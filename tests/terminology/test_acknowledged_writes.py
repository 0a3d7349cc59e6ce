"""A write through the API is acknowledged once the knowledge index of the data version it
produced is built: a question asked after the acknowledgement (the approver's own, or anyone's)
is answered from that version, without waiting for the index."""

from __future__ import annotations

from fastapi.testclient import TestClient

from exportgraph.knowledge import current as indexes
from exportgraph.store import Store

from .support import ITALIAN_LABEL, Accounts, propose


def test_an_approval_is_acknowledged_with_its_data_version_indexed(
    client: TestClient, accounts: Accounts, fresh_store: Store
) -> None:
    change = propose(client, accounts, "erin", add=ITALIAN_LABEL).json()
    before = fresh_store.data_version()
    approved = client.post(f"/v1/changes/{change['id']}/approve", headers=accounts.auth("rita"))
    assert approved.status_code == 200, approved.text
    built = indexes.latest(fresh_store)  # nothing was asked since the approval
    assert built is not None and built.version == fresh_store.data_version() != before
    labels = built.concepts["https://w3id.org/exportgraph/id/parameter/cnot-error"].texts
    assert "errore C-NOT" in str(labels)
    answered = client.get("/v1/jurisdictions")
    assert answered.status_code == 200
