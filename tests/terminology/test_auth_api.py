"""Every write endpoint: 401 without a valid token (with WWW-Authenticate), 403 with the wrong role,
and nothing written either way."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from .support import Accounts

# (method, path, roles that must be refused with 403)
WRITES = [
    ("POST", "/v1/changes", ["rita"]),
    ("POST", "/v1/changes/1/approve", ["erin"]),
    ("POST", "/v1/changes/1/reject", ["erin"]),
    ("POST", "/v1/releases", ["erin", "rita"]),
]
BODY = {"summary": "s", "rationale": "r", "base_version": "v", "add": "egid:x egid:y egid:z ."}


def version(client: TestClient) -> str:
    return str(client.get("/healthz").json()["data_version"])


@pytest.mark.parametrize(("method", "path", "wrong_roles"), WRITES)
def test_write_without_valid_token_is_401(
    client: TestClient, method: str, path: str, wrong_roles: list[str]
) -> None:
    before = version(client)
    for headers in (
        {},
        {"Authorization": "Bearer egt_not-a-real-token"},
        {"Authorization": "Basic ZXJpbjpwYXNz"},
        {"Authorization": "Bearer "},
    ):
        response = client.request(method, path, json=BODY, headers=headers)
        assert response.status_code == 401, (headers, response.text)
        assert response.headers["www-authenticate"].startswith("Bearer")
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["status"] == 401
    assert version(client) == before


@pytest.mark.parametrize(("method", "path", "wrong_roles"), WRITES)
def test_write_with_wrong_role_is_403(
    client: TestClient, accounts: Accounts, method: str, path: str, wrong_roles: list[str]
) -> None:
    before = version(client)
    for name in wrong_roles:
        response = client.request(method, path, json=BODY, headers=accounts.auth(name))
        assert response.status_code == 403, (name, response.text)
        assert "role" in response.json()["detail"]
    assert version(client) == before


def test_unauthenticated_garbage_body_is_still_401(client: TestClient) -> None:
    response = client.post(
        "/v1/changes", content=b"{not json", headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 401


def test_reading_is_anonymous(client: TestClient) -> None:
    for path in ("/v1/changes", "/v1/releases", "/v1/concepts", "/v1/mappings"):
        assert client.get(path).status_code == 200, path
