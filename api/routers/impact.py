"""What-if (contract §9, anonymous, nothing written): POST /v1/impact and
GET /v1/changes/{id}/impact."""

from __future__ import annotations

from typing import Annotated

from exportgraph.api.deps import ContextDep, KnowledgeDep
from exportgraph.api.limits import BULK
from exportgraph.api.problems import responses
from exportgraph.api.routers.batch import bulk_json
from exportgraph.api.routers.reports import templates
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from exportgraph.json_types import JsonObject
from exportgraph.knowledge.index import Knowledge
from exportgraph.presentation.impact_report import whatif_plots
from exportgraph.presentation.negotiation import choose
from exportgraph.services.standards.impact import (
    ImpactAnswer,
    ImpactRun,
    change_impact,
    impact_run,
)
from exportgraph.settings import Settings
from exportgraph.store import Store

router = APIRouter(tags=["terminology"])
OUTPUTS = ("application/json", "text/html")

IMPACT_EXAMPLES: JsonObject = {
    "edit": {
        "summary": "Tighten the EU C-NOT error bound of 4A506.a.2 to 5e-4, over the products",
        "value": {
            "change": {
                "edits": [
                    {
                        "entry": "EU:4A506.a.2",
                        "parameter": "cnot-error",
                        "comparator": "<=",
                        "threshold": 5e-4,
                        "unit": "1",
                    }
                ]
            },
            "corpus": "products",
            "jurisdictions": ["US", "EU"],
            "as_of": "2026-06-01",
        },
    },
    "remove": {
        "summary": "Drop the C-NOT error criterion, over two items",
        "value": {
            "change": {
                "edits": [{"entry": "EU:4A506.a.2", "parameter": "cnot-error", "remove": True}]
            },
            "corpus": [
                {
                    "id": "a",
                    "item": {
                        "kind": "quantum-computer",
                        "parameters": {"physical-qubits": 150, "cnot-error": 0.01},
                    },
                },
                {
                    "id": "b",
                    "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 20}},
                },
            ],
            "jurisdictions": ["EU", "GB"],
        },
    },
    "turtle": {
        "summary": "Statements, as in a change set",
        "value": {
            "change": {
                "remove": 'EU:4A506.a.2\\/alt\\/1\\/cnot-error\\/le eg:thresholdValue "0.001"^^xsd:decimal .',
                "add": 'EU:4A506.a.2\\/alt\\/1\\/cnot-error\\/le eg:thresholdValue "0.002"^^xsd:decimal .',
            },
            "corpus": "products",
        },
    },
    "agreements": {
        "summary": "Loosen the EU C-NOT error bound of 4A506.a.1: which agreements stop conforming",
        "value": {
            "change": {
                "edits": [
                    {
                        "entry": "EU:4A506.a.1",
                        "parameter": "cnot-error",
                        "comparator": "<=",
                        "threshold": 0.02,
                        "unit": "1",
                    }
                ]
            },
            "corpus": "products",
            "agreements": "examples",
        },
    },
    "proposal": {
        "summary": "A proposed change set by its id",
        "value": {"change": {"change_set": "1"}, "corpus": "products"},
    },
}
OPENAPI = {
    **BULK,
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["change"],
                    "properties": {
                        "change": {
                            "type": "object",
                            "description": '`{"edits": [{"entry", "parameter", "comparator", '
                            '"threshold", "unit"} | {"entry", "parameter", "remove": true}]}`, '
                            '`{"change_set": "<id of a proposed change set>"}`, or '
                            '`{"add": "<Turtle>", "remove": "<Turtle>"}`',
                        },
                        "corpus": {
                            "description": '"products" (the default: the shipped corpus) or '
                            '`[{"id", "item"}]`',
                            "oneOf": [
                                {"type": "string", "enum": ["products"]},
                                {"type": "array", "items": {"type": "object"}},
                            ],
                        },
                        "jurisdictions": {"type": "array", "items": {"type": "string"}},
                        "as_of": {"type": "string", "format": "date"},
                        "agreements": {
                            "description": '"examples" (the default: the shipped example '
                            "agreements) or agreements as POST /v1/agreements/validate takes "
                            "them (JSON); those whose conformance the change moves are listed",
                            "oneOf": [
                                {"type": "string", "enum": ["examples"]},
                                {"type": "array", "items": {"type": "object"}},
                            ],
                        },
                    },
                },
                "examples": IMPACT_EXAMPLES,
            }
        },
    },
}


def _impact(store: Store, knowledge: Knowledge, raw: bytes, settings: Settings) -> ImpactRun:
    body = bulk_json(raw, settings)
    return impact_run(
        store,
        knowledge,
        body,
        max_items=settings.max_bulk_items,
        max_agreements=settings.max_batch_items,
    )


def whatif_page(knowledge: Knowledge, run: ImpactRun) -> str:
    """The what-if answer as a saveable HTML page with its plots."""
    return templates.get_template("reports/whatif.html").render(
        w=run.answer, wp=whatif_plots(knowledge, run)
    )


@router.post(
    "/v1/impact",
    summary="What if a rule changed? (a sandbox: nothing is written)",
    openapi_extra=OPENAPI,
    response_model=ImpactAnswer,
    responses={
        200: {
            "description": "The migrations as JSON, or an HTML page with plots",
            "content": {"text/html": {"schema": {"type": "string"}}},
        },
        406: {"description": "Accept names neither application/json nor text/html."},
        400: {"description": "Broken JSON, or Turtle that does not parse (the field is named)."},
        413: {"description": "The body is over EXPORTGRAPH_MAX_BULK_BODY."},
        422: {
            "description": "An unknown entry or parameter, a unit that does not convert, a "
            "change set that is not proposed, an item or agreement that does not read (named)."
        },
    },
)
async def post_impact(
    request: Request, context: ContextDep, knowledge: KnowledgeDep
) -> ImpactAnswer | Response:
    """Classify the corpus before and after the change (in a second knowledge index of the graph
    the change would produce) and list every item and jurisdiction whose answer moves, the counts
    per transition, and the share of items the jurisdictions agree on before and after. Accept:
    text/html gives a page with the plots (migration, harmonization, the control regions before
    and after with the corpus)."""
    media = choose(request.headers.get("accept"), OUTPUTS)
    if media is None:
        raise HTTPException(406, f"Accept: the answer is offered as {', '.join(OUTPUTS)}")
    raw = await request.body()  # the body limits (api/limits.py) refuse one over the bulk limit
    run = await run_in_threadpool(_impact, context.store, knowledge, raw, context.settings)
    if media == "text/html":
        return HTMLResponse(await run_in_threadpool(whatif_page, knowledge, run))
    return run.answer


@router.get(
    "/v1/changes/{change_id}/impact",
    summary="What a proposed change set would do to the products corpus",
    responses=responses(404, 422),
)
async def get_change_impact(
    change_id: str,
    context: ContextDep,
    knowledge: KnowledgeDep,
    jurisdiction: Annotated[list[str] | None, Query(description="repeat for several")] = None,
    as_of: Annotated[str | None, Query(description="ISO date of the rules (default today)")] = None,
) -> ImpactAnswer:
    """POST /v1/impact with `{"change_set": id}` over the products corpus (404 for no such
    change set, 422 for one that is not proposed)."""
    return await run_in_threadpool(
        change_impact, context.store, knowledge, change_id, jurisdiction, as_of
    )
