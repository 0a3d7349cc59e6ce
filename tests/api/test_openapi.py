"""The OpenAPI description and its pages: complete, with examples, and usable offline."""

from __future__ import annotations

import re

import pytest
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.settings import Settings
from tests.real_graph import real_store


@pytest.fixture(scope="module")
def client() -> TestClient:
    settings = Settings.from_env()
    from dataclasses import replace

    return TestClient(create_app(Context(replace(settings, store_uri="memory:"), real_store())))


def test_docs_pages_load_no_remote_assets(client: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)
        assert sources, page
        assert all(not s.startswith(("http://", "https://", "//")) for s in sources), sources
        for source in sources:
            if source.endswith((".js", ".css")):
                assert client.get(source).status_code == 200, source


def test_contract_endpoints_are_described_with_examples(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in (
        "/v1/classify",
        "/v1/assess",
        "/v1/agreements/validate",
        "/v1/changes",
        "/v1/releases",
        "/v1/entries/{entry_id}/equivalents",
        "/v1/concepts",
        "/sparql",
        "/healthz",
    ):
        assert path in paths, path
    body = paths["/v1/classify"]["post"]["requestBody"]["content"]["application/json"]
    assert body.get("examples") or body["schema"].get("examples")


def test_the_documented_change_set_example_is_valid_turtle() -> None:
    from exportgraph.api.routers.terminology import CHANGE_EXAMPLE

    from exportgraph.graph.changeset import parse_turtle

    assert parse_turtle(str(CHANGE_EXAMPLE["add"]), "add")
