"""Property-based fuzzing of the risk and plan endpoints with the API suite's mutations: bad input
never gives a 500, every 4xx is a problem naming what is wrong, nothing is written."""

from __future__ import annotations

from exportgraph.api.routers.risk import PLAN_EXAMPLE, RISK_EXAMPLES
from hypothesis import given

from ..api.test_fuzz import FUZZ, JSON_HEADERS, Api, api, check, mutated  # noqa: F401 (fixture)

RISK_BASES = [example["value"] for example in RISK_EXAMPLES.values()]
PLAN_BASES = [example["value"] for example in PLAN_EXAMPLE.values()]


@FUZZ
@given(body=mutated(RISK_BASES))
def test_risk_never_fails_on_bad_bodies(api: Api, body: str) -> None:  # noqa: F811
    before = api.version()
    check(api, api.client.post("/v1/risk", content=body, headers=JSON_HEADERS), before)


@FUZZ
@given(body=mutated(PLAN_BASES))
def test_plans_never_fail_on_bad_bodies(api: Api, body: str) -> None:  # noqa: F811
    before = api.version()
    check(api, api.client.post("/v1/plans/evaluate", content=body, headers=JSON_HEADERS), before)
    calendar = {**JSON_HEADERS, "Accept": "text/calendar"}
    check(api, api.client.post("/v1/plans/evaluate", content=body, headers=calendar), before)
