"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from exportgraph.api import limits, problems, query_names, warm_up
from exportgraph.api.openapi_document import member, operations
from fastapi import Depends, FastAPI
from fastapi_offline import FastAPIOffline

from exportgraph import __version__
from exportgraph.graph.context import Context
from exportgraph.json_types import JsonObject
from exportgraph.services.standards.loading import load_checked

SHUTDOWN_WAIT_SECONDS = 5.0
"""How long a shutdown waits for a warm-up step under way before closing the store."""
# Routers by module; each module exposes `router`. Kept as names so one missing module is a clear error.
ROUTERS = (
    "exportgraph.api.routers.health",
    "exportgraph.api.routers.partners",
    "exportgraph.api.routers.batch",
    "exportgraph.api.routers.catalogue",
    "exportgraph.api.routers.search",
    "exportgraph.api.routers.coverage",
    "exportgraph.api.routers.products",
    "exportgraph.api.routers.sparql",
    "exportgraph.api.routers.agreements",
    "exportgraph.api.routers.terminology",
    "exportgraph.api.routers.impact",
    "exportgraph.api.routers.reports",
    "exportgraph.api.routers.risk",
    "exportgraph.api.routers.screening",
    "exportgraph.api.routers.reviews",
    "exportgraph.api.routers.ui",
)
QUERY_READ_BY_ROUTES = (
    "exportgraph.api.routers.health",
    "exportgraph.api.routers.sparql",
    "exportgraph.api.routers.ui",
)
"""Routers whose query string is theirs to read: health probes (monitors add their own
parameters), SPARQL protocol parameters (size-checked before parsing), the web UI's forms (whose
fields are the parameters). Every other route refuses query parameters it does not declare."""


def create_app(context: Context | None = None, *, warm: bool = False) -> FastAPI:
    """Build the app around a context (the store); the store is opened and built on first use.
    With `warm` (the served app), start-up computes in the background what the first reads and
    the first write would otherwise compute while a user waits."""
    ctx = context or Context(first_build=load_checked)

    @asynccontextmanager
    async def lifespan(application: FastAPI) -> AsyncIterator[None]:
        interval = sys.getswitchinterval()
        if warm:  # the served app (exportgraph.settings: switch_interval_ms)
            sys.setswitchinterval(ctx.settings.switch_interval_ms / 1000)
        application.state.warm_up = warm_up.start(ctx) if warm else None
        yield
        if application.state.warm_up is not None:
            await asyncio.to_thread(application.state.warm_up.stop, SHUTDOWN_WAIT_SECONDS)
        ctx.close()
        sys.setswitchinterval(interval)

    # OpenAPI pages with bundled Swagger UI / ReDoc assets: no CDN, so /docs works offline too
    app = FastAPIOffline(
        title="exportgraph",
        version=__version__,
        description="Export controls on quantum items across jurisdictions: classify items, "
        "assess activities, validate agreements, edit and release the shared terminology.",
        lifespan=lifespan,
    )
    app.state.context = ctx
    problems.install(app)
    refuse_undeclared = [Depends(query_names.declared_only)]
    for name in ROUTERS:
        app.include_router(
            importlib.import_module(name).router,
            dependencies=None if name in QUERY_READ_BY_ROUTES else refuse_undeclared,
        )
    app.add_middleware(limits.BodyLimits, settings=ctx.settings)
    generate = app.openapi

    def openapi() -> JsonObject:
        if app.openapi_schema is None:
            limits.document(problems.document(_hoist_components(generate())), ctx.settings)
        assert app.openapi_schema is not None
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _hoist_components(spec: JsonObject) -> JsonObject:
    """Move schemas a route names in `x-components` (its openapi_extra) to components.schemas."""
    schemas = member(member(spec, "components"), "schemas")
    for operation in operations(spec):
        hoisted = operation.pop("x-components", {})
        assert isinstance(hoisted, dict)
        schemas.update(hoisted)
    return spec
