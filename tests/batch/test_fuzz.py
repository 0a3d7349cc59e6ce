"""Fuzzing the batch and what-if routes: mutated JSON bodies, odd CSV, odd changes (Turtle that
adds criteria no service expects) — never a 500, every error a problem, nothing written."""

from __future__ import annotations

import copy
import json
from typing import Any

from exportgraph.api.routers.batch import CSV_EXAMPLE, JSON_EXAMPLE
from exportgraph.api.routers.impact import IMPACT_EXAMPLES
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportgraph.graph.context import Context

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
ODD: list[Any] = [
    None,
    True,
    0,
    -1,
    1e308,
    "",
    "x",
    "1e999",
    "100 furlong",
    [],
    {},
    [1, [2]],
    {"value": "nan", "unit": "K"},
    {"value": 1, "unit": ["K"]},
    "\ud800",
    2**70,
]


def _paths(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*path, index))
    return found


@st.composite
def mutated(draw: st.DrawFn, seed: Any) -> Any:
    body = copy.deepcopy(seed)
    for _ in range(draw(st.integers(1, 4))):
        paths = [p for p in _paths(body) if p]
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent = body
        for step in path[:-1]:
            parent = parent[step]
        action = draw(st.sampled_from(["replace", "drop", "add"]))
        if action == "drop" and isinstance(parent, dict):
            del parent[path[-1]]
        elif action == "add" and isinstance(parent, dict):
            key = draw(st.sampled_from(["extra", "kind", "unit", "remove", "id"]))
            parent[key] = copy.deepcopy(draw(st.sampled_from(ODD)))
        else:
            parent[path[-1]] = copy.deepcopy(draw(st.sampled_from(ODD)))
    return body


def _check(context: Context, response: Any, version: str) -> None:
    assert response.status_code < 500, response.text[:500]
    if response.status_code >= 400:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert {"type", "title", "status", "detail"} <= set(response.json())
    assert context.data_version() == version


@FUZZ
@given(body=mutated(JSON_EXAMPLE), ndjson=st.booleans())
def test_batch_json_never_fails(
    client: TestClient, context: Context, body: Any, ndjson: bool
) -> None:
    version = context.data_version()
    headers = {"content-type": "application/json"}
    if ndjson:
        headers["accept"] = "application/x-ndjson"
    response = client.post("/v1/classify/batch", content=json.dumps(body), headers=headers)
    _check(context, response, version)
    if response.status_code == 200 and not ndjson:
        answer = response.json()
        assert len(answer["items"]) == len(body["items"])


@FUZZ
@given(
    lines=st.lists(
        st.lists(
            st.sampled_from(
                ["", "120", "8e-4", "quantum-computer", '"', "a,b", "true", "1 K", "\x00", "é"]
            ),
            max_size=8,
        ),
        max_size=6,
    ),
    header=st.sampled_from([0, 1, 2]),
)
def test_batch_csv_never_fails(
    client: TestClient, context: Context, lines: list[list[str]], header: int
) -> None:
    version = context.data_version()
    head = CSV_EXAMPLE.splitlines()[0] if header else "id,kind,physical-qubits"
    text = head + "\n" + "\n".join(",".join(cells) for cells in lines)
    if header == 2:
        text = CSV_EXAMPLE + text.split("\n", 1)[1]
    response = client.post(
        "/v1/classify/batch", content=text.encode(), headers={"content-type": "text/csv"}
    )
    _check(context, response, version)


_TURTLE = [
    'EU:4A506.a.2\\/alt\\/1\\/cnot-error\\/le eg:comparator "~" .',
    'EU:4A506.a.2\\/alt\\/1\\/cnot-error\\/le eg:thresholdValue "abc"^^xsd:decimal .',
    "EU:4A506.a.2\\/alt\\/1\\/cnot-error\\/le eg:unit unit:K .",
    "EU:4A506.a.2 eg:parentEntry EU:4A506.a.2\\/alt .",
    "EU:4A506.a.2\\/alt\\/1\\/cnot-error\\/le eg:parameter parameter:no-such .",
    "EU:4A506.a eg:subEntry EU:4A506 .",
    "kind:quantum-computer skos:broader kind:quantum-computer .",
    'EU:X eg:alternative EU:X\\/alt . EU:X\\/alt eg:criterion EU:X\\/c . EU:X\\/c eg:comparator ">" .',
]


# each valid example rebuilds a sandbox index (~2 s): fewer examples, the same kinds of damage
@settings(FUZZ, max_examples=20)
@given(
    example=st.sampled_from(sorted(IMPACT_EXAMPLES)),
    data=st.data(),
    turtle=st.lists(st.sampled_from(_TURTLE), max_size=3),
)
def test_impact_never_fails(
    client: TestClient, context: Context, example: str, data: st.DataObject, turtle: list[str]
) -> None:
    version = context.data_version()
    body = data.draw(mutated(IMPACT_EXAMPLES[example]["value"]))
    if turtle and isinstance(body, dict):
        body["change"] = {"add": "\n".join(turtle)}
    response = client.post(
        "/v1/impact", content=json.dumps(body), headers={"content-type": "application/json"}
    )
    _check(context, response, version)
