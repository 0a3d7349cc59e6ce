"""Fixtures for risk scoring, stages and plans: the real knowledge graph in a memory store, built
once per session, its knowledge index and an API client over it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from typing import Any

import pytest
from exportgraph.api.app import create_app
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
    """A complete risk request (US → CN, a controlled 120-qubit machine), with changes."""
    base: dict[str, Any] = {
        "subject": {"item": QC_120},
        "from": "US",
        "to": "CN",
        "end_user": {
            "name": "Example University",
            "country": "CN",
            "type": "university",
            "verified": True,
        },
        "end_use": "civil-research",
        "project_stage": "basic-research",
        "as_of": "2026-06-01",
    }
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
