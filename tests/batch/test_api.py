"""POST /v1/classify/batch: JSON and CSV in, JSON and NDJSON out (streamed, read back line by
line), bad items and broken rows isolated, whole-request errors as problems, the OpenAPI
description, and `exportgraph classify --file`."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from exportgraph.api.app import create_app
from exportgraph.api.routers.batch import CSV_EXAMPLE, JSON_EXAMPLE
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from exportgraph.cli import app
from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.batch import classify_batch
from exportgraph.services.partners.synthetic import synthetic_items
from tests.batch.conftest import assert_same_as_single, single

CSV_HEADERS = {"content-type": "text/csv"}
NDJSON = {"accept": "application/x-ndjson"}


def _problem(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert {"type", "title", "status", "detail"} <= set(body)
    if field is not None:
        assert body.get("field") == field, body
    return body


def test_json_batch_is_the_service_answer(client: TestClient, knowledge: Knowledge) -> None:
    response = client.post("/v1/classify/batch", json=JSON_EXAMPLE)
    assert response.status_code == 200
    body = response.json()
    assert body == classify_batch(
        knowledge, JSON_EXAMPLE["items"], JSON_EXAMPLE["jurisdictions"], JSON_EXAMPLE["as_of"]
    )
    qc, unknown, fridge, typo = body["items"]
    assert qc["results"][0] == {
        "jurisdiction": "US",
        "controlled": True,
        "entries": ["US:4A906.a.2", "US:4A906.a", "US:4A906"],
    }
    assert unknown["results"][1]["controlled"] == "unknown"
    assert unknown["results"][1]["missing"] == ["cnot-error"]
    assert fridge["results"][0]["controlled"] is True  # 800 uW, 100 mK, 168 h converted
    assert typo["error"]["status"] == 422
    assert typo["error"]["field"] == "items[3].item.kind"
    assert body["summary"]["US"] == {"true": 2, "false": 0, "unknown": 1}
    assert body["errors"] == 1


def test_ndjson_streams_one_line_per_item_then_the_summary(
    client: TestClient, knowledge: Knowledge
) -> None:
    batch = synthetic_items(knowledge, 3000, seed=21, bad=0.02)
    body = {"items": batch, "as_of": "2025-12-01", "jurisdictions": ["US", "EU", "JP"]}
    lines = []
    with client.stream("POST", "/v1/classify/batch", json=body, headers=NDJSON) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("application/x-ndjson")
        for line in response.iter_lines():
            if line:
                lines.append(json.loads(line))
    *items, closing = lines
    assert len(items) == 3000 and "id" not in closing
    assert_same_as_single(knowledge, batch, items, ["US", "EU", "JP"], "2025-12-01")
    assert closing["items"] == 3000
    assert closing["errors"] == sum(1 for item in items if "error" in item) > 0
    assert closing["as_of"] == "2025-12-01" and closing["jurisdictions"] == ["US", "EU", "JP"]
    assert sum(closing["summary"]["EU"].values()) == 3000 - closing["errors"]


def test_csv_with_units_in_the_header(client: TestClient, knowledge: Knowledge) -> None:
    response = client.post(
        "/v1/classify/batch?jurisdiction=US&jurisdiction=EU&as_of=2025-12-01",
        content=CSV_EXAMPLE,
        headers=CSV_HEADERS,
    )
    assert response.status_code == 200, response.text
    fridge = response.json()["items"][2]
    expected = single(
        knowledge,
        {
            "kind": "dilution-refrigerator",
            "parameters": {
                "cooling-power": {"value": 800, "unit": "uW"},
                "cooling-power-temperature": {"value": 100, "unit": "mK"},
                "continuous-operation": 168,
            },
        },
        ["US", "EU"],
        "2025-12-01",
    )
    assert fridge == {"id": "fridge-1", "results": expected}
    assert [v["controlled"] for v in fridge["results"]] == [True, True]


def test_a_value_just_below_a_threshold_in_other_units(client: TestClient) -> None:
    """599 uW is below the 600 uW (0.0006 W) the US and EU lists name; 0.6 mW is on it."""
    text = (
        "id,kind,cooling-power[uW],cooling-power-temperature[mK],continuous-operation[day]\n"
        "below,dilution-refrigerator,599.999,100,3\n"
        "on,dilution-refrigerator,600,100,3\n"
    )
    response = client.post(
        "/v1/classify/batch?jurisdiction=US&as_of=2025-12-01", content=text, headers=CSV_HEADERS
    )
    below, on = response.json()["items"]
    assert below["results"][0]["controlled"] is False
    assert on["results"][0]["controlled"] is True


def test_broken_rows_are_reported_in_place(client: TestClient) -> None:
    text = (
        "id,kind,physical-qubits,cnot-error,specially-designed-for-controlled-quantum-computer\n"
        "ok-1,quantum-computer,120,8e-4,\n"
        "short,quantum-computer,120\n"
        'quote,quantum-computer,"12"0,1e-3,\n'
        "letters,quantum-computer,many,1e-3,\n"
        "typo,quantum-computr,120,1e-3,\n"
        "fact,qubit-device,,,maybe\n"
        ",quantum-computer,120,1e-3,\n"
        "\n"
        "ok-2,quantum-computer,2400,,\n"
    )
    response = client.post(
        "/v1/classify/batch?jurisdiction=EU&as_of=2025-12-01",
        content=text,
        headers={**CSV_HEADERS, **NDJSON},
    )
    assert response.status_code == 200
    lines = [json.loads(line) for line in response.text.splitlines()]
    *items, closing = lines
    assert [item.get("id") for item in items] == [
        "ok-1",
        "short",
        None,
        "letters",
        "typo",
        "fact",
        None,
        "ok-2",
    ]
    errors = {index: item["error"] for index, item in enumerate(items) if "error" in item}
    assert sorted(errors) == [1, 2, 3, 4, 5, 6]
    assert errors[1]["field"] == "line 3" and errors[1]["status"] == 400
    assert "3 fields where the header has 5" in errors[1]["detail"]
    assert errors[2]["field"] == "line 4" and errors[2]["status"] == 400
    assert errors[3]["field"] == "line 5.parameters.physical-qubits"
    assert errors[4]["field"] == "line 6.kind"
    assert errors[5]["field"] == "line 7.facts.specially-designed-for-controlled-quantum-computer"
    assert errors[6]["detail"] == "line 8: the id is empty"
    assert items[0]["results"][0]["controlled"] is True
    assert items[-1]["results"][0]["controlled"] is True  # 2400 qubits: whatever the error
    assert closing["errors"] == 6 and closing["items"] == 8


@pytest.mark.parametrize(
    ("text", "status", "field"),
    [
        ("id,kind,qubits\n", 422, "header, column 3 ('qubits')"),
        (
            "id,kind,cooling-power[furlong]\n",
            422,
            "header, column 3 ('cooling-power[furlong]').unit",
        ),
        ("id,kind,cooling-power[K]\n", 422, "header, column 3 ('cooling-power[K]').unit"),
        ("id,physical-qubits\n", 422, "header"),
        ("id,kind,kind\n", 422, "header, column 3 ('kind')"),
        ("", 400, "header"),
    ],
)
def test_csv_header_problems(client: TestClient, text: str, status: int, field: str) -> None:
    _problem(client.post("/v1/classify/batch", content=text, headers=CSV_HEADERS), status, field)


@pytest.mark.parametrize(
    ("body", "status", "field"),
    [
        (b'{"items": [', 400, "body"),
        (b"\xff\xfe", 400, "body"),
        (b"", 400, "body"),
        (b"[]", 422, "body"),
        (b'{"items": {}}', 422, "items"),
        (b'{"items": [], "extra": 1}', 422, "extra"),
        (b'{"items": [], "jurisdictions": ["XX"]}', 422, "jurisdictions[0]"),
        (b'{"items": [], "as_of": "yesterday"}', 422, "as_of"),
    ],
)
def test_request_problems(client: TestClient, body: bytes, status: int, field: str) -> None:
    response = client.post(
        "/v1/classify/batch", content=body, headers={"content-type": "application/json"}
    )
    _problem(response, status, field)


def test_query_and_body_may_not_both_name_the_jurisdictions(client: TestClient) -> None:
    response = client.post(
        "/v1/classify/batch?jurisdiction=US", json={"items": [], "jurisdictions": ["EU"]}
    )
    _problem(response, 422, "jurisdictions")


def test_wrong_content_type_and_accept(client: TestClient) -> None:
    _problem(
        client.post("/v1/classify/batch", content=b"x", headers={"content-type": "text/plain"}),
        400,
        "Content-Type",
    )
    _problem(
        client.post("/v1/classify/batch", json={"items": []}, headers={"accept": "text/html"}),
        406,
    )


def test_items_in_error_never_fail_the_others(client: TestClient) -> None:
    items: list[Any] = [
        {"id": "a", "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": 2400}}},
        "not an object",
        {"id": "", "item": {"kind": "quantum-computer"}},
        {"id": "c"},
        {"id": "d", "item": {"kind": "quantum-computer"}, "note": 1},
        {"id": True, "item": {"kind": "quantum-computer"}},
        {"id": 7, "item": {"kind": "quantum-computer", "parameters": {"cnot-error": 1e999}}},
        {"id": 8, "item": {"kind": "quantum-computer", "parameters": {"physical-qubits": "1e400"}}},
        {"id": 9, "item": {"kind": "software"}},
        {"id": "\ud800", "item": {"kind": "quantum-computer"}},
    ]
    body = json.dumps({"items": items, "jurisdictions": ["US"]}).replace("1e999", "1e999")
    response = client.post(
        "/v1/classify/batch", content=body, headers={"content-type": "application/json"}
    )
    assert response.status_code == 200, response.text
    answered = response.json()["items"]
    assert answered[0]["results"][0]["controlled"] is True
    fields = [item.get("error", {}).get("field") for item in answered]
    assert fields == [
        None,
        "items[1]",
        "items[2].id",
        "items[3].item",
        "items[4]",
        "items[5].id",
        "items[6].item.parameters.cnot-error",
        "items[7].item.parameters.physical-qubits",
        "items[8].item.for_kind",
        None,
    ]
    assert answered[9]["id"] == "\ud800" and answered[9]["results"]


def test_size_limits(context: Context) -> None:
    """Over EXPORTGRAPH_MAX_BULK_BODY: 413; more items than EXPORTGRAPH_MAX_BULK_ITEMS: 422
    naming the limit (as the house's count limits)."""
    small = Context(
        replace(context.settings, max_bulk_body_bytes=2_000, max_bulk_items=3),
        store=context.store,
    )
    client = TestClient(create_app(small))
    items = [{"id": i, "item": {"kind": "quantum-computer"}} for i in range(4)]
    body = _problem(client.post("/v1/classify/batch", json={"items": items}), 422, "items")
    assert body["limit"] == {"setting": "EXPORTGRAPH_MAX_BULK_ITEMS", "value": 3, "unit": "items"}
    big = {"items": [{"id": "x" * 3_000, "item": {"kind": "quantum-computer"}}]}
    body = _problem(client.post("/v1/classify/batch", json=big), 413, "body")
    assert body["limit"]["setting"] == "EXPORTGRAPH_MAX_BULK_BODY"
    text = "id,kind\n" + "".join(f"{i},quantum-computer\n" for i in range(4))
    _problem(client.post("/v1/classify/batch", content=text, headers=CSV_HEADERS), 422, "items")
    _problem(client.post("/v1/impact", json={"change": {}, "corpus": items}), 422, "corpus")
    ok = client.post("/v1/classify/batch", json={"items": items[:3]})
    assert ok.status_code == 200
    spec = client.get("/openapi.json").json()["paths"]["/v1/classify/batch"]["post"]
    assert spec["x-body-limit"]["setting"] == "EXPORTGRAPH_MAX_BULK_BODY"


def test_openapi_describes_both_media_types_each_way(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    operation = spec["paths"]["/v1/classify/batch"]["post"]
    assert set(operation["requestBody"]["content"]) == {"application/json", "text/csv"}
    assert operation["requestBody"]["content"]["text/csv"]["example"] == CSV_EXAMPLE
    answers = operation["responses"]["200"]["content"]
    assert set(answers) == {"application/json", "application/x-ndjson"}
    assert {p["name"] for p in operation["parameters"]} == {"jurisdiction", "as_of"}
    schemas = spec["components"]["schemas"]

    def refs(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [node["$ref"]] if "$ref" in node else []
            return found + [r for value in node.values() for r in refs(value)]
        if isinstance(node, list):
            return [r for value in node for r in refs(value)]
        return []

    for ref in refs(operation):
        assert ref.removeprefix("#/components/schemas/") in schemas, ref
    assert set(schemas["BatchItem"]["properties"]) == {"id", "results", "error"}
    verdict = schemas["BatchVerdict"]["properties"]
    assert {"jurisdiction", "controlled", "entries", "missing"} <= set(verdict)


# ---------------------------------------------------------------------------- command line

runner = CliRunner()


@pytest.fixture
def shared_store(monkeypatch: pytest.MonkeyPatch, context: Context) -> None:
    monkeypatch.setattr("exportgraph.cli.partners.make_context", lambda store: context)


@pytest.mark.usefixtures("shared_store")
def test_cli_classifies_a_csv_file(tmp_path: Path, knowledge: Knowledge) -> None:
    path = tmp_path / "items.csv"
    path.write_text(CSV_EXAMPLE + "bad,nope,,,,,\n", encoding="utf-8")
    result = runner.invoke(
        app, ["classify", "--file", str(path), "-j", "US", "--as-of", "2025-12-01", "--json"]
    )
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert [item["id"] for item in answer["items"]] == ["qc-120", "qc-no-error", "fridge-1", "bad"]
    assert answer["items"][3]["error"]["field"] == "line 5.kind"
    assert answer["summary"]["US"] == {"true": 2, "false": 0, "unknown": 1}

    result = runner.invoke(
        app,
        ["classify", "--file", str(path), "-j", "US", "-j", "EU", "--as-of", "2025-12-01", "--csv"],
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == "id,US,US entries,US missing,EU,EU entries,EU missing,error"
    assert (
        lines[1]
        == "qc-120,true,US:4A906.a.2 US:4A906.a US:4A906,,true,EU:4A506.a.2 EU:4A506.a EU:4A506,,"
    )
    assert lines[2] == "qc-no-error,unknown,,cnot-error,unknown,,cnot-error,"
    assert lines[4].startswith("bad,,,,,,,") and 'unknown kind ""nope""' in lines[4]


@pytest.mark.usefixtures("shared_store")
def test_cli_classifies_a_json_file(tmp_path: Path, knowledge: Knowledge) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps(JSON_EXAMPLE["items"]), encoding="utf-8")
    result = runner.invoke(app, ["classify", "--file", str(path), "--as-of", "2025-12-01"])
    assert result.exit_code == 0, result.output
    assert "4 items as of 2025-12-01 (1 in error)" in result.stdout
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(app, ["classify", "--file", str(broken)])
    assert result.exit_code == 2 and "not JSON" in " ".join(result.output.split())
    result = runner.invoke(app, ["classify", "--file", str(path), "--kind", "quantum-computer"])
    assert result.exit_code == 2


@pytest.mark.usefixtures("shared_store")
def test_cli_writes_a_synthetic_corpus_that_classify_reads(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    result = runner.invoke(
        app, ["synthetic-corpus", "-n", "500", "--seed", "4", "--bad", "0.05", "-o", str(path)]
    )
    assert result.exit_code == 0, result.output
    assert path.read_text(encoding="utf-8").count("\n") == 501
    result = runner.invoke(app, ["classify", "--file", str(path), "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert len(answer["items"]) == 500 and 0 < answer["errors"] < 100
    result = runner.invoke(app, ["synthetic-corpus", "-n", "20", "--format", "json"])
    assert result.exit_code == 0
    assert len(json.loads(result.stdout)["items"]) == 20


def test_a_query_parameter_the_route_does_not_take_is_refused(client: TestClient) -> None:
    # a mistyped ?jurisdictions=US (the route takes a repeated ?jurisdiction=) used to be
    # ignored: the batch was classified in every jurisdiction without a word
    text = "id,kind,cooling-power[uW]\nfridge,dilution-refrigerator,700\n"
    response = client.post("/v1/classify/batch?jurisdictions=US", content=text, headers=CSV_HEADERS)
    problem = _problem(response, 422, "jurisdictions")
    assert "as_of, jurisdiction" in problem["detail"]
    taken = client.post("/v1/classify/batch?jurisdiction=US", content=text, headers=CSV_HEADERS)
    assert taken.status_code == 200
    assert [r["jurisdiction"] for r in taken.json()["items"][0]["results"]] == ["US"]
