"""Fixtures for risk scoring, stages and plans: the real knowledge graph in a memory store, built
once per session, its knowledge index and an API client over it."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from exportgraph.api.app import create_app
from exportgraph.api.routers.risk import RISK_EXAMPLES
from fastapi.testclient import TestClient

from exportgraph.graph.build import build
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.settings import Settings
from exportgraph.store import open_store

QC_120: dict[str, Any] = {
    "kind": "quantum-computer",
    "parameters": {"physical-qubits": 120, "cnot-error": 8e-4},
}


def request(**changes: Any) -> dict[str, Any]:
    """The documented risk request (US → CN, a controlled 120-qubit machine), with changes."""
    base: dict[str, Any] = copy.deepcopy(RISK_EXAMPLES["us-to-cn"]["value"])
    base.update(changes)
    return base


@pytest.fixture(scope="session")
def context() -> Iterator[Context]:
    """The real ontology/ (reasoned) in a memory store; read-only in these tests."""
    store = open_store("memory:")
    build(store)
    ctx = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def knowledge(context: Context) -> Knowledge:
    return current(context)


@pytest.fixture(scope="session")
def client(context: Context) -> TestClient:
    return TestClient(create_app(context))
