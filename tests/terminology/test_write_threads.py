"""Writes and the readiness probe need no thread of the shared pool: under load, readers' work
(SPARQL queries waiting for a worker, index builds) can hold every one of its threads, and a
proposal or an approval queued behind them. Here every thread of the pool is held while an
editor and a reviewer write: the requests must still be answered."""

from __future__ import annotations

from dataclasses import replace

import anyio
import anyio.to_thread
import httpx
from exportgraph.api.app import create_app

from exportgraph.graph.context import Context
from exportgraph.settings import Settings
from exportgraph.store import Store

from .support import Accounts

HANG_GUARD_S = 60
"""Not a performance bound: a request waiting for a pool thread would wait for ever."""


def test_writes_are_answered_while_readers_hold_every_pool_thread(
    fresh_store: Store, accounts: Accounts
) -> None:
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(accounts.path))
    context = Context(settings, store=fresh_store)
    context.data_version()  # a running service's store: open, built, its version cached
    app = create_app(context)

    async def scenario() -> list[int]:
        pool = anyio.to_thread.current_default_thread_limiter()
        readers = [object() for _ in range(int(pool.total_tokens))]
        for reader in readers:  # every thread of the shared pool is busy
            await pool.acquire_on_behalf_of(reader)
        statuses = []
        try:
            with anyio.fail_after(HANG_GUARD_S):
                transport = httpx.ASGITransport(app=app)
                async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
                    health = await client.get("/healthz")
                    statuses.append(health.status_code)
                    body = {
                        "summary": "an Italian label",
                        "rationale": "asked for by the Italian authority",
                        "base_version": health.json()["data_version"],
                        "add": 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .',
                    }
                    proposed = await client.post(
                        "/v1/changes", json=body, headers=accounts.auth("erin")
                    )
                    statuses.append(proposed.status_code)
                    approved = await client.post(
                        f"/v1/changes/{proposed.json()['id']}/approve",
                        headers=accounts.auth("rita"),
                    )
                    statuses.append(approved.status_code)
                    assert approved.json()["status"] == "approved"
        finally:
            for reader in readers:
                pool.release_on_behalf_of(reader)
        return statuses

    assert anyio.run(scenario) == [200, 201, 200]
