"""Query parameters a route does not take are refused (422 naming them), not ignored: a mistyped
`?jurisdictions=US` on the batch route used to classify in every jurisdiction without a word."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import Request

from exportgraph.errors import InvalidInput


def only(*names: str) -> Callable[[Request], None]:
    """A dependency refusing any query parameter other than `names`."""

    def check(request: Request) -> None:
        unknown = sorted(set(request.query_params) - set(names))
        if unknown:
            taken = ", ".join(names) if names else "none"
            raise InvalidInput(
                f"{unknown[0]}: not a query parameter of this route (it takes: {taken})",
                field=unknown[0],
            )

    return check
