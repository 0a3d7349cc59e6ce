"""Fixtures for the partners' services: the real knowledge graph in a memory store, built once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.services.partners.assess import assess
from exportgraph.services.partners.classify import classify
from exportgraph.services.query.sparql import close_pool
from exportgraph.settings import Settings
from tests.real_graph import real_store


@pytest.fixture(scope="session")
def context() -> Iterator[Context]:
    """The real ontology/ and control tables, reasoned, in a memory store (read-only in tests)."""
    store = real_store()
    settings = replace(
        Settings.from_env(), store_uri="memory:", sparql_timeout_s=2.0, sparql_max_rows=500
    )
    ctx = Context(settings, store=store)
    yield ctx
    close_pool(ctx)
    ctx.close()


@pytest.fixture(scope="session")
def client(context: Context) -> TestClient:
    return TestClient(create_app(context))


Result = dict[str, Any]


@pytest.fixture(scope="session")
def classify_in(context: Context) -> Any:
    """classify_in(jurisdiction, item, as_of) -> that jurisdiction's result."""

    def run(jurisdiction: str, item: dict[str, Any], as_of: str = "2025-12-01") -> Result:
        answer = classify(context, item, [jurisdiction], as_of)
        (result,) = answer["results"]
        found: Result = result
        return found

    return run


@pytest.fixture(scope="session")
def assess_in(context: Context) -> Any:
    """assess_in(request) -> {jurisdiction: result}."""

    def run(request: dict[str, Any]) -> dict[str, Result]:
        body = {"as_of": "2025-12-01", **request}
        return {r["jurisdiction"]: r for r in assess(context, body)["results"]}

    return run
