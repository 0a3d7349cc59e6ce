"""Pages for the products corpus: the table of real products with each jurisdiction's verdict,
and one product with every figure, its source and its classification."""

from __future__ import annotations

from exportgraph.api.deps import get_knowledge
from exportgraph.api.routers.ui.common import call, error_page, render
from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from exportgraph.errors import ExportgraphError
from exportgraph.services.reference import products

router = APIRouter()


@router.get("/products", response_class=HTMLResponse)
async def products_page(
    request: Request, kind: str | None = None, q: str | None = None
) -> HTMLResponse:
    """Every product of the corpus with its verdict in each jurisdiction (today's rules)."""
    knowledge = await get_knowledge(request)
    try:
        listed = await call(
            products.list_products,
            knowledge,
            kind or None,
            None,
            q or None,
            with_classification=True,
        )
    except ExportgraphError as error:
        return await error_page(request, error)
    codes = knowledge.answered_jurisdictions()
    return await render(
        request,
        "ui/products.html",
        section="/products",
        title="Real products and how they are classified",
        products=listed,
        codes=codes,
        kinds=sorted(knowledge.kinds),
        kind=kind or "",
        q=q or "",
    )


@router.get("/products/{product_id}", response_class=HTMLResponse)
async def product_page(request: Request, product_id: str) -> HTMLResponse:
    """One product: published figures with sources, and its classification."""
    knowledge = await get_knowledge(request)
    try:
        detail = await call(products.get_product, knowledge, product_id)
    except ExportgraphError as error:
        return await error_page(request, error)
    return await render(
        request,
        "ui/product.html",
        section="/products",
        title=detail["name"],
        product=detail,
    )
