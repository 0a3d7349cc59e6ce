"""The response guard (tests/response_guard.py) catches a member a response model drops."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from typing_extensions import TypedDict

from tests.response_guard import DroppedMembers, dropped


class Declared(TypedDict):
    entry: str


def _app(answer: dict[str, object]) -> FastAPI:
    app = FastAPI()

    @app.get("/answer")
    def get_answer() -> Declared:
        return answer  # type: ignore[return-value]  # what a domain function might return

    return app


def test_a_member_the_model_does_not_declare_fails_the_request() -> None:
    client = TestClient(_app({"entry": "US:3A001", "source": "15 CFR 774"}))
    with pytest.raises(DroppedMembers, match=r"\$\.source"):
        client.get("/answer")


def test_an_answer_the_model_declares_in_full_passes() -> None:
    client = TestClient(_app({"entry": "US:3A001"}))
    assert client.get("/answer").json() == {"entry": "US:3A001"}


def test_dropped_walks_nested_members_and_lists() -> None:
    given = {"matches": [{"entry": "a", "why": {"score": 90, "note": None}}], "n": 1}
    sent = {"matches": [{"entry": "a", "why": {"score": 90}}]}
    assert dropped(given, sent) == ["$.matches[0].why.note", "$.n"]
    assert dropped(given, sent, skip_none=True) == ["$.n"]
