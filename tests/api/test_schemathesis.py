"""Schemathesis over the whole OpenAPI description: no answer >= 500, every answer as documented.

Every operation gets a bounded, seeded budget of generated cases (the description's examples, then
schema-driven ones), write routes included: they run with editor, reviewer and admin tokens on a
throwaway in-memory store, and half the approvals and rejections name a real proposal. Each answer
must be below 500, carry a documented status and media type, and match the documented schema.
For a bug hunt, EXPORTGRAPH_SCHEMATHESIS_EXAMPLES raises the per-operation budget,
EXPORTGRAPH_SCHEMATHESIS_SEED changes the seed and EXPORTGRAPH_SCHEMATHESIS_COVERAGE=1 adds
schemathesis' coverage phase (boundary values and type-confused inputs).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from exportgraph.api.app import create_app
from exportgraph.api.routers.agreements import _EXAMPLE as AGREEMENT_EXAMPLE
from exportgraph.api.routers.batch import JSON_EXAMPLE
from exportgraph.api.routers.impact import IMPACT_EXAMPLES
from exportgraph.api.routers.partners import ASSESS_EXAMPLES, CLASSIFY_EXAMPLES
from exportgraph.api.routers.reviews import FILE_EXAMPLE
from exportgraph.api.routers.risk import PLAN_EXAMPLE, RISK_EXAMPLES
from exportgraph.api.routers.terminology import CHANGE_EXAMPLE
from fastapi import FastAPI
from fastapi.testclient import TestClient
from schemathesis.checks import not_a_server_error
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from starlette.types import Receive, Scope, Send

from exportgraph.graph.context import Context
from exportgraph.services.query.sparql import close_pool
from exportgraph.services.users import add_user
from exportgraph.settings import Settings
from tests.real_graph import real_store

EXAMPLES = int(os.environ.get("EXPORTGRAPH_SCHEMATHESIS_EXAMPLES", "12"))
COVERAGE = os.environ.get("EXPORTGRAPH_SCHEMATHESIS_COVERAGE") == "1"
SEED = int(os.environ.get("EXPORTGRAPH_SCHEMATHESIS_SEED", "20251201"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
ROLE_OF = {
    ("POST", "/v1/changes"): "editor",
    ("POST", "/v1/changes/{change_id}/approve"): "reviewer",
    ("POST", "/v1/changes/{change_id}/reject"): "reviewer",
    ("POST", "/v1/releases"): "admin",
}

# SPARQL Protocol bodies are text under their own media type
schemathesis.serializer.alias("application/sparql-query", "text/plain")


@dataclass
class Api:
    app: FastAPI
    context: Context
    tokens: dict[str, str]
    proposal: str = ""


def _throwaway_api() -> Api:
    """The app on a memory store (built on first use) with one user per role."""
    users = Path(tempfile.mkdtemp(prefix="exportgraph-schemathesis-")) / "users.json"
    tokens = {role: add_user(users, f"st-{role}", role) for role in ("editor", "reviewer", "admin")}
    context = Context(
        replace(
            Settings.from_env(),
            store_uri="memory:",
            users_file=str(users),
            sparql_timeout_s=3.0,
            sparql_max_rows=200,
        ),
        store=real_store(),
    )
    return Api(create_app(context), context, tokens)


async def _without_lifespan(scope: Scope, receive: Receive, send: Send) -> None:
    """The app, its lifespan answered but ignored: schemathesis ends it after each operation, and
    the app's shutdown closes the store, which the next operation still needs."""
    if scope["type"] != "lifespan":
        await API.app(scope, receive, send)
        return
    while (await receive())["type"] != "lifespan.shutdown":
        await send({"type": "lifespan.startup.complete"})
    await send({"type": "lifespan.shutdown.complete"})


API = _throwaway_api()
schema = schemathesis.openapi.from_asgi(
    "/openapi.json",
    _without_lifespan,
    config=SchemathesisConfig.from_dict(
        {
            "seed": SEED,
            "generation": {"max-examples": EXAMPLES, "deterministic": True},
            "phases": {"coverage": {"enabled": COVERAGE}, "stateful": {"enabled": False}},
        }
    ),
)


@pytest.fixture(scope="module")
def api() -> Iterator[Api]:
    """The throwaway app, with one open proposal for approvals and rejections to name."""
    client = TestClient(API.app)  # no lifespan: the store lives as long as the module
    base = client.get("/healthz").json()["data_version"]
    proposed = client.post(
        "/v1/changes",
        json={**CHANGE_EXAMPLE, "base_version": base},
        headers={"Authorization": f"Bearer {API.tokens['editor']}"},
    )
    assert proposed.status_code == 201, proposed.text
    API.proposal = proposed.json()["id"]
    yield API
    close_pool(API.context)


@schema.parametrize()
def test_every_operation_answers_as_documented(case: schemathesis.Case, api: Api) -> None:
    operation = (case.method.upper(), case.path)
    headers = {}
    role = ROLE_OF.get(operation)
    if role is not None:
        headers["Authorization"] = f"Bearer {api.tokens[role]}"
    generated = (case.path_parameters or {}).get("change_id")
    if generated is not None and len(str(generated)) % 2 == 0:
        case.path_parameters["change_id"] = api.proposal
    case.call_and_validate(headers=headers, checks=CHECKS)


def _json_operations() -> set[tuple[str, str]]:
    """Every operation that documents a JSON answer for a 2xx status."""
    spec = TestClient(API.app).get("/openapi.json").json()
    return {
        (method.upper(), path)
        for path, operations in spec["paths"].items()
        for method, operation in operations.items()
        for status, answer in operation["responses"].items()
        if status.startswith("2") and "application/json" in answer.get("content", {})
    }


def test_every_json_answer_validates_against_its_documented_schema(api: Api) -> None:
    """One real, successful request per JSON operation: its body validates against the schema
    the OpenAPI description documents for it (the schema of the model the route is validated by,
    or the service's typed answer). Runs after the generated cases, on the same throwaway app."""
    client = TestClient(api.app)
    bearer = {role: {"Authorization": f"Bearer {token}"} for role, token in api.tokens.items()}
    checked: set[tuple[str, str]] = set()

    def call(method: str, template: str, url: str | None = None, **kw: Any) -> Any:
        response = client.request(method, url or template, **kw)
        assert response.status_code < 300, (method, url or template, response.text[:2000])
        assert response.headers["content-type"].startswith("application/json"), template
        schema[template][method].validate_response(response)
        checked.add((method, template))
        return response.json()

    def example(examples: Mapping[str, Any]) -> Any:
        return next(iter(examples.values()))["value"]

    base = call("GET", "/healthz")["data_version"]
    call("POST", "/v1/classify", json=example(CLASSIFY_EXAMPLES))
    call("POST", "/v1/assess", json=example(ASSESS_EXAMPLES))
    call("POST", "/v1/classify/batch", json=JSON_EXAMPLE)
    call("GET", "/v1/jurisdictions")
    entry = call("GET", "/v1/entries")[0]["id"]
    call("GET", "/v1/entries/{entry_id}", f"/v1/entries/{entry}")
    call("GET", "/v1/entries/{entry_id}/equivalents", f"/v1/entries/{entry}/equivalents")
    call("GET", "/v1/search", params={"q": "quantum computer"})
    call("GET", "/v1/coverage")
    product = call("GET", "/v1/products")[0]["id"]
    call("GET", "/v1/products/{product_id}", f"/v1/products/{product}")
    call("POST", "/v1/agreements/validate", json=AGREEMENT_EXAMPLE)
    notation = call("GET", "/v1/concepts")[0]["notation"]
    call("GET", "/v1/concepts/{notation}", f"/v1/concepts/{notation}")
    call("GET", "/v1/mappings", params={"format": "json"})
    changes = [
        call(
            "POST",
            "/v1/changes",
            json={**CHANGE_EXAMPLE, "base_version": base, "add": add},
            headers=bearer["editor"],
        )["id"]
        for add in (CHANGE_EXAMPLE["add"], 'parameter:cnot-error skos:altLabel "erreur C-NOT"@fr .')
    ]
    call("GET", "/v1/changes")
    call("GET", "/v1/changes/{change_id}", f"/v1/changes/{changes[0]}")
    call("GET", "/v1/changes/{change_id}/impact", f"/v1/changes/{changes[0]}/impact")
    call(
        "POST",
        "/v1/changes/{change_id}/reject",
        f"/v1/changes/{changes[1]}/reject",
        headers=bearer["reviewer"],
    )
    call(
        "POST",
        "/v1/changes/{change_id}/approve",
        f"/v1/changes/{changes[0]}/approve",
        headers=bearer["reviewer"],
    )
    release = call("POST", "/v1/releases", json={}, headers=bearer["admin"])["version"]
    call("GET", "/v1/releases")
    call("GET", "/v1/releases/{version}", f"/v1/releases/{release}")
    call("GET", "/v1/releases/{a}/diff/{b}", f"/v1/releases/{release}/diff/current")
    call("POST", "/v1/impact", json=example(IMPACT_EXAMPLES))
    call("GET", "/v1/reports/impact", params={"from": "2024-01-01", "to": "2026-01-01"})
    call("POST", "/v1/risk", json=example(RISK_EXAMPLES))
    model = call("GET", "/v1/risk/models")[0]["id"]
    call("GET", "/v1/risk/models/{model_id}", f"/v1/risk/models/{model}")
    call("GET", "/v1/stages")
    call("POST", "/v1/plans/evaluate", json=example(PLAN_EXAMPLE))
    call("GET", "/v1/screening", params={"name": "Origin Quantum Computing Technology"})
    current = call("GET", "/healthz")["data_version"]
    review = call(
        "POST",
        "/v1/reviews",
        json={**FILE_EXAMPLE, "data_version": current},
        headers=bearer["editor"],
    )["id"]
    call("GET", "/v1/reviews")
    call("GET", "/v1/reviews/{review_id}", f"/v1/reviews/{review}")
    call(
        "POST",
        "/v1/reviews/{review_id}/decide",
        f"/v1/reviews/{review}/decide",
        json={"outcome": "upheld", "reason": "the threshold is 34 qubits or more"},
        headers=bearer["reviewer"],
    )
    assert checked == _json_operations()
