"""Content negotiation: one implementation, RFC 9110 semantics."""

from __future__ import annotations

import pytest

from exportgraph.errors import InvalidInput
from exportgraph.presentation.negotiation import choose, parse_accept, rdf_media_type

OFFERED = ("application/json", "text/html", "text/turtle")


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "application/json"),
        ("", "application/json"),
        ("text/turtle", "text/turtle"),
        ("text/html;q=0.5, text/turtle", "text/turtle"),
        ("text/html, text/turtle", "text/html"),  # equal quality: the client's order
        ("text/*", "text/html"),  # a wildcard stands for the first offer it matches
        ("*/*;q=0.1, text/turtle;q=0.9", "text/turtle"),
        ("image/png", None),
        ("text/turtle;q=0", None),  # q=0 means not acceptable
        ("text/turtle;q=abc, application/json;q=0.2", "application/json"),
        ("application/problem+json", "application/json"),  # an alias
    ],
)
def test_choose(accept: str | None, expected: str | None) -> None:
    aliases = {"application/problem+json": "application/json"}
    assert choose(accept, OFFERED, aliases=aliases) == expected


def test_parse_accept_keeps_positions_and_bounds_quality() -> None:
    ranges = parse_accept("text/html;q=2, ,application/json;level=1")
    assert [(r.media, r.quality, r.position) for r in ranges] == [
        ("text/html", 1.0, 0),
        ("application/json", 1.0, 2),
    ]


def test_rdf_is_chosen_only_when_asked_for() -> None:
    assert rdf_media_type("application/json", None) is None
    assert rdf_media_type("*/*", None) is None
    assert (
        rdf_media_type("application/n-triples, text/turtle;q=0.5", None) == "application/n-triples"
    )
    assert rdf_media_type(None, "json-ld") == "application/ld+json"
    with pytest.raises(InvalidInput) as caught:
        rdf_media_type(None, "yaml")
    assert caught.value.field == "format"
