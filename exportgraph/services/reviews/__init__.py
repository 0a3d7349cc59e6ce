"""Independent review of a contested answer (contract §12): anyone signed in files a review of an
answer; it is re-computed at the data version (and risk model version) the answer was given at
and recorded with the grounds; a reviewer who did not file it upholds or revises it. Records are
PROV-O in the store (graph of reviews), written like terminology changes (graph.journal)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from pyoxigraph import Quad, Triple

from exportgraph.errors import Conflict, Forbidden, InvalidInput
from exportgraph.graph.context import Context
from exportgraph.graph.journal import conditional_write, now, read_state, retrying, write_lock
from exportgraph.graph.shacl import pool
from exportgraph.knowledge.current import of_store
from exportgraph.services.reviews import records
from exportgraph.services.reviews.recompute import SUBJECTS, Answer, Subject, recompute
from exportgraph.services.reviews.records import OUTCOMES, STATUSES, ReviewRecord
from exportgraph.services.reviews.versions import knowledge_at
from exportgraph.services.users import User

MAX_TEXT = 10_000  # characters of grounds or reason
FIELDS = ("subject", "request", "data_version", "grounds", "model_version")
SHAPES = "review"
_FIELDS_OF = {  # the properties of shapes/review.ttl a user's input fills
    "reviewSubject": "subject",
    "grounds": "grounds",
    "contestedRequest": "request",
    "dataVersion": "data_version",
    "modelVersion": "model_version",
    "reviewOutcome": "outcome",
    "decisionReason": "reason",
}

__all__ = ["OUTCOMES", "STATUSES", "ReviewRecord", "decide", "file_review", "get_review"]


def _object(body: object, allowed: tuple[str, ...]) -> Mapping[str, Any]:
    if not isinstance(body, Mapping):
        raise InvalidInput("the body must be a JSON object", field="body")
    unknown = sorted(set(body) - set(allowed))
    if unknown:
        raise InvalidInput(
            f"{unknown[0]}: unknown field (expected {', '.join(allowed)})", field=unknown[0]
        )
    return body


def _text(body: Mapping[str, Any], name: str, *, required: bool = True) -> str | None:
    value = body.get(name)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not value.strip():
        raise InvalidInput(f"{name}: a non-empty text is required", field=name)
    if len(value) > MAX_TEXT and name in ("grounds", "reason"):
        raise InvalidInput(f"{name}: at most {MAX_TEXT} characters", field=name)
    return value.strip()


def check_record(quads: list[Quad]) -> None:
    """Validate a record against shapes/review.ttl before it is written; a violation names the
    property at fault (the input checks run first, so this is the last line of defence)."""
    triples = [Triple(q.subject, q.predicate, q.object) for q in quads]
    for result in pool(SHAPES).run(triples):
        if result.severity == "violation":
            path = str(result.path.value) if result.path is not None else "record"
            name = path.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
            field = _FIELDS_OF.get(name, name)
            raise InvalidInput(f"{field}: {result.message}", field=field)


def _model_version(answer: Answer, subject: Subject, wanted: str | None) -> None:
    if wanted is None:
        return
    model = answer.get("model") if isinstance(answer, Mapping) else None
    if subject not in ("risk", "plan") or not isinstance(model, Mapping):
        raise InvalidInput(
            f"model_version: a {subject} answer has no risk model", field="model_version"
        )
    if str(model.get("version")) != wanted:
        raise InvalidInput(
            f"model_version: at that data version risk model {model.get('id')} is at version "
            f"{model.get('version')}, not {wanted!r}; the model and its version are data of the "
            "data version, so name the data version the answer gave",
            field="model_version",
        )


def file_review(context: Context, user: User, body: object) -> ReviewRecord:
    """Record a review: the contested answer re-computed at its data version, with the grounds.
    InvalidInput (422) names the field: an unknown subject, a request the service would refuse,
    a data version that cannot be retrieved (the message lists those that can)."""
    raw = _object(body, FIELDS)
    subject = raw.get("subject")
    if subject not in SUBJECTS:
        raise InvalidInput(f"subject: one of {', '.join(SUBJECTS)} is expected", field="subject")
    request = raw.get("request")
    if not isinstance(request, Mapping):
        raise InvalidInput(
            "request: the original request (a JSON object) is required", field="request"
        )
    version = cast(str, _text(raw, "data_version"))
    grounds = cast(str, _text(raw, "grounds"))
    wanted_model = _text(raw, "model_version", required=False)
    store = context.store
    started = now()
    knowledge = knowledge_at(store, version)
    answer = recompute(context, knowledge, cast(Subject, subject), request)
    _model_version(answer, cast(Subject, subject), wanted_model)
    if wanted_model is None and isinstance(answer, Mapping):
        model = answer.get("model")
        wanted_model = str(model["version"]) if isinstance(model, Mapping) else None

    def attempt() -> str:
        with write_lock:
            review_id = records.next_id(store)
            quads = records.filing_quads(
                review_id,
                subject=str(subject),
                grounds=grounds,
                request=request,
                data_version=version,
                model_version=wanted_model,
                filer=user.name,
                started=started,
                ended=now(),
                answer=answer,
            )
            check_record(quads)
            state = read_state(store)
            conditional_write(store, state, "review", records.review_iri(review_id), insert=quads)
            return review_id

    return records.read_one(store, retrying(attempt))


def decide(context: Context, user: User, review_id: str, body: object) -> ReviewRecord:
    """Uphold or revise a review (a reviewer who did not file it: Forbidden otherwise; Conflict
    when it is decided already). A revision records the answer re-computed at the current data
    version beside the recorded one."""
    raw = _object(body, ("outcome", "reason"))
    outcome = raw.get("outcome")
    if outcome not in OUTCOMES:
        raise InvalidInput(f"outcome: one of {', '.join(OUTCOMES)} is expected", field="outcome")
    reason = cast(str, _text(raw, "reason"))
    store = context.store
    review = records.read_one(store, review_id)
    if review["filed_by"] == user.name:
        raise Forbidden(
            f"review {review_id} was filed by {user.name}; a review is decided by another "
            "reviewer, never by the person who contested the answer"
        )
    if review["status"] != "open":
        raise Conflict(f"review {review_id} is already decided ({review['status']})", field="id")
    answer: Answer | None = None
    version: str | None = None
    if outcome == "revised":
        knowledge = of_store(store)
        version = knowledge.version
        answer = recompute(context, knowledge, cast(Subject, review["subject"]), review["request"])
    with write_lock:
        if records.read_one(store, review_id)["status"] != "open":
            raise Conflict(f"review {review_id} is already decided", field="id")
        delete, insert = records.decision_quads(
            review_id,
            outcome=str(outcome),
            reason=reason,
            reviewer=user.name,
            at=now(),
            current_answer=answer,
            current_version=version,
        )
        check_record(insert)
        conditional_write(
            store, read_state(store), "decide-review", records.review_iri(review_id), delete, insert
        )
    return records.read_one(store, review_id)


def list_reviews(
    context: Context, status: str | None = None, subject: str | None = None
) -> list[ReviewRecord]:
    """The queue: open reviews first (oldest first), then decided ones (newest first)."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"status: one of {', '.join(STATUSES)} is expected", field="status")
    if subject is not None and subject not in SUBJECTS:
        raise InvalidInput(f"subject: one of {', '.join(SUBJECTS)} is expected", field="subject")
    every = [
        r
        for r in sorted(records.read_all(context.store), key=lambda r: int(r["id"]))
        if (status is None or r["status"] == status)
        and (subject is None or r["subject"] == subject)
    ]
    open_ = [r for r in every if r["status"] == "open"]
    decided = [r for r in every if r["status"] != "open"]
    return open_ + decided[::-1]


def get_review(context: Context, review_id: str) -> ReviewRecord:
    return records.read_one(context.store, review_id)


def record_triples(context: Context, review_id: str) -> list[Triple]:
    """The PROV-O record of one review (for Turtle and JSON-LD)."""
    return records.record_triples(context.store, review_id)
