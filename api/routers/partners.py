"""Partners: classify an item (POST /v1/classify) and assess an activity (POST /v1/assess)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Awaitable, Callable

from exportgraph.api import warm_index
from exportgraph.api.deps import get_context
from exportgraph.api.json_body import parse_json
from exportgraph.api.problems import responses
from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.models import Example
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError
from starlette.concurrency import run_in_threadpool

from exportgraph.graph.context import Context
from exportgraph.json_types import JsonObject
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.screening import is_loaded as screening_loaded
from exportgraph.services.kept_answers import KeptAnswers
from exportgraph.services.partners.answers import AssessAnswer, ClassifyAnswer
from exportgraph.services.partners.assess import assess_in
from exportgraph.services.partners.classify import classify_in

router = APIRouter(tags=["partners"])

ITEM_DESCRIPTION = (
    "An item: `kind` (a harmonized kind notation), `parameters` (each a number in its canonical "
    'unit, `{"value": 800, "unit": "uW"}`, or a string such as `"100 mK"` or `"0.08 %"`; '
    '`material-form` takes a form such as `"epitaxial"`), optional `facts` '
    '(`{"specially-designed-for-controlled-quantum-computer": true}`). Software or technology '
    "items carry `for_kind` and `purpose` (development, production, use), and their `parameters` "
    "and `facts` describe the item they serve: they are controlled only for items the entries "
    "they name control. Technology for software names that software's own `for_kind` and "
    "`purpose` in `served`."
)

CLASSIFY_EXAMPLES: dict[str, Example] = {
    "quantum-computer": {
        "summary": "A 120-qubit gate-based quantum computer",
        "value": {
            "item": {
                "kind": "quantum-computer",
                "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
            },
            "jurisdictions": ["US", "EU", "GB"],
            "as_of": "2025-12-01",
        },
    },
    "dilution-refrigerator": {
        "summary": "A dilution refrigerator, units converted through pint",
        "value": {
            "item": {
                "kind": "dilution-refrigerator",
                "parameters": {
                    "cooling-power": {"value": 800, "unit": "uW"},
                    "cooling-power-temperature": "100 mK",
                    "continuous-operation": "168 h",
                },
            },
            "jurisdictions": ["US", "EU"],
        },
    },
    "missing-parameter": {
        "summary": "120 qubits without an error rate: unknown, naming cnot-error",
        "value": {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}}},
    },
    "technology": {
        "summary": "Production technology for qubit devices specially designed for controlled "
        "quantum computers",
        "value": {
            "item": {
                "kind": "technology",
                "for_kind": "qubit-device",
                "purpose": "production",
                "facts": {"specially-designed-for-controlled-quantum-computer": True},
            },
            "jurisdictions": ["US", "EU"],
        },
    },
    "technology-for-a-cooler": {
        "summary": "Development technology for a 1.0 W pulse-tube cryocooler (below 1.5 W): "
        "the served item's figures decide",
        "value": {
            "item": {
                "kind": "technology",
                "for_kind": "pulse-tube-cryocooler",
                "purpose": "development",
                "parameters": {
                    "cooling-power": "1.0 W",
                    "cooling-power-temperature": "4.2 K",
                    "base-temperature": "2.8 K",
                },
            },
            "jurisdictions": ["US", "EU"],
        },
    },
    "enriched-silicon": {
        "summary": "Isotopically enriched silicon-28 as an epitaxial wafer (impurity in ppm)",
        "value": {
            "item": {
                "kind": "enriched-silicon",
                "parameters": {
                    "isotopic-impurity": {"value": 50, "unit": "ppm"},
                    "material-form": "epitaxial",
                },
            },
            "jurisdictions": ["US", "EU"],
        },
    },
}

ASSESS_EXAMPLES: dict[str, Example] = {
    "export": {
        "summary": "Export of a 120-qubit machine from Canada to Germany",
        "value": {
            "activity": "export",
            "subject": {
                "item": {
                    "kind": "quantum-computer",
                    "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
                }
            },
            "from": "CA",
            "to": "DE",
            "recipient": {"name": "Example GmbH", "nationality": "DE"},
            "end_use": "civil-research",
            "project_stage": "applied-research",
            "published": False,
            "intended_for_publication": False,
            "as_of": "2025-12-01",
        },
    },
    "deemed-export": {
        "summary": "A visiting researcher in a US lab shown qubit-chip production technology",
        "value": {
            "activity": "deemed-export",
            "subject": {
                "technology": {
                    "for_kind": "qubit-device",
                    "purpose": "production",
                    "facts": {"specially-designed-for-controlled-quantum-computer": True},
                }
            },
            "from": "US",
            "recipient": {"name": "visiting postdoc", "nationality": "CN"},
            "project_stage": "prototype-development",
            "published": False,
            "intended_for_publication": False,
            "as_of": "2025-12-01",
        },
    },
}


class ClassifyRequest(BaseModel):
    """Contract §2 request."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [example["value"] for example in CLASSIFY_EXAMPLES.values()]
        },
    )

    item: JsonObject = Field(description=ITEM_DESCRIPTION)
    jurisdictions: list[str] | None = Field(
        default=None,
        max_length=64,
        description="Jurisdiction codes (US, EU, GB/UK, CA, JP, AU, CH, FR, DE, IT, ES, NL); default all.",
    )
    as_of: str | None = Field(
        default=None, description="ISO date selecting the rules in force (default today)."
    )


class AssessRequest(BaseModel):
    """Contract §3 request."""

    model_config = ConfigDict(
        extra="forbid",
        populate_by_name=True,
        json_schema_extra={"examples": [example["value"] for example in ASSESS_EXAMPLES.values()]},
    )

    activity: str = Field(
        description="export, reexport, in-country-transfer, deemed-export, publication, "
        "technical-assistance, researcher-exchange"
    )
    subject: JsonObject = Field(
        description='`{"item": …}`, `{"software": {"for_kind", "purpose", "parameters", '
        '"facts"}}` or `{"technology": {…}}`: the parameters and facts of software or technology '
        'describe the item it serves; or `{"entry": "US:3A001.a.1"}`: an entry the user has '
        "already classified (any entry of the curated tables or the whole official lists)"
    )
    from_: str = Field(alias="from", description="The jurisdiction the activity starts in.")
    to: str | None = Field(default=None, description="Destination country.")
    recipient: JsonObject | None = Field(
        default=None,
        description='`{"name", "nationality"}`; `name` is screened against the restricted-party '
        "lists (the answer's `screening`; an Entity List match makes the US result need a licence)",
    )
    end_use: str | None = None
    project_stage: str | None = Field(
        default=None,
        description="A stage of the project-stages scheme (GET /v1/stages lists them, in order).",
    )
    published: bool | None = None
    intended_for_publication: bool | None = None
    as_of: str | None = None


CACHED_BODY_BYTES = 16 * 1024
"""Request bodies up to this size have their answers cached (a classify question is ~200 bytes)."""
INLINE_BODY_BYTES = 4 * 1024
"""Request bodies up to this size are answered on the event loop when the catalogue is warm."""
_ANSWERS: KeptAnswers[tuple[int, str, str, bytes]] = KeptAnswers()
"""Serialized answers by (context, the data version whose answers the index gives, route, SHA-256
of the request body): the same question asked again under the same data — or under a later
version that answers alike (Knowledge.answers_version) — is answered from memory; bodies over
CACHED_BODY_BYTES are never kept."""
# Answers are trees built per request: no cycle to look for (skipping the check saves ~10%)
_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False)
# Each computed answer is validated by the model the OpenAPI documents (a cached one was already):
# a few percent of computing it (bench: 3-113 us against 0.35-2.7 ms)
_CLASSIFY_ANSWER: TypeAdapter[ClassifyAnswer] = TypeAdapter(ClassifyAnswer)
_ASSESS_ANSWER: TypeAdapter[AssessAnswer] = TypeAdapter(AssessAnswer)


def _cache_key(
    context: Context, knowledge: Knowledge, route: str, raw: bytes
) -> tuple[int, str, str, bytes] | None:
    if len(raw) > CACHED_BODY_BYTES:
        return None
    # the version of the index the answer is computed from: while a new version's index is
    # built, readers answer from the previous one, and that answer must not be kept as the new's
    # (unless the new one answers alike: then both have the same answers_version)
    return (id(context), knowledge.answers_version, route, hashlib.sha256(raw).digest())


def _answer(context: Context, knowledge: Knowledge, route: str, raw: bytes) -> bytes:
    """Validate the body with the route's model, answer it from `knowledge` (or reuse the
    answer), serialize."""
    key = _cache_key(context, knowledge, route, raw)
    found = _ANSWERS.get(key) if key is not None else None
    if found is not None:
        named, kept = found
        if named == knowledge.version:
            return kept
        # the same answer under a later version that answers alike: it names that version
        return kept.replace(named.encode(), knowledge.version.encode())
    value = parse_json(raw, context.settings) if raw.strip() else None
    model = ClassifyRequest if route == "classify" else AssessRequest
    try:
        request = model.model_validate(value)
    except ValidationError as error:
        raise RequestValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
        ) from None
    if isinstance(request, ClassifyRequest):
        classified = classify_in(knowledge, request.item, request.jurisdictions, request.as_of)
        _CLASSIFY_ANSWER.validate_python(classified)
        body = _JSON.encode(classified)
    else:
        assessed = assess_in(knowledge, request.model_dump(by_alias=True, exclude_none=True))
        _ASSESS_ANSWER.validate_python(assessed)
        body = _JSON.encode(assessed)
    encoded = body.encode()
    if key is not None:
        _ANSWERS.put(key, (knowledge.version, encoded), context.settings.answer_cache_bytes)
    return encoded


def _answer_in_thread(context: Context, route: str, raw: bytes) -> bytes:
    """`_answer` on the current index, which this may build (off the event loop only)."""
    return _answer(context, warm_index.in_thread(context), route, raw)


def _request_body(model: type[BaseModel], examples: dict[str, Example]) -> JsonObject:
    """OpenAPI requestBody for a route that parses its JSON body itself."""
    return {
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": model.model_json_schema(), "examples": examples}
            },
        }
    }


async def _respond(request: Request, route: str) -> Response:
    """Answer a partner route. A small body (INLINE_BODY_BYTES) with the catalogue of the current
    data version in memory is CPU work of well under a millisecond (no I/O) and is answered
    inline: a thread-pool hop per request roughly doubled the CPU cost under load. Anything larger,
    or needing the store (first use, a write since, a remote store), is parsed and answered in the
    thread pool, so a big body never stalls the event loop (and /healthz)."""
    context = get_context(request)
    raw = await request.body()
    # an assessment naming a recipient screens it: the first screening reads the lists (seconds)
    screening_warm = route != "assess" or b"recipient" not in raw or screening_loaded()
    # the index checked is the index used: a write landing meanwhile never makes this request
    # build the new version's index on the event loop
    knowledge = warm_index.warm(context)
    if len(raw) <= INLINE_BODY_BYTES and knowledge is not None and screening_warm:
        body = _answer(context, knowledge, route, raw)
    else:
        body = await run_in_threadpool(_answer_in_thread, context, route, raw)
    return Response(body, media_type="application/json")


Handler = Callable[[Request], Awaitable[Response]]


def _partner_route(
    path: str,
    answer: type,
    described: str,
    summary: str,
    model: type[BaseModel],
    examples: dict[str, Example],
) -> Callable[[Handler], Handler]:
    """A partner route: its JSON body parsed by `_respond`, documented by `model` and `answer`."""
    return router.post(
        path,
        response_class=Response,
        responses={200: {"model": answer, "description": described}, **responses(400, 413, 422)},
        summary=summary,
        openapi_extra=_request_body(model, examples),
    )


@_partner_route(
    "/v1/classify",
    ClassifyAnswer,
    "One result per jurisdiction.",
    "Is this item controlled, and where?",
    ClassifyRequest,
    CLASSIFY_EXAMPLES,
)
async def post_classify(request: Request) -> Response:
    """Classify an item against every (or the named) jurisdictions' lists in force on `as_of`."""
    return await _respond(request, "classify")


@_partner_route(
    "/v1/assess",
    AssessAnswer,
    "One result per governing jurisdiction.",
    "May we do this, and what does it need?",
    AssessRequest,
    ASSESS_EXAMPLES,
)
async def post_assess(request: Request) -> Response:
    """Assess an activity: licence required (true/false/"unknown"), reasons, exclusions, exceptions."""
    return await _respond(request, "assess")
