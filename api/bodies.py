"""Request bodies read with a size limit, and parsed JSON with located errors."""

from __future__ import annotations

import json

from fastapi import Request

from exportgraph.errors import MalformedInput, TooLarge


async def read_limited(request: Request, limit: int) -> bytes:
    """The body, refused (413) as soon as it passes `limit` bytes (or declares more)."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(
            f"body: {int(declared):,} bytes; at most {limit:,} are accepted", field="body"
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(
                f"body: more than {limit:,} bytes; at most {limit:,} are accepted", field="body"
            )
        chunks.append(chunk)
    return b"".join(chunks)


def parse_json(raw: bytes) -> object:
    """A JSON body; MalformedInput (400) naming line and column."""
    if not raw.strip():
        raise MalformedInput("the request body is empty", field="body")
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise MalformedInput("the body is not UTF-8 text", field="body") from None
    except json.JSONDecodeError as error:
        raise MalformedInput(
            f"invalid JSON on line {error.lineno}, column {error.colno}: {error.msg}", field="body"
        ) from None
    except RecursionError:
        raise MalformedInput("the JSON is nested too deeply", field="body") from None
