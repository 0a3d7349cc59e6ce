"""A pause around the atomic write of a change set, installed from the tests (the service has no
test hook): the change-set write path calls journal.conditional_write through the name
exportgraph.services.standards.changes.conditional_write, which a test replaces by `hooked(hook)`
so that hook(stage, action) runs just "before" the write (nothing written yet) and just "after"
it (written, not yet answered)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pyoxigraph import NamedNode, Quad

from exportgraph.graph import journal
from exportgraph.store import Store

Hook = Callable[[str, str], None]


def hooked(hook: Hook) -> Callable[..., journal.JournalState]:
    """journal.conditional_write with `hook` called just before and just after it."""

    def write(
        store: Store,
        expected: journal.JournalState,
        action: str,
        about: NamedNode,
        delete: Sequence[Quad] = (),
        insert: Sequence[Quad] = (),
        *,
        changes_data: bool = False,
    ) -> journal.JournalState:
        hook("before", action)
        written = journal.conditional_write(
            store, expected, action, about, delete, insert, changes_data=changes_data
        )
        hook("after", action)
        return written

    return write
