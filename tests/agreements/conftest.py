"""Agreement validation tests run on the real knowledge graph, built once per session in memory."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from exportgraph.api import problems
from exportgraph.api.routers import agreements as agreements_router
from fastapi import FastAPI
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.services.auditors.agreements import Validator
from tests.real_graph import real_context

CASES = Path(__file__).parent / "cases"


@pytest.fixture(scope="session")
def case() -> Callable[[str], dict[str, Any]]:
    """Load a case file of tests/agreements/cases (the same files docs/auditors.md shows)."""

    def load(name: str) -> dict[str, Any]:
        value: dict[str, Any] = json.loads((CASES / f"{name}.json").read_text(encoding="utf-8"))
        return value

    return load


@pytest.fixture(scope="session")
def context() -> Iterator[Context]:
    ctx = real_context()
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def validator(context: Context) -> Validator:
    return Validator(context)


@pytest.fixture(scope="session")
def client(context: Context) -> Iterator[TestClient]:
    app = FastAPI()
    app.state.context = context
    problems.install(app)
    app.include_router(agreements_router.router)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
