"""The what-if page over HTTP: the form answers the page of POST /v1/impact for the same change
(nothing written), errors sit beside the field they name, and an entry's criteria link to it."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi.testclient import TestClient

from exportgraph.graph.context import Context

EDIT = {
    "entry": "EU:4A506.a.2",
    "parameter": "cnot-error",
    "comparator": "<=",
    "threshold": "5e-4",
    "unit": "1",
    "as_of": "2026-06-01",
}


def _error_of(html: str, name: str) -> str:
    match = re.search(rf'<p class="field-error" id="{re.escape(name)}-error">([^<]*)</p>', html)
    assert match, f"no error shown for {name}"
    return match.group(1)


def test_the_form_answers_the_impact_page_and_writes_nothing(
    client: TestClient, real: Context
) -> None:
    version = real.store.data_version()
    query = urlencode([*EDIT.items(), ("jurisdiction", "US"), ("jurisdiction", "EU")])
    page = client.get(f"/whatif?{query}")
    body = {
        "change": {"edits": [{k: v for k, v in EDIT.items() if k != "as_of"}]},
        "corpus": "products",
        "jurisdictions": ["US", "EU"],
        "as_of": EDIT["as_of"],
    }
    api = client.post("/v1/impact", json=body, headers={"accept": "text/html"})
    assert page.status_code == api.status_code == 200
    assert page.text == api.text
    assert real.store.data_version() == version


def test_errors_sit_beside_their_field_with_the_api_status(client: TestClient) -> None:
    for field, value, status in (
        ("entry", "EU:9Z999", 422),
        ("threshold", "a lot", 422),
        ("unit", "furlong", 422),
        ("parameter", "no-such-parameter", 422),
    ):
        response = client.get(f"/whatif?{urlencode({**EDIT, field: value})}")
        assert response.status_code == status, (field, response.text[:300])
        assert _error_of(response.text, field), field
        assert f'value="{value}"' in response.text
    empty = client.get("/whatif?entry=")
    assert empty.status_code == 422 and "entry" in _error_of(empty.text, "entry")
    assert client.get("/whatif").status_code == 200


def test_an_entry_page_links_each_criterion_to_the_what_if(client: TestClient) -> None:
    html = client.get("/entries/EU:4A506.a.2").text
    assert "/whatif?entry=EU%3A4A506.a.2&amp;parameter=cnot-error&amp;comparator=%3C%3D" in html
