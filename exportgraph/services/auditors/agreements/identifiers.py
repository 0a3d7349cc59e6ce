"""Ids and codes of the JSON form → IRIs, before JSON-LD mapping (contract §4).

An id is what the user prints: a licence's reference as the licensing authority wrote it
(`BAFA-2026-0042`, `D1234567`, `GBSIEL/2026/0001234`), a party's, item's or agreement's own
reference. An absolute IRI is kept as is; any other non-empty string gets a minted IRI,
`https://w3id.org/exportgraph/reference/{kind}/{the string, percent-encoded}`, and the string is
kept beside it as the node's `dcterms:identifier`, which is what answers show.

Minting is collision-free: percent-encoding (UTF-8, every byte but unreserved ASCII, `%` too) is
injective; each kind has its own namespace (party `1` and item `1` stay apart); a kept IRI is never
under the minting base (such an id, and any id under the reserved `https://w3id.org/exportgraph/`
base or written with a prefix of the bundled context such as `eg:`, is minted like a plain string).

Codes (countries, kinds, purposes) are written out as full IRIs here too, so no code can be read
as a term of the context (a destination `name` stays the code `name`, not `rdfs:label`).
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import quote

from pyoxigraph import NamedNode

from exportgraph.errors import InvalidInput
from exportgraph.json_types import JsonObject
from exportgraph.services.auditors.agreements.facts import (
    JURISDICTION_BASE,
    KIND_BASE,
    PURPOSE_BASE,
)
from exportgraph.services.auditors.agreements.terms import bundled_context, context_prefixes

RESERVED = "https://w3id.org/exportgraph/"
MINT_BASE = RESERVED + "reference/"
TOKEN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._\-]*$")
SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")


@cache
def _prefixes() -> frozenset[str]:
    return frozenset(context_prefixes(bundled_context()))


def is_kept_iri(text: str) -> bool:
    """An id kept as is: an absolute IRI outside the reserved base, not a context prefix's."""
    scheme = SCHEME.match(text)
    if scheme is None or scheme.group(1) in _prefixes():
        return False
    if text.startswith(RESERVED):
        return False
    try:
        NamedNode(text)
    except ValueError:
        return False
    return True


def mint(kind: str, reference: str) -> str:
    """The IRI of a reference of a kind (agreement, party, item, licence); deterministic."""
    if is_kept_iri(reference):
        return reference
    return f"{MINT_BASE}{kind}/{quote(reference, safe='-._~', errors='surrogatepass')}"


class Identifiers:
    """Assigns the IRIs of one agreement's ids; remembers each minted IRI's reference."""

    def __init__(self) -> None:
        self.references: dict[str, str] = {}
        """Minted IRI → the reference as the user wrote it."""

    def iri(self, kind: str, reference: str) -> str:
        iri = mint(kind, reference)
        if iri != reference:
            self.references[iri] = reference
        return iri

    def assign(self, document: JsonObject, prefix: str = "") -> None:
        """Rewrite a schema-checked agreement in place: ids, covers, access and codes → IRIs."""
        self._id(document, "agreement")
        for party in _objects(document, "parties"):
            self._id(party, "party")
            _code(party, "country", JURISDICTION_BASE)
        items: set[str] = set()
        for item in _objects(document, "items"):
            if isinstance(item.get("id"), str):
                items.add(str(item["id"]))
            self._id(item, "item")
            for field, base in (("kind", KIND_BASE), ("for_kind", KIND_BASE)):
                _code(item, field, base)
            _code(item, "purpose", PURPOSE_BASE)
        for licence in _objects(document, "licences"):
            self._id(licence, "licence")
            _code(licence, "jurisdiction", JURISDICTION_BASE)
            if "covers" in licence:
                licence["covers"] = [self.iri("item", c) for c in _strings(licence, "covers")]
        _code(document, "destination", JURISDICTION_BASE)
        for index, exchange in enumerate(_objects(document, "exchanges")):
            _code(exchange, "nationality", JURISDICTION_BASE)
            if "access" in exchange:
                where = f"{prefix}{'.' if prefix else ''}exchanges[{index}].access"
                exchange["access"] = [
                    self._access(value, items, f"{where}[{n}]")
                    for n, value in enumerate(_strings(exchange, "access"))
                ]

    def _id(self, node: JsonObject, kind: str) -> None:
        value = node.get("id")
        if isinstance(value, str):
            node["id"] = self.iri(kind, value)

    def _access(self, value: str, items: set[str], where: str) -> str:
        """What an exchange gives access to: an item of the agreement (by its id as written), an
        IRI, or a kind standing for the agreement's items of that kind (technology, software)."""
        if value in items:
            return self.iri("item", value)
        if is_kept_iri(value) or value.startswith(KIND_BASE):
            return value
        if TOKEN.match(value):
            return KIND_BASE + value
        raise InvalidInput(
            f'{where}: "{value}" is neither the id of one of the agreement\'s items nor a kind of '
            "item (such as technology or software); name an item by its id as the items list "
            "writes it",
            field=where,
        )


def _objects(node: JsonObject, field: str) -> list[JsonObject]:
    """The objects listed under `field` (the schema checked it is a list of objects)."""
    found = node.get(field)
    return [value for value in found if isinstance(value, dict)] if isinstance(found, list) else []


def _strings(node: JsonObject, field: str) -> list[str]:
    """The strings listed under `field` (the schema checked it is a list of strings)."""
    found = node.get(field)
    return [str(value) for value in found] if isinstance(found, list) else []


def _code(node: JsonObject, field: str, base: str) -> None:
    value = node.get(field)
    if isinstance(value, str) and TOKEN.match(value):
        node[field] = base + value
