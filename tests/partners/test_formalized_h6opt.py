"""Classification by Category 6 optics formalized from the whole lists (families.csv;
tests/lists/test_formalize_h6opt.py reads their values): beam steering mirror stages
(6A004.d.2.a) — items on both sides of each threshold, in both lists."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")

STAGE = {
    "beam-steering-stage-mirror-diameter-or-major-axis-length": "51 mm",
    "beam-steering-stage-maximum-angular-travel": "26 mrad",
    "beam-steering-stage-mechanical-resonant-frequency": "500 Hz",
    "beam-steering-stage-angular-accuracy": "10 µrad",
}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_beam_steering_mirror_stages(classify_in: Any, jurisdiction: str) -> None:
    # 6A004.d.2.a: mirrors > 50 mm, travel ±26 mrad or more, resonance 500 Hz or more,
    # angular accuracy 10 µrad or less
    kind = "beam-steering-mirror-stage"
    met = classify_in(jurisdiction, _item(kind, **STAGE), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A004.d.2.a"]
    for name, at in (
        ("beam-steering-stage-mirror-diameter-or-major-axis-length", "50 mm"),
        ("beam-steering-stage-maximum-angular-travel", "25.9 mrad"),
        ("beam-steering-stage-mechanical-resonant-frequency", "499 Hz"),
        ("beam-steering-stage-angular-accuracy", "11 µrad"),
    ):
        item = _item(kind, **{**STAGE, name: at})
        assert classify_in(jurisdiction, item, ON)["controlled"] is False, name
    # a figure not stated: the stage is not decided
    partial = {k: v for k, v in STAGE.items() if k != "beam-steering-stage-angular-accuracy"}
    assert classify_in(jurisdiction, _item(kind, **partial), ON)["controlled"] == "unknown"
