"""Reads first: while other requests are being answered, terminology writes wait their turn so
that they take at most EXPORTGRAPH_WRITE_SHARE of the served app's time; alone, they do not wait."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from exportgraph.api import write_pacing
from exportgraph.api.app import create_app
from exportgraph.api.write_pacing import MAX_PAUSE_SECONDS, CountRequests, WritePacing
from fastapi import FastAPI, HTTPException
from fastapi.testclient import TestClient

from exportgraph.graph.context import Context
from exportgraph.settings import Settings


def test_the_pause_after_a_write_keeps_writes_within_their_share() -> None:
    pacing = WritePacing(0.2)
    # a write of 10 ms then 40 ms of pause: 10 of every 50 ms, a fifth
    assert pacing.pause_after(0.010) == pytest.approx(0.040)
    assert WritePacing(0.5).pause_after(0.010) == pytest.approx(0.010)
    assert pacing.pause_after(10.0) == MAX_PAUSE_SECONDS  # a long release: the next click waits 1 s
    assert WritePacing(1.0).pause_after(0.010) == 0


def test_a_write_waits_only_while_others_are_answered() -> None:
    pacing = WritePacing(0.2)
    pacing._next_start = 100.0  # the previous write's pause ends at 100 s
    assert pacing.wait_at(99.0) == 0, "no reader: writes run back to back"
    pacing.requests = 3  # two readers and this write
    pacing.writes = 1
    assert pacing.wait_at(99.0) == pytest.approx(1.0)
    assert pacing.wait_at(100.5) == 0, "the pause is over"
    pacing.requests = 1  # only the write itself
    assert pacing.wait_at(99.0) == 0
    unpaced = WritePacing(1.0)
    unpaced.requests, unpaced._next_start = 5, 100.0
    assert unpaced.wait_at(99.0) == 0


def test_writes_take_their_turns_after_the_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)

    async def two_writes() -> None:
        pacing = WritePacing(0.25)
        pacing.requests = 10  # readers are being answered
        await pacing.turn()  # the first write: nothing before it
        pacing.done(0.2)  # took 0.2 s: the next waits 0.6 s
        monkeypatch.setattr(write_pacing.asyncio, "sleep", sleep)
        await pacing.turn()
        pacing.done(0.0)
        assert pacing.writes == 0

    asyncio.run(two_writes())
    assert len(slept) == 1 and 0.5 < slept[0] <= 0.6


def test_requests_are_counted_while_answered_errors_included() -> None:
    pacing = WritePacing(0.2)
    app = FastAPI()
    seen: list[int] = []

    @app.get("/seen")
    def seen_now() -> dict[str, int]:
        seen.append(pacing.requests)
        return {"requests": pacing.requests}

    @app.get("/fails")
    def fails() -> None:
        raise HTTPException(status_code=409)

    app.add_middleware(CountRequests, pacing=pacing)
    with TestClient(app) as client:
        assert client.get("/seen").json() == {"requests": 1}
        assert client.get("/fails").status_code == 409
        assert client.get("/nowhere").status_code == 404
    assert seen == [1]
    assert pacing.requests == 0


def test_the_served_app_paces_writes_by_its_setting() -> None:
    settings = replace(Settings.from_env(), store_uri="memory:", write_share=0.1)
    app = create_app(Context(settings))
    assert app.state.write_pacing.share == 0.1


@pytest.mark.parametrize("text", ["0", "1.5", "-0.2", "half", "nan"])
def test_a_write_share_out_of_range_is_refused_naming_the_setting(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setenv("EXPORTGRAPH_WRITE_SHARE", text)
    with pytest.raises(ValueError, match="EXPORTGRAPH_WRITE_SHARE must be a number above 0"):
        Settings.from_env()
