"""The criteria table: each threshold (parameter, comparator, value, unit) of an entry's
alternative, with its legal text and source, as RDF."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from pathlib import Path

from exportgraph.loaders.controls_graph import (
    DCT_SOURCE,
    RDF_TYPE,
    XSD_DECIMAL,
    ControlGraph,
    evidence,
    rel,
    source_refs,
)
from exportgraph.loaders.tables import Row, read_table
from pyoxigraph import Literal, NamedNode

from exportgraph import namespaces as ns

COMPARATORS = {">=": "ge", ">": "gt", "<=": "le", "<": "lt", "=": "eq"}


def load_criteria(
    root: Path, folder: Path, code: str, sources: set[str], entries: set[str], graph: ControlGraph
) -> None:
    path = folder / "criteria.csv"
    if not path.exists():
        return
    columns = ("code", "parameter", "comparator", "value", "unit")
    seen: set[str] = set()
    for row in read_table(path, columns, name=rel(root, path)):
        entry_code = row.require("code")
        if entry_code not in entries:
            raise row.error("code", f"unknown entry {entry_code!r} (not in {code}/entries.csv)")
        comparator = row.require("comparator")
        if comparator not in COMPARATORS:
            raise row.error(
                "comparator", f"expected one of {' '.join(COMPARATORS)}, got {comparator!r}"
            )
        value = _decimal(row, "value")
        parameter = row.require("parameter")
        alternative = row.get("alternative") or "1"
        entry = ns.entry_iri(code, entry_code)
        alt = NamedNode(f"{entry.value}/alt/{alternative}")
        node = NamedNode(f"{alt.value}/{parameter}/{COMPARATORS[comparator]}")
        if node.value in seen:
            raise row.error(
                "comparator", f"a second {comparator} criterion on {parameter} in {entry_code}"
            )
        seen.add(node.value)
        graph.add(entry, ns.eg("alternative"), alt)
        graph.add(alt, RDF_TYPE, ns.eg("Alternative"))
        graph.add(alt, ns.eg("criterion"), node)
        graph.add(node, RDF_TYPE, ns.eg("Criterion"))
        graph.add(node, ns.eg("parameter"), ns.concept_iri("parameter", parameter))
        graph.text(node, ns.eg("comparator"), comparator)
        graph.add(node, ns.eg("thresholdValue"), Literal(format(value, "f"), datatype=XSD_DECIMAL))
        graph.add(node, ns.eg("unit"), ns.iri(ns.QUDT_UNIT, row.require("unit")))
        graph.text(node, ns.eg("legalText"), row.get("legal_text"), "en")
        for ref in source_refs(row, "source", code, sources):
            graph.add(node, DCT_SOURCE, ref)
        if row.get("evidence"):
            graph.text(node, ns.eg("evidence"), evidence(row, graph))


def _decimal(row: Row, column: str) -> Decimal:
    text = row.require(column)
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise row.error(column, f"expected a number, got {text!r}") from None
    if not value.is_finite():
        raise row.error(column, f"expected a finite number, got {text!r}")
    return value
