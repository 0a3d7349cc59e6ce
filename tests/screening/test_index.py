"""The screening list is read on first use, never by the graph build (so no other question pays
for it), once per set of input files: reread when a file changes, refused when malformed."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from exportgraph.loaders.tables import SourceDataError

from exportgraph.graph.context import Context
from exportgraph.knowledge.screening import is_loaded, screening_index

from .conftest import LIST_FILE, SAMPLE, sample_document

RootMaker = Callable[[dict[str, Any] | None], Path]


def test_the_build_leaves_the_list_out_of_the_graph(context: Context) -> None:
    """The real ontology/ (whose sources/ hold the list) built: no party in any graph."""
    store = context.store
    assert not any("screening" in graph for graph in store.named_graphs())
    name = "AO Kaspersky Lab"
    assert not store.ask(
        f'ASK {{ {{ ?p ?q "{name}" }} UNION {{ GRAPH ?g {{ ?p ?q "{name}" }} }} }}'
    )


def test_the_list_is_read_on_first_use(make_root: RootMaker) -> None:
    root = make_root(sample_document())
    assert not is_loaded(root)
    index = screening_index(root)
    assert is_loaded(root)
    assert index is not None and sorted(p.name for p in index.parties) == sorted(SAMPLE)


def test_the_index_is_kept_until_a_file_changes(make_root: RootMaker) -> None:
    root = make_root(sample_document())
    first = screening_index(root)
    assert screening_index(root) is first
    fewer = sample_document(SAMPLE[:2])
    (root / "sources" / LIST_FILE).write_text(json.dumps(fewer), "utf-8")
    second = screening_index(root)
    assert second is not None and second is not first and len(second.parties) == 2
    assert first is not None and second.inputs_digest != first.inputs_digest


def test_without_a_list_there_is_no_index(make_root: RootMaker) -> None:
    root = make_root(sample_document())
    assert screening_index(root) is not None
    (root / "sources" / LIST_FILE).unlink()
    assert screening_index(root) is None


def test_a_malformed_list_is_refused_naming_the_value(make_root: RootMaker) -> None:
    broken = sample_document()
    broken["entries"][1]["s"] = 99
    root = make_root(broken)
    with pytest.raises(SourceDataError) as raised:
        screening_index(root)
    assert raised.value.file.endswith(LIST_FILE) and raised.value.column == "entries[1].s"
