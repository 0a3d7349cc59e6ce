"""Which SPARQL results may be answered again from memory: a query asked again of the same state
of the store (data version and journal sequence) has the same result, unless it asks for the
time or for new values each time it runs (NOW, RAND, UUID, STRUUID, BNODE — SPARQL 1.1 §17.4)."""

from __future__ import annotations

import re
import threading
from collections import OrderedDict

from exportgraph.services.kept_answers import Kept, KeptAnswers

# anywhere in the text, comments and strings included: a false alarm only costs a run
_FRESH_EACH_RUN = re.compile(r"\b(?:NOW|RAND|UUID|STRUUID|BNODE)\s*\(", re.IGNORECASE)

Key = tuple[str, str, str, str, int]
"""(state of the store, query text, results type, graph type, row limit)."""


def repeatable(text: str) -> bool:
    """True when the query's result is the same for every run on the same state."""
    return _FRESH_EACH_RUN.search(text) is None


Question = tuple[str, str, str, int]
"""(query text, results type, graph type, row limit): a key without its state."""


class KeptResults(KeptAnswers[Key]):
    """SPARQL results (media type, body) by the state they were computed on and the question,
    and for each question the latest state a result was kept for."""

    LATEST = 4096

    def __init__(self) -> None:
        super().__init__()
        self._latest: OrderedDict[Question, str] = OrderedDict()

    def put(self, key: Key, value: Kept, budget: int) -> None:
        super().put(key, value, budget)
        with self._lock:
            question = key[1:]
            self._latest[question] = key[0]
            self._latest.move_to_end(question)
            while len(self._latest) > self.LATEST:
                self._latest.popitem(last=False)

    def latest(self, question: Question) -> str | None:
        """The latest state a result of `question` was kept for (it may have been dropped)."""
        with self._lock:
            return self._latest.get(question)


class Flights:
    """Queries running now, by key: a request asking what another is already computing for the
    same state waits for that answer instead of running the query again (after a write, every
    reader of a popular query used to reach the new state at once, and each ran it in a worker)."""

    def __init__(self) -> None:
        self._running: dict[Key, threading.Event] = {}
        self._lock = threading.Lock()

    def lead(self, key: Key) -> threading.Event | None:
        """None when the caller runs the query (it must `land` it); else the event set when the
        request running it lands."""
        with self._lock:
            running = self._running.get(key)
            if running is None:
                self._running[key] = threading.Event()
            return running

    def land(self, key: Key) -> None:
        with self._lock:
            running = self._running.pop(key, None)
        if running is not None:
            running.set()
