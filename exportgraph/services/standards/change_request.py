"""A proposed change set as input: its body validated and parsed, and what it does to the graph
(the statements it really adds and removes, given what the store holds)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from pyoxigraph import NamedNode, Triple

from exportgraph import namespaces as ns
from exportgraph.errors import InvalidInput
from exportgraph.graph.change_statements import held_statements
from exportgraph.graph.changeset import encodable, parse_turtle, resolve_removals, touches
from exportgraph.graph.journal import RDF_TYPE
from exportgraph.store import Store

MAX_TEXT = 2_000_000  # characters of Turtle per change set
MAX_SUMMARY = 300
_CONCEPT_TYPES = {ns.SKOS + "Concept", ns.EG + "ItemKind", ns.EG + "Parameter", ns.EG + "Fact"}


@dataclass(frozen=True)
class ChangeRequest:
    """A validated proposal: its texts and the statements they parse to."""

    summary: str
    rationale: str
    base_version: str
    add_text: str
    remove_text: str
    add: list[Triple]
    remove: list[Triple]


def text_field(body: Mapping[str, object], name: str, *, required: bool, limit: int) -> str:
    """The string `body[name]` ("" when absent or null); InvalidInput naming the field when it is
    not a string, not valid Unicode, required but blank, or longer than `limit`."""
    value = body.get(name, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise InvalidInput(f"{name} must be a string", field=name)
    if not encodable(value):
        raise InvalidInput(f"{name} is not valid Unicode text (a lone surrogate)", field=name)
    if required and not value.strip():
        raise InvalidInput(f"{name} is required", field=name)
    if len(value) > limit:
        raise InvalidInput(f"{name} is longer than {limit} characters", field=name)
    return value


def parse_request(body: object) -> ChangeRequest:
    """Validate a POST /v1/changes body; InvalidInput / MalformedInput name the field and line."""
    if not isinstance(body, Mapping):
        raise InvalidInput("the body must be a JSON object", field="body")
    unknown = sorted(set(body) - {"summary", "rationale", "base_version", "add", "remove"})
    if unknown:
        raise InvalidInput(f"unknown field(s): {', '.join(unknown)}", field=unknown[0])
    summary = text_field(body, "summary", required=True, limit=MAX_SUMMARY)
    rationale = text_field(body, "rationale", required=True, limit=MAX_TEXT)
    base_version = text_field(body, "base_version", required=True, limit=200).strip()
    add_text = text_field(body, "add", required=False, limit=MAX_TEXT)
    remove_text = text_field(body, "remove", required=False, limit=MAX_TEXT)
    add, remove = (list(parsed) for parsed in _parsed(add_text, remove_text))
    if not add and not remove:
        raise InvalidInput("a change set needs statements to add or to remove", field="add")
    both = set(add) & set(remove)
    if both:
        raise InvalidInput(f"add and remove both contain {min(both, key=str)}", field="add")
    return ChangeRequest(
        summary.strip(), rationale, base_version, add_text, remove_text, add, remove
    )


CACHED_TEXT = 64 * 1024
"""Change texts up to this many characters (add and remove together) keep their parse: an
approval, and every later approval's conflict check, reads again what a proposal parsed."""


def _parsed(add_text: str, remove_text: str) -> tuple[tuple[Triple, ...], tuple[Triple, ...]]:
    """The statements of a change's texts (MalformedInput / InvalidInput naming the field)."""
    if len(add_text) + len(remove_text) > CACHED_TEXT:
        return tuple(parse_turtle(add_text, "add")), tuple(parse_turtle(remove_text, "remove"))
    return _parsed_small(add_text, remove_text)


@lru_cache(maxsize=512)
def _parsed_small(add_text: str, remove_text: str) -> tuple[tuple[Triple, ...], tuple[Triple, ...]]:
    return tuple(parse_turtle(add_text, "add")), tuple(parse_turtle(remove_text, "remove"))


def touched(add_text: str, remove_text: str) -> set[tuple[str, str, str]]:
    """What a change with these texts touches (see graph.changeset.touches)."""
    add, remove = _parsed(add_text, remove_text)
    return touches([*add, *remove])


def parse_comment(body: object) -> str | None:
    """The optional review comment of an approval or rejection body."""
    if body is None:
        return None
    if not isinstance(body, Mapping):
        raise InvalidInput("the body must be a JSON object", field="body")
    value = text_field(body, "comment", required=False, limit=MAX_TEXT)
    return value or None


@dataclass(frozen=True)
class Statements:
    """What the store holds of a change's statements (see `current_statements`)."""

    asserted: set[Triple]
    inferred: set[Triple]


def current_statements(store: Store, request: ChangeRequest) -> Statements:
    """What the store holds that a change needs to know of: every statement with the subject and
    predicate of a removal (a removal may spell a number unlike the graph), and the additions
    themselves (the effect asks of them only whether the graph holds them already)."""
    asserted, inferred = held_statements(store, request.add, request.remove)
    return Statements(asserted, inferred)


@dataclass(frozen=True)
class Effect:
    """What a change does to the asserted statements: those it adds (not asserted yet) and those
    it removes (as the graph spells them)."""

    added: list[Triple]
    removed: list[Triple]


def effect(request: ChangeRequest, statements: Statements) -> Effect:
    """The statements the change really adds and removes, given what the store holds."""
    removals = resolve_removals(request.remove, statements.asserted)
    kept = statements.asserted - set(removals)
    added = sorted(set(request.add) - kept, key=str)
    removed = sorted(set(removals) - set(request.add), key=str)
    return Effect(added, removed)


def check_removals(remove: Sequence[Triple], statements: Statements) -> None:
    """InvalidInput when a removal is not asserted (absent, or only inferred) or would delete a
    concept (concepts are deprecated, not deleted)."""
    for triple in remove:
        if triple in statements.asserted:
            if (
                triple.predicate.value == RDF_TYPE.value
                and isinstance(triple.object, NamedNode)
                and triple.object.value in _CONCEPT_TYPES
            ):
                raise InvalidInput(
                    f"remove: {triple.subject} would stop being a concept; concepts are "
                    "deprecated, not deleted: add owl:deprecated true and dcterms:isReplacedBy",
                    field="remove",
                )
            continue
        if triple in statements.inferred:
            raise InvalidInput(
                f"remove: {triple} is inferred by the reasoner, not stated; "
                "remove what it follows from",
                field="remove",
            )
        raise InvalidInput(f"remove: {triple} is not in the graph", field="remove")
