"""A value derived from an index is computed once, also when threads ask for it at once: the
second waits for the first (the what-if base, seconds of work, was computed twice when a review
page was opened while the background preparation ran)."""

from __future__ import annotations

import threading
import time

from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.units import UnitCatalogue


def test_threads_asking_at_once_get_one_computation() -> None:
    knowledge = Knowledge("v1", UnitCatalogue({}))
    builds: list[str] = []
    started = threading.Event()

    def slow(_: Knowledge) -> list[str]:
        builds.append(threading.current_thread().name)
        started.set()
        time.sleep(0.3)
        return ["value"]

    got: list[object] = []
    first = threading.Thread(target=lambda: got.append(knowledge.derived("base", slow)))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=lambda: got.append(knowledge.derived("base", slow)))
    second.start()
    first.join(5)
    second.join(5)
    assert len(builds) == 1
    assert len(got) == 2 and got[0] is got[1]
    # other names are not held up by it
    assert knowledge.derived("other", lambda _: 42) == 42
