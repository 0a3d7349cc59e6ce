"""Reading request bodies: JSON with errors that name line and column (400), a size limit (413)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from exportgraph.errors import ExportgraphError, MalformedInput


class PayloadTooLarge(ExportgraphError):
    status = 413
    title = "Payload too large"
    slug = "payload-too-large"


async def json_body(request: Request, *, optional: bool = False, limit: int | None = None) -> Any:
    """The request body as JSON; MalformedInput (400) naming line and column when it is not,
    PayloadTooLarge (413) over `limit` bytes."""
    raw = await request.body()
    if limit is not None and len(raw) > limit:
        raise PayloadTooLarge(f"body: at most {limit} bytes, got {len(raw)}", field="body")
    if not raw.strip():
        if optional:
            return None
        raise MalformedInput("the request body is empty (a JSON object is expected)", field="body")
    try:
        return json.loads(raw)
    except UnicodeDecodeError:
        raise MalformedInput("the body is not UTF-8 text", field="body") from None
    except json.JSONDecodeError as error:
        raise MalformedInput(
            f"invalid JSON on line {error.lineno}, column {error.colno}: {error.msg}", field="body"
        ) from None
