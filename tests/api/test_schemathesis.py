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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
import schemathesis
from exportgraph.api.app import create_app
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
        )
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
