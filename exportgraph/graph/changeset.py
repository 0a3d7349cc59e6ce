"""The change-set format: Turtle statements to add and remove (common prefixes predeclared),
what they touch, how removals match the stored spelling of a number, and the approved change
sets a rebuild replays. Used by the editing services and by the graph build alike."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import pyoxigraph
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.countries import iso_codes
from exportgraph.errors import InvalidInput, MalformedInput
from exportgraph.graph.queries import load_query
from exportgraph.numbers import MAX_EXPONENT, in_range
from exportgraph.store import Store

# Predeclared for change sets: the common vocabularies, the concept schemes, and one prefix per
# ISO 3166-1 country code and EU for the entries of any jurisdiction (US:4A906.a.2, as in the SSSOM
# tables): syntax only, so a jurisdiction added to the data needs no code change.
_CODES = sorted(iso_codes() | {"EU"})
TURTLE_PREFIX_MAP = {
    **ns.PREFIXES,
    **{
        scheme: f"{ns.EGID}{scheme}/"
        for scheme in (
            "kind",
            "parameter",
            "fact",
            "purpose",
            "scheme",
            "activity",
            "stage",
            "evidence",
            "claim",
            "plot",
        )
    },
    **{code: f"{ns.EGID}entry/{code}/" for code in _CODES},
}
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{space}> . " for p, space in TURTLE_PREFIX_MAP.items())
_POSITION = re.compile(r"^Parser error (?:at|between) line [^:]*: ", re.DOTALL)


def change_iri(change_id: str) -> NamedNode:
    return NamedNode(f"{ns.EGID}change/{change_id}")


def encodable(text: str) -> bool:
    """False for text with a lone surrogate (JSON can escape one; RDF cannot hold it)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def parse_turtle(text: str, field: str) -> list[Triple]:
    """Statements of a Turtle text (common prefixes predeclared); errors name the line."""
    if not text.strip():
        return []
    try:
        # the prefixes go on line 1, before the text, so line numbers stay the user's own
        quads = list(pyoxigraph.parse(TURTLE_PREFIXES + text, pyoxigraph.RdfFormat.TURTLE))
    except SyntaxError as error:
        message = _POSITION.sub("", error.msg or str(error))
        line = error.lineno or 1
        raise MalformedInput(
            f"{field}: Turtle error on line {line}: {message}", field=field
        ) from None
    triples = []
    for parsed in quads:
        triple = parsed.triple
        for term in (triple.subject, triple.object):
            if isinstance(term, BlankNode):
                raise InvalidInput(
                    f"{field}: blank node in {triple}; change sets name everything by IRI "
                    "(a blank node could never be removed again)",
                    field=field,
                )
            if isinstance(term, Triple):
                raise InvalidInput(f"{field}: RDF-star triple terms are not supported", field=field)
        _check_number(triple, field)
        triples.append(triple)
    return triples


def touches(triples: Iterable[Triple]) -> set[tuple[str, str, str]]:
    """(subject, predicate, language) keys of the statements (language '' when not a label)."""
    keys = set()
    for triple in triples:
        language = triple.object.language if isinstance(triple.object, Literal) else None
        keys.add((str(triple.subject), str(triple.predicate), language or ""))
    return keys


_NUMERIC = {ns.XSD + t for t in ("decimal", "integer", "double", "float", "int", "long")}


def _number(term: object) -> Decimal | None:
    if isinstance(term, Literal) and term.datatype.value in _NUMERIC:
        try:
            return Decimal(term.value)
        except InvalidOperation:
            return None
    return None


def _check_number(triple: Triple, field: str) -> None:
    """Refuse a numeric literal no service could use (NaN, INF, 1e-999999999); an ill-typed one
    ("abc"^^xsd:integer) is left to the terminology shapes' report."""
    term = triple.object
    if not isinstance(term, Literal) or term.datatype.value not in _NUMERIC:
        return
    try:
        value = Decimal(term.value)
    except InvalidOperation:
        return
    if not in_range(value):
        raise InvalidInput(
            f"{field}: {term} in {triple} is not a finite number from 1e-{MAX_EXPONENT} to "
            f"1e{MAX_EXPONENT}",
            field=field,
        )


def resolve_removals(remove: Sequence[Triple], asserted: AbstractSet[Triple]) -> list[Triple]:
    """The statements to remove as the graph spells them: `100.0` matches a stored `100`."""
    resolved = []
    for triple in remove:
        value = _number(triple.object)
        if triple not in asserted and value is not None:
            for candidate in asserted:
                if (
                    candidate.subject == triple.subject
                    and candidate.predicate == triple.predicate
                    and _number(candidate.object) == value
                ):
                    triple = candidate
                    break
        resolved.append(triple)
    return resolved


@dataclass(frozen=True)
class ApprovedChange:
    """An approved change set as a rebuild replays it: its id, summary and Turtle texts."""

    id: str
    summary: str
    add: str
    remove: str


def approved_changes(store: Store) -> list[ApprovedChange]:
    """Every approved change set, in the order the approvals were written."""

    def text(row: Mapping[str, object], name: str) -> str:
        term = row.get(name)
        return term.value if isinstance(term, Literal) else ""

    return [
        ApprovedChange(text(r, "id"), text(r, "summary"), text(r, "add"), text(r, "remove"))
        for r in store.select(load_query("changes_approved"))
    ]
