"""The assessment questions an agreement asks (contract §3), and a memo of their answers."""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.graph.context import Context
from exportgraph.json_types import JsonObject
from exportgraph.services.auditors.agreements.facts import AgreementFacts, ItemFacts
from exportgraph.services.auditors.agreements.knowledge import Rules
from exportgraph.services.partners.answers import AssessAnswer


class Recipient(TypedDict):
    name: str
    nationality: str


AssessQuestion = TypedDict(  # "from" is a keyword: the functional form
    "AssessQuestion",
    {
        "activity": str,
        "subject": dict[str, JsonObject],
        "from": str,
        "as_of": str,
        "published": bool,
        "intended_for_publication": bool,
        "to": NotRequired[str],
        "project_stage": NotRequired[str],
        "end_use": NotRequired[str],
        "recipient": NotRequired[Recipient],
    },
)
"""A POST /v1/assess body (contract §3) built from an agreement's facts."""

AssessFn = Callable[[Context, AssessQuestion], AssessAnswer]


def default_assess() -> AssessFn:
    """The assessment service of contract §3 (imported late: it is another module's)."""
    from exportgraph.services.partners.assess import assess

    return assess


class AssessCache:
    """Memoises assessments by (data version, request); safe across threads."""

    def __init__(self, assess: AssessFn, size: int = 4096) -> None:
        self._assess = assess
        self._size = size
        self._items: OrderedDict[tuple[str, str], AssessAnswer] = OrderedDict()
        self._lock = threading.Lock()

    def __call__(self, context: Context, request: AssessQuestion) -> AssessAnswer:
        key = (context.data_version(), json.dumps(request, sort_keys=True))
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
                return found
        result = self._assess(context, request)
        with self._lock:
            self._items[key] = result
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return result


def question(
    know: Rules,
    facts: AgreementFacts,
    item: ItemFacts,
    activity: str,
    origin: str,
    to: str | None,
    as_of: str,
    recipient: Recipient | None = None,
) -> AssessQuestion:
    """The assessment of `item` for `activity` from `origin` (to `to`) on `as_of`."""
    described: JsonObject = {"parameters": item.parameters or {}, "facts": item.facts or {}}
    subject: dict[str, JsonObject]
    if know.serves_another_kind(item.kind):
        assert item.kind is not None
        # the served item's parameters and facts decide (contract §3 software/technology)
        subject = {item.kind: {"for_kind": item.for_kind, "purpose": item.purpose, **described}}
    else:
        subject = {"item": {"kind": item.kind, **described}}
    request: AssessQuestion = {
        "activity": activity,
        "subject": subject,
        "from": origin,
        "as_of": as_of,
        "published": bool(know.published_claims & set(facts.claims)),
        "intended_for_publication": bool(know.publication_claims & set(facts.claims)),
    }
    if to:
        request["to"] = to
    if facts.stage in know.stage_order:
        request["project_stage"] = facts.stage
    if facts.end_use:
        request["end_use"] = facts.end_use
    if recipient:
        request["recipient"] = recipient
    return request
