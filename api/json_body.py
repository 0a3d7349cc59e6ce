"""JSON request bodies under limits, the one reader every JSON route uses.

The nesting depth is measured on the raw bytes before parsing (a deep body crashes recursive
parsers and walkers, json's own included, long before it is large), then the parsed value's arrays
and objects are counted against the item limit, naming the field. Parsing runs in the thread pool,
never on the event loop.
"""

from __future__ import annotations

import json
import re
from array import array
from itertools import accumulate
from typing import Any

from fastapi import Request
from pydantic_core import from_json
from starlette.concurrency import run_in_threadpool

from exportgraph.errors import Limit, LimitExceeded, MalformedInput
from exportgraph.settings import Settings

_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"?', re.DOTALL)  # unterminated: to the end, linearly
_NOT_BRACKETS = bytes(b for b in range(256) if b not in b"[]{}")
_STEPS = bytes.maketrans(b"[{]}", b"\x01\x01\xff\xff")  # as signed bytes: +1 and -1
_CHUNK = 1 << 16


def json_depth(raw: bytes, stop_above: int | None = None) -> int:
    """How deeply arrays and objects nest in a JSON text (brackets inside strings ignored).

    Exact for well-formed JSON; for broken JSON, the depth of its deepest unclosed prefix (the
    parser then refuses it). Linear time; with `stop_above`, returns as soon as it is passed."""
    try:
        encoding = json.detect_encoding(raw)
    except UnicodeDecodeError:  # pragma: no cover - detect_encoding never decodes
        encoding = "utf-8"
    if encoding not in ("utf-8", "utf-8-sig"):
        try:  # UTF-16/32 JSON: measure its UTF-8 form, where ASCII bytes are characters
            raw = raw.decode(encoding).encode("utf-8", "surrogatepass")
        except UnicodeDecodeError:
            return 0  # the parser refuses it as not text
    brackets = _STRING.sub(b"", raw).translate(None, _NOT_BRACKETS)
    deepest = depth = 0
    for start in range(0, len(brackets), _CHUNK):
        steps = array("b", brackets[start : start + _CHUNK].translate(_STEPS))
        deepest = max(deepest, max(accumulate(steps, initial=depth)))
        depth += sum(steps)
        if stop_above is not None and deepest > stop_above:
            break
    return deepest


def depth_limit(settings: Settings) -> Limit:
    return Limit("EXPORTGRAPH_MAX_JSON_DEPTH", settings.max_json_depth, "levels")


def items_limit(settings: Settings) -> Limit:
    return Limit("EXPORTGRAPH_MAX_JSON_ITEMS", settings.max_json_items, "items")


def check_depth(raw: bytes, settings: Settings, field: str = "body") -> None:
    """Refuse (422) a JSON body nested deeper than the limit, before anything parses it."""
    deepest = settings.max_json_depth
    if raw.count(b"[") + raw.count(b"{") <= deepest:
        return  # cannot be deeper: the common case, without a scan
    if json_depth(raw, stop_above=deepest) > deepest:
        raise LimitExceeded(
            f"{field}: arrays and objects are nested more than {deepest} levels deep; at most "
            f"{deepest} are accepted (set by EXPORTGRAPH_MAX_JSON_DEPTH)",
            field=field,
            limit=depth_limit(settings),
        )


_CONTAINERS = (dict, list)


def check_items(value: Any, settings: Settings, field: str = "") -> None:
    """Refuse (422, naming the field) an array or object with more entries than the limit."""
    most = settings.max_json_items
    pending = [value] if isinstance(value, _CONTAINERS) else []
    while pending:  # without recursion: the depth limit may be set high
        node = pending.pop()
        if len(node) > most:
            _too_many(value, node, field, settings)
        children = node.values() if isinstance(node, dict) else node
        pending += [child for child in children if isinstance(child, _CONTAINERS)]


def _too_many(value: Any, culprit: Any, field: str, settings: Settings) -> None:
    """Raise for `culprit`, named by its path in `value` (searched only now: the rare case)."""
    pending: list[tuple[str, Any]] = [(field, value)]
    path = field
    while pending:
        path, node = pending.pop()
        if node is culprit:
            break
        if isinstance(node, dict):
            pending += [
                (f"{path}.{key}" if path else str(key), child) for key, child in node.items()
            ]
        elif isinstance(node, list):
            pending += [(f"{path}[{index}]", child) for index, child in enumerate(node)]
    limit = items_limit(settings)
    name = path or "body"
    raise LimitExceeded(
        f"{name}: {len(culprit)} entries; at most {limit.value} are accepted in one "
        f"{'object' if isinstance(culprit, dict) else 'list'} (set by {limit.setting})",
        field=name,
        limit=limit,
    )


def parse_json(raw: bytes, settings: Settings, field: str = "body") -> Any:
    """Parse a JSON body within the depth and item limits; 400 naming line and column if broken."""
    check_depth(raw, settings, field)
    try:
        value = from_json(raw)  # fast; refuses some JSON json.loads reads (BOM, UTF-16, \ud800)
    except ValueError:
        value = _loads(raw, field)
    check_items(value, settings, "" if field == "body" else field)
    return value


def _loads(raw: bytes, field: str) -> Any:
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise MalformedInput(f"{field}: the body is not UTF-8 text", field=field) from None
    except json.JSONDecodeError as error:
        raise MalformedInput(
            f"{field}: invalid JSON on line {error.lineno}, column {error.colno}: {error.msg}",
            field=field,
        ) from None
    except ValueError as error:  # e.g. an integer of more than 4300 digits
        raise MalformedInput(f"{field}: unreadable JSON: {error}", field=field) from None


INLINE_JSON_BYTES = 4 * 1024
"""Bodies up to this size are parsed on the event loop (microseconds: a change set's label, a
review comment); larger ones in the thread pool, so a big body never stalls the loop. A thread
hop for a small body cost more than the parse, and under load it waited for a pool thread that
readers held (a write queued behind them)."""


async def read_json(request: Request, settings: Settings, *, optional: bool = False) -> Any:
    """The request body as JSON, a large one parsed off the event loop (None for an optional
    empty body)."""
    raw = await request.body()
    if not raw.strip():
        if optional:
            return None
        raise MalformedInput(
            "body: the request body is empty (a JSON object is expected)", field="body"
        )
    if len(raw) <= INLINE_JSON_BYTES:
        return parse_json(raw, settings)
    return await run_in_threadpool(parse_json, raw, settings)
