"""More Category 3 devices as the official texts state them: US 3A991.a.2, .e, .f.1, .h, .m and .n
(devices not controlled by 3A001), and 3A001.b.8 (microwave power amplifiers containing vacuum
electronic devices) in both lists. Expected values written from ontology/sources/."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.lists.formal import Found, ways

NOT_3A001 = "not-controlled-by-3a001"


US_3A991 = {
    "3A991.a.2": ("microprocessor-microcircuit", ("microprocessor-clock-frequency", ">", "25", "MegaHZ")),
    "3A991.e": ("fft-processor", ("fft-1024-point-complex-execution-time", "<", "1", "MilliSEC")),
    "3A991.f.1": ("custom-integrated-circuit", ("ic-terminal-count", ">", "144", "NUM")),
    "3A991.h": ("flexible-waveguide", ("frequency-max", ">", "40", "GigaHZ")),
    "3A991.m": ("hydrogen-thyratron", ("thyratron-rated-peak-current", ">=", "500", "A")),
    "3A991.n": ("compound-semiconductor-digital-integrated-circuit", ("ic-equivalent-gate-count", ">", "300", "NUM")),
}  # fmt: skip


@pytest.mark.parametrize("code", sorted(US_3A991))
def test_us_3a991_paragraphs(found: Found, code: str) -> None:
    kind, (parameter, comparator, value, unit) = US_3A991[code]
    entry = found[("US", code)]
    assert entry.text_only is None and kind in entry.kinds
    assert ways(entry) == {frozenset({(parameter, comparator, Decimal(value), unit)})}
    assert NOT_3A001 in entry.requires_facts
    assert ("EU", code) not in found  # a US-only ECCN


def test_the_3a991_paragraphs_left_as_text(
    found: Found,
) -> None:
    # a.3: "of 2.5 Mbyte/s", no comparator; f.2: "basic propagation delay time", a term the CCL
    # does not define (a.1, GFLOPS, is read now: tests/lists/test_formalize_cat3_h15a1.py)
    for code in ("3A991.a.3", "3A991.f.2"):
        assert found[("US", code)].text_only is not None and not found[("US", code)].ways
    assert "custom-ic-function-or-equipment-status-unknown-to-manufacturer" in (
        found[("US", "3A991.f.1")].requires_facts
    )


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_microwave_power_amplifiers_with_vacuum_electronic_devices(
    found: Found, jurisdiction: str
) -> None:
    entry = found[(jurisdiction, "3A001.b.8")]
    assert entry.text_only is None
    assert ways(entry) == {
        frozenset(
            {
                ("frequency-max", ">", Decimal(3), "GigaHZ"),
                ("amplifier-average-output-power-to-mass-ratio", ">", Decimal(80), "W-PER-KiloGM"),
                ("amplifier-volume", "<", Decimal(400), "CentiM3"),
            }
        )
    }
    assert {
        "amplifier-contains-vacuum-electronic-device-of-3a001-b-1",
        "equipment-not-for-itu-radiocommunication-bands",
    } <= set(entry.requires_facts)


VED_NOTES = "vacuum-electronic-device-not-excluded-by-notes-to-3a001-b-1"
B1 = {
    "3A001.b.1.a.1": {("frequency-max", ">", Decimal("31.8"), "GigaHZ")},
    "3A001.b.1.a.2": {("ved-cathode-heater-turn-on-time", "<", Decimal(3), "SEC")},
    "3A001.b.1.b": {("ved-gain", ">", Decimal(17), "DeciB")},
}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_vacuum_electronic_devices_and_cathodes(found: Found, jurisdiction: str) -> None:
    for code, criteria in B1.items():
        entry = found[(jurisdiction, code)]
        assert ways(entry) == {frozenset(criteria)}, code
        assert VED_NOTES in entry.requires_facts, code  # Notes 1 and 2 to 3A001.b.1
    cathode = found[(jurisdiction, "3A001.b.1.c")]
    assert ways(cathode) == {  # "… exceeding 5 A/cm2 or a pulsed … exceeding 10 A/cm2"
        frozenset({("cathode-emission-current-density", ">", Decimal(5), "A-PER-CentiM2")}),
        frozenset({("cathode-pulsed-current-density", ">", Decimal(10), "A-PER-CentiM2")}),
    }
    assert VED_NOTES not in cathode.requires_facts  # the Notes take out devices, not cathodes
    # a.3 and a.5 are read now (tests/lists/test_formalize_cat3_h15a1.py); a.4's sub-paragraphs
    # stay text (which frequency "average power … times frequency" takes is not written)
    for code in ("3A001.b.1.a.4.a", "3A001.b.1.a.4.b", "3A001.b.1.a.4.c", "3A001.b.1.a.4.d"):
        assert found[(jurisdiction, code)].text_only is not None


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_striplines_to_detonators_need_both_characteristics(
    found: Found, jurisdiction: str
) -> None:
    # 3A234 "with the following characteristics: a. Voltage rating greater than 2 kV; and b.
    # Inductance of less than 20 nH": the "and" before the last makes both required
    assert ways(found[(jurisdiction, "3A234")]) == {
        frozenset(
            {
                ("stripline-voltage-rating", ">", Decimal(2), "KiloV"),
                ("stripline-inductance", "<", Decimal(20), "NanoH"),
            }
        )
    }


def test_the_following_characteristics_combine_as_the_last_joiner_says() -> None:
    from exportgraph.loaders.formalize_clauses import NotRead, _joined
    from exportgraph.loaders.listed_text import TextNode

    def node(code: str, text: str, children: tuple[TextNode, ...] = ()) -> TextNode:
        path = tuple(code.split(".")[1:])
        parent = None if not path else "X"
        return TextNode("EU", code, path, text, (), parent, children, 1)

    def root(*texts: str) -> TextNode:
        kids = tuple(node(f"X.{chr(97 + i)}", t) for i, t in enumerate(texts))
        return node("X", "Things with the following characteristics:", kids)

    assert _joined(root("A voltage above 2 kV; and", "An inductance below 20 nH.")) == "all"
    assert _joined(root("A voltage above 2 kV; or", "An inductance below 20 nH.")) == "any"
    with pytest.raises(NotRead):
        _joined(root("A voltage above 2 kV;", "An inductance below 20 nH."))


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_integrated_circuits_rated_for_extreme_ambient_temperatures(
    found: Found, jurisdiction: str
) -> None:
    top, bottom = "ambient-temperature-rating-max", "ambient-temperature-rating-min"
    expected = {
        # the degrees in brackets: the kelvins round them (398 K is 124.85 °C)
        "3A001.a.2.a": {(top, ">", Decimal(125), "DEG_C")},  # "above 398 K (+125 °C)"
        "3A001.a.2.b": {(bottom, "<", Decimal(-55), "DEG_C")},  # "below 218 K (−55 °C)"
        # "over the entire ambient temperature range from 218 K (−55 °C) to 398 K (+125 °C)"
        "3A001.a.2.c": {(bottom, "<=", Decimal(-55), "DEG_C"), (top, ">=", Decimal(125), "DEG_C")},
    }
    for code, criteria in expected.items():
        entry = found[(jurisdiction, code)]
        assert ways(entry) == {frozenset(criteria)}, code
        assert "ic-not-designed-for-civil-automobile-or-railway-applications" in (
            entry.requires_facts
        )
        assert "custom-integrated-circuit" not in entry.kinds  # its own condition: text
    # a.2.c states no comparator: its two conditions are data, no threshold it states
    assert all(c.defined_by for c in found[(jurisdiction, "3A001.a.2.c")].ways[0])
