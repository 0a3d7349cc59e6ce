"""Query parameters a route does not take are refused (422 naming them), not ignored: a mistyped
`?jurisdictions=US` used to classify in every jurisdiction, or list every entry, without a word."""

from __future__ import annotations

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from exportgraph.errors import InvalidInput

_TAKEN: dict[int, tuple[APIRoute, frozenset[str]]] = {}
"""Per route (by identity: routes are not hashable), the route and the names it takes."""


def _query_names(dependant: Dependant) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for each in dependant.dependencies:
        names |= _query_names(each)
    return names


def _taken(route: APIRoute) -> frozenset[str]:
    """The query parameters the route declares (its own and its dependencies', by alias)."""
    found = _TAKEN.get(id(route))
    if found is None or found[0] is not route:
        found = (route, frozenset(_query_names(route.dependant)))
        _TAKEN[id(route)] = found
    return found[1]


async def declared_only(request: Request) -> None:
    """A dependency refusing any query parameter the matched route does not declare (async: a
    plain function would cost every request a hop to the thread pool)."""
    route = request.scope.get("route")
    if not request.scope.get("query_string") or not isinstance(route, APIRoute):
        return
    taken = _taken(route)
    unknown = sorted(set(request.query_params) - taken)
    if unknown:
        listed = ", ".join(sorted(taken)) if taken else "none"
        raise InvalidInput(
            f"{unknown[0]}: not a query parameter of this route (it takes: {listed})",
            field=unknown[0],
        )
