"""Fixtures for independent review: the fixture terminology of tests/terminology (built once per
session) in a writable store per test, users of every role, and an API client over them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from exportgraph.services.users import Role
from exportgraph.store import Store
from tests.terminology.conftest import fixture_root, fixture_store  # noqa: F401 (fixtures)
from tests.terminology.support import Accounts, accounts_of, api_client, copy_of


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
def client(fixture_store: Store, accounts: Accounts) -> Iterator[TestClient]:  # noqa: F811
    with api_client(copy_of(fixture_store), accounts.path) as test_client:
        yield test_client
