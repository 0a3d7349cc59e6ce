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


PHASE = "ssb-phase-noise-plus-20log-offset-minus-20log-frequency-10-hz-to-10-khz"
FAR = "ssb-phase-noise-minus-20log-frequency-10-to-100-khz"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_oscillator_phase_noise_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # 3A001.b.10: "less (better) than −(126 + 20log10F − 20log10f) anywhere within the range of
    # 10 Hz ≤ F ≤ 10 kHz": −150 dBc/Hz at F = 10 kHz from f = 10 MHz is −150 + 80 − 20 = −90
    kind, facts, code = "oscillator-or-oscillator-assembly", {OTHER_EQUIPMENT: True}, f"{jurisdiction}:3A001.b.10"  # fmt: skip
    met = classify_in(jurisdiction, _item(kind, facts, **{PHASE: "-126.5 dBc/Hz"}), ON)
    assert met["controlled"] is True and code in [e["id"] for e in met["entries"]]
    at = classify_in(jurisdiction, _item(kind, facts, **{PHASE: "-126 dBc/Hz"}), ON)
    assert at["controlled"] is False  # "less (better) than": −126 itself is not
    typical = classify_in(jurisdiction, _item(kind, facts, **{PHASE: "-90 dBc/Hz"}), ON)
    assert typical["controlled"] is False
    unsaid = classify_in(jurisdiction, _item(kind, facts), ON)
    assert unsaid["controlled"] == "unknown" and PHASE in _possible(unsaid)[code]["missing"]


def _generator(jurisdiction: str, **changed: str) -> dict[str, Any]:
    """An ordinary 20 GHz signal generator with every 3A002.d figure stated (none met)."""
    top = "90" if jurisdiction == "US" else "110"
    power = "rf-output-power-within-43-5-to-90-ghz" if top == "90" else "rf-output-power-within-43-5-to-110-ghz"  # fmt: skip
    bandwidth = "signal-generator-rf-modulation-bandwidth-within-"
    parameters = {
        "frequency-max": "20 GHz",
        "signal-generator-shortest-pulse-duration-within-31-8-to-37-ghz": "1 s",  # none there
        "signal-generator-highest-pulse-on-off-ratio-within-31-8-to-37-ghz": "0 dB",
        power: "0 W",
        SWITCHING: "5 ms",
        f"{PREFIX}over-550-mhz-within-31-8-to-37-ghz": "1 s",
        f"{PREFIX}over-2-2-ghz-within-37-to-75-ghz": "1 s",
        f"{PREFIX}over-5-ghz-within-75-to-{top}-ghz": "1 s",
        f"{PHASE}-within-3-2-to-{top}-ghz": "-100 dBc/Hz",
        f"{FAR}-within-3-2-to-{top}-ghz": "-190 dBc/Hz",
        f"{bandwidth}4-8-to-31-8-ghz": "1 GHz",
        f"{bandwidth}31-8-to-37-ghz": "0 Hz",
        f"{bandwidth}37-to-75-ghz": "0 Hz",
        f"{bandwidth}75-to-{top}-ghz": "0 Hz",
        **changed,
    }
    return _item("signal-generator", {CRYSTAL: True, OTHER_EQUIPMENT: True}, **parameters)


def test_an_ordinary_signal_generator_is_answered_by_every_paragraph(classify_in: Any) -> None:
    # before, 3A002.d.1, d.3 and d.4 were text: every signal generator was "unknown" in the EU
    assert classify_in("EU", _generator("EU"), ON)["controlled"] is False
    us = classify_in("US", _generator("US"), ON)  # US 3A992.a (test equipment n.e.s.) may take it
    assert not any(i.startswith("US:3A002") for i in _possible(us)) and not us["entries"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_signal_generator_phase_noise_both_sides(classify_in: Any, jurisdiction: str) -> None:
    top = "90" if jurisdiction == "US" else "110"
    near, far = f"{PHASE}-within-3-2-to-{top}-ghz", f"{FAR}-within-3-2-to-{top}-ghz"
    a, b = f"{jurisdiction}:3A002.d.4.a", f"{jurisdiction}:3A002.d.4.b"
    met = classify_in(jurisdiction, _generator(jurisdiction, **{near: "-127 dBc/Hz"}), ON)
    assert met["controlled"] is True and a in [e["id"] for e in met["entries"]]
    # "Less (better) than −(206−20log10f)": −130 dBc/Hz at 100 kHz from 10 GHz is −210
    far_met = classify_in(jurisdiction, _generator(jurisdiction, **{far: "-210 dBc/Hz"}), ON)
    assert far_met["controlled"] is True and b in [e["id"] for e in far_met["entries"]]
    at = classify_in(jurisdiction, _generator(jurisdiction, **{near: "-126 dBc/Hz", far: "-206 dBc/Hz"}), ON)  # fmt: skip
    assert not any(e["id"] in (a, b) for e in at["entries"]) and a not in _possible(at)
    generator = _generator(jurisdiction)
    del generator["parameters"][near]
    unsaid = classify_in(jurisdiction, generator, ON)
    assert unsaid["controlled"] == "unknown" and near in _possible(unsaid)[a]["missing"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_pulse_modulated_signal_generator_both_sides(classify_in: Any, jurisdiction: str) -> None:
    # 3A002.d.1: 'pulse duration' less than 25 ns and on/off ratio 65 dB or more, one signal
    # anywhere within 31.8-37 GHz: the two figures stated separately are necessary only
    code = f"{jurisdiction}:3A002.d.1"
    duration = "signal-generator-shortest-pulse-duration-within-31-8-to-37-ghz"
    ratio = "signal-generator-highest-pulse-on-off-ratio-within-31-8-to-37-ghz"
    both = classify_in(jurisdiction, _generator(jurisdiction, **{duration: "24 ns", ratio: "65 dB"}), ON)  # fmt: skip
    assert both["controlled"] == "unknown" and f"complete criteria of {code}" in both["missing_facts"]  # fmt: skip
    long = classify_in(jurisdiction, _generator(jurisdiction, **{duration: "25 ns", ratio: "80 dB"}), ON)  # fmt: skip
    assert code not in _possible(long)  # "less than 25 ns"
    low = classify_in(jurisdiction, _generator(jurisdiction, **{duration: "10 ns", ratio: "64.9 dB"}), ON)  # fmt: skip
    assert code not in _possible(low)  # "equal to or exceeding 65 dB"


def test_us_real_time_oscilloscope_both_sides(classify_in: Any) -> None:
    noise = "oscilloscope-lowest-vertical-rms-noise-of-full-scale-at-60-ghz-or-greater"
    kind, facts, code = "real-time-oscilloscope", {OTHER_EQUIPMENT: True}, "US:3A002.a.7"
    quiet = classify_in("US", _item(kind, facts, **{noise: "1.9 %"}), ON)
    assert quiet["controlled"] == "unknown" and f"complete criteria of {code}" in quiet["missing_facts"]  # fmt: skip
    noisy = classify_in("US", _item(kind, facts, **{noise: "2 %"}), ON)
    assert code not in _possible(noisy)  # "less than 2%"
    unsaid = classify_in("US", _item(kind, facts), ON)
    assert noise in _possible(unsaid)[code]["missing"]


def test_signed_tolerance_both_sides(classify_in: Any) -> None:
    # US 3B991.b.1.m.1 "Positioning accuracy less than ±1 micrometer"
    kind = "laser-ic-repair-or-trimming-equipment"
    facts = {"not-controlled-by-3b001-3b993-3b994": True, "stored-program-controlled": True}
    figures = {"laser-trimming-spot-size": "5 um"}  # not m.2's "less than 3 micrometer"
    code, accuracy = "US:3B991.b.1.m.1", "laser-trimming-positioning-accuracy"
    fine = classify_in("US", _item(kind, facts, **figures, **{accuracy: "0.9 um"}), ON)
    assert fine["controlled"] is True and code in [e["id"] for e in fine["entries"]]
    coarse = classify_in("US", _item(kind, facts, **figures, **{accuracy: "1 um"}), ON)
    assert coarse["controlled"] is False
    unsaid = classify_in("US", _item(kind, facts, **figures), ON)
    assert unsaid["controlled"] == "unknown" and accuracy in _possible(unsaid)[code]["missing"]


def test_dielectric_etch_both_sides(classify_in: Any) -> None:
    kind, code = "anisotropic-dry-etch-equipment", "US:3B993.c.2"
    facts = {
        "not-specified-by-3b993-c-1": True,
        "etch-designed-for-dielectric-materials": True,
        "etch-equipment-not-designed-for-wafer-diameters-below-300-mm": True,
    }
    ratio, lateral = "etch-enabled-feature-aspect-ratio", "etch-enabled-feature-lateral-dimension"
    met = classify_in("US", _item(kind, facts, **{ratio: 31, lateral: "39 nm"}), ON)
    assert code in _possible(met) and f"complete criteria of {code}" in met["missing_facts"]
    shallow = classify_in("US", _item(kind, facts, **{ratio: 30, lateral: "39 nm"}), ON)
    assert code not in _possible(shallow)  # "greater than 30:1"
    wide = classify_in("US", _item(kind, facts, **{ratio: 50, lateral: "40 nm"}), ON)
    assert code not in _possible(wide)  # "less than 40 nm"
    small = classify_in("US", _item(kind, {**facts, "etch-equipment-not-designed-for-wafer-diameters-below-300-mm": False}, **{ratio: 50, lateral: "20 nm"}), ON)  # fmt: skip
    assert code not in _possible(small)  # the Note: 200 mm equipment


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_phased_array_erp_both_sides(classify_in: Any, jurisdiction: str) -> None:
    civil = "antenna-not-specially-designed-for-civil-cellular-wlan-802-15-hdmi-or-satellite-earth-stations"  # fmt: skip
    facts = {"esp-antenna-not-for-mls-landing-systems": True, civil: True}
    kind, code, erp = "electronically-steerable-phased-array-antenna", f"{jurisdiction}:5A001.d.1", "esp-antenna-effective-radiated-power"  # fmt: skip
    band = {"frequency-min": "40 GHz", "frequency-max": "50 GHz"}
    met = classify_in(jurisdiction, _item(kind, facts, **band, **{erp: "20 dBm"}), ON)
    assert met["controlled"] == "unknown" and f"complete criteria of {code}" in met["missing_facts"]  # fmt: skip
    weak = classify_in(jurisdiction, _item(kind, facts, **band, **{erp: "19.9 dBm"}), ON)
    assert weak["controlled"] is False  # "equal to or greater than +20 dBm"
    below = classify_in(jurisdiction, _item(kind, facts, **{"frequency-min": "20 GHz", "frequency-max": "31.8 GHz", erp: "30 dBm"}), ON)  # fmt: skip
    assert below["controlled"] is False  # "above 31.8 GHz": the band misses d.1 to d.4
    unsaid = classify_in(jurisdiction, _item(kind, facts, **band), ON)
    assert erp in _possible(unsaid)[code]["missing"]


def test_eu_5a101_missile_range_both_sides(classify_in: Any) -> None:
    kind, fact = "missile-telemetry-telecontrol-equipment", "telemetry-equipment-not-excluded-by-note-to-5a101"  # fmt: skip
    item = _item(kind, {fact: True}, **{"missile-system-range": "301 km"})
    assert classify_in("EU", item, ON)["controlled"] is True
    at = _item(kind, {fact: True}, **{"missile-system-range": "300 km"})
    assert classify_in("EU", at, ON)["controlled"] is False  # "exceeding 300 km"
    assert classify_in("US", at, ON)["controlled"] is True  # "equal to or greater than 300 km"
    unsaid = classify_in("EU", _item(kind, {fact: True}), ON)
    assert unsaid["controlled"] == "unknown" and "missile-system-range" in _possible(unsaid)["EU:5A101"]["missing"]  # fmt: skip
