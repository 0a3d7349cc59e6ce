"""A review record survives a restart: a real `exportgraph serve` on an on-disk Oxigraph store,
killed with SIGKILL after answering, then started again on the same data folder."""

from __future__ import annotations

from pathlib import Path

import httpx

from exportgraph.services.users import add_user
from tests.terminology.test_durability import Server, home, propose_threshold

__all__ = ["home"]  # the fixture: a fixture ontology home with queries/ and shapes/

CLASSIFY = {
    "item": {"kind": "cryogenic-cooling-system", "parameters": {"base-temperature": "50 mK"}},
    "jurisdictions": ["XX"],
}


def test_the_record_survives_a_restart(home: Path) -> None:
    tokens = {
        name: add_user(home / "users.json", name, role)
        for name, role in (("erin", "editor"), ("rita", "reviewer"))
    }
    server = Server(home)
    try:
        given = httpx.post(server.url + "/v1/classify", json=CLASSIFY, timeout=60).json()
        change_id = propose_threshold(server.url, tokens, "40")
        approved = httpx.post(
            f"{server.url}/v1/changes/{change_id}/approve",
            headers={"Authorization": f"Bearer {tokens['rita']}"},
            timeout=120,
        )
        assert approved.status_code == 200, approved.text
        filed = httpx.post(
            server.url + "/v1/reviews",
            json={
                "subject": "classification",
                "request": CLASSIFY,
                "data_version": given["data_version"],
                "grounds": "COOL-1 covered this cooler when we asked.",
            },
            headers={"Authorization": f"Bearer {tokens['erin']}"},
            timeout=120,
        )
        assert filed.status_code == 201, filed.text
        review_id = filed.json()["id"]
        decided = httpx.post(
            f"{server.url}/v1/reviews/{review_id}/decide",
            json={"outcome": "revised", "reason": "COOL-1 now reads 40 mK."},
            headers={"Authorization": f"Bearer {tokens['rita']}"},
            timeout=120,
        )
        assert decided.status_code == 200, decided.text
        before = httpx.get(f"{server.url}/v1/reviews/{review_id}").json()
        turtle = httpx.get(
            f"{server.url}/v1/reviews/{review_id}", headers={"Accept": "text/turtle"}
        ).text
        server.kill()
    finally:
        server.stop()
    server = Server(home)
    try:
        after = httpx.get(f"{server.url}/v1/reviews/{review_id}").json()
        assert after == before
        assert after["recorded_answer"] == given
        assert after["recorded_answer"]["results"][0]["controlled"] is True
        assert after["revised_answer"]["results"][0]["controlled"] is False
        again = httpx.get(
            f"{server.url}/v1/reviews/{review_id}", headers={"Accept": "text/turtle"}
        ).text
        assert sorted(again.splitlines()) == sorted(turtle.splitlines())
        assert [r["id"] for r in httpx.get(server.url + "/v1/reviews").json()] == [review_id]
    finally:
        server.stop()
