"""The web UI over HTTP (no browser): pages render, errors sit next to their field, the JSON API
is not shadowed, and the sign-in cookie and form posts are CSRF-safe."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.services import users

EXAMPLE = Path(__file__).resolve().parents[2] / "api" / "static" / "examples" / "agreement.json"
CLASSIFY = "/classify?kind=quantum-computer&physical-qubits=120&cnot-error=8e-4&as_of=2025-12-01"


def _error_of(html: str, name: str) -> str:
    match = re.search(rf'<p class="field-error" id="{re.escape(name)}-error">([^<]*)</p>', html)
    assert match, f"no error shown for {name}"
    return match.group(1)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/classify",
        CLASSIFY,
        "/compare",
        "/compare?a=US&b=EU",
        "/entries/US:4A906.a.2",
        "/agreements",
        "/review",
        "/releases",
        "/concepts",
        "/reports",
        "/whatif",
    ],
)
def test_pages_render(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert '<nav aria-label="Main">' in response.text and "<main" in response.text


def _paths(router: Any) -> list[str]:
    found: list[str] = []
    for route in router.routes:
        inner = getattr(route, "original_router", None)
        found += _paths(inner) if inner is not None else [str(getattr(route, "path", ""))]
    return found


def test_ui_routes_leave_the_json_api_alone(client: TestClient) -> None:
    from exportgraph.api.routers.ui import router

    paths = _paths(router)
    assert "/classify" in paths and "/static" in paths
    for path in paths:
        assert not path.startswith(("/v1", "/sparql", "/healthz", "/docs", "/openapi")), path
    for path in ("/healthz", "/v1/jurisdictions", "/v1/entries/US:4A906.a.2", "/v1/nothing-here"):
        response = client.get(path)
        assert not response.headers["content-type"].startswith("text/html"), path


def test_static_files(client: TestClient) -> None:
    css = client.get("/static/ui.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/ui.js").status_code == 200
    assert client.get("/static/../api/app.py").status_code == 404


def test_the_answer_matches_the_classification_service(client: TestClient, real: Context) -> None:
    from exportgraph.services.partners.classify import classify

    html = client.get(CLASSIFY).text
    item = {"kind": "quantum-computer", "parameters": {"physical-qubits": 120, "cnot-error": 8e-4}}
    expected = classify(real, item, None, "2025-12-01")
    for result in expected["results"]:
        code = result["jurisdiction"]
        shown = re.search(rf'<tr data-jurisdiction="{code}" data-controlled="([a-z]+)"', html)
        grouped = re.search(
            rf'<tr data-jurisdictions="[A-Z ]*\b{code}\b[A-Z ]*" data-controlled="([a-z]+)"', html
        )
        found = shown or grouped
        assert found, code
        assert found.group(1) == str(result["controlled"]).lower(), code
    assert 'href="/entries/US:4A906.a.2"' in html and 'href="/entries/EU:4A506.a.2"' in html
    assert re.search(r'<figure id="plot-US" data-jurisdiction="US" data-inside="true"', html)


def test_a_bad_number_is_shown_next_to_its_field(client: TestClient) -> None:
    response = client.get("/classify?kind=quantum-computer&physical-qubits=12a&cnot-error=8e-4")
    assert response.status_code == 422
    assert "not a number" in _error_of(response.text, "physical-qubits")
    field = re.search(r'<input[^>]*id="p-physical-qubits"[^>]*>', response.text)
    assert field and 'aria-invalid="true"' in field.group(0)
    assert 'aria-describedby="physical-qubits-error"' in field.group(0)


def test_a_service_error_is_placed_on_the_field_it_names(client: TestClient) -> None:
    response = client.get(
        "/classify?kind=quantum-computer&physical-qubits=120&cnot-error=8e-4&cnot-error.unit=furlong"
    )
    assert response.status_code == 422
    assert "furlong" in _error_of(response.text, "cnot-error")


def test_compare_rejects_a_bad_date_next_to_the_field(client: TestClient) -> None:
    response = client.get("/compare?as_of=2025-13-40")
    assert response.status_code == 422
    assert "as_of" in _error_of(response.text, "as_of")


def test_unknown_entry_is_an_html_404(client: TestClient) -> None:
    response = client.get("/entries/US:NOPE")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "US:NOPE" in response.text


def test_plot_svg_download(client: TestClient) -> None:
    query = "jurisdiction=US&qubits=120&cnot-error=8e-4&as_of=2025-12-01"
    response = client.get(f"/classify/plot.svg?{query}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("image/svg+xml")
    assert 'data-inside="true"' in response.text
    assert client.get("/classify/plot.svg?jurisdiction=ZZ").status_code == 422


def test_plot_svg_takes_the_point_by_the_planes_parameters(client: TestClient) -> None:
    """The plane's axes come from the data (eg:xParameter, eg:yParameter): the point is given by
    their notations; the former `qubits` spelling still works; a value that is not a finite
    number is a 422 naming the parameter."""
    base = "/classify/plot.svg?jurisdiction=US&as_of=2025-12-01"
    by_data = client.get(f"{base}&physical-qubits=120&cnot-error=8e-4")
    former = client.get(f"{base}&qubits=120&cnot-error=8e-4")
    assert by_data.status_code == former.status_code == 200
    assert 'data-inside="true"' in by_data.text
    assert by_data.text == former.text
    outside = client.get(f"{base}&physical-qubits=10&cnot-error=8e-4")
    assert 'data-inside="false"' in outside.text
    for bad in ("abc", "1e999", "nan"):
        refused = client.get(f"{base}&physical-qubits={bad}&cnot-error=8e-4")
        assert refused.status_code == 422
        assert "physical-qubits" in refused.text


def test_agreement_errors_and_downloads(client: TestClient) -> None:
    bad = client.post("/agreements", data={"text": "{not json", "format": "application/json"})
    assert bad.status_code == 422 and "line 1" in _error_of(bad.text, "text")
    agreement = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    del agreement["dispute_resolution"]
    text = json.dumps(agreement)
    page = client.post("/agreements", data={"text": text, "format": "application/json"})
    assert page.status_code == 200
    assert 'data-rule="AGR-DISPUTE-RESOLUTION" data-outcome="violation"' in page.text
    turtle = client.post("/agreements/report", data={"text": text, "output": "turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert "attachment" in turtle.headers["content-disposition"]
    report = client.post("/agreements/report", data={"text": text, "output": "json"}).json()
    assert report["conforms"] is False
    assert {v["rule"] for v in report["violations"]} >= {"AGR-DISPUTE-RESOLUTION"}
    upload = client.post(
        "/agreements", files={"file": ("a.json", text.encode(), "application/json")}
    )
    assert 'data-conforms="false"' in upload.text


def _signed_in(client: TestClient, real: Context, name: str, role: str) -> str:
    token = users.add_user(Path(real.settings.users_file), name, role)
    response = client.post("/signin", data={"token": token}, follow_redirects=False)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    page = client.get("/review").text
    match = re.search(r'name="csrf" value="([0-9a-f]{64})"', page)
    assert match
    return match.group(1)


def test_sign_in_rejects_a_bad_token_next_to_the_field(client: TestClient) -> None:
    response = client.post("/signin", data={"token": "egt_wrong"}, follow_redirects=False)
    assert response.status_code == 401
    assert "not valid" in _error_of(response.text, "token")
    assert "set-cookie" not in response.headers


def test_form_posts_need_the_csrf_token_and_same_origin(client: TestClient, real: Context) -> None:
    csrf = _signed_in(client, real, "pages-editor", "editor")
    body = {
        "summary": "s",
        "rationale": "r",
        "base_version": real.data_version(),
        "add": 'egid:kind/quantum-computer skos:altLabel "QC"@en .',
    }
    assert client.post("/review/changes", data=body, follow_redirects=False).status_code == 403
    forged = client.post("/review/changes", data={**body, "csrf": "0" * 64}, follow_redirects=False)
    assert forged.status_code == 403
    cross = client.post(
        "/review/changes",
        data={**body, "csrf": csrf},
        headers={"origin": "https://evil.example"},
        follow_redirects=False,
    )
    assert cross.status_code == 403
    broken = {**body, "csrf": csrf, "add": "not turtle ."}
    bad = client.post("/review/changes", data=broken, follow_redirects=False)
    assert bad.status_code in (400, 422) and "line" in _error_of(bad.text, "add")
    client.post("/signout", data={"csrf": csrf})
    client.cookies.clear()


def test_a_release_refused_is_shown_next_to_its_field_with_the_values_typed(
    client: TestClient, real: Context
) -> None:
    csrf = _signed_in(client, real, "pages-admin", "admin")
    before = client.get("/v1/releases").json()
    response = client.post(
        "/releases",
        data={"csrf": csrf, "version": "a b", "notes": "first"},
        follow_redirects=False,
    )
    assert response.status_code == 422
    assert "version" in _error_of(response.text, "version").lower()
    assert 'value="a b"' in response.text and ">first</textarea>" in response.text
    assert client.get("/v1/releases").json() == before
    client.post("/signout", data={"csrf": csrf})
    client.cookies.clear()


def test_a_reviewer_cannot_propose(client: TestClient, real: Context) -> None:
    csrf = _signed_in(client, real, "pages-reviewer", "reviewer")
    response = client.post(
        "/review/changes",
        data={"csrf": csrf, "summary": "s", "rationale": "r", "add": "x"},
        follow_redirects=False,
    )
    assert response.status_code == 403
    client.cookies.clear()


def test_entry_page_says_provisional_dates_proposals_and_open_questions(
    client: TestClient,
) -> None:
    html = client.get("/entries/JP:X-CRYO-CMOS").text
    assert 'id="legal-status"' in html and "Proposal, not law as read." in html
    assert 'id="date-provisional"' in html
    italy = client.get("/entries/IT:X-QC").text
    assert "Provisional date: computed lower bound" in italy
    uk = client.get("/entries/GB:PL9014.X-QC.3").text
    assert 'id="open-questions"' in uk and "SI 2025/1197" in uk
    us = client.get("/entries/US:4A906.a.2").text
    assert 'id="date-provisional"' not in us and 'id="legal-status"' not in us
