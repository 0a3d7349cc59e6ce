"""A query parameter a route does not take is refused with a problem naming it, on every route
of the API (the web UI, SPARQL and health probes read their query strings themselves): a
mistyped `?jurisdictions=US` used to list or classify in every jurisdiction without a word."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.dependencies import utils as dependency_utils
from fastapi.testclient import TestClient

ITEM = {"kind": "dilution-refrigerator", "parameters": {"cooling-power": "700 uW"}}


def _refused(response: Any, name: str) -> str:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["detail"].startswith(f"{name}: not a query parameter of this route")
    detail: str = problem["detail"]
    return detail


def test_a_mistyped_list_filter_is_refused_and_the_taken_names_listed(client: TestClient) -> None:
    detail = _refused(client.get("/v1/entries?jurisdictions=US"), "jurisdictions")
    assert detail.endswith("(it takes: as_of, jurisdiction, kind)")
    listed = client.get("/v1/entries?jurisdiction=US")
    assert listed.status_code == 200
    assert {e["jurisdiction"] for e in listed.json()} == {"US"}


def test_a_route_without_query_parameters_refuses_any(client: TestClient) -> None:
    body = {"item": ITEM, "jurisdictions": ["US"]}
    detail = _refused(client.post("/v1/classify?as_of=2020-01-01", json=body), "as_of")
    assert detail.endswith("(it takes: none)")
    assert client.post("/v1/classify", json=body).status_code == 200


def test_declared_parameters_and_aliases_are_taken(client: TestClient) -> None:
    assert client.get("/v1/search?q=laser&limit=3").status_code == 200
    _refused(client.get("/v1/search?q=laser&limt=3"), "limt")
    # `from` is the alias the impact report declares (a Python keyword as a parameter name)
    answer = client.get("/v1/reports/impact?from=2020-01-01&to=2020-01-02&fromm=x")
    _refused(answer, "fromm")


def test_the_health_probe_and_the_sparql_protocol_read_their_own_query(client: TestClient) -> None:
    assert client.get("/healthz?probe=lb").status_code == 200
    answer = client.get("/sparql", params={"query": "ASK {}", "default-graph-uri": "urn:x:g"})
    assert "not a query parameter" not in answer.text


def test_every_api_route_refuses_an_undeclared_parameter(client: TestClient) -> None:
    # before the route reads its body, checks a role or looks up its path's ids
    paths = client.get("/openapi.json").json()["paths"]
    routes = [
        (method, path)
        for path, operations in paths.items()
        if path.startswith("/v1/")
        for method in operations
    ]
    assert len(routes) >= 30
    for method, path in routes:
        url = re.sub(r"\{[^}]+\}", "x", path) + "?zz-undeclared=1"
        answer = client.request(method.upper(), url)
        assert answer.status_code == 422, (method, path, answer.status_code)
        assert answer.json()["detail"].startswith("zz-undeclared: not a query parameter"), path


def test_the_check_costs_no_hop_to_the_thread_pool(
    client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a plain-function dependency runs in the shared thread pool: measured, that hop made a
    # warm classify queue behind SPARQL work
    hops: list[str] = []
    real = dependency_utils.run_in_threadpool

    async def counting(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        hops.append(getattr(fn, "__name__", repr(fn)))
        return await real(fn, *args, **kwargs)

    monkeypatch.setattr(dependency_utils, "run_in_threadpool", counting)
    body = {"item": ITEM, "jurisdictions": ["US"]}
    assert client.post("/v1/classify", json=body).status_code == 200
    assert client.get("/v1/entries?jurisdiction=US").status_code == 200
    _refused(client.get("/v1/entries?jurisdictions=US"), "jurisdictions")
    assert hops == []
