"""The products corpus in the index: products with their figures as published and, where a figure
is a number in a unit that converts, in the parameter's canonical unit."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal, InvalidOperation

from exportgraph.errors import InvalidInput
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Figure, Product, ProductSource
from exportgraph.knowledge.rows import Row, rows
from exportgraph.store import Store


def _published(row: Row) -> Decimal | bool | str | None:
    if row.get("unknown") in ("true", "1"):
        return None
    text = row.get("value")
    if text is None:
        return None
    if text in ("true", "false"):
        return text == "true"
    try:
        return Decimal(text)
    except InvalidOperation:
        return text


def _canonical(
    knowledge: Knowledge, parameter: str, value: Decimal | bool | str | None, unit: str | None
) -> tuple[Decimal | None, str | None]:
    """The value in the parameter's canonical unit, or why it cannot be given."""
    if not isinstance(value, Decimal) or isinstance(value, bool):
        return None, None
    raw: object = {"value": str(value), "unit": unit} if unit else str(value)
    try:
        return knowledge.units.to_canonical(parameter, raw, parameter), None
    except InvalidInput as error:
        return None, error.detail


def read_products(knowledge: Knowledge, store: Store) -> None:
    """Fill knowledge.products and knowledge.product_sources."""
    for row in rows(store, "knowledge_product_sources"):
        knowledge.product_sources[row["source"]] = ProductSource(
            iri=row["source"],
            id=row["id"],
            title=row.get("title") or row["id"],
            publisher=row.get("publisher"),
            type=row.get("type"),
            url=row.get("url"),
            date=row.get("date"),
        )
    heads: dict[str, Row] = {}
    figures: dict[str, dict[str, Row]] = defaultdict(dict)
    for row in rows(store, "knowledge_products"):
        heads.setdefault(row["product"], row)
        if row.get("figure"):
            figures[row["product"]].setdefault(row["figure"], row)
    for iri, head in heads.items():
        built = []
        for figure_iri in sorted(figures[iri], key=_figure_order):
            row = figures[iri][figure_iri]
            value = _published(row)
            canonical, problem = _canonical(knowledge, row["parameter"], value, row.get("unit"))
            built.append(
                Figure(
                    parameter=row["parameter"],
                    value=value,
                    unit=row.get("unit"),
                    canonical=canonical,
                    benchmark=row.get("benchmark"),
                    source=row.get("figureSource"),
                    source_date=row.get("sourceDate"),
                    quote=row.get("quote"),
                    note=row.get("note"),
                    problem=problem,
                )
            )
        knowledge.products[head["id"]] = Product(
            iri=iri,
            id=head["id"],
            name=head["name"],
            manufacturer=head.get("manufacturer"),
            kind=head["kind"],
            category=head.get("category"),
            modality=head.get("modality"),
            status=head.get("status"),
            announced=head.get("announced"),
            description=head.get("description"),
            source=head.get("source"),
            figures=tuple(built),
        )


def _figure_order(iri: str) -> tuple[int, str]:
    tail = iri.rsplit("/", 1)[-1]
    return (int(tail), iri) if tail.isdigit() else (0, iri)
