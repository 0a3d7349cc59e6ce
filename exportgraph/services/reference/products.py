"""The products corpus (contract §9a): `GET /v1/products`, `GET /v1/products/{id}` — real products
with their published figures (each with its source, date and benchmark, `"unknown"` where not
published) and, for one product, its classification in every jurisdiction built from those
figures, saying which figure (and benchmark) each parameter came from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import NotRequired

from typing_extensions import TypedDict

from exportgraph.errors import InvalidInput, NotFound
from exportgraph.knowledge.index import Knowledge
from exportgraph.knowledge.model import Figure, Product
from exportgraph.services.inputs import json_number, parse_date
from exportgraph.services.partners.answers import ClassifyAnswer
from exportgraph.services.partners.classify import classify_in
from exportgraph.services.partners.logic import Verdict

MAX_QUERY = 200


class SourceCited(TypedDict):
    id: str
    title: str
    publisher: str | None
    type: str | None
    url: str | None
    date: str | None


class FigureShown(TypedDict):
    parameter: str
    value: int | float | bool | str
    """As published; "unknown" when the sources read do not publish it."""
    unit: str | None
    canonical_value: NotRequired[int | float]
    canonical_unit: NotRequired[str]
    benchmark: str | None
    source: SourceCited | None
    source_date: str | None
    quote: str | None
    note: str | None
    problem: NotRequired[str]


class ProductSummary(TypedDict):
    id: str
    name: str
    manufacturer: str | None
    kind: str
    category: str | None
    modality: str | None
    status: str | None
    announced: str | None
    controlled: NotRequired[dict[str, Verdict]]


class ItemUsed(TypedDict):
    parameter: str
    value: int | float | str
    benchmark: str | None
    source: str | None


class ProductItem(TypedDict):
    """The item a product is classified as: its kind and a value per parameter."""

    kind: str
    parameters: dict[str, int | float | str]


class ProductDetail(ProductSummary):
    description: str | None
    source: SourceCited | None
    figures: list[FigureShown]
    item: ProductItem
    """The item classified: the kind and every published figure in its canonical unit."""
    used: list[ItemUsed]
    """Which figure each parameter of the item came from (the first one published)."""
    classification: ClassifyAnswer


def _source(knowledge: Knowledge, iri: str | None) -> SourceCited | None:
    found = knowledge.product_sources.get(iri) if iri else None
    if found is None:
        return None
    return {
        "id": found.id,
        "title": found.title,
        "publisher": found.publisher,
        "type": found.type,
        "url": found.url,
        "date": found.date,
    }


def _figure(knowledge: Knowledge, figure: Figure) -> FigureShown:
    value: int | float | bool | str
    if figure.value is None:
        value = "unknown"
    elif isinstance(figure.value, bool | str):
        value = figure.value
    else:
        value = json_number(figure.value)
    shown: FigureShown = {
        "parameter": figure.parameter,
        "value": value,
        "unit": figure.unit,
        "benchmark": figure.benchmark,
        "source": _source(knowledge, figure.source),
        "source_date": figure.source_date,
        "quote": figure.quote,
        "note": figure.note,
    }
    if figure.canonical is not None:
        shown["canonical_value"] = json_number(figure.canonical)
        shown["canonical_unit"] = knowledge.units.unit_label(figure.parameter)
    if figure.problem:
        shown["problem"] = figure.problem
    return shown


def product_item(knowledge: Knowledge, product: Product) -> tuple[ProductItem, list[ItemUsed]]:
    """The item a product is classified as: its kind and, per parameter, the first published
    figure — in canonical units, or by notation for a parameter whose values are concepts
    (material-form) — with which figure that was."""
    parameters: dict[str, int | float | str] = {}
    used: list[ItemUsed] = []
    for figure in product.figures:
        if figure.parameter in parameters:
            continue
        concept = knowledge.parameters.get(figure.parameter)
        value: int | float | str
        if figure.canonical is not None:
            value = json_number(figure.canonical)
        elif isinstance(figure.value, str) and concept and concept.links.get("value_scheme"):
            value = figure.value
        else:
            continue
        parameters[figure.parameter] = value
        source = knowledge.product_sources.get(figure.source) if figure.source else None
        used.append(
            {
                "parameter": figure.parameter,
                "value": value,
                "benchmark": figure.benchmark,
                "source": source.id if source else None,
            }
        )
    return {"kind": knowledge.kind_notation(product.kind), "parameters": parameters}, used


def _summary(knowledge: Knowledge, product: Product) -> ProductSummary:
    return {
        "id": product.id,
        "name": product.name,
        "manufacturer": product.manufacturer,
        "kind": knowledge.kind_notation(product.kind),
        "category": product.category,
        "modality": product.modality,
        "status": product.status,
        "announced": product.announced,
    }


def _classify(
    knowledge: Knowledge, product: Product, jurisdictions: Sequence[str] | None, on: dt.date
) -> ClassifyAnswer:
    item, _ = product_item(knowledge, product)
    return classify_in(knowledge, item, jurisdictions, on)


def list_products(
    knowledge: Knowledge,
    kind: str | None = None,
    category: str | None = None,
    q: str | None = None,
    *,
    with_classification: bool = False,
    as_of: dt.date | str | None = None,
) -> list[ProductSummary]:
    """Products, optionally of a kind (with its narrower kinds), a category, or matching `q`
    (name or manufacturer); with each jurisdiction's verdict when asked."""
    kinds: frozenset[str] | None = None
    if kind is not None:
        kinds = knowledge.descendants_of_kind(knowledge.concept("kinds", kind, "kind", "kind").iri)
    if q is not None and (not q.strip() or len(q) > MAX_QUERY):
        raise InvalidInput(f"q must be 1-{MAX_QUERY} characters", field="q")
    needle = q.strip().casefold() if q else None
    on = parse_date(as_of, "as_of")
    found = []
    for product in sorted(knowledge.products.values(), key=lambda p: (p.name.casefold(), p.id)):
        if kinds is not None and product.kind not in kinds:
            continue
        if category is not None and product.category != category:
            continue
        text = f"{product.name} {product.manufacturer or ''} {product.id}".casefold()
        if needle is not None and needle not in text:
            continue
        summary = _summary(knowledge, product)
        if with_classification:
            answer = _classify(knowledge, product, None, on)
            summary["controlled"] = {r["jurisdiction"]: r["controlled"] for r in answer["results"]}
        found.append(summary)
    return found


def get_product(
    knowledge: Knowledge,
    product_id: str,
    jurisdictions: Sequence[str] | None = None,
    as_of: dt.date | str | None = None,
) -> ProductDetail:
    """One product with every figure and its classification (NotFound for an unknown id)."""
    product = knowledge.products.get(product_id)
    if product is None:
        raise NotFound(f"no product {product_id!r} in the corpus", field="id")
    item, used = product_item(knowledge, product)
    return {
        **_summary(knowledge, product),
        "description": product.description,
        "source": _source(knowledge, product.source),
        "figures": [_figure(knowledge, f) for f in product.figures],
        "item": item,
        "used": used,
        "classification": classify_in(knowledge, item, jurisdictions, as_of),
    }
