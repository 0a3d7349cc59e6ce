"""The search box on every page and the /search results page (HTML)."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_every_page_has_the_search_box(client: TestClient) -> None:
    for path in ("/", "/classify", "/concepts", "/entries/EU:4A506", "/search"):
        page = client.get(path).text
        assert re.search(r'<form class="site-search" method="get" action="/search"', page), path
        assert 'for="site-search-q"' in page


def test_results_link_to_the_entry_pages_and_mark_the_words(client: TestClient) -> None:
    response = client.get("/search", params={"q": "atomic frequency standard"})
    assert response.status_code == 200
    page = response.text
    assert 'href="/entries/US:3A002.g"' in page and 'href="/entries/EU:3A002.g"' in page
    assert "<mark>Atomic</mark> <mark>frequency</mark> <mark>standards</mark>" in page
    assert "known as text only" in page


def test_a_code_query_puts_the_entry_first_with_a_working_link(client: TestClient) -> None:
    page = client.get("/search", params={"q": "4A506"}).text
    first = re.search(r'<li data-id="([^"]+)"', page)
    assert first is not None and first.group(1) == "EU:4A506"
    assert client.get("/entries/EU:4A506").status_code == 200


def test_a_query_with_markup_is_shown_as_text(client: TestClient) -> None:
    page = client.get("/search", params={"q": "<script>alert(1)</script> laser"}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_filters_and_expansion_are_shown(client: TestClient) -> None:
    page = client.get("/search", params={"q": "dilution refrigerator", "jurisdiction": "EU"}).text
    assert '<option value="EU" selected>' in page
    assert 'href="/concepts/dilution-refrigerator"' in page
    ids = re.findall(r'<li data-id="([^"]+)"', page)
    assert ids and all(i.startswith("EU:") for i in ids)
    assert "EU:3A504.a" in ids


def test_bad_input_is_shown_beside_the_form_with_its_status(client: TestClient) -> None:
    response = client.get("/search", params={"q": "laser", "kind": "teleporter"})
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "teleporter" in response.text
    assert 'id="search-q"' in response.text


def test_the_page_without_a_query_is_the_form(client: TestClient) -> None:
    response = client.get("/search")
    assert response.status_code == 200
    assert 'id="search-q"' in response.text and "search-hits" not in response.text
