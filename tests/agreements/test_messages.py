"""Every message agreement validation can give speaks the users' language: what the regulation or
the contract requires and what to do, never a term of the code or of the vocabulary (IRIs,
camelCase property names, `eg:`/`sh:` terms, Python reprs, unfilled placeholders).

The corpus below makes every `sh:message` of shapes/agreement.ttl fire at least once (checked),
so the scan covers every message the shapes can produce, filled in with real findings."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import rdflib

from exportgraph.errors import ExportgraphError
from exportgraph.paths import ontology_dir, shapes_dir
from exportgraph.services.auditors.agreements import AgreementReport, Validator, parsing

HERE = Path(__file__).parent
SH_MESSAGE = rdflib.URIRef("http://www.w3.org/ns/shacl#message")
PREFIXES = (
    "@prefix eg: <https://w3id.org/exportgraph/ontology#> .\n"
    "@prefix jur: <https://w3id.org/exportgraph/id/jurisdiction/> .\n"
)

CODE_SPEAK = {
    "an IRI": re.compile(r"\b[a-z][a-z0-9+.\-]*://|\burn:x-|w3id\.org|www\.w3\.org"),
    "a prefixed name": re.compile(
        r"\b(eg|egid|egsh|sh|xsd|rdf|rdfs|owl|skos|dcterms|odrl|dpv|jur|kind):\w"
    ),
    "a camelCase name": re.compile(r"\b[a-z]+[A-Z][A-Za-z]*\b"),
    "a Python repr": re.compile(
        r"\bNone\b|\bTrue\b|\bFalse\b|\[\s*'|'\s*\]|\{\s*'|<\w+ object at|0x[0-9a-f]{6,}|"
        r"Decimal\(|datetime\.|<lambda>|'(NoneType|list|dict|str|int|float|bool)'"
    ),
    "an unfilled placeholder": re.compile(r"\{[?$]\w+\}"),
    "a request path of another service": re.compile(
        r"\bsubject\.|\brecipient\.|\(not stated\)|\bas_of\b|\bintended_for_publication\b"
    ),
    "a blank-node label": re.compile(r"(^|\s)_:\w"),
}


def _code_speak(text: str) -> list[str]:
    return [name for name, pattern in CODE_SPEAK.items() if pattern.search(text)]


def _case(name: str) -> dict[str, Any]:
    examples = ontology_dir() / "examples" / "agreements"
    folder = examples if not name.startswith(("agr-", "conforming")) else HERE / "cases"
    value: dict[str, Any] = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    return value


Mutation = Callable[[dict[str, Any]], None]


def _variants() -> Iterator[tuple[str, str, Mutation]]:
    """(label, base agreement, change): together they make every shape message fire."""

    def party(i: int, **fields: Any) -> Mutation:
        return lambda d: d["parties"][i].update(fields)

    def set_(**fields: Any) -> Mutation:
        return lambda d: d.update(fields)

    def drop(*keys: str, within: str | None = None) -> Mutation:
        def change(document: dict[str, Any]) -> None:
            node = document if within is None else document[within][0]
            for key in keys:
                node.pop(key, None)

        return change

    def licence(**fields: Any) -> Mutation:
        return lambda d: d["licences"][0].update(fields)

    def exchange(**fields: Any) -> Mutation:
        return lambda d: d["exchanges"][0].update(fields)

    def both(*changes: Mutation) -> Mutation:
        def change(document: dict[str, Any]) -> None:
            for one in changes:
                one(document)

        return change

    yield "no parties", "us-bis", set_(parties=[])
    yield "party without country", "us-bis", lambda d: d["parties"][1].pop("country")
    yield "party country", "us-bis", party(1, country="XX", role="boss")
    yield "no destination", "us-bis", drop("destination")
    yield "destination", "us-bis", set_(destination="Japan")
    yield "no dates", "us-bis", drop("effective_date", "expiry_date")
    yield "dates reversed", "us-bis", set_(effective_date="2027-03-01")
    yield "licence dates", "us-bis", licence(valid_from="2026-13-01", valid_until="2026-02-30")
    yield (
        "licence undated",
        "us-bis",
        drop("valid_from", "valid_until", "jurisdiction", within="licences"),
    )
    yield "licence jurisdiction", "us-bis", licence(jurisdiction="ZZ")
    yield "licence late", "us-bis", licence(valid_from="2026-03-15", valid_until="2026-12-31")
    yield "licence empty", "us-bis", licence(valid_from="2028-03-01", valid_until="2026-02-01")
    yield (
        "verification date",
        "us-bis",
        lambda d: d["end_user_verification"].update(date="2026-13-01"),
    )
    yield "verification undated", "us-bis", lambda d: d["end_user_verification"].pop("date")
    yield "verified late", "us-bis", lambda d: d["end_user_verification"].update(date="2026-04-01")
    yield "no verification", "us-bis", drop("end_user_verification")
    yield "exchange dates", "us-bis", exchange(**{"from": "2026-13-01", "until": "2026-02-30"})
    yield "exchange reversed", "us-bis", exchange(**{"from": "2026-09-01", "until": "2026-04-01"})
    yield "exchange open", "us-bis", drop("from", "until", "nationality", within="exchanges")
    yield "exchange nationality", "us-bis", exchange(nationality="QQ")
    yield "no end use", "us-bis", drop("end_use")
    yield "end use without purpose", "us-bis", set_(end_use={"statement": "Research."})
    yield "uncovered", "us-bis", set_(licences=[])
    yield "undecidable item", "us-bis", lambda d: d["items"][0]["parameters"].pop("cnot-error")
    yield (
        "specially designed",
        "us-bis",
        lambda d: d["items"].append({"id": "3", "kind": "qubit-device"}),
    )
    yield "unknown claim", "us-bis", set_(exclusions_claimed=["foo"])
    yield (
        "claims that do not apply",
        "us-bis",
        set_(
            exclusions_claimed=["fundamental-research", "published", "public-domain"],
            project_stage="fabrication",
            licences=[],
        ),
    )
    yield (
        "claim without stage",
        "us-bis",
        both(drop("project_stage"), set_(exclusions_claimed=["fundamental-research"])),
    )
    yield "stage", "us-bis", set_(project_stage="pilot")
    yield "no reporting", "us-bis", drop("reporting")
    yield (
        "technology without reporting",
        "ca-permit",
        both(
            drop("reporting"), lambda d: d["items"].pop(0), licence(covers=["Item 2: design files"])
        ),
    )
    yield "undecided without reporting", "ch-seco", drop("reporting")
    yield "reporting clause", "us-bis", set_(reporting=[{"frequency": "yearly"}])
    yield "no dispute clause", "us-bis", drop("dispute_resolution")
    yield "empty dispute clause", "us-bis", set_(dispute_resolution={})
    yield "exchange needs a licence", "agr-exchange-licence", lambda d: None
    yield (
        "exchange undecidable",
        "agr-exchange-licence",
        both(party(0, country="GB"), licence(jurisdiction="GB")),
    )
    yield "exclusion stage", "agr-exclusion-stage", lambda d: None
    yield (
        "EU claim",
        "de-bafa",
        set_(exclusions_claimed=["basic-scientific-research"], licences=[]),
    )
    yield "no lists in the data", "de-bafa", party(0, country="NO")
    yield "no destination to decide", "de-bafa", set_(destination="ZZ")


TURTLE_ONLY = {
    "two stages": PREFIXES
    + '<urn:a> a eg:Agreement ; eg:projectStage "basic-research" , "applied-research" .',
}


@pytest.fixture(scope="module")
def corpus(validator: Validator) -> list[tuple[str, AgreementReport, set[str]]]:
    """(label, report, the user's own strings in the agreement) for every variant."""
    out = []
    for label, base, change in _variants():
        document = _case(base)
        changed = copy.deepcopy(document)
        change(changed)
        reports, _ = validator.validate_body(json.dumps(changed).encode(), "application/json")
        out.append((label, reports[0], _own_strings(changed)))
    for label, turtle in TURTLE_ONLY.items():
        reports, _ = validator.validate_body(turtle.encode(), "text/turtle")
        out.append((label, reports[0], {"urn:a"}))
    return out


def _own_strings(document: dict[str, Any]) -> set[str]:
    """The ids the user wrote (they may be IRIs, and a message quoting them is right)."""
    found = {document.get("id", "")}
    for field in ("parties", "items", "licences"):
        found |= {str(node.get("id", "")) for node in document.get(field, [])}
    return {s for s in found if s}


def _templates() -> list[str]:
    graph = rdflib.Graph()
    graph.parse(shapes_dir() / "agreement.ttl", format="turtle")
    return sorted({str(o) for o in graph.objects(None, SH_MESSAGE)})


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{[?$]\w+\}", template)
    return re.compile("(?s)" + ".*".join(re.escape(p) for p in parts) + "$")


def test_the_corpus_makes_every_shape_message_fire(
    corpus: list[tuple[str, AgreementReport, set[str]]],
) -> None:
    templates = {t: _pattern(t) for t in _templates()}
    fired: set[str] = set()
    for label, report, _ in corpus:
        for violation in report.violations:
            matching = [t for t, p in templates.items() if p.match(violation.message)]
            assert matching, f"{label}: {violation.message!r} matches no shape message"
            fired.update(matching)
    assert sorted(set(templates) - fired) == []


def test_shape_message_templates_speak_the_users_language() -> None:
    for template in _templates():
        text = re.sub(r"\{[?$]\w+\}", "X", template)
        assert _code_speak(text) == [], template
        assert template.rstrip().endswith((".", ".{?note}")), template


def test_every_message_and_finding_speaks_the_users_language(
    corpus: list[tuple[str, AgreementReport, set[str]]],
) -> None:
    for label, report, own in corpus:
        texts = [v.message for v in report.violations]
        texts += [
            str(finding[key])
            for finding in report.findings
            for key in ("missing_fact", "note")
            if key in finding
        ]
        for text in texts:
            for reference in sorted(own, key=len, reverse=True):
                text = re.sub(rf"(?<![\w.:]){re.escape(reference)}(?![\w.:])", "ID", text)
            assert _code_speak(text) == [], f"{label}: {text}"


def test_the_corpus_reaches_the_notes_and_missing_facts(
    corpus: list[tuple[str, AgreementReport, set[str]]],
) -> None:
    """The findings' own texts (built from the knowledge graph) are in the scan above."""
    notes = " ".join(
        str(f.get("note", "")) + " " + str(f.get("missing_fact", ""))
        for _, report, _ in corpus
        for f in report.findings
    )
    for expected in (
        "never hardware",  # an exclusion claimed for hardware
        "it requires",  # an exclusion whose conditions the agreement does not meet
        "law has no",  # an exclusion the jurisdiction does not have
        "the item does not state its cnot-error parameter",
        "specially designed for a controlled quantum computer",
        "licensing authority",  # a deemed-export rule the data lacks
        "export-control lists",  # a jurisdiction whose lists the data lacks
        "complete criteria of",
        "the agreement lacks a valid destination",
    ):
        assert expected in notes, expected


@pytest.mark.parametrize(
    "body",
    [
        b'{"effective_date": 20250301}',
        b'{"licences": {"id": "L-1"}}',
        b'{"expiry_dat": "2026-01-01"}',
        b'{"@context": ["x"]}',
        b'{"@context": {"@vocab": "urn:x:"}}',
        b'{"destination": "J P"}',
        b'{"id": ""}',
        b'{"items": [{"id": "A", "kind": "quantum-computer", "parameters": {"qubits": true}}]}',
        b'{"exchanges": [{"access": ["Item 7"]}]}',
        b'{"name": "\\ud800"}',
        b"[" * 100 + b"]" * 100,
    ],
)
def test_json_form_errors_speak_the_users_language(body: bytes) -> None:
    with pytest.raises(ExportgraphError) as raised:
        parsing.parse(body, "application/json")
    detail = raised.value.detail.replace(
        "https://w3id.org/exportgraph/agreement.context.jsonld", ""
    )
    assert _code_speak(detail) == [], detail
