"""Nesting limits: an agreement is a shallow document, so anything nested deeper is refused before
any recursive code (the JSON decoder, pydantic, JSON-LD, naming) sees it."""

from __future__ import annotations

import json
import re
from typing import Any

from exportgraph.errors import InvalidInput, MalformedInput

MAX_DEPTH = 32
"""Deepest nesting accepted. The JSON form needs 6 levels (a batch → an agreement → its items →
an item → its parameters → a {value, unit}), a Turtle agreement 4 (agreement → licence → covered
item → its kind); the margin leaves room for the bundled @context written out in full."""


_SURROGATE = re.compile("[\ud800-\udfff]")


class TooDeep(InvalidInput):
    """A document nested deeper than MAX_DEPTH (422)."""


def too_deep(where: str, what: str) -> TooDeep:
    return TooDeep(
        f"{where}: {what} nested more than {MAX_DEPTH} levels deep, deeper than any agreement "
        "(its clauses nest a few levels: agreement → licence → covered item); check that this "
        "is the agreement you meant to send",
        field=where,
    )


def checked_depth(value: Any, where: str = "body") -> int:
    """How deeply a JSON value nests arrays and objects (0 for a scalar); iterative. Raises
    MalformedInput for text that is not Unicode (an unpaired surrogate escape such as \\ud800)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        node, level = stack.pop()
        if isinstance(node, str) and _SURROGATE.search(node):
            raise MalformedInput(
                f"{where}: a string holds an unpaired surrogate escape (\\ud800–\\udfff), "
                "which is no Unicode character; send the text as UTF-8",
                field=where,
            )
        if isinstance(node, dict):
            stack.extend((key, level + 1) for key in node)
        if isinstance(node, dict | list):
            level += 1
            if level > deepest:
                deepest = level
                if deepest > MAX_DEPTH:
                    break
            stack.extend(
                (child, level) for child in (node.values() if isinstance(node, dict) else node)
            )
    return deepest


def load_json(text: str | bytes, where: str, what: str = "the JSON is") -> Any:
    """Parse JSON text; MalformedInput (400) naming line and column when it is not JSON,
    TooDeep (422) when it nests deeper than MAX_DEPTH."""
    try:
        value = json.loads(text)
    except UnicodeDecodeError as error:
        raise MalformedInput(f"{where}: not UTF-8 text ({error.reason})", field=where) from None
    except json.JSONDecodeError as error:
        raise MalformedInput(
            f"{where}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            field=where,
        ) from None
    except RecursionError:  # the decoder's own guard: deeper than the interpreter allows
        raise too_deep(where, what) from None
    if checked_depth(value, where) > MAX_DEPTH:
        raise too_deep(where, what)
    return value
