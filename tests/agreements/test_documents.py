"""What each accepted input format (JSON, JSON-LD, Turtle) may not do: give an item (or any
clause or code) as text, nest deeper than an agreement can, state facts about the knowledge
graph's own nodes. Each is a domain error naming the problem, never a silent drop or a 500."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from exportgraph.errors import ExportgraphError, InvalidInput
from exportgraph.services.auditors.agreements import Validator, parsing
from exportgraph.services.auditors.agreements.nesting import MAX_DEPTH

URL = "/v1/agreements/validate"
CONTEXT = "https://w3id.org/exportgraph/agreement.context.jsonld"
PREFIXES = (
    b"@prefix eg: <https://w3id.org/exportgraph/ontology#> .\n"
    b"@prefix jur: <https://w3id.org/exportgraph/id/jurisdiction/> .\n"
    b"@prefix kind: <https://w3id.org/exportgraph/id/kind/> .\n"
)


# ---------------------------------------------------------------- an item given as text


@pytest.mark.parametrize(
    ("body", "content_type", "field"),
    [
        (b'{"id": "A-1", "items": ["QC-120"]}', "application/json", "items[0]"),
        (
            json.dumps({"@context": CONTEXT, "id": "A-1", "items": ["QC-120"]}).encode(),
            "application/ld+json",
            "items[0]",
        ),
        (
            json.dumps({"@context": CONTEXT, "items": [{"@value": "QC-120"}]}).encode(),
            "application/ld+json",
            "items[0].@value",
        ),
        (
            json.dumps({"@context": CONTEXT, "items": "QC-120"}).encode(),
            "application/ld+json",
            "items",
        ),
        (PREFIXES + b'<urn:a> a eg:Agreement ; eg:item "QC-120" .', "text/turtle", "items"),
        (PREFIXES + b'<urn:a> a eg:Agreement ; eg:item "QC-120"@en .', "text/turtle", "items"),
        (
            PREFIXES + b"<urn:a> a eg:Agreement ; eg:licence [ eg:covers 'QC-120' ] .",
            "text/turtle",
            "covers",
        ),
        (
            PREFIXES + b'<urn:a> a eg:Agreement ; eg:destination "JP" .',
            "text/turtle",
            "destination",
        ),
        (
            PREFIXES + b'<urn:a> a eg:Agreement ; eg:item [ eg:kind "technology" ] .',
            "text/turtle",
            "kind",
        ),
    ],
)
def test_text_where_an_item_belongs_is_a_problem_naming_the_field(
    client: TestClient, body: bytes, content_type: str, field: str
) -> None:
    with pytest.raises(InvalidInput) as raised:
        parsing.parse(body, content_type)
    assert raised.value.field == field and field in raised.value.detail
    response = client.post(URL, content=body, headers={"Content-Type": content_type})
    assert response.status_code == 422, response.text
    assert field in response.json()["detail"]


def test_an_item_node_is_still_read_beside_the_check(validator: Validator) -> None:
    turtle = PREFIXES + (
        b"<urn:a> a eg:Agreement ; eg:item [ eg:kind kind:technology ] ; "
        b"eg:party [ eg:role 'exporter' ; eg:country jur:US ] ; eg:destination jur:CN ; "
        b'eg:effectiveDate "2026-03-01" .'
    )
    reports, _ = validator.validate_body(turtle, "text/turtle")
    assert [f["subject"] for f in reports[0].findings] == ["urn:a/items[0]"]


# ---------------------------------------------------------------- nesting


def _deep_json(levels: int) -> bytes:
    return b"[" * levels + b"]" * levels


DEEP = [
    pytest.param(_deep_json(990), "application/json", id="json-array-990"),
    pytest.param(
        b'{"id": "A", "name": ' + _deep_json(100_000) + b"}", "application/json", id="json-field"
    ),
    pytest.param(
        b'{"items": [{"parameters": {"physical-qubits": ' + _deep_json(5_000) + b"}}]}",
        "application/json",
        id="json-parameters",
    ),
    pytest.param(_deep_json(990), "application/ld+json", id="json-ld-array-990"),
    pytest.param(
        json.dumps({"@context": CONTEXT}).encode()[:-1]
        + b', "end_use": {"statement": '
        + b'{"a": ' * 5_000
        + b"1"
        + b"}" * 5_000
        + b"}}",
        "application/ld+json",
        id="json-ld-objects",
    ),
    pytest.param(
        PREFIXES
        + b"<urn:a> a eg:Agreement ; eg:party "
        + b"[ eg:party " * 5_000
        + b"[]"
        + b" ]" * 5_000
        + b" .",
        "text/turtle",
        id="turtle-clauses",
    ),
    pytest.param(
        PREFIXES + b"<urn:a> a eg:Agreement ; eg:item " + b"(" * 5_000 + b")" * 5_000 + b" .",
        "text/turtle",
        id="turtle-collections",
    ),
    pytest.param(
        PREFIXES
        + b"<urn:a> a eg:Agreement ; eg:item [ eg:kind kind:quantum-computer ; eg:parameters "
        + b'"""'
        + _deep_json(100_000)
        + b'""" ] .',
        "text/turtle",
        id="turtle-parameters",
    ),
]


@pytest.mark.parametrize(("body", "content_type"), DEEP)
def test_deep_nesting_is_a_domain_error_in_every_format(
    validator: Validator, body: bytes, content_type: str
) -> None:
    with pytest.raises(ExportgraphError) as raised:  # a RecursionError would fail the test
        validator.validate_body(body, content_type)
    assert raised.value.status in (400, 422)
    assert f"more than {MAX_DEPTH} levels deep" in raised.value.detail


def test_deep_nesting_answers_422_not_500(client: TestClient) -> None:
    response = client.post(
        URL, content=_deep_json(990), headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert "levels deep" in response.json()["detail"]


def test_a_cycle_of_clauses_is_named_without_looping(validator: Validator) -> None:
    turtle = PREFIXES + (
        b"_:x a eg:Agreement ; eg:licence _:l . _:l eg:covers _:i . _:i eg:licence _:l ."
    )
    reports, _ = validator.validate_body(turtle, "text/turtle")
    assert {v.focus for v in reports[0].violations if v.rule == "AGR-LICENCE-VALIDITY"} == {
        "(agreement without id)/licences[0]"
    }


def test_nesting_just_within_the_limit_is_read(validator: Validator) -> None:
    chain = b"[ eg:statement 'x' ; eg:endUse " * (MAX_DEPTH - 2) + b"[]" + b" ]" * (MAX_DEPTH - 2)
    reports, _ = validator.validate_body(
        PREFIXES + b"<urn:a> a eg:Agreement ; eg:endUse " + chain + b" .", "text/turtle"
    )
    assert reports[0].agreement == "urn:a"


# ---------------------------------------------------------------- the knowledge graph's own nodes


def test_a_document_cannot_make_a_code_a_country(validator: Validator) -> None:
    turtle = PREFIXES + (
        b"<urn:a> a eg:Agreement ; eg:destination jur:XX . "
        b"jur:XX a <https://w3id.org/exportgraph/ontology#Country> ."
    )
    with pytest.raises(InvalidInput) as raised:
        validator.validate_body(turtle, "text/turtle")
    assert "jurisdiction/XX" in raised.value.detail
