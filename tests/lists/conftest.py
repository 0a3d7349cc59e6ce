"""Shared fixtures: the official source files read once per session, and one store built from all
sources (whole lists included)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from exportgraph.loaders.annex_i import AnnexI, read_annex_i
from exportgraph.loaders.ccl import CommerceControlList, read_ccl
from exportgraph.loaders.country_chart import (
    CountryChart,
    CountryGroups,
    read_country_chart,
    read_country_groups,
)
from exportgraph.loaders.country_names import CountryNames
from exportgraph.loaders.formalize import FormalEntry
from exportgraph.loaders.whole_lists import _formalized

from exportgraph.paths import ontology_dir
from exportgraph.store import Store
from tests.real_graph import real_store

SOURCES = ontology_dir() / "sources"


@pytest.fixture(scope="session")
def names() -> CountryNames:
    return CountryNames(ontology_dir() / "controls" / "country-names.csv")


@pytest.fixture(scope="session")
def ccl() -> CommerceControlList:
    return read_ccl(SOURCES / "us-ccl-15cfr774-supp1.xml")


@pytest.fixture(scope="session")
def annex(names: CountryNames) -> AnnexI:
    return read_annex_i(SOURCES / "eu-2021-821-annex-i-20251115.json", names)


@pytest.fixture(scope="session")
def formalized(ccl: CommerceControlList, annex: AnnexI) -> list[FormalEntry]:
    """Every entry the formalize tables read from both official texts (as `load` reads them)."""
    trees = {
        "US": {e.code: e.tree for e in ccl.entries},
        "EU": {e.code: e.tree for e in annex.entries},
    }
    return list(_formalized(ontology_dir(), str, trees, {"US": set(), "EU": set()}))


@pytest.fixture(scope="session")
def found(formalized: list[FormalEntry]) -> dict[tuple[str, str], FormalEntry]:
    """The formalized entries by (jurisdiction, code) (a module may narrow it to its families)."""
    return {(e.jurisdiction, e.code): e for e in formalized}


@pytest.fixture(scope="session")
def chart(names: CountryNames) -> CountryChart:
    return read_country_chart(SOURCES / "us-15cfr738-country-chart.json", names)


@pytest.fixture(scope="session")
def groups(names: CountryNames) -> CountryGroups:
    return read_country_groups(SOURCES / "us-15cfr740-country-groups.json", names)


@pytest.fixture(scope="session")
def built() -> Iterator[Store]:
    """A store built from every source (build() = what `exportgraph load` does; tests/real_graph)."""
    store = real_store()
    yield store
    store.close()


def source_path(name: str) -> Path:
    return SOURCES / name
