"""A change's check indexes only what the equivalence check reads: the projection's index reads
the sections build_index needs, equals a whole index on them, and reports no problem (it used to
log every risk model, gate and processing time as broken, on every `make run`)."""

from __future__ import annotations

import logging

import pytest

from exportgraph.graph.closure import asserted_triples
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import of_triples
from exportgraph.knowledge.read import read_knowledge
from exportgraph.services.standards import mapping_check
from exportgraph.services.standards.equivalence_regions import SECTIONS_READ, build_index
from exportgraph.store import memory_store_of
from tests import real_graph

context = real_graph.context  # the real graph, built once per session


def test_the_projection_index_reads_only_what_the_check_needs(
    context: Context, caplog: pytest.LogCaptureFixture
) -> None:
    triples = asserted_triples(context.store)
    projection = mapping_check.mapping_projection(triples)
    with caplog.at_level(logging.WARNING, logger="exportgraph.knowledge"):
        narrow = of_triples(projection, SECTIONS_READ)
        regions, scratch = mapping_check.regions_of(projection)
        scratch.close()
    assert [r.getMessage() for r in caplog.records] == []
    assert narrow.problems == () and narrow.risk.models == {} and not narrow.products
    whole = build_index(of_triples(projection))
    assert build_index(narrow).entries == whole.entries
    assert regions.index.entries == whole.entries
    assert regions.index.asserted == whole.asserted


def test_an_unknown_section_is_refused() -> None:
    with pytest.raises(ValueError, match="no section"):
        read_knowledge(memory_store_of([]), ["entries", "no-such-section"])
