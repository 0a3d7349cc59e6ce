"""Helpers shared by the terminology tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response


@dataclass
class Accounts:
    """Users of a test app and their tokens."""

    path: Path
    tokens: dict[str, str]

    def auth(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}


XX_COOL = "<https://w3id.org/exportgraph/id/entry/XX/COOL-1/alt/1/base-temperature/le>"


def version(client: TestClient) -> str:
    """The store's current data version, as an editor reads it."""
    return str(client.get("/healthz").json()["data_version"])


def propose(
    client: TestClient,
    accounts: Accounts,
    who: str,
    *,
    add: str = "",
    remove: str = "",
    base: str | None = None,
    summary: str = "a test change",
) -> Response:
    """POST /v1/changes as `who`."""
    body = {
        "summary": summary,
        "rationale": f"because the test says so ({summary})",
        "base_version": base or version(client),
        "add": add,
        "remove": remove,
    }
    response: Response = client.post("/v1/changes", json=body, headers=accounts.auth(who))
    return response


def threshold(client: TestClient, criterion: str) -> list[str]:
    """The threshold values of a criterion, from the anonymous SPARQL-free export."""
    from pyoxigraph import RdfFormat, parse

    turtle = client.get("/v1/graph", headers={"Accept": "application/n-triples"}).content
    subject = criterion.strip("<>")
    return sorted(
        quad.object.value
        for quad in parse(turtle, RdfFormat.N_TRIPLES)
        if quad.subject.value == subject and quad.predicate.value.endswith("#thresholdValue")
    )
