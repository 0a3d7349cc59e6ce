"""The first use of an empty store builds it, and the interfaces build it checked: a store that
`serve` (or any command) builds itself records its terminology check like `exportgraph load`."""

from __future__ import annotations

from dataclasses import replace

from exportgraph.api.app import create_app

from exportgraph.cli.common import make_context
from exportgraph.graph.context import Context
from exportgraph.graph.sources import NTRIPLES
from exportgraph.services.standards.loading import load_checked
from exportgraph.settings import Settings
from exportgraph.store import RdfSource, Store
from exportgraph.store.embedded import EmbeddedStore

TINY = b'<urn:x:item> <urn:x:label> "item" .\n'


def test_an_empty_store_is_built_once_with_the_context_s_build() -> None:
    builds: list[Store] = []

    def build(store: Store) -> None:
        builds.append(store)
        store.replace_all([RdfSource("tiny", TINY, NTRIPLES)])

    empty = EmbeddedStore()
    context = Context(replace(Settings.from_env(), store_uri="memory:"), empty, first_build=build)
    assert context.opened_store() is None
    assert context.store is empty and context.store is empty
    assert builds == [empty]
    assert context.data_version() == empty.data_version()


def test_a_store_holding_data_is_not_built_again() -> None:
    held = EmbeddedStore()
    version = held.replace_all([RdfSource("tiny", TINY, NTRIPLES)])

    def refuse(store: Store) -> None:
        raise AssertionError("a store holding data was built again")

    context = Context(replace(Settings.from_env(), store_uri="memory:"), held, first_build=refuse)
    assert context.data_version() == version


def test_the_cli_and_the_served_app_build_with_the_terminology_check() -> None:
    assert make_context("memory:").first_build is load_checked
    assert create_app().state.context.first_build is load_checked
