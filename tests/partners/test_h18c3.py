"""Classification by the Category 3 paragraphs h18c3 read (both lists unless marked): both sides of
each threshold, and "unknown" naming what is missing. The switching times of 3A002.d.3 and
3A001.b.11.b–g are necessary conditions ("for any frequency change": every change or some is not
written): not met → the paragraph does not control the item; met → "unknown", never "controlled"."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.test_formalized_cat56_families import _item

ON = "2026-12-01"
BOTH = ["US", "EU"]
OTHER_EQUIPMENT = "not-specially-designed-for-other-equipment"
CRYSTAL = "signal-generator-output-not-from-crystal-oscillator-frequency-sums"
PREFIX = "shortest-frequency-switching-time-for-changes-"
SWITCHING = f"{PREFIX}over-2-2-ghz-within-4-8-to-31-8-ghz"


def _possible(result: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in result.get("possible_entries") or []}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_signal_generator_switching_time_both_sides(classify_in: Any, jurisdiction: str) -> None:
    code = f"{jurisdiction}:3A002.d.3.b"  # "Less than 100 µs for any frequency change exceeding
    # 2.2 GHz within the frequency range exceeding 4.8 GHz but not exceeding 31.8 GHz"
    facts = {CRYSTAL: True, OTHER_EQUIPMENT: True}
    fast = classify_in(jurisdiction, _item("signal-generator", facts, **{SWITCHING: "99 us"}), ON)
    assert fast["controlled"] == "unknown" and code in _possible(fast)
    assert f"complete criteria of {code}" in fast["missing_facts"]  # read the text, never true
    slow = classify_in(jurisdiction, _item("signal-generator", facts, **{SWITCHING: "100 us"}), ON)  # fmt: skip
    assert code not in _possible(slow)  # not "less than 100 µs": 3A002.d.3.b does not control it
    unsaid = classify_in(jurisdiction, _item("signal-generator", facts, **{"frequency-max": "20 GHz"}), ON)  # fmt: skip
    assert unsaid["controlled"] == "unknown" and SWITCHING in _possible(unsaid)[code]["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_synthesizer_switching_times_both_sides(classify_in: Any, jurisdiction: str) -> None:
    kind, facts = "frequency-synthesizer-electronic-assembly", {OTHER_EQUIPMENT: True}
    above_90 = "shortest-frequency-switching-time-within-above-90-ghz"
    code, code_g = f"{jurisdiction}:3A001.b.11.b", f"{jurisdiction}:3A001.b.11.g"
    fast = classify_in(jurisdiction, _item(kind, facts, **{SWITCHING: "50 us", above_90: "2 ms"}), ON)  # fmt: skip
    assert fast["controlled"] == "unknown" and code in _possible(fast)
    assert code_g not in _possible(fast)  # "Less than 1 ms within … exceeding 90 GHz": 2 ms
    g = classify_in(jurisdiction, _item(kind, facts, **{SWITCHING: "100 us", above_90: "0.9 ms"}), ON)  # fmt: skip
    assert code not in _possible(g) and code_g in _possible(g)
    assert f"complete criteria of {code_g}" in g["missing_facts"]
    # every switching time stated, none below its figure: not controlled (3A001.b.11.a: 143 ps)
    slow = {
        "frequency-switching-time": "1 us",
        SWITCHING: "100 us",
        f"{PREFIX}over-550-mhz-within-31-8-to-37-ghz": "500 us",
        f"{PREFIX}over-2-2-ghz-within-37-to-75-ghz": "1 ms",
        f"{PREFIX}over-5-ghz-within-75-to-90-ghz": "100 us",
        above_90: "1 ms",
    }
    out = classify_in(jurisdiction, _item(kind, facts, **slow), ON)
    assert not any(i.startswith(f"{jurisdiction}:3A001.b.11") for i in _possible(out))
    assert not any(e["id"].startswith(f"{jurisdiction}:3A001.b.11") for e in out["entries"])
