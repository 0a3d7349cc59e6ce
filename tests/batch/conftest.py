"""Fixtures for batch classification and what-if: the real knowledge graph in a memory store,
built once, and helpers comparing batch answers with the single-item path."""

from __future__ import annotations

from typing import Any

from exportgraph.errors import ExportgraphError
from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.classify import classify_in
from tests import real_graph

# the real graph, built once per session (tests/real_graph.py)
client = real_graph.client
context = real_graph.context
knowledge = real_graph.knowledge


def single(
    knowledge: Knowledge, item: object, jurisdictions: list[str] | None, as_of: str
) -> list[dict[str, Any]] | ExportgraphError:
    """What the single-item path answers, in the fields of a batch answer (or its error)."""
    try:
        answer = classify_in(knowledge, item, jurisdictions, as_of)  # type: ignore[arg-type]
    except ExportgraphError as error:
        return error
    out = []
    for result in answer["results"]:
        verdict: dict[str, Any] = {
            "jurisdiction": result["jurisdiction"],
            "controlled": result["controlled"],
            "entries": [entry["id"] for entry in result["entries"]],
        }
        if result["controlled"] == "unknown":
            verdict["missing"] = result.get("missing", [])
            verdict["missing_facts"] = result.get("missing_facts", [])
            verdict["possible_entries"] = [e["id"] for e in result.get("possible_entries", [])]
        out.append(verdict)
    return out


def assert_same_as_single(
    knowledge: Knowledge,
    items: list[dict[str, Any]],
    answered: list[dict[str, Any]],
    jurisdictions: list[str] | None,
    as_of: str,
    prefix: str = "items",
) -> None:
    """Every batch answer is the single-item answer (the same error, named at the item's place)."""
    assert [a["id"] for a in answered] == [i.get("id") for i in items]
    for index, (sent, got) in enumerate(zip(items, answered, strict=True)):
        expected = single(knowledge, sent["item"], jurisdictions, as_of)
        if isinstance(expected, ExportgraphError):
            assert "error" in got, (sent, got)
            where = f"{prefix}[{index}].item"
            assert got["error"]["detail"] == expected.detail.replace("item", where, 1), (sent, got)
            assert got["error"]["status"] == expected.status
        else:
            assert got.get("results") == expected, (sent, got, expected)
