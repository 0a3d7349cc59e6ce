"""Change sets: an editor proposes statements to add and remove, someone else reviews them, and an
approval applies them in one transaction with the reasoner's closure and a PROV-O record.

A change *touches* the (subject, predicate) pairs of the statements it adds or removes (for a
language-tagged literal, the pair plus the language, so labels in different languages do not
collide). Two changes conflict when they touch the same pair; a change is refused (409) at
approval when a change approved after its base version touched what it touches.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from pyoxigraph import Literal, NamedNode, Quad, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import Conflict, Forbidden, InvalidInput, NotFound
from exportgraph.graph import closure
from exportgraph.graph.changeset import (
    change_iri,
    encodable,
    parse_turtle,
    resolve_removals,
    touches,
)
from exportgraph.graph.journal import (
    CHANGES_GRAPH,
    PROVENANCE_GRAPH,
    RDF_TYPE,
    JournalState,
    after_version,
    agent,
    conditional_write,
    now,
    quad,
    read_state,
    retrying,
    write_lock,
)
from exportgraph.graph.queries import bind, load_query
from exportgraph.services.standards import change_check
from exportgraph.services.users import User
from exportgraph.store import Store

STATUSES = ("proposed", "approved", "rejected")
MAX_TEXT = 2_000_000  # characters of Turtle per change set
MAX_SUMMARY = 300
_CONCEPT_TYPES = {ns.SKOS + "Concept", ns.EG + "ItemKind", ns.EG + "Parameter", ns.EG + "Fact"}
DCT = ns.DCTERMS
PROV = ns.PROV


class NotApprovable(InvalidInput):
    """The graph the change would produce violates the terminology shapes; `report` says how."""

    title = "Change violates the terminology shapes"
    slug = "change-not-approvable"

    def __init__(self, detail: str, report: dict[str, Any]) -> None:
        super().__init__(detail, field="report")
        self.report = report


@dataclass(frozen=True)
class ChangeRequest:
    """A validated proposal: its texts and the statements they parse to."""

    summary: str
    rationale: str
    base_version: str
    add_text: str
    remove_text: str
    add: list[Triple]
    remove: list[Triple]


# ---------------------------------------------------------------------------- input


def _text(body: Mapping[str, object], name: str, *, required: bool, limit: int) -> str:
    value = body.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string", field=name)
    if not encodable(value):
        raise InvalidInput(f"{name} is not valid Unicode text (a lone surrogate)", field=name)
    if required and not value.strip():
        raise InvalidInput(f"{name} is required", field=name)
    if len(value) > limit:
        raise InvalidInput(f"{name} is longer than {limit} characters", field=name)
    return value


def parse_request(body: object) -> ChangeRequest:
    """Validate a POST /v1/changes body; InvalidInput / MalformedInput name the field and line."""
    if not isinstance(body, Mapping):
        raise InvalidInput("the body must be a JSON object", field="body")
    unknown = sorted(set(body) - {"summary", "rationale", "base_version", "add", "remove"})
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(unknown)}", field=unknown[0])
    summary = _text(body, "summary", required=True, limit=MAX_SUMMARY)
    rationale = _text(body, "rationale", required=True, limit=MAX_TEXT)
    base_version = _text(body, "base_version", required=True, limit=200).strip()
    add_text = _text(body, "add", required=False, limit=MAX_TEXT)
    remove_text = _text(body, "remove", required=False, limit=MAX_TEXT)
    add, remove = parse_turtle(add_text, "add"), parse_turtle(remove_text, "remove")
    if not add and not remove:
        raise InvalidInput("a change set needs statements to add or to remove", field="add")
    both = set(add) & set(remove)
    if both:
        raise InvalidInput(f"add and remove both contain {min(both, key=str)}", field="add")
    return ChangeRequest(
        summary.strip(), rationale, base_version, add_text, remove_text, add, remove
    )


@dataclass(frozen=True)
class Statements:
    """What the store holds about the (subject, predicate) pairs a change touches."""

    asserted: set[Triple]
    inferred: set[Triple]


def current_statements(store: Store, request: ChangeRequest) -> Statements:
    """The asserted and the inferred statements with a subject and predicate of the change."""
    pairs = {(t.subject, t.predicate) for t in (*request.add, *request.remove)}
    rows = store.select(
        bind("change_statements", [{"s": s, "p": p} for s, p in sorted(pairs, key=str)])
    )
    asserted: set[Triple] = set()
    inferred: set[Triple] = set()
    for row in rows:
        triple = Triple(row["s"], row["p"], row["o"])  # type: ignore[arg-type]
        flag = row.get("inferred")
        (inferred if isinstance(flag, Literal) and flag.value == "true" else asserted).add(triple)
    return Statements(asserted, inferred)


@dataclass(frozen=True)
class Effect:
    """What a change does to the asserted statements: those it adds (not asserted yet) and those
    it removes (as the graph spells them)."""

    added: list[Triple]
    removed: list[Triple]


def effect(request: ChangeRequest, statements: Statements) -> Effect:
    """The statements the change really adds and removes, given what the store holds."""
    removals = resolve_removals(request.remove, statements.asserted)
    kept = statements.asserted - set(removals)
    added = sorted(set(request.add) - kept, key=str)
    removed = sorted(set(removals) - set(request.add), key=str)
    return Effect(added, removed)


def _check_removals(remove: Sequence[Triple], statements: Statements) -> None:
    for triple in remove:
        if triple in statements.asserted:
            if (
                triple.predicate.value == RDF_TYPE.value
                and isinstance(triple.object, NamedNode)
                and triple.object.value in _CONCEPT_TYPES
            ):
                raise InvalidInput(
                    f"remove: {triple.subject} would stop being a concept; concepts are "
                    "deprecated, not deleted: add owl:deprecated true and dcterms:isReplacedBy",
                    field="remove",
                )
            continue
        if triple in statements.inferred:
            raise InvalidInput(
                f"remove: {triple} is inferred by the reasoner, not stated; "
                "remove what it follows from",
                field="remove",
            )
        raise InvalidInput(f"remove: {triple} is not in the graph", field="remove")


# ---------------------------------------------------------------------------- reading


def _agent_name(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _record(row: Mapping[str, Any]) -> dict[str, Any]:
    def text(name: str) -> str | None:
        term = row.get(name)
        return None if term is None else str(term.value)

    reviewer = text("reviewer")
    report = text("report")
    return {
        "id": text("id"),
        "status": text("status"),
        "summary": text("summary"),
        "rationale": text("rationale"),
        "base_version": text("base"),
        "proposed_by": _agent_name(text("proposer") or ""),
        "proposed_at": text("created"),
        "add": text("add"),
        "remove": text("remove"),
        "report": json.loads(report) if report else None,
        "reviewed_by": _agent_name(reviewer) if reviewer else None,
        "reviewed_at": text("reviewed"),
        "review_comment": text("comment"),
        "applied_on_version": text("applied_on"),
    }


def list_changes(store: Store, status: str | None = None) -> list[dict[str, Any]]:
    """Every change set, oldest first, optionally only those with `status`."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status must be one of {', '.join(STATUSES)}", field="status")
    rows = [_record(row) for row in store.select(load_query("changes"))]
    return [row for row in rows if status is None or row["status"] == status]


def get_change(store: Store, change_id: str) -> dict[str, Any]:
    """One change set; NotFound when there is none with that id."""
    if not re.fullmatch(r"[0-9]{1,12}", change_id):
        raise NotFound(f"no change set {change_id!r}", field="id")
    rows = store.select(bind("changes", [{"change": change_iri(change_id)}]))
    if not rows:
        raise NotFound(f"no change set {change_id!r}", field="id")
    return _record(rows[0])


def _next_id(store: Store) -> str:
    rows = store.select(load_query("changes_next_id"))
    value = rows[0].get("max") if rows else None
    return str(int(value.value) + 1) if isinstance(value, Literal) else "1"


# ---------------------------------------------------------------------------- writing


def propose(store: Store, user: User, body: object) -> dict[str, Any]:
    """Record a proposal (editor); returns it with the report of the graph it would produce.

    A proposal changes no statement of the terminology, so the data version stays as it is."""
    request = parse_request(body)

    def attempt() -> str:
        with write_lock:
            state = read_state(store)
            current = state.data_version
            if after_version(store, request.base_version, current) is None:
                raise InvalidInput(
                    f"base_version {request.base_version!r} is not a version of this "
                    f"terminology (the current one is {current!r}: GET /healthz)",
                    field="base_version",
                )
            statements = current_statements(store, request)
            _check_removals(resolve_removals(request.remove, statements.asserted), statements)
            change = effect(request, statements)
            report = change_check.check_change(store, change.added, change.removed).report
            change_id = _next_id(store)
            node = change_iri(change_id)
            g = CHANGES_GRAPH
            record = [
                quad(node, RDF_TYPE, ns.eg("ChangeSet"), g),
                quad(node, RDF_TYPE, ns.iri(PROV, "Entity"), g),
                quad(node, ns.iri(DCT, "identifier"), Literal(change_id), g),
                quad(node, ns.eg("changeStatus"), Literal("proposed"), g),
                quad(node, ns.iri(DCT, "title"), Literal(request.summary), g),
                quad(node, ns.eg("rationale"), Literal(request.rationale), g),
                quad(node, ns.eg("baseVersion"), Literal(request.base_version), g),
                quad(node, ns.iri(PROV, "wasAttributedTo"), agent(user.name), g),
                quad(node, ns.iri(DCT, "created"), now(), g),
                quad(node, ns.eg("addedStatements"), Literal(request.add_text), g),
                quad(node, ns.eg("removedStatements"), Literal(request.remove_text), g),
                quad(node, ns.eg("report"), Literal(json.dumps(report.as_dict())), g),
                *_agent_quads(user.name),
            ]
            conditional_write(store, state, "propose", node, insert=record)
            return change_id

    return get_change(store, retrying(attempt))


def _agent_quads(name: str) -> list[Quad]:
    node = agent(name)
    return [
        quad(node, RDF_TYPE, ns.iri(PROV, "Agent"), PROVENANCE_GRAPH),
        quad(node, ns.iri(ns.RDFS, "label"), Literal(name), PROVENANCE_GRAPH),
    ]


def _reviewable(store: Store, user: User, change_id: str) -> dict[str, Any]:
    change = get_change(store, change_id)
    if change["proposed_by"] == user.name:
        raise Forbidden(
            f"change {change_id} was proposed by {user.name}; another reviewer must review it"
        )
    if change["status"] != "proposed":
        raise Conflict(f"change {change_id} is already {change['status']}", field="id")
    return change


def _review_quads(
    change: dict[str, Any], user: User, status: str, comment: str | None
) -> tuple[list[Quad], list[Quad]]:
    node = change_iri(change["id"])
    g = CHANGES_GRAPH
    delete = [quad(node, ns.eg("changeStatus"), Literal("proposed"), g)]
    insert = [
        quad(node, ns.eg("changeStatus"), Literal(status), g),
        quad(node, ns.eg("reviewedBy"), agent(user.name), g),
        quad(node, ns.eg("reviewedAt"), now(), g),
        *_agent_quads(user.name),
    ]
    if comment:
        insert.append(quad(node, ns.eg("reviewComment"), Literal(comment), g))
    return delete, insert


def _comment(body: object) -> str | None:
    if body is None:
        return None
    if not isinstance(body, Mapping):
        raise InvalidInput("the body must be a JSON object", field="body")
    value = _text(body, "comment", required=False, limit=MAX_TEXT)
    return value or None


def reject(store: Store, user: User, change_id: str, body: object = None) -> dict[str, Any]:
    """Reject a proposal (reviewer, not its author); nothing in the terminology changes."""
    comment = _comment(body)

    def attempt() -> None:
        with write_lock:
            state = read_state(store)
            change = _reviewable(store, user, change_id)
            delete, insert = _review_quads(change, user, "rejected", comment)
            conditional_write(store, state, "reject", change_iri(change_id), delete, insert)

    retrying(attempt)
    return get_change(store, change_id)


def _conflicts(store: Store, change: dict[str, Any], request: ChangeRequest, current: str) -> None:
    later = after_version(store, request.base_version, current)
    if later is None:
        raise Conflict(
            f"change {change['id']} was made against version {request.base_version}, which this "
            "store no longer knows (it was rebuilt); propose it again against the current version",
            field="base_version",
        )
    mine = touches([*request.add, *request.remove])
    for entry in later:
        if entry.action != "approve":
            continue
        other = get_change(store, entry.about.rsplit("/", 1)[-1])
        theirs = touches(
            [
                *parse_turtle(other["add"] or "", "add"),
                *parse_turtle(other["remove"] or "", "remove"),
            ]
        )
        shared = sorted(mine & theirs)
        if shared:
            statements = "; ".join(
                f"{s} {p}" + (f" @{lang}" if lang else "") for s, p, lang in shared[:5]
            )
            raise Conflict(
                f"change {change['id']} (based on {request.base_version}) touches what change "
                f"{other['id']}, approved since, changed: {statements}; propose it again against "
                "the current version",
                field="base_version",
            )


def approve(store: Store, user: User, change_id: str, body: object = None) -> dict[str, Any]:
    """Apply a proposal (reviewer, not its author) in one transaction: the statements, the
    reasoner's closure, the status and a PROV-O record. Conflict (409) when a change approved
    since its base touched the same statements; NotApprovable (422) when the result violates
    the terminology shapes. Validation and the closure cover what the change touches."""
    comment = _comment(body)

    def attempt() -> None:
        with write_lock:
            state = read_state(store)
            change = _reviewable(store, user, change_id)
            request = parse_request(
                {
                    "summary": change["summary"],
                    "rationale": change["rationale"],
                    "base_version": change["base_version"],
                    "add": change["add"],
                    "remove": change["remove"],
                }
            )
            _conflicts(store, change, request, state.data_version)
            statements = current_statements(store, request)
            removals = resolve_removals(request.remove, statements.asserted)
            missing = [t for t in removals if t not in statements.asserted]
            if missing:
                raise Conflict(
                    f"change {change_id} removes {missing[0]}, which is no longer in the graph"
                )
            _apply(store, state, user, change, effect(request, statements), comment)

    retrying(attempt)
    return get_change(store, change_id)


def _apply(
    store: Store,
    state: JournalState,
    user: User,
    change: dict[str, Any],
    applied: Effect,
    comment: str | None,
) -> None:
    checked = change_check.check_change(store, applied.added, applied.removed)
    report = checked.report.as_dict()
    if not report["conforms"]:
        count = sum(1 for v in report["violations"] if v["severity"] == "violation")
        raise NotApprovable(
            f"change {change['id']} cannot be approved: the terminology it would produce has "
            f"{count} violation(s) of the terminology shapes",
            report,
        )
    delete, insert, vocabulary = closure.change_delta(store, applied.added, applied.removed)
    status_delete, status_insert = _review_quads(change, user, "approved", comment)
    node = change_iri(change["id"])
    if change["report"] is not None:
        status_delete.append(
            quad(node, ns.eg("report"), Literal(json.dumps(change["report"])), CHANGES_GRAPH)
        )
    status_insert += [
        quad(node, ns.eg("report"), Literal(json.dumps(report)), CHANGES_GRAPH),
        quad(node, ns.eg("appliedOnVersion"), Literal(state.data_version), CHANGES_GRAPH),
        *_provenance(change, user),
    ]
    written = conditional_write(
        store,
        state,
        "approve",
        node,
        [*delete, *status_delete],
        [*insert, *status_insert],
        changes_data=bool(applied.added or applied.removed),  # else the graph stays as it is
    )
    # the writer knows the new version's report and schema: no reader has to recompute them
    change_check.remember(store, written.data_version, checked)
    if vocabulary is not None:
        closure.remember(store, written.data_version, vocabulary)


def _provenance(change: dict[str, Any], approver: User) -> list[Quad]:
    """A prov:Activity for an applied change: who proposed and approved it, when, why, from what."""
    g = PROVENANCE_GRAPH
    node = change_iri(change["id"])
    activity = NamedNode(node.value + "/activity")
    proposer = agent(change["proposed_by"])
    quads = [
        quad(activity, RDF_TYPE, ns.iri(PROV, "Activity"), g),
        quad(
            activity,
            ns.iri(ns.RDFS, "label"),
            Literal(f"change {change['id']}: {change['summary']}"),
            g,
        ),
        quad(activity, ns.iri(PROV, "wasAssociatedWith"), proposer, g),
        quad(activity, ns.iri(PROV, "wasAssociatedWith"), agent(approver.name), g),
        quad(
            activity,
            ns.iri(PROV, "startedAtTime"),
            Literal(change["proposed_at"], datatype=ns.iri(ns.XSD, "dateTime")),
            g,
        ),
        quad(activity, ns.iri(PROV, "endedAtTime"), now(), g),
        quad(activity, ns.iri(PROV, "used"), node, g),
        quad(activity, ns.iri(DCT, "description"), Literal(change["rationale"]), g),
        quad(node, RDF_TYPE, ns.iri(PROV, "Entity"), g),
        quad(node, ns.iri(PROV, "wasAttributedTo"), proposer, g),
    ]
    for role, who in (("Proposer", proposer), ("Approver", agent(approver.name))):
        association = NamedNode(f"{activity.value}/{role.lower()}")
        quads += [
            quad(activity, ns.iri(PROV, "qualifiedAssociation"), association, g),
            quad(association, RDF_TYPE, ns.iri(PROV, "Association"), g),
            quad(association, ns.iri(PROV, "agent"), who, g),
            quad(association, ns.iri(PROV, "hadRole"), ns.eg(role), g),
        ]
    return quads
