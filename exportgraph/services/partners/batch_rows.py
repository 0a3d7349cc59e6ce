"""Rows of a batch: a JSON batch read item by item (a bad wrapper is answered in its own place),
item ids, and the limit on the number of items.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from exportgraph.errors import InvalidInput, Limit, LimitExceeded
from exportgraph.services.partners.batch_items import Row

MAX_ID = 500  # characters of an item id


def json_rows(items: object, field: str = "items") -> Iterator[Row]:
    """The rows of a JSON batch: `[{"id": …, "item": {…}}, …]` (each checked on its own;
    InvalidInput at once when `items` is not an array)."""
    if not isinstance(items, list):
        raise InvalidInput(f"{field}: expected an array of {{id, item}} objects", field=field)
    return _json_rows(items, field)


def _json_rows(items: list[object], field: str) -> Iterator[Row]:
    for index, entry in enumerate(items):
        if type(entry) is dict and len(entry) == 2 and "item" in entry:
            item_id = entry.get("id")
            if (type(item_id) is str and 0 < len(item_id) <= MAX_ID and item_id.strip()) or (
                type(item_id) is int
            ):
                yield Row(
                    item_id, entry["item"], index if field == "items" else f"{field}[{index}].item"
                )
                continue
        yield _json_row(entry, f"{field}[{index}]")


def _json_row(entry: object, where: str) -> Row:
    """A row whose wrapper is not the plain {"id", "item"}: checked field by field."""
    if not isinstance(entry, Mapping):
        return Row(
            None,
            None,
            where,
            InvalidInput(f"{where}: expected an object with id and item", field=where),
        )
    item_id = entry.get("id")
    if not valid_id(item_id):
        return Row(
            None,
            None,
            where,
            InvalidInput(
                f"{where}.id: expected a non-empty string (at most {MAX_ID} characters) or an "
                f"integer, got {_show(item_id)}",
                field=f"{where}.id",
            ),
        )
    unknown = sorted(str(key) for key in entry if key not in ("id", "item"))
    if unknown:
        return Row(
            item_id,
            None,
            where,
            InvalidInput(f"{where}: unknown field(s) {', '.join(unknown)}", field=where),
        )
    if "item" not in entry:
        return Row(
            item_id,
            None,
            where,
            InvalidInput(f"{where}.item: an item is required", field=f"{where}.item"),
        )
    return Row(item_id, entry["item"], f"{where}.item")


def valid_id(value: object) -> bool:
    """An item id: a non-empty string of at most MAX_ID characters, or an integer."""
    if isinstance(value, str):
        return len(value.strip()) > 0 and len(value) <= MAX_ID
    return isinstance(value, int) and not isinstance(value, bool)


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def check_count(count: int, limit: int, field: str = "items") -> None:
    """LimitExceeded (422) for a batch of more than `limit` items."""
    if count > limit:
        raise LimitExceeded(
            f"{field}: {count:,} items; at most {limit:,} are accepted in one request (split it; "
            "the limit is set by EXPORTGRAPH_MAX_BULK_ITEMS)",
            field=field,
            limit=Limit("EXPORTGRAPH_MAX_BULK_ITEMS", limit, "items"),
        )
