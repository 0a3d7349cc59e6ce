"""docs/partners.md shows what the service answers (regenerate with tests/partners/docs_examples.py)."""

from __future__ import annotations

import json
import re

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
