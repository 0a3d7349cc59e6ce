"""Fixtures for independent review: the fixture terminology in a writable store per test, users
of every role, and an API client over them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph.graph.build import build
from exportgraph.graph.context import Context
from exportgraph.services.users import add_user
from exportgraph.settings import Settings
from exportgraph.store import RdfSource, Store, open_store
from tests.terminology.conftest import fixture_ontology
from tests.terminology.support import Accounts


@pytest.fixture(scope="session")
def review_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_ontology(tmp_path_factory.mktemp("reviews") / "ontology")


@pytest.fixture(scope="session")
def built_store(review_root: Path) -> Iterator[Store]:
    """The fixture terminology built once; copied for each test, never written."""
    store = open_store("memory:")
    build(store, root=review_root)
    yield store
    store.close()


def copy_of(source: Store) -> Store:
    """A writable memory store with the same default and named graphs (no rebuild)."""
    store = open_store("memory:")
    dump = b"".join(f"{t.subject} {t.predicate} {t.object} .\n".encode() for t in source.triples())
    sources = [RdfSource("copy", dump, "application/n-triples")]
    for graph in source.named_graphs():
        data = b"".join(
            f"{t.subject} {t.predicate} {t.object} <{graph}> .\n".encode()
            for t in source.triples(graph)
        )
        sources.append(RdfSource(graph, data, "application/n-quads"))
    store.replace_all(sources)
    return store


@pytest.fixture
def accounts(tmp_path: Path) -> Accounts:
    """erin (editor, who contests), rita and ray (reviewers), ada (admin)."""
    path = tmp_path / "users.json"
    roles = {"erin": "editor", "rita": "reviewer", "ray": "reviewer", "ada": "admin"}
    return Accounts(path, {name: add_user(path, name, role) for name, role in roles.items()})


@pytest.fixture
def client(built_store: Store, accounts: Accounts) -> Iterator[TestClient]:
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(accounts.path))
    app = create_app(Context(settings, store=copy_of(built_store)))
    with TestClient(app) as test_client:
        yield test_client
