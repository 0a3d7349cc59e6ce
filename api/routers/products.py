"""The products corpus (contract §9a, anonymous): real products with their published figures and
their classification."""

from __future__ import annotations

from typing import Annotated

from exportgraph.api.deps import KnowledgeDep
from exportgraph.api.problems import responses
from fastapi import APIRouter, Query
from starlette.concurrency import run_in_threadpool

from exportgraph.services.reference.products import (
    ProductDetail,
    ProductSummary,
    get_product,
    list_products,
)

router = APIRouter(tags=["products"])


@router.get(
    "/v1/products",
    summary="The corpus of real products, with their classification",
    responses=responses(422),
)
async def products(
    knowledge: KnowledgeDep,
    kind: Annotated[
        str | None, Query(description="a kind notation (narrower kinds included)")
    ] = None,
    category: Annotated[str | None, Query(description="e.g. gate-based-computer, qkd")] = None,
    q: Annotated[str | None, Query(description="name or manufacturer contains")] = None,
    classified: Annotated[bool, Query(description="add each jurisdiction's verdict")] = False,
    as_of: Annotated[str | None, Query(description="ISO date of the rules (default today)")] = None,
) -> list[ProductSummary]:
    """Products in name order; with `classified=true` each carries `controlled` per jurisdiction
    (true, false or "unknown") computed from its published figures."""
    return await run_in_threadpool(
        list_products, knowledge, kind, category, q, with_classification=classified, as_of=as_of
    )


@router.get(
    "/v1/products/{product_id}",
    summary="One product: figures, sources, classification",
    responses=responses(404, 422),
)
async def product(
    knowledge: KnowledgeDep,
    product_id: str,
    jurisdiction: Annotated[list[str] | None, Query(description="repeat for several")] = None,
    as_of: Annotated[str | None, Query(description="ISO date of the rules (default today)")] = None,
) -> ProductDetail:
    """Every published figure with its source, date, benchmark and quote (`"unknown"` where the
    sources do not publish it), the item it is classified as, and the classification."""
    return await run_in_threadpool(get_product, knowledge, product_id, jurisdiction, as_of)
