"""A name for JSON whose members the user, not the service, decides."""

from __future__ import annotations

from typing import TypeAlias

JsonObject: TypeAlias = dict[str, object]
"""A JSON object with open members: what a user states (an item's parameters and facts, a JSON-LD
@context, an assessment's subject echoed back), a problem's extension members, or a fragment of
the OpenAPI description (a JSON Schema, a requestBody) handed to FastAPI. Wherever the service
decides the members, a TypedDict or dataclass names them instead."""
