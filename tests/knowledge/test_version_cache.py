"""A value kept per data version: built once per version; readers of an index keep the previous
version's value while another thread builds the new one, writers' values never go stale."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from pyoxigraph import Literal, NamedNode, Quad

from exportgraph.graph.version_cache import PerVersion
from exportgraph.store import Store, open_store


@pytest.fixture
def store() -> Iterator[Store]:
    opened = open_store("memory:")
    opened.replace_all([])
    yield opened
    opened.close()


def _move(store: Store, value: str) -> None:
    store.apply(insert=[Quad(NamedNode("urn:test:s"), NamedNode("urn:test:p"), Literal(value))])


class Builds:
    """A build that records the versions it built and can be held until released."""

    def __init__(self) -> None:
        self.built: list[str] = []
        self.hold = False
        self.started = threading.Event()
        self.release = threading.Event()

    def __call__(self, store: Store) -> str:
        version = store.data_version() or ""
        self.started.set()
        if self.hold:
            assert self.release.wait(30), "the test never released the build"
        self.built.append(version)
        return version


@pytest.mark.parametrize("serve_previous", [True, False])
def test_a_reader_gets_the_previous_value_only_while_another_builds(
    store: Store, serve_previous: bool
) -> None:
    builds = Builds()
    cache = PerVersion(builds, serve_previous=serve_previous)
    old = cache.get(store)
    _move(store, "new")
    new = store.data_version()
    builds.hold, got = True, []
    builder = threading.Thread(target=lambda: got.append(cache.get(store)))
    builds.started.clear()
    builder.start()
    assert builds.started.wait(30)
    if serve_previous:
        assert cache.get(store) == old  # answered at once from the previous version
    else:
        waiter = threading.Thread(target=lambda: got.append(cache.get(store)))
        waiter.start()  # it can only wait for the new version: it never gets the old one
    builds.release.set()
    builder.join(30)
    if not serve_previous:
        waiter.join(30)
    assert got and set(got) == {new}
    assert cache.get(store) == new and builds.built == [old, new]  # the new one built once


def test_the_building_caller_and_the_first_caller_wait_for_the_current_version(
    store: Store,
) -> None:
    cache = PerVersion(Builds(), serve_previous=True)
    assert cache.get(store) == store.data_version()  # nothing to serve yet: built
    _move(store, "next")
    assert cache.get(store) == store.data_version()  # nobody else building: this caller builds


def test_a_new_version_is_first_asked_of_the_step_from_the_previous_value(store: Store) -> None:
    builds = Builds()
    steps: list[tuple[str, str]] = []

    def step(at: Store, version: str, previous: str, now: str) -> str | None:
        steps.append((version, previous))
        return None if len(steps) == 1 else f"followed {previous}"

    cache: PerVersion[str] = PerVersion(builds, step=step)
    first = cache.get(store)
    _move(store, "a")
    second = cache.get(store)  # the step declines: built whole
    assert builds.built == [first, second] and steps == [(first, first)]
    _move(store, "b")
    assert cache.get(store) == f"followed {second}" and builds.built == [first, second]


def test_shared_values_serve_every_store_at_the_same_data_version(store: Store) -> None:
    """A copy at the same data version (a digest: one content) gets the value built for the
    original; a write on the copy then steps from it, and a store elsewhere is built for."""
    builds = Builds()
    steps: list[tuple[str, str]] = []

    def step(target: Store, before: str, value: str, after: str) -> str:
        steps.append((before, after))
        return after

    cache = PerVersion(builds, shared=True, step=step)
    _move(store, "one")
    copy, other = open_store("memory:"), open_store("memory:")
    try:
        copy.replace_all([])
        _move(copy, "one")
        other.replace_all([])
        _move(other, "two")
        assert copy.data_version() == store.data_version() != other.data_version()
        assert cache.get(store) == cache.get(copy) == store.data_version()
        assert builds.built == [store.data_version()]
        before = copy.data_version() or ""
        _move(copy, "three")
        assert cache.get(copy) == copy.data_version() and steps == [(before, copy.data_version())]
        assert cache.get(other) == other.data_version()
        assert builds.built == [store.data_version(), other.data_version()]
    finally:
        copy.close()
        other.close()


def test_unshared_values_and_versions_that_name_no_content_are_built_per_store() -> None:
    stores = [open_store("memory:") for _ in range(4)]
    try:
        for opened in stores:
            opened.replace_all([])
        builds = Builds()
        unshared = PerVersion(builds)
        assert unshared.get(stores[0]) == unshared.get(stores[1])
        assert len(builds.built) == 2
        from exportgraph.store.embedded import EmbeddedStore

        scratch = [EmbeddedStore.holding([], "mapping check") for _ in range(2)]
        shared_builds = Builds()
        shared = PerVersion(shared_builds, shared=True)
        for opened in scratch:
            shared.get(opened)
        assert shared_builds.built == ["mapping check", "mapping check"]
        for opened in scratch:
            opened.close()
    finally:
        for opened in stores:
            opened.close()
