"""What the read-only SPARQL endpoint refuses before evaluation (contract §6).

`check_query` tokenizes the text (strings, comments and IRIs are skipped, so a keyword inside a
literal is harmless) and refuses updates, SERVICE, LOAD, FROM / FROM NAMED naming anything but a
graph of this store, and nesting the parser cannot take. `check_size` refuses a text over the size
limit before anything reads it (413).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from exportgraph import namespaces as ns
from exportgraph.errors import ContentTooLarge, Limit, MalformedInput, QueryRefused

LOCAL_GRAPHS = ns.EGID  # FROM may name graphs of this store only

_TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<comment>\#[^\n\r]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                 |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><(?:[^<>"{}|^`\\\x00-\x20]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*>)
    | (?P<var>[?$]\w+)
    | (?P<pname>(?:[^\W\d_][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
    | (?P<bnode>_:[\w.-]+)
    | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<word>[^\W\d]\w*)
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_UPDATE_WORDS = {"INSERT", "DELETE", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
MAX_NESTING = 64
"""Deepest nesting of brackets (or run of prefix operators) checked queries may have: the parser
recurses on each level, and far deeper queries crash or stall it."""
_OPENING, _CLOSING, _PREFIX_OPERATORS = "{([", "})]", "!^-+"


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def tokens(text: str) -> list[Token]:
    """The significant tokens of a SPARQL text (whitespace and comments dropped)."""
    found = []
    for match in _TOKEN.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            found.append(Token(kind, match.group(), match.start()))
    return found


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def query_size_limit(max_bytes: int) -> Limit:
    return Limit("EXPORTGRAPH_SPARQL_MAX_QUERY", max_bytes, "bytes")


def check_size(text: str, max_bytes: int) -> None:
    """Refuse (413) a query text over `max_bytes` of UTF-8, before anything tokenizes it."""
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise ContentTooLarge(
            f"query: the query text has {size} bytes; at most {max_bytes} are accepted (set by "
            "EXPORTGRAPH_SPARQL_MAX_QUERY): ask for less at once, or split the query",
            field="query",
            limit=query_size_limit(max_bytes),
        )


def check_query(text: str) -> None:
    """Refuse what the read-only endpoint never runs; raises QueryRefused naming the term and line."""
    if not isinstance(text, str) or not text.strip():
        raise MalformedInput("query: an empty query", field="query")
    found = tokens(text)
    _check_nesting(text, found)
    for index, token in enumerate(found):
        if token.kind != "word":
            continue
        word = token.text.upper()
        where = f"line {_line(text, token.offset)}"
        if word == "SERVICE":
            raise QueryRefused(
                f"query: SERVICE (federated query) is not allowed ({where})", field="query"
            )
        if word == "LOAD":
            raise QueryRefused(
                f"query: LOAD is not allowed: the endpoint is read-only ({where})", field="query"
            )
        if word in _UPDATE_WORDS:
            raise QueryRefused(
                f"query: {word} is an update; the endpoint is read-only ({where})", field="query"
            )
        if word == "FROM":
            _check_from(text, found, index, where)


def _check_nesting(text: str, found: list[Token]) -> None:
    """Refuse brackets nested (or prefix operators repeated) deeper than MAX_NESTING."""
    depth = run = 0
    for token in found:
        symbol = token.text if token.kind == "other" else " "  # one character
        depth += (symbol in _OPENING) - (symbol in _CLOSING)
        run = run + 1 if symbol in _PREFIX_OPERATORS else 0
        if depth > MAX_NESTING or run > MAX_NESTING:
            raise MalformedInput(
                f"query: nested deeper than {MAX_NESTING} levels (line {_line(text, token.offset)})",
                field="query",
            )


def _check_from(text: str, found: list[Token], index: int, where: str) -> None:
    following = found[index + 1 : index + 3]
    if following and following[0].kind == "word" and following[0].text.upper() == "NAMED":
        following = following[1:]
    target = following[0] if following else None
    if target is None or target.kind != "iri" or not target.text[1:-1].startswith(LOCAL_GRAPHS):
        shown = target.text if target else "(nothing)"
        raise QueryRefused(
            f"query: FROM {shown} is not allowed: only graphs of this store (<{LOCAL_GRAPHS}…>) may be "
            f"named ({where})",
            field="query",
        )
