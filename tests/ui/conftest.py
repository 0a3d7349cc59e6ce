"""Fixtures of the web-UI tests: a small fixture graph (tests/fixtures/ui) and the project's data,
each built once into a memory store; TestClients over both."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph import paths
from exportgraph.graph.build import build
from exportgraph.graph.context import Context
from exportgraph.settings import Settings
from exportgraph.store import open_store
from tests.real_graph import real_store

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "ui" / "ontology"


def fixture_context(users_file: Path) -> Context:
    """A new memory store over the fixture graph with the project's vocabulary (activities,
    stages, plots …; cheap: about 0.2 s); tests may write to it."""
    root = users_file.parent / "ontology"
    shutil.copytree(FIXTURE, root, dirs_exist_ok=True)
    shutil.copy(paths.ontology_dir() / "vocabulary.ttl", root / "vocabulary.ttl")
    store = open_store("memory:")
    build(store, root=root)
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(users_file))
    return Context(settings, store)


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    """The fixture graph, shared: tests must not write to it."""
    context = fixture_context(tmp_path_factory.mktemp("ui-small") / "users.json")
    yield context
    context.close()


@pytest.fixture
def small_writable(tmp_path: Path) -> Iterator[Context]:
    """A fresh fixture graph a test may change."""
    context = fixture_context(tmp_path / "users.json")
    yield context
    context.close()


@pytest.fixture(scope="session")
def real(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Context]:
    """The project's data (ontology/) in a memory store, built once; tests must not write to it."""
    users_file = tmp_path_factory.mktemp("ui-real") / "users.json"
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(users_file))
    context = Context(settings, store=real_store())
    yield context
    context.close()


@pytest.fixture(scope="session")
def client(real: Context) -> Iterator[TestClient]:
    """The whole app over the project's data."""
    with TestClient(create_app(real)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def small_client(small: Context) -> Iterator[TestClient]:
    """The whole app over the fixture graph."""
    with TestClient(create_app(small)) as test_client:
        yield test_client
