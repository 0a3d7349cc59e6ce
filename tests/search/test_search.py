"""GET /v1/search and the search service over the real lists: ranking, expansion, filters,
highlights, bad input."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.search_index import search_index
from exportgraph.services.reference.search import search


def ids(answer: Any) -> list[str]:
    return [hit["id"] for hit in answer["hits"]]


def found(knowledge: Knowledge, context: Context, q: str, **kw: Any) -> list[str]:
    return ids(search(knowledge, context.store, q, **kw))


def test_an_exact_code_comes_first_in_every_list_that_has_it(
    knowledge: Knowledge, context: Context
) -> None:
    answer = search(knowledge, context.store, "3A001.a.1", limit=10)
    first = [hit for hit in answer["hits"] if hit["match"] == "code"]
    assert {hit["id"] for hit in first} == {"US:3A001.a.1", "EU:3A001.a.1"}
    assert ids(answer)[:2] == sorted(h["id"] for h in first)
    # sub-items follow (they outscore the entry itself on words, yet rank after it)
    assert any(i.startswith(("US:3A001.a.1.", "EU:3A001.a.1.")) for i in ids(answer)[2:])


def test_an_id_with_a_jurisdiction_or_its_alias_finds_that_list_only(
    knowledge: Knowledge, context: Context
) -> None:
    assert found(knowledge, context, "US:3A001.a.1")[0] == "US:3A001.a.1"
    assert found(knowledge, context, "4A506")[0] == "EU:4A506"
    gb = [i for i in ids(search(knowledge, context.store, "GB:PL9013")) if i.startswith("GB:")]
    uk = search(knowledge, context.store, "uk:PL9013")
    assert uk["hits"][0]["match"] == "code" and uk["hits"][0]["id"] == gb[0]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("atomic frequency standard", {"US:3A002.g", "EU:3A002.g"}),
        ("magnetometer", {"US:6A006.a", "EU:6A006.a"}),
        ("SQUID", {"US:6A006.a.1", "EU:6A006.a.1"}),
        ("quantum cryptography", {"US:5A002.c", "EU:5A002.c"}),
        ("two-stage pulse tube cryocoolers", {"US:3A904.b", "EU:3A504.b"}),
    ],
)
def test_real_entries_are_found_by_their_words(
    knowledge: Knowledge, context: Context, query: str, expected: set[str]
) -> None:
    hits = found(knowledge, context, query, limit=5)
    # the paragraph itself or the paragraphs under it (whose words are more specific)
    assert all(any(h == e or h.startswith(e + ".") for h in hits) for e in expected), hits


def test_a_kind_named_by_any_label_expands_to_the_entries_on_it(
    knowledge: Knowledge, context: Context
) -> None:
    # no list text says "dilution refrigerator": the kind's broader kind (cryogenic cooling
    # systems) carries the entries, found through the SKOS hierarchy
    for query in ("dilution refrigerator", "Mischungskryostat"):
        answer = search(knowledge, context.store, query, limit=10)
        assert answer["expanded"][0]["concept"] == "dilution-refrigerator"
        assert {"US:3A904.a", "EU:3A504.a"} <= set(ids(answer))
    answer = search(knowledge, context.store, "cryocooler", limit=5)
    assert "pulse-tube-cryocooler" in [e["concept"] for e in answer["expanded"]]
    assert {"US:3A904.b", "EU:3A504.b"} <= set(ids(answer))


def test_without_expansion_the_kind_is_not_found(knowledge: Knowledge, context: Context) -> None:
    """The expansion is what finds them (the words alone do not)."""
    index = search_index(knowledge, context.store)
    expanded = {hit.document.id for hit in index.rank("dilution refrigerator", limit=100).hits}
    plain = {
        hit.document.id for hit in index.rank("dilution refrigerator", limit=100, expand=False).hits
    }
    assert {"EU:3A504.a", "JP:X-CRYO-COOLING"} <= expanded - plain


def test_the_jurisdiction_filter_keeps_its_lists_and_its_unions(
    knowledge: Knowledge, context: Context
) -> None:
    us = search(knowledge, context.store, "magnetometer", jurisdiction="US", limit=50)
    assert us["hits"] and {h["jurisdiction"] for h in us["hits"]} == {"US"}
    fr = search(knowledge, context.store, "quantum computer", jurisdiction="FR", limit=100)
    assert {h["jurisdiction"] for h in fr["hits"]} == {"FR", "EU"}
    both = search(knowledge, context.store, "magnetometer", jurisdiction="US,EU", limit=50)
    assert {h["jurisdiction"] for h in both["hits"]} == {"US", "EU"}


def test_the_kind_filter_keeps_entries_whose_scope_covers_the_kind(
    knowledge: Knowledge, context: Context
) -> None:
    answer = search(knowledge, context.store, "cooling", kind="dilution-refrigerator", limit=50)
    assert "US:3A904.a" in ids(answer)
    assert all(not i.startswith("US:9A") for i in ids(answer))
    unfiltered = search(knowledge, context.store, "cooling", limit=100)
    assert unfiltered["total"] > answer["total"]


def test_hits_say_whether_criteria_are_formalized_and_link_to_the_entry(
    client: TestClient,
) -> None:
    body = client.get("/v1/search", params={"q": "4A506", "limit": 3}).json()
    top = body["hits"][0]
    assert top["id"] == "EU:4A506" and top["formalized"] is True
    assert top["href"] == "/v1/entries/EU:4A506"
    assert client.get(top["href"]).status_code == 200
    text_only = client.get("/v1/search", params={"q": "atomic frequency standard"}).json()
    assert text_only["hits"][0]["formalized"] is False
    assert text_only["data_version"]


def test_highlights_are_escaped_and_mark_the_words(client: TestClient) -> None:
    body = client.get("/v1/search", params={"q": "MUX DEMUX multiplexors"}).json()
    fragments = [f for hit in body["hits"] for f in hit["highlights"]]
    assert any("&amp;" in f and "<mark>" in f for f in fragments)
    body = client.get("/v1/search", params={"q": "<script>alert(1)</script> laser"}).json()
    for hit in body["hits"]:
        for fragment in hit["highlights"]:
            assert "<script" not in fragment
            assert fragment.replace("<mark>", "").replace("</mark>", "").count("<") == 0


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"q": "   "}, "q"),
        ({"q": "x" * 201}, "q"),
        ({"q": "laser", "jurisdiction": "XX"}, "jurisdiction"),
        ({"q": "laser", "jurisdiction": "CN"}, "jurisdiction"),
        ({"q": "laser", "kind": "teleporter"}, "kind"),
        ({"q": "laser", "limit": 0}, "limit"),
        ({"q": "laser", "limit": 101}, "limit"),
        ({"q": "laser", "limit": "many"}, "limit"),
        ({}, "q"),
    ],
)
def test_bad_input_is_a_problem_naming_the_field(
    client: TestClient, params: dict[str, Any], field: str
) -> None:
    response = client.get("/v1/search", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["detail"].startswith(f"{field}:") or problem.get("field") == field


def test_the_index_is_built_once_per_data_version(knowledge: Knowledge, context: Context) -> None:
    assert search_index(knowledge, context.store) is search_index(knowledge, context.store)
    assert search_index(knowledge, context.store).version == knowledge.version
