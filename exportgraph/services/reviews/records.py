"""Review records as PROV-O in the store's graph of reviews: the statements of a filing and of a
decision, and reading them back (one record as RDF, or as the JSON the API answers with)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any, NotRequired

from pyoxigraph import Literal, NamedNode, Quad, Triple
from typing_extensions import TypedDict

from exportgraph import namespaces as ns
from exportgraph.errors import NotFound
from exportgraph.graph.journal import RDF_TYPE, agent, quad
from exportgraph.graph.queries import bind, load_query
from exportgraph.store import Store

REVIEWS_GRAPH = ns.EGID + "graph/reviews"
PROV, DCT = ns.PROV, ns.DCTERMS
STATUSES = ("open", "upheld", "revised")
OUTCOMES = ("upheld", "revised")


class Decision(TypedDict):
    by: str
    at: str
    outcome: str
    reason: str


class ReviewRecord(TypedDict):
    """A review as the API shows it."""

    id: str
    iri: str
    subject: str
    status: str
    grounds: str
    request: Any
    data_version: str
    model_version: str | None
    filed_by: str
    filed_at: str
    recorded_answer: Any
    decision: Decision | None
    revised_answer: NotRequired[Any]
    revised_data_version: NotRequired[str]


def review_iri(review_id: str) -> NamedNode:
    return NamedNode(f"{ns.EGID}review/{review_id}")


def data_version_iri(version: str) -> NamedNode:
    """The data version as a PROV entity (a version is a hex digest: safe in an IRI)."""
    return NamedNode(f"{ns.EGID}data-version/{version}")


def _agent(name: str) -> list[Quad]:
    node = agent(name)
    return [
        quad(node, RDF_TYPE, ns.iri(PROV, "Agent"), REVIEWS_GRAPH),
        quad(node, ns.iri(ns.RDFS, "label"), Literal(name), REVIEWS_GRAPH),
    ]


def _answer(node: NamedNode, answer: Any, version: str, generated_by: NamedNode) -> list[Quad]:
    g = REVIEWS_GRAPH
    quads = [
        quad(node, RDF_TYPE, ns.eg("RecordedAnswer"), g),
        quad(node, RDF_TYPE, ns.iri(PROV, "Entity"), g),
        quad(node, ns.eg("answerJson"), Literal(json.dumps(answer, ensure_ascii=False)), g),
        quad(node, ns.eg("dataVersion"), Literal(version), g),
        quad(node, ns.iri(PROV, "wasGeneratedBy"), generated_by, g),
    ]
    model = answer.get("model") if isinstance(answer, Mapping) else None
    if isinstance(model, Mapping) and model.get("id") and model.get("version"):
        quads += [
            quad(node, ns.eg("modelId"), Literal(str(model["id"])), g),
            quad(node, ns.eg("modelVersion"), Literal(str(model["version"])), g),
        ]
    return quads


def filing_quads(
    review_id: str,
    *,
    subject: str,
    grounds: str,
    request: Any,
    data_version: str,
    model_version: str | None,
    filer: str,
    started: Literal,
    ended: Literal,
    answer: Any,
) -> list[Quad]:
    """The statements of a new review: the review (an entity attributed to its filer), the
    answer re-computed at the recorded data version and the activity that re-computed it."""
    g = REVIEWS_GRAPH
    node = review_iri(review_id)
    recorded = NamedNode(node.value + "/recorded-answer")
    activity = NamedNode(node.value + "/recomputation")
    version = data_version_iri(data_version)
    quads = [
        quad(node, RDF_TYPE, ns.eg("Review"), g),
        quad(node, RDF_TYPE, ns.iri(PROV, "Entity"), g),
        quad(node, ns.iri(DCT, "identifier"), Literal(review_id), g),
        quad(node, ns.eg("reviewSubject"), Literal(subject), g),
        quad(node, ns.eg("reviewStatus"), Literal("open"), g),
        quad(node, ns.eg("grounds"), Literal(grounds), g),
        quad(node, ns.eg("contestedRequest"), Literal(json.dumps(request, ensure_ascii=False)), g),
        quad(node, ns.eg("dataVersion"), Literal(data_version), g),
        quad(node, ns.iri(PROV, "wasAttributedTo"), agent(filer), g),
        quad(node, ns.iri(DCT, "created"), ended, g),
        quad(node, ns.eg("recordedAnswer"), recorded, g),
        quad(version, RDF_TYPE, ns.iri(PROV, "Entity"), g),
        quad(version, ns.eg("dataVersion"), Literal(data_version), g),
        quad(activity, RDF_TYPE, ns.iri(PROV, "Activity"), g),
        quad(
            activity,
            ns.iri(ns.RDFS, "label"),
            Literal(f"review {review_id}: {subject} re-computed at data version {data_version}"),
            g,
        ),
        quad(activity, ns.iri(PROV, "used"), version, g),
        quad(activity, ns.iri(PROV, "wasAssociatedWith"), agent(filer), g),
        quad(activity, ns.iri(PROV, "startedAtTime"), started, g),
        quad(activity, ns.iri(PROV, "endedAtTime"), ended, g),
        *_answer(recorded, answer, data_version, activity),
        *_agent(filer),
    ]
    if model_version:
        quads.append(quad(node, ns.eg("modelVersion"), Literal(model_version), g))
    return quads


def decision_quads(
    review_id: str,
    *,
    outcome: str,
    reason: str,
    reviewer: str,
    at: Literal,
    current_answer: Any | None,
    current_version: str | None,
) -> tuple[list[Quad], list[Quad]]:
    """What a decision deletes and inserts: the status, the decision (an activity associated
    with the reviewer) and, when revised, the answer re-computed at the current data version."""
    g = REVIEWS_GRAPH
    node = review_iri(review_id)
    decision = NamedNode(node.value + "/decision")
    delete = [quad(node, ns.eg("reviewStatus"), Literal("open"), g)]
    insert = [
        quad(node, ns.eg("reviewStatus"), Literal(outcome), g),
        quad(node, ns.eg("decision"), decision, g),
        quad(decision, RDF_TYPE, ns.eg("ReviewDecision"), g),
        quad(decision, RDF_TYPE, ns.iri(PROV, "Activity"), g),
        quad(decision, ns.eg("reviewOutcome"), Literal(outcome), g),
        quad(decision, ns.eg("decisionReason"), Literal(reason), g),
        quad(decision, ns.iri(PROV, "wasAssociatedWith"), agent(reviewer), g),
        quad(decision, ns.iri(PROV, "endedAtTime"), at, g),
        quad(decision, ns.iri(PROV, "used"), node, g),
        quad(decision, ns.iri(PROV, "used"), NamedNode(node.value + "/recorded-answer"), g),
        *_agent(reviewer),
    ]
    if current_version is not None:
        revised = NamedNode(node.value + "/revised-answer")
        insert += [
            quad(node, ns.eg("revisedAnswer"), revised, g),
            quad(
                revised,
                ns.iri(PROV, "wasRevisionOf"),
                NamedNode(node.value + "/recorded-answer"),
                g,
            ),
            quad(decision, ns.iri(PROV, "used"), data_version_iri(current_version), g),
            quad(data_version_iri(current_version), RDF_TYPE, ns.iri(PROV, "Entity"), g),
            quad(
                data_version_iri(current_version), ns.eg("dataVersion"), Literal(current_version), g
            ),
            *_answer(revised, current_answer, current_version, decision),
        ]
    return delete, insert


# ---------------------------------------------------------------------------- reading


def _name(iri: str) -> str:
    return iri.rsplit("/", 1)[-1]


def _row(row: Mapping[str, Any]) -> ReviewRecord:
    def text(name: str) -> str | None:
        term = row.get(name)
        return None if term is None else str(term.value)

    decided = text("outcome")
    record: ReviewRecord = {
        "id": text("id") or "",
        "iri": text("review") or "",
        "subject": text("subject") or "",
        "status": text("status") or "",
        "grounds": text("grounds") or "",
        "request": json.loads(text("request") or "null"),
        "data_version": text("data_version") or "",
        "model_version": text("model_version"),
        "filed_by": _name(text("filer") or ""),
        "filed_at": text("created") or "",
        "recorded_answer": json.loads(text("answer") or "null"),
        "decision": None
        if decided is None
        else {
            "by": _name(text("decider") or ""),
            "at": text("decided") or "",
            "outcome": decided,
            "reason": text("reason") or "",
        },
    }
    revised = text("revised")
    if revised is not None:
        record["revised_answer"] = json.loads(revised)
        record["revised_data_version"] = text("revised_version") or ""
    return record


def read_all(store: Store) -> list[ReviewRecord]:
    """Every review, oldest first."""
    return [_row(row) for row in store.select(load_query("reviews"))]


def _checked(review_id: str) -> NamedNode:
    if not re.fullmatch(r"[0-9]{1,12}", review_id):
        raise NotFound(f"no review {review_id!r}", field="id")
    return review_iri(review_id)


def read_one(store: Store, review_id: str) -> ReviewRecord:
    """One review; NotFound when there is none with that id."""
    rows = store.select(bind("reviews", [{"review": _checked(review_id)}]))
    if not rows:
        raise NotFound(f"no review {review_id!r}", field="id")
    return _row(rows[0])


def record_triples(store: Store, review_id: str) -> list[Triple]:
    """The PROV-O record of one review as statements (for Turtle and JSON-LD)."""
    read_one(store, review_id)
    return list(store.construct(bind("review_record", [{"review": review_iri(review_id)}])))


def next_id(store: Store) -> str:
    rows = store.select(load_query("reviews_next_id"))
    value = rows[0].get("max") if rows else None
    return str(int(value.value) + 1) if isinstance(value, Literal) else "1"
