"""Agreement items carry the yes/no facts the legal texts ask about (contract §2 items): for
software and technology, those of the item served, which decide whether it is controlled."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from fastapi.testclient import TestClient
from pyoxigraph import BlankNode

from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.services.auditors.agreements.explanations import missing_item_fact
from exportgraph.services.auditors.agreements.facts import ItemFacts
from exportgraph.services.auditors.agreements.knowledge import rules

URL = "/v1/agreements/validate"
CASE = Path(__file__).parent / "cases" / "agr-exchange-licence.json"


def _validate(client: TestClient, body: object, content_type: str = "application/json") -> dict:
    content = body if isinstance(body, bytes) else json.dumps(body).encode()
    response = client.post(URL, content=content, headers={"Content-Type": content_type})
    assert response.status_code == 200, response.text
    result: dict = response.json()
    return result


def test_the_served_items_facts_decide_the_exchange_rule(client: TestClient) -> None:
    stated = json.loads(CASE.read_text())
    assert stated["items"][0]["facts"]
    decided = _validate(client, stated)
    assert "AGR-EXCHANGE" in {
        v["rule"] for v in decided["violations"] if v["severity"] == "violation"
    }
    del stated["items"][0]["facts"]
    undecided = _validate(client, stated)
    exchange = [v for v in undecided["violations"] if v["rule"] == "AGR-EXCHANGE"]
    assert exchange and all(v["severity"] != "violation" for v in exchange)
    assert any("specially designed" in v["message"] for v in exchange)


def test_facts_must_be_true_or_false(client: TestClient) -> None:
    stated = json.loads(CASE.read_text())
    stated["items"][0]["facts"] = {"specially-designed-for-controlled-quantum-computer": "yes"}
    response = client.post(URL, json=stated)
    assert response.status_code == 422
    assert "facts" in response.json()["detail"]


def test_which_kinds_serve_another_is_read_from_the_data(context: Context) -> None:
    """Software and technology are told from hardware by eg:servesAnotherKind, not by name."""
    know = rules(context)
    flagged = {
        notation
        for notation, concept in current(context).kinds.items()
        if concept.has("servesAnotherKind")
    }
    assert flagged == {"software", "technology"} == know.serving_kinds
    item = ItemFacts(
        node=BlankNode(), kind="technology", for_kind=None, purpose=None, parameters={}
    )
    assert "which kind of item it serves" in (missing_item_fact(know, item) or "")
    as_hardware = replace(know, serving_kinds=frozenset())
    assert missing_item_fact(as_hardware, item) is None
