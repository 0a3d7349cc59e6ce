"""Session fixtures on the real data: the project's ontology/ and tables, reasoned, in a memory
store built once per test area (read-only in tests). A conftest imports those it needs."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph.graph.build import build
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.index import Knowledge
from exportgraph.settings import Settings
from exportgraph.store import open_store


def built_context() -> Iterator[Context]:
    """The real ontology/ (reasoned) in a memory store of its own, closed after use (the body of a
    fixture of any scope)."""
    store = open_store("memory:")
    build(store)
    ctx = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    yield ctx
    ctx.close()


@pytest.fixture(scope="session")
def context() -> Iterator[Context]:
    """The real ontology/ (reasoned) in a memory store."""
    yield from built_context()


@pytest.fixture(scope="session")
def knowledge(context: Context) -> Knowledge:
    return current(context)


@pytest.fixture(scope="session")
def client(context: Context) -> TestClient:
    return TestClient(create_app(context))
