"""Category 5 paragraphs read from the official texts (families.csv, phrases.csv):
telecommunications equipment specially designed to operate below −55 °C or above +124 °C
(5A001.a.3, 5A001.a.4) and electronically steerable phased array antennae rated above 90 GHz
(5A001.d.4; 5A001.d.1 to d.3 stay text). The expected values below were written from
ontology/sources/, not from the formalizer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.lists.formal import Found, ways

BOTH = ("US", "EU")
SPECIALLY = "telecom-equipment-specially-designed-for-its-rated-temperature-range"
SPACECRAFT = "telecom-equipment-not-designed-or-modified-for-use-on-board-spacecraft"
MLS = "esp-antenna-not-for-mls-landing-systems"
CIVIL = (
    "antenna-not-specially-designed-for-civil-cellular-wlan-802-15-hdmi-or-satellite-earth-stations"
)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_extreme_temperature_telecommunications_equipment(found: Found, jurisdiction: str) -> None:
    # 5A001.a.3 "Specially designed to operate below 218 K (−55 °C)"; 5A001.a.4 "… above 397 K
    # (124 °C)": the degrees in brackets are the thresholds (397 K is 123.85 °C)
    low, high = found[(jurisdiction, "5A001.a.3")], found[(jurisdiction, "5A001.a.4")]
    assert ways(low) == {
        frozenset({("ambient-temperature-rating-min", "<", Decimal("-55"), "DEG_C")})
    }
    assert ways(high) == {
        frozenset({("ambient-temperature-rating-max", ">", Decimal("124"), "DEG_C")})
    }
    for entry in (low, high):
        assert entry.text_only is None
        assert entry.kinds == ("electronic-telecommunications-equipment",)
        # the "specially designed" of the words is asked; the EU Note 2 (spacecraft) only in the EU
        expected = (SPECIALLY, SPACECRAFT) if jurisdiction == "EU" else (SPECIALLY,)
        assert set(entry.requires_facts) == set(expected)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_phased_array_antennae_above_90_ghz(found: Found, jurisdiction: str) -> None:
    # 5A001.d.4 "Rated for operation above 90 GHz"; Notes 1 (MLS) and 2 (civil cellular, WLAN,
    # IEEE 802.15, wireless HDMI, satellite earth stations) are the facts asked
    top = found[(jurisdiction, "5A001.d.4")]
    assert top.text_only is None
    assert ways(top) == {frozenset({("frequency-max", ">", Decimal("90"), "GigaHZ")})}
    assert top.kinds == ("electronically-steerable-phased-array-antenna",)
    assert set(top.requires_facts) == {MLS, CIVIL}
    # the ERP bands (d.1 to d.3) are not read: text, answered "unknown"
    for code in ("5A001.d.1", "5A001.d.2", "5A001.d.3"):
        entry = found.get((jurisdiction, code))
        assert entry is None or entry.text_only is not None, code
