"""What the knowledge tests share."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from exportgraph.graph import deltas
from exportgraph.store import Store
from tests.real_graph import real_store


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    """A writable memory store with the real data (each module its own; a module may define
    another `store`)."""
    opened = real_store()
    yield opened
    deltas.forget(opened)
    opened.close()
