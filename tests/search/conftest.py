"""Fixtures of the search tests: the project's data (whole lists included) in a memory store,
built once; its knowledge index and search index; a TestClient."""

from __future__ import annotations

from tests import real_graph

# the real graph, built once per session (tests/real_graph.py)
client = real_graph.client
context = real_graph.context
knowledge = real_graph.knowledge
