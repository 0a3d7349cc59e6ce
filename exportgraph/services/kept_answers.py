"""Serialized answers kept in memory, bounded in bytes: the same question asked again of the same
data is answered without computing it again (classification and assessment answers, SPARQL
results)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

K = TypeVar("K", bound=Hashable)

Kept = tuple[str, bytes]
"""An answer's body and a word about it (the data version it names, or its media type)."""


class KeptAnswers(Generic[K]):
    """Answers by key, least recently used out first once their bodies pass `budget` bytes; an
    answer over a sixteenth of the budget is never kept, so the cache holds many small answers,
    not a few huge ones. Safe across threads."""

    def __init__(self) -> None:
        self._items: OrderedDict[K, Kept] = OrderedDict()
        self._lock = threading.Lock()
        self.bytes = 0

    def get(self, key: K) -> Kept | None:
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key: K, value: Kept, budget: int) -> None:
        with self._lock:
            if len(value[1]) <= budget // 16:
                old = self._items.pop(key, None)
                self.bytes += len(value[1]) - (len(old[1]) if old is not None else 0)
                self._items[key] = value
            while self.bytes > budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self.bytes -= len(dropped)

    def __len__(self) -> int:
        return len(self._items)
