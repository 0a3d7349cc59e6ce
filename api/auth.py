"""Bearer-token authentication for the editing endpoints (reading stays anonymous).

401 (with WWW-Authenticate: Bearer) without a valid token, 403 with the wrong role. The
dependency runs before the request body is read, so an unauthenticated write never gets as far
as validation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

from exportgraph.api.deps import ContextDep
from fastapi import Depends, Request

from exportgraph.errors import Unauthorized
from exportgraph.services.users import Role, User, authenticate, require


def _token(request: Request) -> str | None:
    header = request.headers.get("authorization")
    if header is None:
        return None
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthorized("use Authorization: Bearer <token>")
    return token.strip()


def requires(right: Role) -> Callable[..., object]:
    """A dependency returning the authenticated user, who must hold `right`."""

    async def dependency(request: Request, context: ContextDep) -> User:
        token = _token(request)
        path = Path(context.settings.users_file)
        # a stat and a hash (the accounts are cached per file version): not worth a hop to the
        # shared thread pool, where a write would queue behind every reader
        return require(authenticate(path, token), right)

    return dependency


async def signed_in(request: Request, context: ContextDep) -> User:
    """A dependency returning the authenticated user, whatever the role (e.g. to file a review)."""
    path = Path(context.settings.users_file)
    return authenticate(path, _token(request))


UserDep = Annotated[User, Depends(signed_in)]
EditorDep = Annotated[User, Depends(requires("editor"))]
ReviewerDep = Annotated[User, Depends(requires("reviewer"))]
AdminDep = Annotated[User, Depends(requires("admin"))]
