"""Ids as printed (contract §4): a licence's id is the reference on the licence, parties', items'
and agreements' ids any non-empty string; IRIs are kept, other strings minted, and every answer
names the node by the user's own reference."""

from __future__ import annotations

import copy
import json
import unicodedata
from pathlib import Path
from typing import Any

import pyoxigraph
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pyoxigraph import BlankNode, Literal, NamedNode

from exportgraph import namespaces as ns
from exportgraph.errors import ExportgraphError, InvalidInput
from exportgraph.graph.context import Context
from exportgraph.paths import ontology_dir
from exportgraph.services.auditors.agreements import Validator, parsing
from exportgraph.services.auditors.agreements.identifiers import MINT_BASE, mint

PRINTED = ontology_dir() / "examples" / "agreements"
FILES = sorted(PRINTED.glob("*.json"))
IDENTIFIER = NamedNode(ns.DCTERMS + "identifier")
KINDS = ("agreement", "party", "item", "licence")


def _printed(name: str) -> dict[str, Any]:
    value: dict[str, Any] = json.loads((PRINTED / name).read_text(encoding="utf-8"))
    return value


def _report(validator: Validator, document: dict[str, Any]) -> dict[str, Any]:
    reports, _ = validator.validate_body(json.dumps(document).encode(), "application/json")
    answer: dict[str, Any] = reports[0].as_json()
    return answer


def _violations(report: dict[str, Any], rule: str) -> list[dict[str, Any]]:
    return [v for v in report["violations"] if v["rule"] == rule and v["severity"] == "violation"]


# ---------------------------------------------------------------- realistic agreements conform


def test_the_printed_agreements_span_several_jurisdictions() -> None:
    jurisdictions = {
        licence["jurisdiction"] for path in FILES for licence in _printed(path.name)["licences"]
    }
    assert jurisdictions >= {"DE", "US", "GB", "CA", "JP", "CH"}


@pytest.mark.parametrize("path", FILES, ids=[p.stem for p in FILES])
def test_agreements_with_printed_references_conform(validator: Validator, path: Path) -> None:
    document = _printed(path.name)
    report = _report(validator, document)
    assert report["conforms"] is True, report["violations"]
    assert report["agreement"] == document["id"]
    item_ids = {item["id"] for item in document["items"]}
    assert {f["item"] for f in report["findings"]} <= item_ids
    assert MINT_BASE not in json.dumps(report, ensure_ascii=False)


def test_printed_references_in_each_answer_format(client: TestClient) -> None:
    body = json.dumps([_printed(p.name) for p in FILES], ensure_ascii=False).encode()
    answer = client.post(URL, content=body, headers={"Content-Type": "application/json"})
    assert answer.status_code == 200, answer.text
    assert [r["agreement"] for r in answer.json()] == [_printed(p.name)["id"] for p in FILES]
    page = client.post(URL, content=body, headers={"Accept": "text/html"}).text
    assert "BAFA-2026-0042" in page or "KV-2026/017" in page
    assert MINT_BASE not in page


def test_turbo_and_pyshacl_agree_on_the_printed_agreements(context: Context) -> None:
    turbo = Validator(context, engine="turbo")
    reference = Validator(context, engine="pyshacl")
    for path in FILES:
        fast, _ = turbo.validate_body(path.read_bytes(), "application/json")
        slow, _ = reference.validate_body(path.read_bytes(), "application/json")
        assert [r.violations for r in fast] == [r.violations for r in slow], path.name


# ---------------------------------------------------------------- every id kind round-trips


def test_each_id_kind_is_minted_and_keeps_its_reference() -> None:
    document = _printed("us-bis.json")
    [parsed], _ = parsing.parse(json.dumps(document).encode(), "application/json")
    references = {
        t.subject.value: t.object.value
        for t in parsed.triples
        if t.predicate == IDENTIFIER
        and isinstance(t.subject, NamedNode)
        and isinstance(t.object, Literal)
    }
    written = {
        "agreement": [document["id"]],
        "party": [p["id"] for p in document["parties"]],
        "item": [i["id"] for i in document["items"]],
        "licence": [licence["id"] for licence in document["licences"]],
    }
    for kind, ids in written.items():
        for reference in ids:
            iri = mint(kind, reference)
            assert iri.startswith(f"{MINT_BASE}{kind}/")
            assert references[iri] == reference
    assert isinstance(parsed.node, NamedNode) and parsed.node.value == mint(
        "agreement", "MTA 2026-0117 (rev. 2)"
    )


def test_every_id_kind_is_named_by_its_reference_in_answers(validator: Validator) -> None:
    document = _printed("de-bafa.json")
    document.pop("dispute_resolution")  # → the agreement
    document["parties"][1]["country"] = "XX"  # → the end-user party
    document["licences"][0]["valid_until"] = "2026-12-31"  # → the licence
    uncovered = copy.deepcopy(document["items"][0])
    uncovered["id"] = "QC-ION-120 #3"
    document["items"].append(uncovered)  # → an item no licence covers
    report = _report(validator, document)
    focus = {
        rule: {v["focus"] for v in _violations(report, rule)}
        for rule in (
            "AGR-DISPUTE-RESOLUTION",
            "AGR-PARTIES",
            "AGR-LICENCE-VALIDITY",
            "AGR-LICENCE-COVERAGE",
        )
    }
    assert focus == {
        "AGR-DISPUTE-RESOLUTION": {"KV-2026/017"},
        "AGR-PARTIES": {"HK-QI-0042"},
        "AGR-LICENCE-VALIDITY": {"BAFA-2026-0042"},
        "AGR-LICENCE-COVERAGE": {"QC-ION-120 #3"},
    }
    [coverage] = _violations(report, "AGR-LICENCE-COVERAGE")
    assert coverage["message"].startswith("Item QC-ION-120 #3 needs a licence under EU law")
    assert MINT_BASE not in json.dumps(report, ensure_ascii=False)


def test_covers_and_access_name_items_as_written(validator: Validator) -> None:
    document = _printed("ca-permit.json")
    document["licences"][0]["covers"] = ["Item 2: design files"]
    report = _report(validator, document)
    assert {v["focus"] for v in _violations(report, "AGR-LICENCE-COVERAGE")} == {"Item 1: QC-120"}
    exchange = next(f for f in report["findings"] if f["activity"] == "researcher-exchange")
    assert exchange["subject"] == "Collaboration agreement no. 2026-08/exchanges[0]"
    assert exchange["item"] == "Item 2: design files"


def test_access_naming_no_item_and_no_kind_is_a_problem(validator: Validator) -> None:
    document = _printed("ca-permit.json")
    document["exchanges"][0]["access"] = ["Item 3: unknown"]
    with pytest.raises(InvalidInput) as raised:
        _report(validator, document)
    assert raised.value.field == "exchanges[0].access[0]"
    assert '"Item 3: unknown"' in raised.value.detail


def test_turtle_report_labels_minted_focus_nodes(client: TestClient) -> None:
    document = _printed("gb-siel.json")
    document["licences"][0]["valid_until"] = "2026-12-31"
    response = client.post(
        URL,
        content=json.dumps(document, ensure_ascii=False).encode(),
        headers={"Content-Type": "application/json", "Accept": "text/turtle"},
    )
    store = pyoxigraph.Store()
    store.load(response.content, pyoxigraph.RdfFormat.TURTLE)
    solutions = store.query(
        "PREFIX sh: <http://www.w3.org/ns/shacl#> "
        "PREFIX eg: <https://w3id.org/exportgraph/ontology#> "
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "SELECT ?agreement ?focus ?label WHERE { ?r eg:agreementId ?agreement ; sh:result ?x . "
        '?x eg:ruleId "AGR-LICENCE-VALIDITY" ; sh:focusNode ?focus . ?focus rdfs:label ?label }'
    )
    assert isinstance(solutions, pyoxigraph.QuerySolutions)
    rows = [(r["agreement"], r["focus"], r["label"]) for r in solutions]
    assert [(a.value, f.value, label.value) for a, f, label in rows] == [
        ("UoX/QTC/2026/05", mint("licence", "GBSIEL/2026/0001234"), "GBSIEL/2026/0001234")
    ]


# ---------------------------------------------------------------- minting is collision-free

TRICKY = [
    "BAFA-2026-0042",
    "D1234567",
    "GBSIEL/2026/0001234",
    "GBSIEL%2F2026%2F0001234",  # the percent-encoding of the one above, as a different string
    "a b",
    "a%20b",
    "a+b",
    "lot #7",
    "lot%20#7",
    unicodedata.normalize("NFC", "Université"),
    unicodedata.normalize("NFD", "Université"),  # the same text, other code points
    "経済産業省 第2026-0042号",
    "eg:Agreement",  # a context prefix: minted, never expanded to the vocabulary's IRI
    "egid:jurisdiction/US",
    "_:b0",  # a JSON-LD blank-node label
    "@id",
    "urn:licence:ca-2025-0042",  # an IRI: kept
    "https://w3id.org/exportgraph/reference/item/x",  # inside the minting base: minted
    "x",
    " x",
    "x ",
]


def test_tricky_references_each_get_their_own_node_and_round_trip() -> None:
    document = {
        "id": "AGR 1",
        "items": [{"id": text, "kind": "technology"} for text in TRICKY],
        "licences": [{"id": "L/1", "jurisdiction": "DE", "covers": TRICKY}],
    }
    [parsed], _ = parsing.parse(json.dumps(document).encode(), "application/json")
    items = [t.object for t in parsed.triples if t.predicate.value == ns.EG + "item"]
    covered = {t.object for t in parsed.triples if t.predicate.value == ns.EG + "covers"}
    assert len(set(items)) == len(TRICKY) and covered == set(items)
    names = {
        t.subject: t.object.value
        for t in parsed.triples
        if t.predicate == IDENTIFIER and isinstance(t.object, Literal)
    }
    for node in items:
        assert isinstance(node, NamedNode) and not node.value.startswith((ns.EG, ns.EGID))
    assert {names.get(n, n.value) for n in items if isinstance(n, NamedNode)} == set(TRICKY)
    assert NamedNode("urn:licence:ca-2025-0042") in items  # an IRI is kept as is


def test_party_item_and_licence_with_the_same_reference_stay_apart() -> None:
    document = {
        "id": "1",
        "parties": [{"id": "1", "role": "exporter", "country": "DE"}],
        "items": [{"id": "1", "kind": "technology"}],
        "licences": [{"id": "1", "jurisdiction": "DE", "covers": ["1"]}],
    }
    [parsed], _ = parsing.parse(json.dumps(document).encode(), "application/json")
    subjects = {t.subject for t in parsed.triples if not isinstance(t.subject, BlankNode)}
    assert subjects == {NamedNode(mint(kind, "1")) for kind in KINDS}


def test_the_same_licence_reference_in_two_agreements_of_a_batch_does_not_mix(
    validator: Validator,
) -> None:
    good = _printed("de-bafa.json")
    bad = copy.deepcopy(good)
    bad["id"] = "KV-2026/018"
    bad["licences"][0]["valid_until"] = "2026-06-30"  # same licence reference, other dates
    reports, _ = validator.validate_body(json.dumps([good, bad, good]).encode(), "application/json")
    assert [r.conforms for r in reports] == [True, False, True]


@given(st.sampled_from(KINDS), st.text(min_size=1), st.text(min_size=1))
def test_minting_is_injective_and_yields_valid_iris(kind: str, first: str, second: str) -> None:
    assert mint(kind, first) == mint(kind, first)
    NamedNode(mint(kind, first))  # a valid IRI, whatever the text
    if first != second:
        assert mint(kind, first) != mint(kind, second)


@given(st.text(min_size=1))
def test_minted_iris_of_different_kinds_never_meet(text: str) -> None:
    minted = {mint(kind, text) for kind in KINDS}
    assert len(minted) == len(KINDS) or minted == {text}  # apart, or the same IRI kept


@pytest.mark.parametrize("bad", ["", "   ", 42, True, ["x"], {"id": "x"}])
@pytest.mark.parametrize("where", ["id", "parties[0].id", "items[0].id", "licences[0].id"])
def test_empty_or_non_string_ids_are_problems_naming_the_field(where: str, bad: object) -> None:
    document: dict[str, Any] = {"parties": [{}], "items": [{}], "licences": [{}]}
    if where == "id":
        document["id"] = bad
    else:
        field, _ = where.split("[", 1)
        document[field][0]["id"] = bad
    with pytest.raises(InvalidInput) as raised:
        parsing.parse(json.dumps(document).encode(), "application/json")
    assert raised.value.field == where and where in raised.value.detail


URL = "/v1/agreements/validate"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(min_size=1).filter(str.strip),
    st.text(min_size=1).filter(str.strip),
    st.text(min_size=1).filter(str.strip),
)
def test_any_references_round_trip_to_the_answer(
    validator: Validator, licence: str, item: str, agreement: str
) -> None:
    document = _printed("gb-siel.json")
    document["id"] = agreement
    document["items"][0]["id"] = item
    document["licences"][0].update(id=licence, covers=[item], valid_until="2026-12-31")
    try:
        report = _report(validator, document)
    except ExportgraphError as error:  # only text that is not Unicode may be refused
        assert "surrogate" in error.detail
        return
    [validity] = _violations(report, "AGR-LICENCE-VALIDITY")
    assert (report["agreement"], validity["focus"]) == (agreement, licence)
    assert _violations(report, "AGR-LICENCE-COVERAGE") == []  # `covers` found the item
    assert [f["item"] for f in report["findings"]] == [item]
