"""Property-based fuzzing of the HTTP API: bad input never gives a 500 and never a partial write.

Bodies start from valid requests and are mutated (field types changed, fields dropped, added or
repeated, extreme numbers, unit strings, nulls, lists for objects), since purely random bytes
rarely get past the first parser. Every answer must be below 500 (a SPARQL query stopped by its
time limit may be 503), every 4xx an RFC 9457 problem, and the data version must not move unless a
change set was accepted (201).
"""

from __future__ import annotations

import copy
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pyoxigraph
import pytest
from exportgraph.api.app import create_app
from exportgraph.api.routers.partners import ASSESS_EXAMPLES, CLASSIFY_EXAMPLES
from fastapi.testclient import TestClient
from httpx import Response
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exportgraph.graph.context import Context
from exportgraph.services.query.sparql import close_pool
from exportgraph.services.users import add_user
from exportgraph.settings import Settings
from tests.real_graph import real_store

CASES = Path(__file__).resolve().parent.parent / "agreements" / "cases"
FUZZ = settings(
    max_examples=int(os.environ.get("EXPORTGRAPH_FUZZ_EXAMPLES", "60")),  # more for a bug hunt
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
PROBLEM_FIELDS = ("type", "title", "status", "detail")


@dataclass
class Api:
    client: TestClient
    context: Context
    editor: dict[str, str]

    def version(self) -> str:
        return self.context.data_version()


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Api]:
    """The app over the real terminology in a memory store (built once), with one editor."""
    users = tmp_path_factory.mktemp("fuzz") / "users.json"
    token = add_user(users, "fuzzer", "editor")
    context = Context(
        replace(
            Settings.from_env(),
            store_uri="memory:",
            users_file=str(users),
            sparql_timeout_s=5.0,
            sparql_max_rows=500,
        ),
        store=real_store(),
    )
    with TestClient(create_app(context)) as client:
        yield Api(client, context, {"Authorization": f"Bearer {token}"})
    close_pool(context)


def check(api: Api, response: Response, before: str, *, sparql: bool = False) -> None:
    """The properties every answer to fuzzed input must have."""
    status, text = response.status_code, response.text[:500]
    body = response.json() if "json" in response.headers.get("content-type", "") else None
    if sparql and status == 503:
        assert body is not None and body["type"].endswith("/query-timeout"), text
        assert "time limit" in body["detail"], text
    else:
        assert status < 500, text
    if status >= 400:
        assert response.headers["content-type"].startswith("application/problem+json"), text
        assert isinstance(body, dict) and all(body.get(name) for name in PROBLEM_FIELDS), text
        assert body["status"] == status and isinstance(body["detail"], str), text
    if status != 201:
        assert api.version() == before, f"data version moved on a {status}: {text}"


# ----------------------------------------------------------------------------- JSON mutation


class Shown(str):
    """A generated text that failure reports show shortened."""

    def __repr__(self) -> str:
        text = str.__repr__(self[:300])
        return text if len(self) <= 300 else f"{text}... ({len(self)} characters)"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        printer.text(repr(self))


@dataclass(frozen=True)
class Raw:
    """A JSON token written as is: NaN, Infinity, 1e400, -0, a lone surrogate escape."""

    text: str


@dataclass(frozen=True)
class Repeated:
    """An object written with a key given twice."""

    pairs: tuple[tuple[str, Any], ...]


def dump(value: Any) -> str:
    """JSON text of `value`, with Raw tokens and repeated keys written verbatim."""
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Repeated | dict):
        pairs = value.pairs if isinstance(value, Repeated) else value.items()
        return "{" + ", ".join(f"{json.dumps(k)}: {dump(v)}" for k, v in pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(dump(v) for v in value) + "]"
    return json.dumps(value)


ODD_NUMBERS: list[Any] = [
    *(Raw(t) for t in ("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "-0")),
    *(Raw(t) for t in ("-0.0", "1E+999999999", "0.000000000000000000000000000001")),
    10**40,
    -(10**60),
    2**63,
    -1,
    -120,
    0,
    0.5,
    5e-324,
    1.7976931348623157e308,
]
ODD_STRINGS: list[Any] = [
    "",
    " ",
    "1e-4 furlongs",
    "800 uW",
    "100 mK",
    "-5 K",
    "-300 degC",
    "5 °C",
    "5 dB",
    "5 %",
    "5 ppm",
    "5 m/s**2",
    "5 K K",
    "5 1/0",
    "5 __class__",
    "5 " + "k" * 60,
    "NaN",
    "Infinity",
    "sNaN",
    "1e400",
    "1e999999999",
    "1e-999999999 K",
    "1e999999 mK",
    "123456789012345678901234567890123456789012345678901234567890",
    "0x10",
    "1_000",
    "١٢٠",
    "１２０",
    "x" * 5000,
    "\u0000",
    "\u202e\u200b",
    "👩‍🔬",
    Raw('"\\ud800"'),
    "2025-02-30",
    "9999-12-31",
    "0001-01-01",
    "2025-1-1",
    "+2025-01-01",
    "2025-12-01T00:00:00Z",
    "quantum-computer",
    "software",
    "US",
    "UK",
    "eu",
    "XX",
    "urn:x",
    "http://example.org/a b",
    "_:b0",
]
ODD_VALUES: list[Any] = [
    *ODD_NUMBERS,
    *ODD_STRINGS,
    None,
    True,
    False,
    [],
    {},
    [1],
    ["US", "US"],
    [None],
    {"value": 800, "unit": "uW"},
    {"value": Raw("NaN"), "unit": "uW"},
    {"value": "1e400", "unit": "mK"},
    {"value": 1, "unit": 5},
    {"unit": "K"},
    {"value": 1, "unit": "K", "extra": 1},
    {"@context": "http://example.org/"},
    {"@id": "urn:x", "@type": "Agreement"},
]
EXTRA_KEYS = [
    "item",
    "kind",
    "parameters",
    "facts",
    "for_kind",
    "purpose",
    "jurisdictions",
    "as_of",
    "from",
    "to",
    "@context",
    "@type",
    "@id",
    "@graph",
    "__proto__",
    "physical-qubits",
    "cnot-error",
    "cooling-power",
    "",
    "x" * 300,
]
values = st.one_of(
    st.sampled_from(ODD_VALUES),
    st.text(max_size=20),
    st.integers(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.sampled_from(ODD_VALUES), max_size=3),
).map(copy.deepcopy)  # the mutations change values in place


def spots(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every node of a JSON value, the root first."""
    yield path
    children = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in children:
        yield from spots(child, (*path, key))


def _set(root: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    parent = root
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = new
    return root


def _get(root: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        root = root[key]
    return root


@st.composite
def mutated(draw: st.DrawFn, bases: list[Any]) -> Shown:
    """JSON text of a valid request with one to three mutations."""
    value = copy.deepcopy(draw(st.sampled_from(bases)))
    for _ in range(draw(st.integers(1, 3))):
        every = list(spots(value))
        leaves = [path for path in every if not isinstance(_get(value, path), dict | list)]
        path = draw(st.sampled_from(leaves if leaves and draw(st.booleans()) else every))
        node = _get(value, path)
        operation = draw(st.sampled_from(["replace", "replace", "delete", "add", "wrap", "repeat"]))
        if operation == "replace":
            value = _set(value, path, draw(values))
        elif operation == "delete" and path:
            parent = _get(value, path[:-1])
            del parent[path[-1]]
        elif operation == "add" and isinstance(node, dict):
            node[draw(st.sampled_from(EXTRA_KEYS))] = draw(values)
        elif operation == "add" and isinstance(node, list):
            node.append(copy.deepcopy(node[0]) if node and draw(st.booleans()) else draw(values))
        elif operation == "wrap":
            value = _set(value, path, [node] if draw(st.booleans()) else {"value": node})
        elif operation == "repeat" and isinstance(node, dict) and node:
            key = draw(st.sampled_from(sorted(node)))
            value = _set(value, path, Repeated((*node.items(), (key, draw(values)))))
    return Shown(dump(value))


CLASSIFY_BASES = [example["value"] for example in CLASSIFY_EXAMPLES.values()]
ASSESS_BASES = [example["value"] for example in ASSESS_EXAMPLES.values()]
AGREEMENT_BASES = [
    json.loads((CASES / f"{n}.json").read_text()) for n in ("conforming", "agr-exchange")
]
JSON_HEADERS = {"Content-Type": "application/json"}


@FUZZ
@given(body=mutated(CLASSIFY_BASES))
def test_classify_never_fails_on_bad_bodies(api: Api, body: str) -> None:
    before = api.version()
    check(api, api.client.post("/v1/classify", content=body, headers=JSON_HEADERS), before)


@FUZZ
@given(body=mutated(ASSESS_BASES))
def test_assess_never_fails_on_bad_bodies(api: Api, body: str) -> None:
    before = api.version()
    check(api, api.client.post("/v1/assess", content=body, headers=JSON_HEADERS), before)


@FUZZ
@given(body=mutated(AGREEMENT_BASES), batch=st.booleans())
def test_agreement_json_never_fails(api: Api, body: str, batch: bool) -> None:
    before = api.version()
    content = f"[{body}, {body}]" if batch else body
    check(
        api,
        api.client.post("/v1/agreements/validate", content=content, headers=JSON_HEADERS),
        before,
    )


ODD_CONTEXTS: list[Any] = [
    "https://w3id.org/exportgraph/agreement.context.jsonld",
    "http://example.org/context.jsonld",
    "file:///etc/passwd",
    "",
    None,
    5,
    [],
    ["https://w3id.org/exportgraph/agreement.context.jsonld"],
    ["https://w3id.org/exportgraph/agreement.context.jsonld", {"@vocab": "http://example.org/"}],
    {"@vocab": "http://example.org/"},
    {"@context": {"@vocab": "http://example.org/"}},
    {"@base": "http://example.org/", "@version": 1.1},
    {"id": "@type", "type": "@id"},
    {"@import": "http://example.org/context.jsonld"},
    Raw("NaN"),
]


@FUZZ
@given(
    body=mutated(AGREEMENT_BASES),
    context=st.sampled_from(ODD_CONTEXTS),
    where=st.sampled_from(["root", "party", "item", "graph"]),
)
def test_agreement_json_ld_with_odd_contexts_never_fails(
    api: Api, body: str, context: Any, where: str
) -> None:
    before = api.version()
    try:
        document = json.loads(body)
    except ValueError:
        document = None
    if isinstance(document, dict):
        if where == "root":
            document = {"@context": context, **document}
        elif where == "graph":
            document = {"@context": context, "@graph": [document]}
        else:
            nodes = document.get("parties" if where == "party" else "items")
            for node in nodes if isinstance(nodes, list) else []:  # a mutation may make it 5
                if isinstance(node, dict):
                    node["@context"] = context
        body = dump(document)
    headers = {"Content-Type": "application/ld+json"}
    check(api, api.client.post("/v1/agreements/validate", content=body, headers=headers), before)


# ----------------------------------------------------------------------------- Turtle

TURTLE_PREFIXES = "".join(
    f"@prefix {p}: <{iri}> .\n"
    for p, iri in {
        "eg": "https://w3id.org/exportgraph/ontology#",
        "jur": "https://w3id.org/exportgraph/id/jurisdiction/",
        "kind": "https://w3id.org/exportgraph/id/kind/",
        "purpose": "https://w3id.org/exportgraph/id/purpose/",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    }.items()
)
# the conforming agreement, one statement (subject, predicate, object) a line
STATEMENTS = [
    [str(quad.subject), str(quad.predicate), str(quad.object)]
    for quad in pyoxigraph.parse(
        (CASES / "conforming.ttl").read_bytes(), pyoxigraph.RdfFormat.TURTLE
    )
]
ODD_TERMS = [
    '"NaN"^^xsd:double',
    '"1e400"^^xsd:decimal',
    '"sNaN"^^xsd:decimal',
    '"2025-02-30"^^xsd:date',
    '"-2025-01-01"^^xsd:date',
    '"2025-01-01"^^xsd:dateTime',
    '"2025-01-01"@en',
    '"""multi\nline"""',
    '"{\\"physical-qubits\\": 1e400}"^^rdf:JSON',
    '"{\\"physical-qubits\\": \\"1e999999999\\"}"^^rdf:JSON',
    '"[1, 2]"^^rdf:JSON',
    '"not json"^^rdf:JSON',
    "<urn:x>",
    "_:b",
    "jur:XX",
    "jur:",
    "kind:",
    "kind:software",
    "kind:nonsense",
    "purpose:nonsense",
    "<urn:agreement:qlab-ca-jp-2025-ttl>",
    "<<( <urn:s> <urn:p> <urn:o> )>>",
    "<< <urn:s> <urn:p> <urn:o> >>",
    "( 1 2 3 )",
    "[ eg:kind kind:quantum-computer ]",
    "true",
    "-0",
    "1e400",
]
ODD_LINES = [
    "@prefix eg: <http://example.org/> .",
    "@base <http://example.org/> .",
    'VERSION "1.2"',
    "<urn:b> a eg:Agreement .",
    "<<( <urn:s> <urn:p> <urn:o> )>> eg:party <urn:x> .",
    "<urn:agreement:qlab-ca-jp-2025-ttl> eg:party <<( <urn:s> <urn:p> <urn:o> )>> .",
    "<urn:agreement:qlab-ca-jp-2025-ttl> eg:item << <urn:s> <urn:p> <urn:o> >> .",
    '<urn:agreement:qlab-ca-jp-2025-ttl> eg:party [ eg:country jur:US ; eg:role "exporter" ] .',
    "<urn:agreement:qlab-ca-jp-2025-ttl> eg:item <urn:agreement:qlab-ca-jp-2025-ttl> .",
    "{",
    "\u0000",
    '"unterminated',
]


@st.composite
def turtle(draw: st.DrawFn) -> Shown:
    """The conforming Turtle agreement with statements dropped, added, or a term changed."""
    lines = copy.deepcopy(STATEMENTS)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        operation = draw(st.sampled_from(["term", "term", "term", "drop", "insert", "text"]))
        if operation == "term" and len(lines[index]) == 3:
            lines[index][draw(st.sampled_from([0, 2, 2, 2]))] = draw(st.sampled_from(ODD_TERMS))
        elif operation == "drop":
            del lines[index]
        elif operation == "insert":
            lines.insert(index, [draw(st.sampled_from(ODD_LINES))])
        else:
            lines[index] = [draw(st.text(max_size=30))]
    body = "".join(" ".join(line) + (" .\n" if len(line) == 3 else "\n") for line in lines)
    return Shown(TURTLE_PREFIXES + body)


@FUZZ
@given(body=turtle())
def test_agreement_turtle_never_fails(api: Api, body: str) -> None:
    before = api.version()
    headers = {"Content-Type": "text/turtle"}
    check(
        api,
        api.client.post("/v1/agreements/validate", content=body.encode(), headers=headers),
        before,
    )


# ----------------------------------------------------------------------------- SPARQL

QUERIES = [
    "SELECT * WHERE { ?s ?p ?o } LIMIT 3",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 2",
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    'SELECT ?c WHERE { ?c skos:notation ?n FILTER(?n = "quantum-computer") }',
]
# A SERVICE call to port 1 fails with "... not allowed for HTTP(S) ..." only if it was evaluated.
ENDPOINT = "<http://127.0.0.1:1/>"
EVALUATED_SERVICE = "not allowed for HTTP"
SERVICE_SPELLINGS = [
    "SERVICE",
    "service",
    "SeRvIcE",
    "SERVICE SILENT",
    "\tSERVICE\n",
    "SERVICE # a comment }\n",
    "SERV\\u0049CE",
]
REFUSED = [
    *(f"SELECT * WHERE {{ {s} {ENDPOINT} {{ ?s ?p ?o }} }}" for s in SERVICE_SPELLINGS[:-1]),
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    # an IRI with a \u escape and a '#': the checker once read the rest of the line as a comment
    f"SELECT * WHERE {{ BIND(<urn:a\\u0041#b> AS ?x) SERVICE {ENDPOINT} {{ ?s ?p ?o }} }}",
    f"SELECT * WHERE {{ BIND(<urn:a\\U00000041#b> AS ?x) SERVICE {ENDPOINT} {{ ?s ?p ?o }} }}",
    "SELECT * FROM <http://example.org/graph> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <file:///etc/passwd> WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "# comment\nDELETE WHERE { ?s ?p ?o }",
]
SPLICES = [
    *(f" {s} {ENDPOINT} {{ ?s ?p ?o }} " for s in SERVICE_SPELLINGS),
    "<urn:a\\u0041#",
    "<urn:a\\u003E#",
    "'\\'",
    '"""',
    "#",
    "\\u0023",
    "{",
    "}",
    "<",
    "\\",
]


@st.composite
def sparql_text(draw: st.DrawFn) -> Shown:
    """A query: a valid one spliced, a refused one, a huge literal, deep nesting, or noise."""
    shape = draw(st.sampled_from(["refused", "literal", "nested", "splice", "splice", "noise"]))
    if shape == "refused":
        return Shown(draw(st.sampled_from(REFUSED)))
    if shape == "literal":
        size = draw(st.sampled_from([0, 1, 10_000, 200_000]))
        letter = draw(st.sampled_from(["a", "é", "👩‍🔬", "\\\\", '\\"', "\u0000", "SERVICE "]))
        return Shown(f'SELECT * WHERE {{ ?s ?p ?o FILTER(?o = "{letter * size}") }} LIMIT 1')
    if shape == "nested":
        depth = draw(st.sampled_from([10, 60, 100, 5000]))
        opening, closing = draw(st.sampled_from([("{", "}"), ("(", ")"), ("[ ?p", "]"), ("!", "")]))
        if opening in "(!":
            inner = f"{opening * depth}true{closing * depth}"
            return Shown(f"SELECT * WHERE {{ ?s ?p ?o FILTER({inner}) }} LIMIT 1")
        if opening == "{":
            return Shown(f"SELECT * WHERE {opening * depth} ?s ?p ?o {closing * depth} LIMIT 1")
        return Shown(f"SELECT * WHERE {{ ?s ?p {opening * depth} ?o {closing * depth} }} LIMIT 1")
    if shape == "splice":
        base = draw(st.sampled_from(QUERIES))
        for _ in range(draw(st.integers(1, 2))):
            cut = draw(st.integers(0, len(base)))
            base = base[:cut] + draw(st.sampled_from(SPLICES)) + base[cut:]
        return Shown(base)
    return Shown(draw(st.text(max_size=60)))


def send_query(api: Api, query: str, how: str) -> Response:
    """GET, form POST or direct POST (GET only for queries that fit in a URL)."""
    if how == "get" and len(query) < 8000:
        return api.client.get("/sparql?query=" + quote(query, safe=""))
    if how == "form":
        return api.client.post(
            "/sparql",
            content="query=" + quote(query, safe=""),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
    return api.client.post(
        "/sparql", content=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )


@FUZZ
@given(query=sparql_text(), how=st.sampled_from(["get", "form", "body"]))
def test_sparql_never_fails_and_never_calls_out(api: Api, query: str, how: str) -> None:
    before = api.version()
    response = send_query(api, query, how)
    check(api, response, before, sparql=True)
    assert EVALUATED_SERVICE not in response.text, response.text


@pytest.mark.parametrize("query", REFUSED)
def test_sparql_refuses_every_spelling_of_service_from_and_updates(api: Api, query: str) -> None:
    response = send_query(api, query, "body")
    assert response.status_code == 400, response.text
    assert response.json()["type"].endswith("/query-refused"), response.text


# ----------------------------------------------------------------------------- change sets

SUBJECTS = [
    "parameter:cnot-error",
    "kind:quantum-computer",
    "US:4A906.a.2",
    "<https://w3id.org/exportgraph/id/entry/US/3C909.b/alt/1/isotopic-impurity/lt>",
    "<urn:x>",
    "_:b",
    "<<( <urn:s> <urn:p> <urn:o> )>>",
    "eg:",
]
PREDICATES = [
    "skos:prefLabel",
    "skos:altLabel",
    "eg:thresholdValue",
    "a",
    "owl:deprecated",
    "<urn:p>",
]
OBJECTS = [
    '"errore C-NOT"@it',
    '""',
    '"x"@',
    '"0.08"^^xsd:decimal',
    '"0.080"^^xsd:double',
    '"NaN"^^xsd:decimal',
    '"sNaN"^^xsd:decimal',
    '"INF"^^xsd:double',
    '"1e999999999"^^xsd:double',
    '"1e-999999999"^^xsd:double',
    '"abc"^^xsd:integer',
    "skos:Concept",
    "eg:ItemKind",
    "true",
    "1e400",
    "-0",
    "<urn:o>",
    "_:o",
    "<<( <urn:s> <urn:p> <urn:o> )>>",
    '"\ud800"',  # a lone surrogate (JSON escapes it; RDF cannot hold it)
    '"""\n"""',
]


@st.composite
def turtle_fragment(draw: st.DrawFn) -> str:
    """Zero to three statements built from real and odd terms, sometimes broken."""
    statements = [
        f"{draw(st.sampled_from(SUBJECTS))} {draw(st.sampled_from(PREDICATES))} {draw(st.sampled_from(OBJECTS))} ."
        for _ in range(draw(st.integers(0, 3)))
    ]
    text = "\n".join(statements)
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text)))
        text = (
            text[:cut]
            + draw(st.sampled_from(["", "{", ".", "@prefix", "\\", "\u0000", "#"]))
            + text[cut:]
        )
    return text


@st.composite
def change_body(draw: st.DrawFn, current: str) -> str:
    base = {
        "summary": "fuzzed change",
        "rationale": "property-based test",
        "base_version": current,
        "add": draw(turtle_fragment()),
        "remove": draw(turtle_fragment()),
    }
    odd_versions = st.sampled_from(
        [
            "",
            " ",
            current + " ",
            current.upper(),
            current[:-1],
            "x" * 201,
            None,
            5,
            [current],
            Raw("NaN"),
        ]
    )
    if draw(st.booleans()):
        base["base_version"] = draw(odd_versions)
    return draw(mutated([base])) if draw(st.booleans()) else dump(base)


@FUZZ
@given(data=st.data())
def test_changes_never_fail_and_rejected_ones_write_nothing(api: Api, data: st.DataObject) -> None:
    before = api.version()
    body = data.draw(change_body(before))
    headers = {**api.editor, "Content-Type": "application/json"}
    check(api, api.client.post("/v1/changes", content=body, headers=headers), before)


# ----------------------------------------------------------------------------- ids in paths

ids = st.one_of(
    st.sampled_from(
        [
            "US:4A906.a.2",
            "US%3A4A906.a.2",
            "US%2F4A906",
            "US:4A906.a.2%2F..%2F..",
            "%2e%2e",
            "%00",
            "%FF%FE",
            "quantum-computer",
            "quantum%20computer",
            "😀",
            "%F0%9F%98%80",
            "x" * 5000,
            "US:" + "4" * 3000,
            "'; DROP",
            '"><script>',
            "{",
            "?",
            "%3F",
            "%23",
            "VALUES",
        ]
    ),
    st.text(min_size=1, max_size=40).map(lambda t: quote(t, safe="")),
)


@FUZZ
@given(identifier=ids, what=st.sampled_from(["entries", "concepts", "entries-equivalents"]))
def test_odd_ids_are_found_or_not_found(api: Api, identifier: str, what: str) -> None:
    before = api.version()
    path = {
        "entries": f"/v1/entries/{identifier}",
        "concepts": f"/v1/concepts/{identifier}",
        "entries-equivalents": f"/v1/entries/{identifier}/equivalents",
    }[what]
    response = api.client.get(path)
    check(api, response, before)
    assert response.status_code in (200, 404, 422), response.text
