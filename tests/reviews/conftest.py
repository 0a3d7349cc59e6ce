"""Fixtures for independent review: the fixture terminology in a writable store per test, users
of every role, and an API client over them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exportgraph.graph.build import build
from exportgraph.services.users import Role
from exportgraph.store import Store, open_store
from tests.terminology.conftest import fixture_ontology
from tests.terminology.support import Accounts, accounts_of, api_client, copy_of


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


@pytest.fixture
def accounts(tmp_path: Path) -> Accounts:
    """erin (editor, who contests), rita and ray (reviewers), ada (admin)."""
    roles: dict[str, Role] = {
        "erin": "editor",
        "rita": "reviewer",
        "ray": "reviewer",
        "ada": "admin",
    }
    return accounts_of(tmp_path / "users.json", roles)


@pytest.fixture
def client(built_store: Store, accounts: Accounts) -> Iterator[TestClient]:
    with api_client(copy_of(built_store), accounts.path) as test_client:
        yield test_client
