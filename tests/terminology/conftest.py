"""Shared fixtures: a fixture terminology (US/EU bands and test jurisdictions) built into stores."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exportgraph import paths
from exportgraph.graph.build import build
from exportgraph.services.users import Role
from exportgraph.store import QueryResult, Store, open_store
from tests import real_graph

from .support import Accounts, accounts_of, api_client, copy_of

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "terminology" / "ontology"


def fixture_ontology(target: Path) -> Path:
    """The fixture tree plus the real core.ttl, concepts.ttl and vocabulary.ttl, in `target`."""
    shutil.copytree(FIXTURE, target, dirs_exist_ok=True)
    for name in ("core.ttl", "concepts.ttl", "vocabulary.ttl"):
        shutil.copy(paths.ontology_dir() / name, target / name)
    return target


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return fixture_ontology(tmp_path_factory.mktemp("terminology") / "ontology")


@pytest.fixture(scope="session")
def fixture_store(fixture_root: Path) -> Iterator[Store]:
    """A memory store over the fixture terminology, built once; tests must not write to it."""
    store = open_store("memory:")
    build(store, root=fixture_root)
    yield store
    store.close()


@pytest.fixture
def fresh_store(fixture_root: Path, fixture_store: Store) -> Iterator[Store]:
    """A writable memory store with the fixture terminology (copied, not rebuilt)."""
    store = copy_of(fixture_store, "fixture")
    yield store
    store.close()


@pytest.fixture
def accounts(tmp_path: Path) -> Accounts:
    """erin (editor), eddie (editor), rita (reviewer), ada (admin) in a fresh users file."""
    roles: dict[str, Role] = {
        "erin": "editor",
        "eddie": "editor",
        "rita": "reviewer",
        "ada": "admin",
    }
    return accounts_of(tmp_path / "users.json", roles)


@pytest.fixture
def client(fresh_store: Store, accounts: Accounts) -> Iterator[TestClient]:
    """An API client over a writable fixture store."""
    with api_client(fresh_store, accounts.path) as test_client:
        yield test_client


class Shared(Store):
    """A view of a session store that the app's shutdown must not close."""

    def __init__(self, inner: Store) -> None:
        self.inner = inner

    def _query(self, sparql: str) -> QueryResult:
        return self.inner._query(sparql)

    def _update(self, sparql_update: str) -> None:
        self.inner._update(sparql_update)

    def close(self) -> None:
        pass


@pytest.fixture
def read_client(fixture_store: Store, tmp_path: Path) -> Iterator[TestClient]:
    """An API client over the shared read-only fixture store (no users)."""
    with api_client(Shared(fixture_store), tmp_path / "none.json") as test_client:
        yield test_client


@pytest.fixture(scope="session")
def real_store() -> Iterator[Store]:
    """A memory store over the real terminology (ontology/), built once; read-only for tests."""
    store = real_graph.real_store()
    yield store
    store.close()
