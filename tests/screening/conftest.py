"""Screening fixtures: the real ontology in a memory store (built once; the screening index is
loaded on first use, once per process), and small fixture roots holding a few real entries of the
list beside the screening tables."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from exportgraph.api.app import create_app
from fastapi.testclient import TestClient

from exportgraph import paths
from exportgraph.graph.context import Context
from tests import real_graph
from tests.terminology.conftest import fixture_ontology

# the real graph, built once per session (tests/real_graph.py)
context = real_graph.context
knowledge = real_graph.knowledge

LIST_FILE = "us-consolidated-screening-list-20260731.json"
SAMPLE = (
    "AO Kaspersky Lab",
    "Origin Quantum Computing Technology (Hefei) Co., Ltd.",
    "Ozkanlar Grup Makine AS",
    "PRIGOZHIN, Yevgeniy Viktorovich",
    "Shanghai QuantumCTek Co., LTD.",
    "ISIL-YEMEN",
)
"""Real entries the small fixture list keeps (names as listed)."""


def real_document() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(
        (paths.ontology_dir() / "sources" / LIST_FILE).read_text(encoding="utf-8")
    )
    return document


def sample_document(names: tuple[str, ...] = SAMPLE) -> dict[str, Any]:
    """The real file with only the entries named (and its entry count to match)."""
    document = real_document()
    document["entries"] = [e for e in document["entries"] if e["n"] in names]
    document["entryCount"] = len(document["entries"])
    return document


def screening_root(target: Path, document: dict[str, Any] | None) -> Path:
    """The fixture terminology, the screening tables and (unless None) a list file."""
    root = fixture_ontology(target)
    shutil.copytree(paths.ontology_dir() / "screening", root / "screening", dirs_exist_ok=True)
    if document is not None:
        (root / "sources").mkdir(exist_ok=True)
        (root / "sources" / LIST_FILE).write_text(json.dumps(document), encoding="utf-8")
    return root


@pytest.fixture
def make_root(tmp_path: Path) -> Callable[[dict[str, Any] | None], Path]:
    def make(document: dict[str, Any] | None) -> Path:
        return screening_root(tmp_path / "ontology", document)

    return make


@pytest.fixture(scope="session")
def client(context: Context) -> Iterator[TestClient]:
    with TestClient(create_app(context)) as test_client:
        yield test_client
