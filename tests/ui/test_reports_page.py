"""The impact report page over HTTP: the form, the report it answers (the same page as GET
/v1/reports/impact), and errors beside the field they name, with the API's status."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def _error_of(html: str, name: str) -> str:
    match = re.search(rf'<p class="field-error" id="{re.escape(name)}-error">([^<]*)</p>', html)
    assert match, f"no error shown for {name}"
    return match.group(1)


def test_the_form_answers_the_reports_page(client: TestClient) -> None:
    query = "from=2024-01-01&to=2025-12-01&jurisdiction=US&jurisdiction=EU"
    page = client.get(f"/reports?{query}")
    api = client.get(f"/v1/reports/impact?{query}&format=html")
    assert page.status_code == api.status_code == 200
    assert page.text == api.text


def test_errors_sit_beside_their_field_with_the_api_status(client: TestClient) -> None:
    unknown = client.get("/reports?from=no-such-release")
    assert unknown.status_code == 404
    assert "no-such-release" in _error_of(unknown.text, "from")
    assert 'value="no-such-release"' in unknown.text
    empty = client.get("/reports?from=&to=2025-12-01")
    assert empty.status_code == 422 and "date" in _error_of(empty.text, "from")
    wrong = client.get("/reports?from=2024-01-01&jurisdiction=XX")
    assert wrong.status_code == 422 and "XX" in _error_of(wrong.text, "jurisdiction")
    assert client.get("/reports").status_code == 200
