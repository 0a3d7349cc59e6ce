"""How `pytest -n 2 --dist loadfile` hands files to the workers (tests/conftest.py installs it).

xdist's file scheduler, changed in three ways so that both workers finish together:

- files are handed out in the collection's order (tests/conftest.py puts the long ones first),
  not sorted by how many tests they hold (xdist's default, under which a long file of a few tests
  could start last and be the run's tail);
- the browser files are one unit: they share one warmed server and one chromium per worker
  (session fixtures), started once instead of on both workers;
- a worker gets its next unit when it holds one test still to run (xdist waits until two), so
  that a worker does not queue a long file while the other is about to be free.
"""

from __future__ import annotations

import pytest
from xdist.remote import Producer
from xdist.scheduler import LoadFileScheduling
from xdist.workermanage import WorkerController

# folders whose files run as one unit, on one worker (relative to the rootdir, as node ids are)
GROUPED = ("tests/browser/",)


class LongFilesFirst(LoadFileScheduling):
    def __init__(self, config: pytest.Config, log: Producer | None = None) -> None:
        super().__init__(config, log)
        config.option.loadscopereorder = False  # the collection's order: long files first

    def _split_scope(self, nodeid: str) -> str:
        scope = super()._split_scope(nodeid)
        return next((folder for folder in GROUPED if scope.startswith(folder)), scope)

    def _reschedule(self, node: WorkerController) -> None:
        # a worker runs a test once it knows the next one: one pending test is one still to run
        if self._pending_of(self.assigned_work[node]) > 1:
            return
        super()._reschedule(node)
