"""Each terminology shape accepts a valid example and rejects a broken one with its rule id."""

from __future__ import annotations

import pyoxigraph
import pytest

from exportgraph.services.standards.terminology_check import check_graph, shape_results

PREFIXES = """
@prefix eg: <https://w3id.org/exportgraph/ontology#> .
@prefix ex: <https://example.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix qudt: <http://qudt.org/schema/qudt/> .
@prefix unit: <http://qudt.org/vocab/unit/> .
@prefix quantitykind: <http://qudt.org/vocab/quantitykind/> .
"""

VALID = """
ex:US a eg:Jurisdiction .
ex:src a eg:LegalSource ; dcterms:bibliographicCitation "15 CFR 774" .
ex:qubits a eg:Parameter , skos:Concept ; skos:notation "physical-qubits" ;
    skos:prefLabel "physical qubits"@en , "qubits physiques"@fr ; eg:canonicalUnit unit:NUM .
ex:temp a eg:Parameter , skos:Concept ; skos:notation "operating-temperature" ;
    skos:prefLabel "operating temperature"@en ; eg:canonicalUnit unit:K .
unit:NUM qudt:hasQuantityKind quantitykind:Dimensionless .
unit:K qudt:hasQuantityKind quantitykind:Temperature .
unit:MilliK qudt:hasQuantityKind quantitykind:Temperature .
unit:W qudt:hasQuantityKind quantitykind:Power .
ex:entry a eg:ControlEntry ; eg:jurisdiction ex:US ; skos:notation "4A906.a.1" ;
    dcterms:identifier "US:4A906.a.1" ; dcterms:title "Quantum computers"@en ;
    dcterms:source ex:src ; eg:effectiveFrom "2024-09-06"^^xsd:date ; eg:evidence "primary" .
ex:c1 a eg:Criterion ; eg:parameter ex:qubits ; eg:comparator ">=" ;
    eg:thresholdValue 34.0 ; eg:unit unit:NUM .
ex:c2 a eg:Criterion ; eg:parameter ex:temp ; eg:comparator "<=" ;
    eg:thresholdValue 100.0 ; eg:unit unit:MilliK .
ex:other a eg:ControlEntry ; eg:jurisdiction ex:US ; skos:notation "4A906.a.2" ;
    dcterms:identifier "US:4A906.a.2" ; dcterms:title "Quantum computers"@en ;
    dcterms:source ex:src ; eg:effectiveFrom "2024-09-06"^^xsd:date ; eg:evidence "primary" ;
    skos:exactMatch ex:entry .
"""


def triples(turtle: str) -> list[pyoxigraph.Triple]:
    return [q.triple for q in pyoxigraph.parse(PREFIXES + turtle, pyoxigraph.RdfFormat.TURTLE)]


def test_valid_example_conforms() -> None:
    report = check_graph(triples(VALID))
    assert report.conforms, report.as_dict()
    assert report.results == []


BROKEN = [
    (
        "TERM-ENTRY-JURISDICTION",
        'ControlEntry ; eg:jurisdiction ex:US ; skos:notation "4A906.a.1"',
        'ControlEntry ; eg:jurisdiction ex:nowhere ; skos:notation "4A906.a.1"',
    ),
    (
        "TERM-ENTRY-CODE",
        'eg:jurisdiction ex:US ; skos:notation "4A906.a.1" ;',
        "eg:jurisdiction ex:US ;",
    ),
    ("TERM-ENTRY-CODE", 'dcterms:identifier "US:4A906.a.1"', 'dcterms:identifier "4A906.a.1"'),
    (
        "TERM-ENTRY-SOURCE",
        'dcterms:source ex:src ; eg:effectiveFrom "2024-09-06"^^xsd:date ; eg:evidence "primary" .\nex:c1',
        'eg:effectiveFrom "2024-09-06"^^xsd:date ; eg:evidence "primary" .\nex:c1',
    ),
    (
        "TERM-ENTRY-DATES",
        'eg:effectiveFrom "2024-09-06"^^xsd:date ; eg:evidence "primary" .\nex:c1',
        'eg:effectiveFrom "6 Sept 2024" ; eg:evidence "primary" .\nex:c1',
    ),
    (
        "TERM-ENTRY-DATES",
        'eg:evidence "primary" .\nex:c1',
        'eg:evidence "primary" ; eg:effectiveUntil "2020-01-01"^^xsd:date .\nex:c1',
    ),
    ("TERM-ENTRY-EVIDENCE", 'eg:evidence "primary" .\nex:c1', 'eg:evidence "hearsay" .\nex:c1'),
    (
        "TERM-CRITERION-PARAMETER",
        "ex:c1 a eg:Criterion ; eg:parameter ex:qubits",
        "ex:c1 a eg:Criterion ; eg:parameter ex:coherence",
    ),
    (
        "TERM-CRITERION-COMPARATOR",
        'eg:comparator ">=" ;\n    eg:thresholdValue 34.0',
        'eg:comparator "=>" ;\n    eg:thresholdValue 34.0',
    ),
    ("TERM-CRITERION-VALUE", "eg:thresholdValue 34.0", 'eg:thresholdValue "thirty-four"'),
    (
        "TERM-CRITERION-VALUE-FINITE",
        "eg:thresholdValue 34.0",
        'eg:thresholdValue "INF"^^xsd:double',
    ),
    (
        "TERM-CRITERION-VALUE-FINITE",
        "eg:thresholdValue 34.0",
        'eg:thresholdValue "NaN"^^xsd:double',
    ),
    (
        "TERM-CRITERION-VALUE-FINITE",
        "eg:thresholdValue 34.0",
        'eg:thresholdValue "1e-999"^^xsd:double',
    ),
    (
        "TERM-CRITERION-UNIT",
        "eg:thresholdValue 100.0 ; eg:unit unit:MilliK",
        "eg:thresholdValue 100.0 ; eg:unit unit:W",
    ),
    ("TERM-CRITERION-UNIT", "eg:thresholdValue 34.0 ; eg:unit unit:NUM", "eg:thresholdValue 34.0"),
    (
        "TERM-SKOS-PREFLABEL",
        '"qubits physiques"@fr',
        '"qubits physiques"@fr , "nombre de qubits"@fr',
    ),
    (
        "TERM-SKOS-MAPPING",
        "skos:exactMatch ex:entry .",
        "skos:exactMatch ex:entry ; skos:broadMatch ex:entry .",
    ),
    (
        "TERM-SKOS-MAPPING",
        "skos:exactMatch ex:entry .",
        "skos:exactMatch ex:entry ; skos:relatedMatch ex:entry .",
    ),
    ("TERM-PARAMETER-UNIT", "; eg:canonicalUnit unit:K .", "."),
    (
        "TERM-PARAMETER-UNIT",
        "; eg:canonicalUnit unit:K .",
        "; eg:canonicalUnit unit:K ; eg:valueScheme ex:forms .",
    ),
]


@pytest.mark.parametrize(
    ("rule", "valid", "broken"), BROKEN, ids=[f"{r}-{i}" for i, (r, _, _) in enumerate(BROKEN)]
)
def test_shape_rejects_broken_example(rule: str, valid: str, broken: str) -> None:
    assert valid in VALID, "the test's anchor must exist in the valid example"
    report = check_graph(triples(VALID.replace(valid, broken, 1)))
    assert not report.conforms
    assert rule in {result.rule for result in report.results}, report.as_dict()


@pytest.mark.parametrize(("rule", "valid", "broken"), BROKEN[:6] + BROKEN[-6:])
def test_fast_engine_agrees_with_pyshacl(rule: str, valid: str, broken: str) -> None:
    data = triples(VALID.replace(valid, broken, 1))
    assert set(shape_results(data, "turbo")) == set(shape_results(data, "pyshacl"))
