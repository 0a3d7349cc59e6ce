"""docs/partners.md shows what the service answers (regenerate with tests/partners/docs_examples.py)."""

from __future__ import annotations

import json
import re
from typing import Any

from fastapi.testclient import TestClient

from tests.partners.docs_examples import EXAMPLES, PAGE, answers, summary


def test_the_worked_examples_are_the_service_s_answers(client: TestClient) -> None:
    page = PAGE.read_text(encoding="utf-8")
    blocks = re.findall(r"```json\n(.*?)\n```", page, flags=re.DOTALL)
    requests, responses = blocks[0::2], blocks[1::2]
    assert [json.loads(r) for r in requests] == [body for _t, _x, _e, body in EXAMPLES]
    for (_title, _text, endpoint, _body), shown, actual in zip(
        EXAMPLES, responses, answers(client), strict=True
    ):
        # decisions, entries and what is missing must match; notes and versions may have moved on
        assert summary(endpoint, json.loads(shown)) == summary(endpoint, actual)


def _without_versions(value: Any) -> Any:
    """The answer without its data version (any data edit moves it; nothing else may differ)."""
    if isinstance(value, dict):
        return {k: _without_versions(v) for k, v in value.items() if k != "data_version"}
    if isinstance(value, list):
        return [_without_versions(v) for v in value]
    return value


def test_the_full_responses_shown_are_the_service_s_answers(client: TestClient) -> None:
    page = PAGE.read_text(encoding="utf-8")
    shown = re.findall(
        r"<summary>Full response</summary>\n\n```json\n(.*?)\n```", page, flags=re.DOTALL
    )
    assert len(shown) == len(EXAMPLES)
    for text, actual in zip(shown, answers(client), strict=True):
        # notes, citations, match types and exceptions as shown must be today's: regenerate with
        # tests/partners/docs_examples.py after a change of code or data
        assert _without_versions(json.loads(text)) == _without_versions(actual)
