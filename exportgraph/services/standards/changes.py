"""Change sets: an editor proposes statements to add and remove, someone else reviews them, and an
approval applies them in one transaction with the reasoner's closure and a PROV-O record.

A change *touches* the (subject, predicate) pairs of the statements it adds or removes (for a
language-tagged literal, the pair plus the language, so labels in different languages do not
collide). Two changes conflict when they touch the same pair; a change is refused (409) at
approval when a change approved after its base version touched what it touches.
"""

from __future__ import annotations

import json
from collections.abc import Set as AbstractSet

from pyoxigraph import Literal, NamedNode, Quad, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import Conflict, Forbidden, InvalidInput
from exportgraph.graph import closure
from exportgraph.graph.changeset import change_iri, parse_turtle, resolve_removals, touches
from exportgraph.graph.journal import (
    CHANGES_GRAPH,
    PROVENANCE_GRAPH,
    RDF_TYPE,
    JournalState,
    after_version,
    agent,
    conditional_write,
    knows_version,
    now,
    quad,
    read_state,
    retrying,
    write_lock,
)
from exportgraph.services.standards import change_check
from exportgraph.services.standards.change_records import (
    PREDICATES,
    STATUSES,
    ChangeRecord,
    changes_named,
    get_change,
    list_changes,
    next_id,
    number_quads,
    record_of,
    reviewed,
)
from exportgraph.services.standards.change_request import (
    MAX_SUMMARY,
    MAX_TEXT,
    ChangeRequest,
    Effect,
    Statements,
    check_removals,
    current_statements,
    effect,
    parse_comment,
    parse_request,
    touched,
)
from exportgraph.services.standards.terminology_check import ShapesReportJson
from exportgraph.services.users import User
from exportgraph.store import Store

__all__ = [
    "MAX_SUMMARY",
    "MAX_TEXT",
    "STATUSES",
    "ChangeRecord",
    "ChangeRequest",
    "Effect",
    "NotApprovable",
    "Statements",
    "approve",
    "current_statements",
    "effect",
    "get_change",
    "list_changes",
    "parse_request",
    "parse_turtle",
    "propose",
    "reject",
]

DCT = ns.DCTERMS
PROV = ns.PROV


class NotApprovable(InvalidInput):
    """The graph the change would produce violates the terminology shapes; `report` says how."""

    title = "Change violates the terminology shapes"
    slug = "change-not-approvable"

    def __init__(self, detail: str, report: ShapesReportJson) -> None:
        super().__init__(detail, field="report")
        self.report = report


# ---------------------------------------------------------------------------- writing


def propose(store: Store, user: User, body: object) -> ChangeRecord:
    """Record a proposal (editor); returns it with the report of the graph it would produce.

    A proposal changes no statement of the terminology, so the data version stays as it is."""
    request = parse_request(body)

    def attempt() -> ChangeRecord:
        with write_lock:
            state = read_state(store)
            current = state.data_version
            if not knows_version(store, request.base_version, current):
                raise InvalidInput(
                    f"base_version {request.base_version!r} is not a version of this "
                    f"terminology (the current one is {current!r}: GET /healthz)",
                    field="base_version",
                )
            statements = current_statements(store, request)
            check_removals(resolve_removals(request.remove, statements.asserted), statements)
            change = effect(request, statements)
            report = change_check.check_change(store, change.added, change.removed).report
            change_id = next_id(store)
            unnumbered, numbered = number_quads(store, change_id)
            node = change_iri(change_id)
            g = CHANGES_GRAPH
            fields: dict[str, NamedNode | Literal] = {
                "id": Literal(change_id),
                "status": Literal("proposed"),
                "summary": Literal(request.summary),
                "rationale": Literal(request.rationale),
                "base": Literal(request.base_version),
                "proposer": agent(user.name),
                "created": now(),
                "add": Literal(request.add_text),
                "remove": Literal(request.remove_text),
                "report": Literal(json.dumps(report.as_dict())),
            }
            record = [
                *numbered,
                quad(node, RDF_TYPE, ns.eg("ChangeSet"), g),
                quad(node, RDF_TYPE, ns.iri(PROV, "Entity"), g),
                *(quad(node, PREDICATES[name], term, g) for name, term in fields.items()),
                *_agent_quads(user.name),
            ]
            conditional_write(store, state, "propose", node, delete=unnumbered, insert=record)
            return record_of(fields)  # what get_change reads back, without reading it

    return retrying(attempt)


def _agent_quads(name: str) -> list[Quad]:
    node = agent(name)
    return [
        quad(node, RDF_TYPE, ns.iri(PROV, "Agent"), PROVENANCE_GRAPH),
        quad(node, ns.iri(ns.RDFS, "label"), Literal(name), PROVENANCE_GRAPH),
    ]


def _reviewable(store: Store, user: User, change_id: str) -> ChangeRecord:
    change = get_change(store, change_id)
    if change["proposed_by"] == user.name:
        raise Forbidden(
            f"change {change_id} was proposed by {user.name}; another reviewer must review it"
        )
    if change["status"] != "proposed":
        raise Conflict(f"change {change_id} is already {change['status']}", field="id")
    return change


def _review_quads(
    change: ChangeRecord, user: User, status: str, comment: str | None, at: Literal
) -> tuple[list[Quad], list[Quad]]:
    node = change_iri(change["id"])
    g = CHANGES_GRAPH
    delete = [quad(node, ns.eg("changeStatus"), Literal("proposed"), g)]
    insert = [
        quad(node, ns.eg("changeStatus"), Literal(status), g),
        quad(node, ns.eg("reviewedBy"), agent(user.name), g),
        quad(node, ns.eg("reviewedAt"), at, g),
        *_agent_quads(user.name),
    ]
    if comment:
        insert.append(quad(node, ns.eg("reviewComment"), Literal(comment), g))
    return delete, insert


def reject(store: Store, user: User, change_id: str, body: object = None) -> ChangeRecord:
    """Reject a proposal (reviewer, not its author); nothing in the terminology changes."""
    comment = parse_comment(body)

    def attempt() -> ChangeRecord:
        with write_lock:
            state = read_state(store)
            change = _reviewable(store, user, change_id)
            at = now()
            delete, insert = _review_quads(change, user, "rejected", comment, at)
            conditional_write(store, state, "reject", change_iri(change_id), delete, insert)
            return reviewed(change, "rejected", agent(user.name), at, comment)

    return retrying(attempt)


def _conflicts(
    store: Store, change: ChangeRecord, request: ChangeRequest, state: JournalState
) -> None:
    later = after_version(store, request.base_version, state.data_version, state.sequence)
    if later is None:
        raise Conflict(
            f"change {change['id']} was made against version {request.base_version}, which this "
            "store no longer knows (it was rebuilt); propose it again against the current version",
            field="base_version",
        )
    approvals = [entry.about for entry in later if entry.action == "approve"]
    if not approvals:
        return
    mine = touches([*request.add, *request.remove])
    approved = changes_named(store, approvals)  # one query for all of them
    for about in approvals:
        other = approved.get(about) or get_change(store, about.rsplit("/", 1)[-1])
        theirs = touched(other["add"] or "", other["remove"] or "")
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


def approve(store: Store, user: User, change_id: str, body: object = None) -> ChangeRecord:
    """Apply a proposal (reviewer, not its author) in one transaction: the statements, the
    reasoner's closure, the status and a PROV-O record. Conflict (409) when a change approved
    since its base touched the same statements; NotApprovable (422) when the result violates
    the terminology shapes. Validation and the closure cover what the change touches. Returns
    the change as recorded (what get_change would read back)."""
    comment = parse_comment(body)

    def attempt() -> ChangeRecord:
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
            _conflicts(store, change, request, state)
            statements = current_statements(store, request)
            removals = resolve_removals(request.remove, statements.asserted)
            missing = [t for t in removals if t not in statements.asserted]
            if missing:
                raise Conflict(
                    f"change {change_id} removes {missing[0]}, which is no longer in the graph"
                )
            applied = effect(request, statements)
            return _apply(store, state, user, change, applied, comment, statements.asserted)

    return retrying(attempt)


def _apply(
    store: Store,
    state: JournalState,
    user: User,
    change: ChangeRecord,
    applied: Effect,
    comment: str | None,
    asserted: AbstractSet[Triple],
) -> ChangeRecord:
    checked = change_check.check_change(store, applied.added, applied.removed)
    report = checked.report.as_dict()
    if not report["conforms"]:
        count = sum(1 for v in report["violations"] if v["severity"] == "violation")
        raise NotApprovable(
            f"change {change['id']} cannot be approved: the terminology it would produce has "
            f"{count} violation(s) of the terminology shapes",
            report,
        )
    delete, insert, vocabulary = closure.change_delta(
        store, applied.added, applied.removed, held=asserted
    )
    at = now()
    status_delete, status_insert = _review_quads(change, user, "approved", comment, at)
    node = change_iri(change["id"])
    if change["report"] is not None:
        status_delete.append(
            quad(node, ns.eg("report"), Literal(json.dumps(change["report"])), CHANGES_GRAPH)
        )
    report_text = json.dumps(report)
    status_insert += [
        quad(node, ns.eg("report"), Literal(report_text), CHANGES_GRAPH),
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
    return reviewed(
        change,
        "approved",
        agent(user.name),
        at,
        comment,
        report=report_text,
        applied_on=state.data_version,
    )


def _provenance(change: ChangeRecord, approver: User) -> list[Quad]:
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
