"""The read-only SPARQL endpoint: refusals before evaluation, negotiation, time and size limits."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph.errors import ExportgraphError, MalformedInput, QueryRefused
from exportgraph.graph.context import Context
from exportgraph.presentation.sparql_text import run_query_text
from exportgraph.services.query.sparql import check_query, pool

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
ENTRIES = (
    "PREFIX eg: <https://w3id.org/exportgraph/ontology#>\n"
    "SELECT ?entry WHERE { ?entry a eg:HardwareEntry } ORDER BY ?entry LIMIT 3"
)
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { ?s ?p ?o { { ?s ?p ?o } UNION { service silent <http://x/> { ?s ?p ?o } } } }",
        "SELECT * WHERE { ?x ?y ?z OPTIONAL { SeRvIcE ?endpoint { ?s ?p ?o } } }",
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <urn:g>",
        "SELECT * FROM <http://example.org/remote> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * FROM <relative> WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/> SELECT * FROM ex:g WHERE { ?s ?p ?o }",
    ],
)
def test_refused_before_evaluation(query: str) -> None:
    with pytest.raises(QueryRefused):
        check_query(query)


@pytest.mark.parametrize(
    "query",
    [
        'SELECT * WHERE { ?s ?p "SERVICE <http://x> { }" }',
        "SELECT * WHERE { ?s ?p 'insert data' }",
        'SELECT * WHERE { ?s ?p """multi\nline LOAD DROP\n""" }',
        "# SERVICE <http://x/> in a comment\nSELECT * WHERE { ?s ?p ?o }",
        "PREFIX service: <http://example.org/> SELECT ?service WHERE { ?service service:load ?drop }",
        "SELECT * WHERE { <http://example.org/SERVICE> ?p ?o }",
        "SELECT * FROM <https://w3id.org/exportgraph/id/graph/x> WHERE { ?s ?p ?o }",
        'SELECT * WHERE { ?s ?p ?o FILTER(?o = "x"@en-GB) }',
    ],
)
def test_allowed_lookalikes(query: str) -> None:
    check_query(query)


def test_get_and_content_negotiation(client: TestClient) -> None:
    json_answer = client.get("/sparql", params={"query": COUNT})
    assert json_answer.status_code == 200
    assert json_answer.headers["content-type"].startswith("application/sparql-results+json")
    count = int(json_answer.json()["results"]["bindings"][0]["n"]["value"])
    assert count > 1000
    for accept, media, marker in [
        ("application/sparql-results+xml", "application/sparql-results+xml", "<sparql"),
        ("text/csv", "text/csv", "n\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", "?n\n"),
        (
            "text/csv;q=0.5, application/sparql-results+xml;q=0.9",
            "application/sparql-results+xml",
            "<sparql",
        ),
    ]:
        response = client.get("/sparql", params={"query": COUNT}, headers={"accept": accept})
        assert response.status_code == 200, accept
        assert response.headers["content-type"].startswith(media)
        assert marker in response.text


def test_post_forms_and_graph_results(client: TestClient) -> None:
    direct = client.post(
        "/sparql", content=ENTRIES, headers={"content-type": "application/sparql-query"}
    )
    form = client.post("/sparql", data={"query": ENTRIES})
    assert direct.status_code == form.status_code == 200
    assert direct.json() == form.json()
    assert len(direct.json()["results"]["bindings"]) == 3
    construct = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 5"
    for accept, media in [
        ("text/turtle", "text/turtle"),
        ("application/ld+json", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
    ]:
        response = client.post("/sparql", data={"query": construct}, headers={"accept": accept})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(media)
    assert isinstance(
        json.loads(
            client.post(
                "/sparql", data={"query": construct}, headers={"accept": "application/ld+json"}
            ).text
        ),
        list | dict,
    )
    ask = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    assert ask.json()["boolean"] is True


@pytest.mark.parametrize(
    ("method", "kwargs", "status"),
    [
        ("post", {"data": {"update": "INSERT DATA { <urn:a> <urn:b> <urn:c> }"}}, 400),
        (
            "post",
            {
                "content": "DELETE WHERE { ?s ?p ?o }",
                "headers": {"content-type": "application/sparql-update"},
            },
            400,
        ),
        (
            "get",
            {"params": {"query": "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"}},
            400,
        ),
        ("get", {"params": {"query": "SELECT * WHERE {"}}, 400),
        ("get", {"params": {}}, 400),
        ("get", {"params": {"query": COUNT}, "headers": {"accept": "image/png"}}, 406),
        ("get", {"params": {"query": COUNT, "default-graph-uri": "http://example.org/g"}}, 400),
    ],
)
def test_refusals_are_problems(
    client: TestClient, method: str, kwargs: dict[str, Any], status: int
) -> None:
    response = getattr(client, method)("/sparql", **kwargs)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"]


def test_result_size_limit(client: TestClient) -> None:
    response = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 413
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_runaway_query_is_stopped_and_others_are_served(
    client: TestClient, context: Context
) -> None:
    """Behaviour, not speed: the runaway query is stopped (503) and a normal query sent after it
    is answered before the runaway one ends — served beside it, not queued behind it."""
    outcomes: dict[str, tuple[int, float]] = {}

    def send(name: str, query: str) -> None:
        response = client.get("/sparql", params={"query": query})
        outcomes[name] = (response.status_code, time.monotonic())

    pool(context).warm(context)  # every worker started and holding the data
    runaway = threading.Thread(target=send, args=("runaway", RUNAWAY))
    normal = threading.Thread(target=send, args=("normal", ENTRIES))
    runaway.start()
    time.sleep(0.2)
    normal.start()
    normal.join()
    runaway.join()
    assert outcomes["normal"][0] == 200
    assert outcomes["runaway"][0] == 503
    assert outcomes["normal"][1] < outcomes["runaway"][1]
    after = client.get("/sparql", params={"query": ENTRIES})
    assert after.status_code == 200  # the pool replaced the stopped worker


def test_the_cli_runner_refuses_the_same_things_and_formats(context: Context) -> None:
    with pytest.raises(QueryRefused):
        run_query_text(
            context, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }", "json"
        )
    table = run_query_text(context, ENTRIES, "table")
    assert "entry" in table and "3 row(s)" in table
    csv_text = run_query_text(context, ENTRIES, "csv")
    assert csv_text.splitlines()[0] == "entry" and len(csv_text.splitlines()) == 4
    parsed = json.loads(run_query_text(context, ENTRIES, "json"))
    assert parsed["head"]["vars"] == ["entry"]
    with pytest.raises(ExportgraphError):
        run_query_text(context, ENTRIES, "xml")


def test_workers_reload_when_the_data_version_changes() -> None:
    from dataclasses import replace

    from pyoxigraph import Literal, NamedNode, Quad

    from exportgraph.services.query.sparql import close_pool, execute
    from exportgraph.settings import Settings
    from exportgraph.store import open_store

    store = open_store("memory:")
    store.replace_all([])
    ctx = Context(replace(Settings.from_env(), store_uri="memory:"), store=store)
    query = "SELECT ?o WHERE { <urn:test:s> <urn:test:p> ?o }"
    try:
        assert json.loads(execute(ctx, query)[1])["results"]["bindings"] == []
        store.apply(insert=[Quad(NamedNode("urn:test:s"), NamedNode("urn:test:p"), Literal("new"))])
        rows = json.loads(execute(ctx, query)[1])["results"]["bindings"]
        assert [row["o"]["value"] for row in rows] == ["new"]
    finally:
        close_pool(ctx)
        store.close()


def test_an_escape_in_an_iri_does_not_hide_the_rest_of_the_line() -> None:
    # the checker once ended the IRI at the backslash and read "#b> … SERVICE …" as a comment
    for escape in ("\\u0041", "\\U00000041"):
        with pytest.raises(QueryRefused):
            check_query(
                f"SELECT * WHERE {{ BIND(<urn:a{escape}#b> AS ?x) "
                "SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"
            )
    check_query("SELECT * WHERE { BIND(<urn:a\\u0041#b> AS ?x) } # SERVICE in a comment")


def test_deep_nesting_is_refused_before_it_can_crash_a_worker() -> None:
    for query in (
        f"SELECT * WHERE {'{' * 5000} ?s ?p ?o {'}' * 5000}",
        f"ASK {{ FILTER({'(' * 5000}true{')' * 5000}) }}",
        f"ASK {{ FILTER({'!' * 20000}true) }}",
    ):
        with pytest.raises(MalformedInput, match="nested deeper"):
            check_query(query)
    check_query(f"SELECT * WHERE {'{' * 20} ?s ?p ?o {'}' * 20}")
