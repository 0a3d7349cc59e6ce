"""shapes/review.ttl, checked on every write: what a record lacks is named by its field."""

from __future__ import annotations

from typing import Any

import pytest
from pyoxigraph import NamedNode, Quad

from exportgraph.errors import InvalidInput
from exportgraph.graph.journal import agent, now
from exportgraph.services.reviews import check_record
from exportgraph.services.reviews.records import REVIEWS_GRAPH, decision_quads, filing_quads


def _filing(**changes: Any) -> list[Quad]:
    values: dict[str, Any] = {
        "subject": "classification",
        "grounds": "the threshold reads otherwise",
        "request": {"item": {"kind": "quantum-computer"}},
        "data_version": "abc",
        "model_version": None,
        "filer": "erin",
        "started": now(),
        "ended": now(),
        "answer": {"data_version": "abc", "results": []},
        **changes,
    }
    return filing_quads("7", **values)


def test_a_complete_recordcheck_records() -> None:
    check_record(_filing())
    _, insert = decision_quads(
        "7",
        outcome="revised",
        reason="corrected since",
        reviewer="rita",
        at=now(),
        current_answer={"data_version": "def"},
        current_version="def",
    )
    check_record(insert)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"grounds": ""}, "grounds"),
        ({"subject": "opinion"}, "subject"),
        ({"data_version": ""}, "data_version"),
    ],
)
def test_what_a_record_lacks_is_named(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        check_record(_filing(**changes))
    assert raised.value.field == field


def test_a_second_filer_or_a_second_reviewer_is_refused() -> None:
    second = Quad(
        NamedNode("https://w3id.org/exportgraph/id/review/7"),
        NamedNode("http://www.w3.org/ns/prov#wasAttributedTo"),
        agent("mallory"),
        NamedNode(REVIEWS_GRAPH),
    )
    with pytest.raises(InvalidInput):
        check_record([*_filing(), second])
    _, insert = decision_quads(
        "7",
        outcome="upheld",
        reason="ok",
        reviewer="rita",
        at=now(),
        current_answer=None,
        current_version=None,
    )
    other = Quad(
        NamedNode("https://w3id.org/exportgraph/id/review/7/decision"),
        NamedNode("http://www.w3.org/ns/prov#wasAssociatedWith"),
        agent("ray"),
        NamedNode(REVIEWS_GRAPH),
    )
    with pytest.raises(InvalidInput) as raised:
        check_record([*insert, other])
    assert "reviewer" in raised.value.detail.lower() or raised.value.field
