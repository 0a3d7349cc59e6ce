"""Hostile and oversized input: every JSON body route refuses deep nesting, long lists and big
bodies with a problem naming the limit, reads no more of a body than its limit, and keeps
/healthz answering while such requests are in flight.

The measured failures on main were: 500 on `[`×990 (2 KB) to every JSON route; a 50 MB classify
body accepted (8.7 M jurisdictions, 935 MB RSS) and parsed on the event loop; 14 MB SPARQL
queries tokenized before the deadline started (41 s, 2.2 GB). The same bodies are sent here,
scaled down to limits set small for the test.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from exportgraph.api import json_body
from exportgraph.api.app import create_app
from exportgraph.api.routers import partners
from fastapi import FastAPI
from fastapi.testclient import TestClient

from exportgraph.errors import QueryTimeout, QueryTooLarge
from exportgraph.graph.context import Context
from exportgraph.services.kept_answers import KeptAnswers
from exportgraph.services.query.sparql import close_pool, execute
from exportgraph.services.users import add_user
from exportgraph.settings import Settings
from tests.real_graph import real_store

KIB = 1024
LIMITS = {
    "max_body_bytes": 64 * KIB,
    "max_batch_body_bytes": 256 * KIB,
    "max_json_depth": 32,
    "max_json_items": 100,
    "sparql_max_query_bytes": 4 * KIB,
    "answer_cache_bytes": 256 * KIB,
    "sparql_timeout_s": 2.0,
}
DEEP = b"[" * 990 + b"]" * 990  # the 2 KB body that gave 500 on main
CLASSIFY = {"item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 120}}}


@dataclass
class Api:
    app: FastAPI
    client: TestClient
    context: Context
    auth: dict[str, dict[str, str]]


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    users: Path = tmp_path_factory.mktemp("limits") / "users.json"
    auth = {
        role: {"Authorization": f"Bearer {add_user(users, f'limits-{role}', role)}"}
        for role in ("editor", "reviewer", "admin")
    }
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(users), **LIMITS)
    context = Context(settings, store=real_store())
    app = create_app(context)
    yield Api(app, TestClient(app), context, auth)
    close_pool(context)


def assert_problem(response: httpx.Response, status: int, setting: str) -> dict[str, Any]:
    """A problem+json answer with `status` naming the limit's setting."""
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert body["limit"]["setting"] == setting, body
    assert setting in body["detail"], body["detail"]
    return body


# ------------------------------------------------------------------------------ JSON depth

JSON_ROUTES = [
    ("/v1/agreements/validate", None),
    ("/v1/classify", None),
    ("/v1/assess", None),
    ("/v1/changes", "editor"),
    ("/v1/changes/1/approve", "reviewer"),
    ("/v1/changes/1/reject", "reviewer"),
    ("/v1/releases", "admin"),
]


@pytest.mark.parametrize(("path", "role"), JSON_ROUTES)
@pytest.mark.parametrize(
    "body",
    [
        DEEP,
        b'{"a":' * 990 + b"1" + b"}" * 990,
        b'{"item": {"kind": "x", "parameters": {"p": ' + b"[" * 40 + b"]" * 40 + b"}}}",
    ],
    ids=["array-990", "object-990", "nested-in-a-field-40"],
)
def test_deep_json_is_422_on_every_json_route(
    api: Api, path: str, role: str | None, body: bytes
) -> None:
    headers = {"Content-Type": "application/json", **(api.auth[role] if role else {})}
    before = api.context.data_version()
    response = api.client.post(path, content=body, headers=headers)
    problem = assert_problem(response, 422, "EXPORTGRAPH_MAX_JSON_DEPTH")
    assert problem["limit"]["value"] == 32
    assert api.context.data_version() == before


def test_json_ld_agreements_are_held_to_the_depth_limit_too(api: Api) -> None:
    response = api.client.post(
        "/v1/agreements/validate",
        content=DEEP,
        headers={"Content-Type": "application/ld+json"},
    )
    assert_problem(response, 422, "EXPORTGRAPH_MAX_JSON_DEPTH")


def test_depth_is_measured_outside_strings_and_in_any_json_encoding() -> None:
    assert json_body.json_depth(b'["[[[[", {"a": "]]]\\"[["}]') == 2
    assert json_body.json_depth(json.dumps([[[1]]]).encode("utf-16")) == 3
    assert json_body.json_depth(b'"' + b"[" * 1000) == 0  # one unterminated string
    assert json_body.json_depth(b'"\\"[",' + b"[" * 3) == 3  # an escaped quote ends no string
    assert json_body.json_depth(b"[" * 200_000, stop_above=32) > 32


def test_brackets_inside_strings_do_not_count(api: Api) -> None:
    body = {**CLASSIFY, "as_of": "[" * 500}
    response = api.client.post("/v1/classify", json=body)
    assert response.status_code == 422  # a bad date, not a depth problem
    assert response.json()["type"].endswith("/invalid-input"), response.text


# ------------------------------------------------------------------------------ list lengths


def test_a_long_jurisdictions_list_is_422_naming_the_field(api: Api) -> None:
    # main accepted 8.7 million of them (200 after 5 s)
    response = api.client.post("/v1/classify", json={**CLASSIFY, "jurisdictions": ["US"] * 5000})
    problem = assert_problem(response, 422, "EXPORTGRAPH_MAX_JSON_ITEMS")
    assert problem["field"] == "jurisdictions"
    # under the generic item limit, the schema's own bound (64 codes) names it too
    response = api.client.post("/v1/classify", json={**CLASSIFY, "jurisdictions": ["US"] * 65})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "jurisdictions"


def test_a_long_list_anywhere_is_422_naming_its_path(api: Api) -> None:
    parameters = {f"p{index}": index for index in range(150)}
    body = {"item": {"kind": "quantum-computer", "parameters": parameters}}
    problem = assert_problem(
        api.client.post("/v1/classify", json=body), 422, "EXPORTGRAPH_MAX_JSON_ITEMS"
    )
    assert problem["field"] == "item.parameters"
    assert "150 entries" in problem["detail"]


def test_a_batch_over_the_item_limit_is_422(api: Api) -> None:
    response = api.client.post("/v1/agreements/validate", json=[{}] * 101)
    problem = assert_problem(response, 422, "EXPORTGRAPH_MAX_JSON_ITEMS")
    assert problem["field"] == "body"


# ------------------------------------------------------------------------------ body size


@pytest.mark.parametrize(
    ("path", "role", "limit"),
    [
        ("/v1/classify", None, LIMITS["max_body_bytes"]),
        ("/v1/assess", None, LIMITS["max_body_bytes"]),
        ("/v1/changes/1/approve", "reviewer", LIMITS["max_body_bytes"]),
        ("/v1/releases", "admin", LIMITS["max_body_bytes"]),
        ("/v1/agreements/validate", None, LIMITS["max_batch_body_bytes"]),
        ("/v1/changes", "editor", LIMITS["max_batch_body_bytes"]),
    ],
)
def test_a_body_over_the_route_limit_is_413(
    api: Api, path: str, role: str | None, limit: int
) -> None:
    headers = {"Content-Type": "application/json", **(api.auth[role] if role else {})}
    # a classify body like main's 50 MB one: a valid shape, a huge list
    body = json.dumps({**CLASSIFY, "jurisdictions": ["US"] * (limit // 5)}).encode()
    assert len(body) > limit
    setting = (
        "EXPORTGRAPH_MAX_BATCH_BODY"
        if limit > LIMITS["max_body_bytes"]
        else ("EXPORTGRAPH_MAX_BODY")
    )
    problem = assert_problem(api.client.post(path, content=body, headers=headers), 413, setting)
    assert problem["limit"]["value"] == limit


def test_a_body_just_under_the_limit_is_read(api: Api) -> None:
    body = json.dumps(CLASSIFY).encode()
    padded = body[:-1] + b" " * (LIMITS["max_body_bytes"] - len(body)) + b"}"
    assert len(padded) == LIMITS["max_body_bytes"]
    assert api.client.post("/v1/classify", content=padded).status_code == 200


def _drive(app: Any, path: str, headers: list[tuple[bytes, bytes]], chunks: int, size: int) -> Any:
    """Send a POST body of `chunks` × `size` bytes straight to the ASGI app; return the answer
    and how many chunks the app pulled."""
    pulled = 0
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        nonlocal pulled
        pulled += 1
        if pulled > chunks:
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": b"[" * size, "more_body": pulled < chunks}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"testserver"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 1),
        "server": ("testserver", 80),
        "state": {},
    }
    asyncio.run(app(scope, receive, send))
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start["status"], json.loads(body), pulled


@pytest.mark.parametrize(
    "headers",
    [
        [(b"transfer-encoding", b"chunked")],  # no Content-Length
        [(b"content-length", b"100")],  # a Content-Length that lies
    ],
    ids=["chunked", "lying-content-length"],
)
def test_an_oversized_stream_is_refused_before_it_is_read_in_full(
    api: Api, headers: list[tuple[bytes, bytes]]
) -> None:
    # 800 chunks of 16 KiB = 12.5 MiB offered to a 64 KiB route
    status, problem, pulled = _drive(api.app, "/v1/classify", headers, 800, 16 * KIB)
    assert status == 413
    assert problem["limit"]["setting"] == "EXPORTGRAPH_MAX_BODY"
    assert pulled <= LIMITS["max_body_bytes"] // (16 * KIB) + 1


def test_a_declared_oversized_body_is_refused_unread(api: Api) -> None:
    declared = [(b"content-length", str(50 * 1024 * 1024).encode())]
    status, problem, pulled = _drive(api.app, "/v1/classify", declared, 3200, 16 * KIB)
    assert status == 413
    assert "50" in problem["detail"] or str(50 * 1024 * 1024) in problem["detail"]
    assert pulled == 0


# ------------------------------------------------------------------------------ answer cache


def test_the_answer_cache_is_bounded_in_bytes_and_skips_big_bodies(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    # main kept 1,024 raw bodies whatever their size: 60 distinct 4.6 MB bodies held ~276 MB
    cache = KeptAnswers()
    monkeypatch.setattr(partners, "_ANSWERS", cache)
    budget = LIMITS["answer_cache_bytes"]
    question = json.dumps({**CLASSIFY, "jurisdictions": ["US", "EU", "GB", "JP"]}).encode()
    sizes = []
    for index in range(100):  # distinct bodies: the same question, padded differently
        response = api.client.post("/v1/classify", content=question + b" " * index)
        assert response.status_code == 200
        sizes.append(len(response.content))
        assert cache.bytes <= budget
    assert max(sizes) <= budget // 16, "the answers must be small enough to be cached"
    assert 0 < len(cache) < 100  # kept some, dropped the least recently used
    kept_answers = [cache.get(key) for key in list(cache._items)]
    assert cache.bytes == sum(len(found[1]) for found in kept_answers if found is not None)
    kept = len(cache)
    big = question + b" " * (partners.CACHED_BODY_BYTES + 1)
    assert api.client.post("/v1/classify", content=big).status_code == 200
    assert len(cache) == kept  # a big body's answer is not kept, nor its body
    assert all(len(key[3]) == 32 for key in cache._items)  # keyed by SHA-256, not by the body


# ------------------------------------------------------------------------------ SPARQL


def _query(size: int) -> str:
    values = " ".join(f'"v{index}"' for index in range(size // 8))
    return f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }}"


@pytest.mark.parametrize("how", ["get", "form", "direct"])
def test_a_query_over_the_size_limit_is_413_on_every_protocol_form(api: Api, how: str) -> None:
    query = _query(40 * KIB)  # main's 14 MB VALUES query, scaled to a 4 KiB limit
    if how == "get":
        response = api.client.get("/sparql", params={"query": query})
    elif how == "form":
        response = api.client.post("/sparql", data={"query": query})
    else:
        response = api.client.post(
            "/sparql", content=query, headers={"Content-Type": "application/sparql-query"}
        )
    problem = assert_problem(response, 413, "EXPORTGRAPH_SPARQL_MAX_QUERY")
    assert problem["field"] in ("query", "body")


def test_a_query_under_the_limit_runs(api: Api) -> None:
    response = api.client.get("/sparql", params={"query": _query(3 * KIB)})
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) > 100


def test_the_deadline_counts_from_the_arrival_of_the_request(api: Api) -> None:
    limit = api.context.settings.sparql_timeout_s
    with pytest.raises(QueryTimeout, match="time limit"):
        execute(api.context, "ASK {}", started=time.monotonic() - limit - 0.1)
    assert execute(api.context, "ASK {}", started=time.monotonic())[1]


def test_a_query_needing_more_memory_than_a_worker_may_use_is_413_and_others_are_served(
    api: Api,
) -> None:
    capped = Context(
        replace(api.context.settings, sparql_max_memory_mb=300, sparql_timeout_s=60.0),
        store=api.context.store,
    )
    try:
        greedy = "SELECT ?a ?d ?g WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d LIMIT 1"
        with pytest.raises(QueryTooLarge) as raised:
            execute(capped, greedy)
        assert raised.value.extensions()["limit"] == {
            "setting": "EXPORTGRAPH_SPARQL_MAX_MEMORY_MB",
            "value": 300,
            "unit": "MiB",
        }
        assert "EXPORTGRAPH_SPARQL_MAX_MEMORY_MB" in raised.value.detail
        assert b'"boolean": true' in execute(capped, "ASK { ?s ?p ?o }")[1]
    finally:
        close_pool(capped)


def test_the_openapi_describes_sparql_and_agreement_bodies(api: Api) -> None:
    paths = api.client.get("/openapi.json").json()["paths"]
    get = paths["/sparql"]["get"]
    assert any(p["name"] == "query" and p["required"] for p in get["parameters"])
    assert set(paths["/sparql"]["post"]["requestBody"]["content"]) == {
        "application/sparql-query",
        "application/x-www-form-urlencoded",
    }
    validate = paths["/v1/agreements/validate"]["post"]
    assert set(validate["requestBody"]["content"]) == {
        "application/json",
        "application/ld+json",
        "text/turtle",
    }
    assert set(validate["responses"]["200"]["content"]) == {
        "application/json",
        "text/turtle",
        "text/html",
    }
    assert validate["x-body-limit"]["setting"] == "EXPORTGRAPH_MAX_BATCH_BODY"
    assert paths["/v1/classify"]["post"]["x-body-limit"]["value"] == LIMITS["max_body_bytes"]


# ------------------------------------------------------------------------------ liveness


@dataclass
class Served:
    base: str
    context: Context


@pytest.fixture(scope="module")
def served(api: Api) -> Iterator[Served]:
    """The same app under uvicorn on loopback (a free port), in a thread."""
    api.context.data_version()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(api.app, host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield Served(f"http://127.0.0.1:{port}", api.context)
    server.should_exit = True
    thread.join(timeout=10)


def _healthz(base: str) -> int:
    # a generous timeout: this checks that it answers at all, not how fast
    return httpx.get(f"{base}/healthz", timeout=30).status_code


def test_healthz_answers_while_an_oversized_body_streams_in(served: Served) -> None:
    paused, resume = threading.Event(), threading.Event()
    outcome: dict[str, httpx.Response] = {}

    def body() -> Iterator[bytes]:  # chunked, no Content-Length
        yield b'{"item": {"kind": "quantum-computer"}, "jurisdictions": ['
        paused.set()
        resume.wait(30)
        for _ in range(64):
            yield b'"US", ' * 1000

    def send() -> None:
        try:
            outcome["response"] = httpx.post(
                f"{served.base}/v1/classify", content=body(), timeout=60
            )
        except httpx.HTTPError as error:  # the server may close while we still send
            outcome["error"] = error  # type: ignore[assignment]

    sender = threading.Thread(target=send)
    sender.start()
    assert paused.wait(30)
    assert _healthz(served.base) == 200  # while the hostile body is half sent
    resume.set()
    sender.join(60)
    if "response" in outcome:
        assert_problem(outcome["response"], 413, "EXPORTGRAPH_MAX_BODY")
    assert _healthz(served.base) == 200


def test_healthz_answers_while_a_big_body_is_parsed_and_answered(
    served: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    # hold the parser of a big classify body: were it on the event loop, /healthz would hang
    entered, release = threading.Event(), threading.Event()
    real = partners.parse_json

    def held(raw: bytes, settings: Settings) -> Any:
        entered.set()
        release.wait(30)
        return real(raw, settings)

    monkeypatch.setattr(partners, "parse_json", held)
    body = json.dumps({**CLASSIFY, "as_of": "2025-12-01" + " " * 0}).encode()
    body = body[:-1] + b" " * (partners.INLINE_BODY_BYTES + 1) + b"}"
    outcome: dict[str, httpx.Response] = {}
    sender = threading.Thread(
        target=lambda: outcome.update(
            response=httpx.post(f"{served.base}/v1/classify", content=body, timeout=60)
        )
    )
    sender.start()
    try:
        assert entered.wait(30)
        assert _healthz(served.base) == 200  # while the parser is held
    finally:
        release.set()
        sender.join(60)
    assert outcome["response"].status_code == 200


def test_healthz_answers_while_a_runaway_query_runs(served: Served) -> None:
    outcome: dict[str, httpx.Response] = {}
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"

    sender = threading.Thread(
        target=lambda: outcome.update(
            response=httpx.get(f"{served.base}/sparql", params={"query": runaway}, timeout=60)
        )
    )
    sender.start()
    time.sleep(0.5)  # let it reach a worker; the assertion below does not depend on it
    assert _healthz(served.base) == 200
    sender.join(60)
    assert outcome["response"].status_code == 503


def test_a_turtle_batch_over_the_agreement_limit_is_422_before_validation(api: Api) -> None:
    prefix = "@prefix eg: <https://w3id.org/exportgraph/ontology#> .\n"
    many = prefix + "".join(f"<urn:a{i}> a eg:Agreement .\n" for i in range(1001))
    response = api.client.post(
        "/v1/agreements/validate", content=many, headers={"Content-Type": "text/turtle"}
    )
    problem = assert_problem(response, 422, "EXPORTGRAPH_MAX_BATCH_ITEMS")
    assert "1001 agreements" in problem["detail"]


def test_the_agreement_check_page_holds_pasted_json_to_the_same_limits(api: Api) -> None:
    # the web form once passed the text straight to the validator: `[`x990 was a 500 there too
    response = api.client.post(
        "/agreements", data={"text": DEEP.decode(), "format": "application/json"}
    )
    assert response.status_code == 422
    assert "EXPORTGRAPH_MAX_JSON_DEPTH" in response.text


def test_a_form_upload_over_the_batch_limit_is_413(api: Api) -> None:
    # FastAPI turns any error while it parses a form into a 400: the limit still answers 413
    upload = {"file": ("agreements.json", b" " * (LIMITS["max_batch_body_bytes"] + 1))}
    response = api.client.post("/agreements", files=upload, data={"format": "application/json"})
    assert_problem(response, 413, "EXPORTGRAPH_MAX_BATCH_BODY")
    small = {"file": ("agreement.json", b"{}")}
    assert api.client.post("/agreements", files=small).status_code == 200
