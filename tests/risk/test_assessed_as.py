"""An activity the law sees as another (eg:assessedAs) is assessed as that one, in /v1/assess as
in plans: an equipment trial abroad is an export of the equipment (bug: it needed no licence)."""

from __future__ import annotations

from typing import Any

from exportgraph.graph.context import Context
from exportgraph.services.partners.assess import assess

from .conftest import QC_120


def _us(context: Context, activity: str) -> dict[str, Any]:
    answer = assess(
        context, {"subject": {"item": QC_120}, "activity": activity, "from": "US", "to": "CN"}
    )
    result: dict[str, Any] = next(r for r in answer["results"] if r["jurisdiction"] == "US")
    return result


def test_an_equipment_trial_abroad_is_assessed_as_an_export(context: Context) -> None:
    trial, export = _us(context, "equipment-trial"), _us(context, "export")
    assert trial["licence_required"] is True
    assert trial["licence_required"] == export["licence_required"]
    assert trial["entries"] == export["entries"]
    assert trial["reasons"][0].startswith("equipment trial is assessed as export.")
    assert "temporary or not" in trial["reasons"][0]  # the why, from the vocabulary


def test_an_activity_assessed_as_itself_says_nothing_more(context: Context) -> None:
    assert not any("assessed as" in r for r in _us(context, "export")["reasons"])
