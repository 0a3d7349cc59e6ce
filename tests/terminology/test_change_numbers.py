"""The id of the next proposal comes from the number of the last one, kept beside the change sets:
finding it read every change set (the highest id), which grew with the log (6.8 ms a proposal at
1,600 changes). A store written before the number was kept, or whose number does not match its
change sets, falls back to the highest id: an id is never given twice."""

from __future__ import annotations

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from exportgraph import namespaces as ns
from exportgraph.graph.journal import CHANGES_GRAPH, XSD_INTEGER
from exportgraph.graph.queries import load_query
from exportgraph.services.standards import change_records, changes
from exportgraph.services.users import User
from exportgraph.store import Store
from exportgraph.store.terms import STORE_ID

from .test_write_path import _counting, _label

EDITOR = User("erin", "editor")
HIGHEST = load_query("changes_next_id").split("SELECT")[0]


def _propose(store: Store, text: str) -> str:
    body = {
        "summary": "a label",
        "rationale": "numbering",
        "base_version": store.data_version(),
        "add": _label(text),
    }
    return changes.propose(store, EDITOR, body)["id"]


def _kept(store: Store) -> list[Quad]:
    rows = store.select(load_query("changes_last_number"))
    store_node, graph = NamedNode(STORE_ID), NamedNode(CHANGES_GRAPH)
    return [Quad(store_node, ns.eg("lastChangeNumber"), row["number"], graph) for row in rows]


def test_ids_follow_the_kept_number_without_reading_every_change(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = _propose(fresh_store, "uno")
    assert change_records.last_number(fresh_store) == int(first)
    highest = _counting(fresh_store, monkeypatch, (HIGHEST,))
    ids = [_propose(fresh_store, f"label {n}") for n in range(3)]
    assert ids == [str(int(first) + n) for n in range(1, 4)]
    assert highest == []  # the highest id was never looked for
    assert change_records.last_number(fresh_store) == int(ids[-1])
    assert len(_kept(fresh_store)) == 1  # the number is replaced, not added to


def test_a_store_without_the_number_takes_the_highest_id_then_keeps_it(
    fresh_store: Store,
) -> None:
    first = _propose(fresh_store, "uno")
    fresh_store.apply(delete=_kept(fresh_store))  # as written before the number was kept
    assert change_records.last_number(fresh_store) is None
    assert _propose(fresh_store, "due") == str(int(first) + 1)
    assert change_records.last_number(fresh_store) == int(first) + 1


@pytest.mark.parametrize("shift", [-1, 1, 5])
def test_a_number_that_does_not_match_the_changes_is_not_trusted(
    fresh_store: Store, shift: int
) -> None:
    ids = [_propose(fresh_store, f"label {n}") for n in range(3)]
    wrong = int(ids[-1]) + shift
    store_node, graph = NamedNode(STORE_ID), NamedNode(CHANGES_GRAPH)
    fresh_store.apply(
        delete=_kept(fresh_store),
        insert=[
            Quad(
                store_node,
                ns.eg("lastChangeNumber"),
                Literal(str(wrong), datatype=XSD_INTEGER),
                graph,
            )
        ],
    )
    assert _propose(fresh_store, "again") == str(int(ids[-1]) + 1)  # never a given id
