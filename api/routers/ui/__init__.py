"""The web UI: server-rendered pages over the same domain services as the JSON API.

Pages live outside /v1 (which stays the JSON API); static files are served under /static.
"""

from __future__ import annotations

from exportgraph.api.routers.ui import (
    agreements,
    catalogue,
    contested,
    products,
    reference,
    reports,
    review,
    risk,
    search,
    whatif,
)
from exportgraph.api.routers.ui.common import STATIC_DIR
from fastapi import APIRouter
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False, tags=["web UI"])
router.include_router(reference.router)
router.include_router(catalogue.router)
router.include_router(products.router)
router.include_router(agreements.router)
router.include_router(review.router)
router.include_router(risk.router)
router.include_router(contested.router)
router.include_router(search.router)
router.include_router(reports.router)
router.include_router(whatif.router)
router.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
