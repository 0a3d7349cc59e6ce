"""POST /v1/agreements/validate: formats in and out, problem+json errors, parallel requests."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from fastapi.testclient import TestClient

URL = "/v1/agreements/validate"
CASES = Path(__file__).parent / "cases"
Case = Callable[[str], dict[str, Any]]


def _post(
    client: TestClient,
    body: bytes,
    content_type: str = "application/json",
    accept: str = "application/json",
) -> Any:
    return client.post(URL, content=body, headers={"Content-Type": content_type, "Accept": accept})


def test_single_agreement_gives_one_result(client: TestClient) -> None:
    response = _post(client, (CASES / "conforming.json").read_bytes())
    assert response.status_code == 200
    body = response.json()
    assert (
        body["conforms"] is True
        and body["violations"] == []
        and body["agreement"].startswith("urn:")
    )


def test_array_gives_one_result_per_agreement(client: TestClient, case: Case) -> None:
    names = ["conforming", "agr-dates", "agr-reporting"]
    response = _post(client, json.dumps([case(n) for n in names]).encode())
    assert response.status_code == 200
    body = response.json()
    assert [r["conforms"] for r in body] == [True, False, False]
    assert [sorted({v["rule"] for v in r["violations"]}) for r in body] == [
        [],
        ["AGR-DATES"],
        ["AGR-REPORTING"],
    ]


def test_same_item_ids_in_a_batch_do_not_mix(client: TestClient, case: Case) -> None:
    uncovered = case("agr-licence-coverage")
    uncovered["id"] = case("conforming")["id"]  # same agreement, item and licence ids
    body = _post(
        client, json.dumps([case("conforming"), uncovered, case("conforming")]).encode()
    ).json()
    assert [r["conforms"] for r in body] == [True, False, True]


def test_json_ld_with_the_bundled_context_name_is_accepted(client: TestClient, case: Case) -> None:
    document = case("conforming")
    document["@context"] = "https://w3id.org/exportgraph/agreement.context.jsonld"
    assert (
        _post(client, json.dumps(document).encode(), "application/ld+json").json()["conforms"]
        is True
    )


@pytest.mark.parametrize(
    "named", ["http://127.0.0.1:9/ctx.jsonld", "file:///etc/passwd", {"@vocab": "urn:x:"}]
)
def test_any_other_context_is_refused_without_fetching(
    client: TestClient, case: Case, named: object
) -> None:
    document = case("conforming")
    document["@context"] = named
    response = _post(client, json.dumps(document).encode(), "application/ld+json")
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "@context" in response.json()["detail"]


def test_turtle_in_and_shacl_report_out(client: TestClient) -> None:
    body = (CASES / "agr-licence-validity.json").read_bytes()
    response = _post(client, body, accept="text/turtle")
    assert response.status_code == 200 and response.headers["content-type"].startswith(
        "text/turtle"
    )
    store = pyoxigraph.Store()
    store.load(response.content, pyoxigraph.RdfFormat.TURTLE)
    rows = list(
        store.query(
            "PREFIX sh: <http://www.w3.org/ns/shacl#> PREFIX eg: <https://w3id.org/exportgraph/ontology#> "
            "SELECT ?conforms ?rule WHERE { ?r a sh:ValidationReport ; sh:conforms ?conforms ; sh:result ?x . "
            "?x eg:ruleId ?rule ; sh:resultSeverity sh:Violation ; sh:focusNode ?f ; sh:resultMessage ?m }"
        )
    )
    assert [(str(r["conforms"].value), r["rule"].value) for r in rows] == [
        ("false", "AGR-LICENCE-VALIDITY")
    ]
    turtle = _post(client, (CASES / "conforming.ttl").read_bytes(), "text/turtle")
    assert turtle.status_code == 200 and turtle.json()["conforms"] is True


def test_html_report_is_self_contained(client: TestClient, case: Case) -> None:
    body = json.dumps([case("conforming"), case("agr-exchange-licence")]).encode()
    response = _post(client, body, accept="text/html")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "AGR-EXCHANGE" in page and "urn:agreement:case-agr-exchange-licence" in page
    for external in ("<script", "<link", "src=", "href=", "@import", "url("):
        assert external not in page


@pytest.mark.parametrize(
    ("body", "content_type", "status", "named"),
    [
        (b'{"id": "urn:a:1",\n "parties": [}', "application/json", 400, "line 2"),
        (b'{"effective_date": 20250301}', "application/json", 422, "effective_date"),
        (  # contract §4: any non-empty string is an id; an empty one is not
            b'[{"id": "urn:a:1"}, {"items": [{"id": ""}]}]',
            "application/json",
            422,
            "[1].items[0].id",
        ),
        (b'{"licences": {"id": "urn:l:1"}}', "application/json", 422, "licences"),
        (b'{"expiry_dat": "2026-01-01"}', "application/json", 422, "expiry_dat"),
        (
            b'{"items": [{"kind": "quantum-computer", "parameters": {"qubits": 5}}], "parties": '
            b'[{"country": "CA", "role": "exporter"}], "destination": "JP", "effective_date": "2025-03-01"}',
            "application/json",
            422,
            "qubits",
        ),
        (
            b"@prefix eg: <https://w3id.org/exportgraph/ontology#> .\n<urn:a> a eg:Agreement ;\n eg:x ]",
            "text/turtle",
            400,
            "line 3",
        ),
        (
            b"@prefix eg: <https://w3id.org/exportgraph/ontology#> .\n<urn:a> a eg:Agreement ; eg:effectiveDate 20250301 .",
            "text/turtle",
            422,
            "effectiveDate",
        ),
        (b"<urn:a> <urn:p> <urn:o> .", "text/turtle", 422, "Agreement"),
        (b"[]", "application/json", 422, "empty"),
        (b"a,b", "text/csv", 415, "text/csv"),
    ],
)
def test_malformed_input_is_a_problem_naming_the_line_or_field(
    client: TestClient, body: bytes, content_type: str, status: int, named: str
) -> None:
    response = _post(client, body, content_type)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["status"] == status and named in problem["detail"]


def test_malformed_dates_are_rule_results_not_errors(client: TestClient, case: Case) -> None:
    document = case("conforming")
    document["expiry_date"] = "2026-02-30"
    body = _post(client, json.dumps(document).encode()).json()
    assert {v["rule"] for v in body["violations"] if v["severity"] == "violation"} == {"AGR-DATES"}


def test_unacceptable_accept_is_406(client: TestClient) -> None:
    response = _post(client, (CASES / "conforming.json").read_bytes(), accept="image/png")
    assert response.status_code == 406


def test_parallel_requests_answer_as_sequential_ones(client: TestClient, case: Case) -> None:
    names = sorted(p.stem for p in CASES.glob("*.json"))
    bodies = [json.dumps([case(n) for n in names[i::4]]).encode() for i in range(4)]
    bodies += [(CASES / f"{n}.json").read_bytes() for n in names]
    sequential = [_post(client, b).json() for b in bodies]
    for body in sequential:
        for result in body if isinstance(body, list) else [body]:
            result.pop("engine")
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda b: _post(client, b).json(), bodies * 3))
    for body in parallel:
        for result in body if isinstance(body, list) else [body]:
            result.pop("engine")
    assert parallel == sequential * 3


def test_a_triple_term_in_turtle_is_a_problem_naming_the_property(client: TestClient) -> None:
    turtle = (CASES / "conforming.ttl").read_bytes() + (
        b"<urn:agreement:qlab-ca-jp-2025-ttl> eg:party <<( <urn:s> <urn:p> <urn:o> )>> .\n"
    )
    response = _post(client, turtle, "text/turtle")
    assert response.status_code == 422, response.text
    assert "ontology#party" in response.json()["detail"]
    assert "triple term" in response.json()["detail"]
