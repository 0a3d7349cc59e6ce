"""Change sets as recorded in the changes graph: what was proposed, by whom, and its review."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Literal as Choice
from typing import cast

from pyoxigraph import Literal
from typing_extensions import TypedDict

from exportgraph.errors import InvalidInput, NotFound
from exportgraph.graph.changeset import change_iri
from exportgraph.graph.queries import bind, load_query
from exportgraph.knowledge.rows import lexical
from exportgraph.services.standards.terminology_check import ShapesReportJson
from exportgraph.store import Store

ChangeStatus = Choice["proposed", "approved", "rejected"]
STATUSES: tuple[ChangeStatus, ...] = ("proposed", "approved", "rejected")


class ChangeRecord(TypedDict):
    """One change set (contract §5 GET /v1/changes/{id})."""

    id: str
    status: ChangeStatus
    summary: str
    rationale: str
    base_version: str
    proposed_by: str
    proposed_at: str
    add: str
    """Turtle: the statements to add, as proposed."""
    remove: str
    """Turtle: the statements to remove, as proposed."""
    report: ShapesReportJson | None
    """The terminology-shapes report of the graph the change would produce (at proposal; at
    approval, of the graph it produced)."""
    reviewed_by: str | None
    reviewed_at: str | None
    review_comment: str | None
    applied_on_version: str | None


def _agent_name(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _record(row: Mapping[str, object]) -> ChangeRecord:
    def text(name: str) -> str | None:
        return lexical(row, name)

    def required(name: str) -> str:
        return text(name) or ""

    reviewer = text("reviewer")
    report = text("report")
    return {
        "id": required("id"),
        "status": cast(ChangeStatus, required("status")),
        "summary": required("summary"),
        "rationale": required("rationale"),
        "base_version": required("base"),
        "proposed_by": _agent_name(required("proposer")),
        "proposed_at": required("created"),
        "add": required("add"),
        "remove": required("remove"),
        "report": cast(ShapesReportJson, json.loads(report)) if report else None,
        "reviewed_by": _agent_name(reviewer) if reviewer else None,
        "reviewed_at": text("reviewed"),
        "review_comment": text("comment"),
        "applied_on_version": text("applied_on"),
    }


def list_changes(store: Store, status: str | None = None) -> list[ChangeRecord]:
    """Every change set, oldest first, optionally only those with `status`."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}", field="status")
    rows = [_record(row) for row in store.select(load_query("changes"))]
    return [row for row in rows if status is None or row["status"] == status]


def get_change(store: Store, change_id: str) -> ChangeRecord:
    """One change set; NotFound when there is none with that id."""
    if not re.fullmatch(r"[0-9]{1,12}", change_id):
        raise NotFound(f"no change set {change_id!r}", field="id")
    rows = store.select(bind("changes", [{"change": change_iri(change_id)}]))
    if not rows:
        raise NotFound(f"no change set {change_id!r}", field="id")
    return _record(rows[0])


def next_id(store: Store) -> str:
    """The id the next proposal gets."""
    rows = store.select(load_query("changes_next_id"))
    value = rows[0].get("max") if rows else None
    return str(int(value.value) + 1) if isinstance(value, Literal) else "1"
