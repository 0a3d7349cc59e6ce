"""Walking the OpenAPI document FastAPI generates (free JSON) to complete it."""

from __future__ import annotations

from collections.abc import Iterator

from exportgraph.json_types import JsonObject


def member(node: JsonObject, name: str) -> JsonObject:
    """The object under `name`, created empty when absent."""
    found = node.setdefault(name, {})
    assert isinstance(found, dict), name
    return found


def operations(spec: JsonObject) -> Iterator[JsonObject]:
    """Every operation of every path of an OpenAPI document."""
    paths = spec.get("paths", {})
    assert isinstance(paths, dict)
    for path in paths.values():
        assert isinstance(path, dict)
        for operation in path.values():
            assert isinstance(operation, dict)
            yield operation
