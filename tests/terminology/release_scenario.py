"""A fixed sequence of releases and approved changes on the frozen release fixture, and what the
release service answers for it: exports in every RDF format and diffs.

Only service calls that exist since releases were introduced are used, so the same scenario ran
on the code before releases were stored as differences and produced tests/fixtures/releases/
golden.json (`python -m tests.terminology.release_scenario > golden.json`). Timestamps and data
versions differ between runs; they are replaced by placeholders before digests are taken.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from exportgraph.services.standards import changes, releases
from exportgraph.services.users import User
from exportgraph.store import RdfSource, Store, open_store

FIXTURE = Path(__file__).resolve().parent.parent / "fixtures" / "releases"
ERIN, RITA, ADA = User("erin", "editor"), User("rita", "reviewer"), User("ada", "admin")
COOL = "<https://w3id.org/exportgraph/id/entry/XX/COOL-1/alt/1/base-temperature/le>"
ITALIAN = 'parameter:cnot-error skos:altLabel "errore C-NOT"@it .'
FRENCH = 'parameter:cnot-error skos:altLabel "erreur C-NOT"@fr .'
CHANGES: dict[str, list[dict[str, str]]] = {
    "1.1": [
        {"remove": f"{COOL} eg:thresholdValue 100 .", "add": f"{COOL} eg:thresholdValue 150 ."},
        {"add": ITALIAN},
        {"add": "US:4A906.a.1 skos:exactMatch EU:4A506.a.1 ."},
    ],
    "1.2": [],
    "1.3": [{"remove": ITALIAN, "add": FRENCH}],
}
MEDIA_TYPES = ("text/turtle", "application/ld+json", "application/n-triples", "application/rdf+xml")
DIFFS = (("1.0", "1.1"), ("1.1", "1.2"), ("1.2", "1.3"), ("1.0", "1.3"), ("1.3", "1.0"))


def fixture_store() -> Store:
    store = open_store("memory:")
    data = (FIXTURE / "terminology.ttl").read_bytes()
    store.replace_all([RdfSource("terminology.ttl", data, "text/turtle")])
    return store


def _approve(store: Store, fields: dict[str, str]) -> None:
    body = {
        "summary": "a scenario change",
        "rationale": "release scenario",
        "base_version": store.data_version(),
        "add": "",
        "remove": "",
        **fields,
    }
    change = changes.propose(store, ERIN, body)
    changes.approve(store, RITA, change["id"])


def run_changes(store: Store, edits: list[dict[str, str]]) -> None:
    """Propose (erin) and approve (rita) each change, in order."""
    for fields in edits:
        _approve(store, fields)


def _normalized(data: bytes, description: dict[str, Any]) -> bytes:
    for name in ("created", "issued", "data_version"):
        data = data.replace(str(description[name]).encode(), f"<{name}>".encode())
    return data


def run(store: Store) -> dict[str, Any]:
    """Play the scenario; return digests of every export and every diff."""
    releases.create_release(store, ADA, {"version": "1.0", "notes": "first"})
    for version, edits in CHANGES.items():
        for fields in edits:
            _approve(store, fields)
        releases.create_release(store, ADA, {"version": version})
    exports: dict[str, dict[str, str]] = {}
    descriptions: dict[str, dict[str, Any]] = {}
    for version in ("1.0", *CHANGES):
        description = releases.get_release(store, version)
        descriptions[version] = {
            key: value
            for key, value in description.items()
            if key not in ("created", "issued", "data_version")
        }
        document = releases.release_document(store, version)
        exports[version] = {
            media_type: hashlib.sha256(
                _normalized(releases.serialize(document, media_type), description)
            ).hexdigest()
            for media_type in MEDIA_TYPES
        }
    diffs = {f"{a}/{b}": releases.diff_releases(store, a, b) for a, b in DIFFS}
    return {"descriptions": descriptions, "exports": exports, "diffs": diffs}


if __name__ == "__main__":
    print(json.dumps(run(fixture_store()), indent=1, sort_keys=True))
