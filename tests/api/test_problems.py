"""RFC 9457 problem responses."""

from __future__ import annotations

import json

from exportgraph.api.problems import PROBLEM, problem


def test_a_lone_surrogate_echoed_in_the_detail_still_renders() -> None:
    # json.loads accepts "\ud800"; echoing such a field name once made the error itself a 500
    response = problem(422, "Invalid input", "unknown field(s): \ud800", "invalid-input")
    assert response.media_type == PROBLEM
    assert json.loads(response.body)["detail"] == "unknown field(s): \ud800"
