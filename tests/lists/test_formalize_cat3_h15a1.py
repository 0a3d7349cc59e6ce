"""The remaining Category 3 electronics paragraphs read by the h15a1 families, as the official
texts state them (both lists unless marked): 3A001.c.2 bulk acoustic wave devices and 3A001.e.4
space-qualified solar cells and arrays. Expected values written from ontology/sources/."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.lists.formal import Found, ways

BOTH = ["US", "EU"]
SINGLE_FUNCTION = "acoustic-wave-device-not-limited-to-a-single-filtering-or-resonating-function"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_bulk_acoustic_wave_devices(found: Found, jurisdiction: str) -> None:
    # "Bulk (volume) acoustic wave devices that [EU: which] permit the direct processing of
    # signals at frequencies exceeding 6 GHz"
    entry = found[(jurisdiction, "3A001.c.2")]
    assert entry.text_only is None and entry.kinds == ("bulk-acoustic-wave-device",)
    assert ways(entry) == {frozenset({("frequency-max", ">", Decimal(6), "GigaHZ")})}
    assert SINGLE_FUNCTION in entry.requires_facts  # the Note to 3A001.c
    assert "not-specially-designed-for-other-equipment" in entry.requires_facts  # Note 1 to 3A


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_space_qualified_solar_cells_and_arrays(found: Found, jurisdiction: str) -> None:
    # "… which are “space-qualified,” having a minimum average efficiency exceeding 20% [EU:
    # 20 %] at an operating temperature of 301 K (28 °C) under simulated 'AM0' illumination …"
    entry = found[(jurisdiction, "3A001.e.4")]
    assert entry.text_only is None and entry.kinds == ("space-solar-cell-or-array",)
    assert ways(entry) == {
        frozenset({("solar-minimum-average-efficiency-am0", ">", Decimal(20), "PERCENT")})
    }
    assert "space-qualified" in entry.requires_facts
