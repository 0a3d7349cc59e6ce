"""The approval path does no more store work than it needs: a write answers with the record it
wrote (what get_change reads back) instead of reading it again, and a change asks the store for
its own statements, not for every statement sharing their subject and predicate."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from pyoxigraph import Literal, Triple

from exportgraph import namespaces as ns
from exportgraph.graph.changeset import parse_turtle
from exportgraph.graph.queries import load_query
from exportgraph.services.standards import changes
from exportgraph.services.users import User
from exportgraph.store import Store

EDITOR = User("erin", "editor")
REVIEWER = User("rita", "reviewer")
CNOT = ns.EGID + "parameter/cnot-error"
ALT_LABEL = ns.SKOS + "altLabel"
# the queries reading change records, recognised by their text before the VALUES block
RECORD_QUERIES = tuple(
    load_query(name).split("#VALUES")[0] for name in ("change_records", "changes")
)


def _label(text: str, language: str = "it") -> str:
    return f'parameter:cnot-error skos:altLabel "{text}"@{language} .'


def _held(store: Store, add: str = "", remove: str = "") -> set[Triple]:
    """The asserted statements current_statements reads for a change with these texts."""
    body = {"summary": "s", "rationale": "r", "base_version": "v", "add": add, "remove": remove}
    return changes.current_statements(store, changes.parse_request(body)).asserted


def _propose(store: Store, add: str = "", remove: str = "") -> changes.ChangeRecord:
    body = {
        "summary": "a label",
        "rationale": "the write-path test",
        "base_version": store.data_version(),
        "add": add,
        "remove": remove,
    }
    return changes.propose(store, EDITOR, body)


def _counting(
    store: Store, monkeypatch: pytest.MonkeyPatch, prefixes: tuple[str, ...]
) -> list[str]:
    """The queries starting with one of `prefixes` the store answers from now on."""
    seen: list[str] = []
    select: Callable[[str], object] = store.select

    def counting(sparql: str) -> object:
        if sparql.startswith(prefixes):
            seen.append(sparql)
        return select(sparql)

    monkeypatch.setattr(store, "select", counting)
    return seen


@pytest.fixture
def record_reads(fresh_store: Store, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """The change-record queries the store answers from now on (a counting wrapper)."""
    yield _counting(fresh_store, monkeypatch, RECORD_QUERIES)


def test_each_write_answers_with_the_record_get_change_reads_back(fresh_store: Store) -> None:
    proposed = _propose(fresh_store, add=_label("errore C-NOT"))
    assert proposed == changes.get_change(fresh_store, proposed["id"])
    assert proposed["status"] == "proposed" and proposed["proposed_by"] == "erin"

    approved = changes.approve(fresh_store, REVIEWER, proposed["id"], {"comment": "agreed"})
    assert approved == changes.get_change(fresh_store, proposed["id"])
    assert (approved["status"], approved["reviewed_by"], approved["review_comment"]) == (
        "approved",
        "rita",
        "agreed",
    )
    assert approved["applied_on_version"] == proposed["base_version"]

    other = _propose(fresh_store, add=_label("porta C-NOT"))
    rejected = changes.reject(fresh_store, REVIEWER, other["id"])
    assert rejected == changes.get_change(fresh_store, other["id"])
    assert rejected["status"] == "rejected" and rejected["review_comment"] is None


def test_one_change_read_as_the_list_reads_it(fresh_store: Store) -> None:
    """get_change reads a record from its statements; the list reads it with one join per field:
    both read the same records, reviewed or not."""
    first = _propose(fresh_store, add=_label("uno"))
    changes.approve(fresh_store, REVIEWER, first["id"], {"comment": "fine"})
    second = _propose(fresh_store, add=_label("due"))
    listed = {change["id"]: change for change in changes.list_changes(fresh_store)}
    assert set(listed) >= {first["id"], second["id"]}
    for change_id, change in listed.items():
        assert changes.get_change(fresh_store, change_id) == change


def test_a_write_reads_the_change_record_only_to_review_it(
    fresh_store: Store, record_reads: list[str]
) -> None:
    proposed = _propose(fresh_store, add=_label("errore C-NOT"))
    assert record_reads == []  # the proposal answers with what it wrote

    changes.approve(fresh_store, REVIEWER, proposed["id"])
    assert len(record_reads) == 1  # whether it is still proposed, and by whom: nothing after

    record_reads.clear()
    other = _propose(fresh_store, add=_label("porta C-NOT"))
    changes.reject(fresh_store, REVIEWER, other["id"])
    assert len(record_reads) == 1


def test_approvals_since_the_base_are_read_in_one_query(
    fresh_store: Store, record_reads: list[str]
) -> None:
    """The conflict check reads every change approved since a change's base at once."""
    base = fresh_store.data_version()
    # labels in other languages: they touch other statements, so none conflicts with another
    pending = [_propose(fresh_store, add=_label("étiquette", lang)) for lang in ("fr", "de", "es")]
    later = _propose(fresh_store, add=_label("etichetta", "it"))
    assert later["base_version"] == base
    for change in pending:
        changes.approve(fresh_store, REVIEWER, change["id"])
    record_reads.clear()
    changes.approve(fresh_store, REVIEWER, later["id"])
    assert len(record_reads) == 2  # its own record, then the three approved since, together
    assert all(f"<{ns.EGID}change/{change['id']}>" in record_reads[1] for change in pending)


def test_a_change_asks_for_its_additions_not_every_label_of_the_concept(
    fresh_store: Store,
) -> None:
    for text in ("uno", "due", "tre"):
        changes.approve(fresh_store, REVIEWER, _propose(fresh_store, add=_label(text))["id"])
    one = parse_turtle(_label("uno"), "add")[0]

    def held(add: str = "", remove: str = "") -> set[Triple]:
        return _held(fresh_store, add, remove)

    assert held(add=_label("quattro")) == set()
    assert held(add=_label("uno")) == {one}
    # a removal needs every statement of its subject and predicate (a number spelled otherwise)
    removal = held(remove=_label("uno"))
    labels = {t.object for t in removal if t.predicate.value == ALT_LABEL}
    assert {Literal(text, language="it") for text in ("uno", "due", "tre")} <= labels
    assert all(t.subject.value == CNOT for t in removal)


def test_an_approval_reads_the_statements_it_changes_once(
    fresh_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The effect and the closure of a label change are computed from one read of its
    statements (the closure reuses what the approval read in the same state)."""
    proposed = _propose(fresh_store, add=_label("errore C-NOT"))
    query = load_query("change_statements").split("#VALUES")[0]
    reads = _counting(fresh_store, monkeypatch, (query,))
    approved = changes.approve(fresh_store, REVIEWER, proposed["id"])
    assert approved["status"] == "approved" and len(reads) == 1
    label = parse_turtle(_label("errore C-NOT"), "add")[0]
    assert _held(fresh_store, add=_label("errore C-NOT")) == {label}  # and it was applied
