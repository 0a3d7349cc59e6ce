"""Classification by the non-"space-qualified" focal plane arrays of 6A002.a.3 (formalized from
both official texts; tests/lists/test_formalize_focal_plane_arrays.py reads their values): items
on both sides of each threshold, in both lists; Note 2 to 6A002.a.3 and "non-space-qualified" as
the facts asked; 'microbolometer' arrays only under 6A002.a.3.f (text)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _ids, _item

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")
NOTE_2 = "focal-plane-array-not-excluded-by-note-2-to-6a002a3"
READ = {"not-space-qualified": True, "space-qualified": False, NOTE_2: True}
PEAK, TIME = "detector-peak-response-wavelength", "detector-response-time-constant"
GAIN = "charge-multiplication-maximum-radiant-sensitivity"
GAIN_760, ELEMENTS = "charge-multiplication-radiant-sensitivity-above-760nm", "focal-plane-array-element-count"  # fmt: skip


def _array(kind: str, facts: dict[str, bool] | None = None, **parameters: Any) -> dict[str, Any]:
    return _item(f"{kind}focal-plane-array", READ if facts is None else facts, **parameters)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_two_dimensional_arrays_peaking_above_1200_nm(classify_in: Any, jurisdiction: str) -> None:
    # 6A002.a.3.c: "peak response in the wavelength range exceeding 1200 nm but not exceeding
    # 30000 nm"
    for peak in ("1201 nm", "30000 nm", "4.5 µm"):
        met = classify_in(jurisdiction, _array("two-dimensional-", **{PEAK: peak}), ON)
        assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A002.a.3.c"], peak
    for peak in ("1200 nm", "30001 nm"):
        outside = classify_in(jurisdiction, _array("two-dimensional-", **{PEAK: peak}), ON)
        assert f"{jurisdiction}:6A002.a.3.c" not in _ids(outside), peak
        assert outside["controlled"] is not True, peak


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_the_facts_asked_note_2_and_space_qualification(
    classify_in: Any, jurisdiction: str
) -> None:
    unknown = classify_in(jurisdiction, _array("two-dimensional-", {}, **{PEAK: "4 µm"}), ON)
    assert unknown["controlled"] == "unknown"
    assert {NOTE_2, "not-space-qualified"} <= set(unknown["missing_facts"])
    excluded = classify_in(
        jurisdiction, _array("two-dimensional-", {**READ, NOTE_2: False}, **{PEAK: "4 µm"}), ON
    )  # e.g. a thermopile array of fewer than 5,130 elements
    assert excluded["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_linear_arrays_and_microbolometers(classify_in: Any, jurisdiction: str) -> None:
    # 6A002.a.3.e: linear arrays "exceeding 3000 nm but not exceeding 30000 nm"; 'microbolometer'
    # arrays "are only specified in 6A002.a.3.f", which stays text (answered unknown, not false)
    met = classify_in(jurisdiction, _array("linear-", **{PEAK: "3001 nm"}), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A002.a.3.e"]
    below = classify_in(jurisdiction, _array("linear-", **{PEAK: "3000 nm"}), ON)
    assert f"{jurisdiction}:6A002.a.3.e" not in _ids(below)
    bolometer = classify_in(jurisdiction, _array("microbolometer-", **{PEAK: "10 µm"}), ON)
    assert bolometer["controlled"] == "unknown"
    assert f"{jurisdiction}:6A002.a.3.c" not in _ids(bolometer)
    assert f"{jurisdiction}:6A002.a.3.f" in {e["id"] for e in bolometer["possible_entries"]}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_arrays_peaking_from_900_to_1200_nm(classify_in: Any, jurisdiction: str) -> None:
    # 6A002.a.3.a: 900-1050 nm and a response "time constant" of less than 0,5 ns, or charge
    # multiplication above 10 mA/W; 6A002.a.3.b: 1050-1200 nm and 95 ns or less, or the same
    fast = classify_in(
        jurisdiction,
        _array("two-dimensional-", **{PEAK: "1000 nm", TIME: "0.4 ns", GAIN: "0 mA/W"}),
        ON,
    )
    assert fast["controlled"] is True and _ids(fast) == [f"{jurisdiction}:6A002.a.3.a"]
    slow = _array("two-dimensional-", **{PEAK: "1000 nm", TIME: "0.5 ns", GAIN: "0 mA/W"})
    assert classify_in(jurisdiction, slow, ON)["controlled"] is False
    gain = _array("two-dimensional-", **{PEAK: "1000 nm", TIME: "1 ns", GAIN: "11 mA/W"})
    assert _ids(classify_in(jurisdiction, gain, ON)) == [f"{jurisdiction}:6A002.a.3.a"]
    at_95 = _array("two-dimensional-", **{PEAK: "1100 nm", TIME: "95 ns", GAIN: "0 mA/W"})
    assert _ids(classify_in(jurisdiction, at_95, ON)) == [f"{jurisdiction}:6A002.a.3.b"]
    at_96 = _array("two-dimensional-", **{PEAK: "1100 nm", TIME: "96 ns", GAIN: "10 mA/W"})
    assert classify_in(jurisdiction, at_96, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_charge_multiplication_arrays_peaking_from_400_to_900_nm(
    classify_in: Any, jurisdiction: str
) -> None:
    # 6A002.a.3.g: 400-900 nm, charge multiplication above 10 mA/W beyond 760 nm, more than 32
    # elements
    figures = {PEAK: "800 nm", GAIN_760: "11 mA/W", ELEMENTS: 33}
    met = classify_in(jurisdiction, _array("two-dimensional-", **figures), ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A002.a.3.g"]
    for name, at in ((ELEMENTS, 32), (GAIN_760, "10 mA/W"), (PEAK, "400 nm")):
        item = _array("two-dimensional-", **{**figures, name: at})
        assert f"{jurisdiction}:6A002.a.3.g" not in _ids(classify_in(jurisdiction, item, ON)), name


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_not_space_qualified_is_the_negation_of_space_qualified(
    classify_in: Any, jurisdiction: str
) -> None:
    # eg:negationOf: stating either states the other, so a ground array is not asked whether it
    # is space-qualified by 6A002.a.1 once it said it is not (and the reverse)
    for stated in ({"not-space-qualified": True}, {"space-qualified": False}):
        item = _array("two-dimensional-", {**stated, NOTE_2: True}, **{PEAK: "4 µm"})
        met = classify_in(jurisdiction, item, ON)
        assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:6A002.a.3.c"], stated
    space = _array("two-dimensional-", {"space-qualified": True, NOTE_2: True}, **{PEAK: "4 µm"})
    answer = classify_in(jurisdiction, space, ON)
    assert f"{jurisdiction}:6A002.a.1.c" in _ids(answer)
    assert not [code for code in _ids(answer) if "6A002.a.3" in code]  # 6A002.a.3 does not apply


def test_a_fact_and_its_negation_stated_alike_are_refused(classify_in: Any) -> None:
    from exportgraph.errors import InvalidInput

    both = _array("two-dimensional-", {"space-qualified": True, "not-space-qualified": True})
    with pytest.raises(InvalidInput) as refused:
        classify_in("US", both, ON)
    assert "item.facts" in str(refused.value.field) and "space-qualified" in str(refused.value)
    agreeing = _array("two-dimensional-", {"space-qualified": False, "not-space-qualified": True, NOTE_2: True}, **{PEAK: "4 µm"})  # fmt: skip
    assert classify_in("US", agreeing, ON)["controlled"] is True
