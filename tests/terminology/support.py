"""Helpers shared by the terminology tests."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from exportgraph.api.app import create_app
from fastapi.testclient import TestClient
from httpx import Response

from exportgraph.graph.context import Context
from exportgraph.services.users import Role, add_user
from exportgraph.settings import Settings
from exportgraph.store import RdfSource, Store, open_store


@dataclass
class Accounts:
    """Users of a test app and their tokens."""

    path: Path
    tokens: dict[str, str]

    def auth(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}


def accounts_of(path: Path, roles: Mapping[str, Role]) -> Accounts:
    """A fresh users file at `path` holding one account per name with its role."""
    return Accounts(path, {name: add_user(path, name, role) for name, role in roles.items()})


def copy_of(source: Store, name: str = "copy") -> Store:
    """A writable memory store with the same default and named graphs (no rebuild); `name`
    names the default graph's document (it takes part in the data version)."""
    store = open_store("memory:")
    dump = b"".join(f"{t.subject} {t.predicate} {t.object} .\n".encode() for t in source.triples())
    sources = [RdfSource(name, dump, "application/n-triples")]
    for graph in source.named_graphs():
        data = b"".join(
            f"{t.subject} {t.predicate} {t.object} <{graph}> .\n".encode()
            for t in source.triples(graph)
        )
        sources.append(RdfSource(graph, data, "application/n-quads"))
    store.replace_all(sources)
    return store


@contextmanager
def api_client(store: Store, users_file: Path) -> Iterator[TestClient]:
    """An API client over `store` (closed with the app) and the users of `users_file`."""
    settings = replace(Settings.from_env(), store_uri="memory:", users_file=str(users_file))
    with TestClient(create_app(Context(settings, store=store))) as client:
        yield client


XX_COOL = "<https://w3id.org/exportgraph/id/entry/XX/COOL-1/alt/1/base-temperature/le>"
ITALIAN_LABEL = 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .'
"""A change touching one label of one concept (nothing any answer is derived from)."""


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
