"""Classification of fused tapered fibre combiners (6A005.e.3.a, 6A005.e.3.b; read in
tests/lists/test_formalize_fibre_combiners.py): items on both sides of each threshold, in both
lists, and "unknown" naming what is missing when a figure is not given."""

from __future__ import annotations

from typing import Any

import pytest

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
LOSS, POWER = "fibre-combiner-insertion-loss", "fibre-combiner-rated-output-power"
FIBRES, BPP = "fibre-combiner-input-fibre-count", "fibre-combiner-output-beam-parameter-product"


def _item(kind: str, **parameters: Any) -> dict[str, Any]:
    return {"kind": f"{kind}-fused-tapered-fibre-combiner", "parameters": parameters}


def _ids(result: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in result["entries"]]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_multimode_combiner_thresholds(classify_in: Any, jurisdiction: str) -> None:
    # 6A005.e.3.a: loss <= 0.3 dB kept at a rated power > 1,000 W, 3 or more input fibres
    met = {LOSS: "0.3 dB", POWER: "1.2 kW", FIBRES: 3}
    answer = classify_in(jurisdiction, _item("multimode-to-multimode", **met), ON)
    assert answer["controlled"] is True
    assert _ids(answer) == [f"{jurisdiction}:6A005.e.3.a"]
    for changed in ({LOSS: "0.31 dB"}, {POWER: "1000 W"}, {FIBRES: 2}):
        below = classify_in(jurisdiction, _item("multimode-to-multimode", **{**met, **changed}), ON)
        assert below["controlled"] is False, changed
    missing = classify_in(
        jurisdiction, _item("multimode-to-multimode", **{LOSS: "0.2 dB", FIBRES: 7}), ON
    )
    assert missing["controlled"] == "unknown"
    assert POWER in missing["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_single_mode_combiner_beam_quality_by_fibre_count(
    classify_in: Any, jurisdiction: str
) -> None:
    # 6A005.e.3.b: loss < 0.5 dB at a rated power > 4,600 W, 3 or more input fibres, and a BPP
    # at the output <= 1.5 mm mrad for 5 fibres or fewer, <= 2.5 mm mrad for more than 5
    base = {LOSS: "0.4 dB", POWER: "5 kW"}
    code = f"{jurisdiction}:6A005.e.3.b"
    few = classify_in(jurisdiction, _item("single-mode-to-multimode", **base, **{FIBRES: 5, BPP: 1.5}), ON)  # fmt: skip
    assert few["controlled"] is True and _ids(few) == [code]
    # 2 mm mrad: too much for 5 fibres, within the limit for 7
    wide_few = _item("single-mode-to-multimode", **base, **{FIBRES: 5, BPP: 2})
    assert classify_in(jurisdiction, wide_few, ON)["controlled"] is False
    wide_many = _item("single-mode-to-multimode", **base, **{FIBRES: 7, BPP: 2})
    assert _ids(classify_in(jurisdiction, wide_many, ON)) == [code]
    worse = _item("single-mode-to-multimode", **base, **{FIBRES: 7, BPP: 2.6})
    assert classify_in(jurisdiction, worse, ON)["controlled"] is False
    lossy = _item("single-mode-to-multimode", **{**base, LOSS: "0.5 dB"}, **{FIBRES: 5, BPP: 1})
    assert classify_in(jurisdiction, lossy, ON)["controlled"] is False
    unmeasured = classify_in(jurisdiction, _item("single-mode-to-multimode", **base, **{FIBRES: 4}), ON)  # fmt: skip
    assert unmeasured["controlled"] == "unknown"
    assert BPP in unmeasured["missing"]
