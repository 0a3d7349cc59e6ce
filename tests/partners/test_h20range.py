"""Classification by the paragraphs h20range read (the phrasings the readers take since): just
above a threshold → controlled citing the entry, just below → not by that entry, a figure
missing → "unknown" naming it. 1B232 turboexpanders (the kelvins the threshold), 1C009 fluorinated
compounds ("10% by weight or more"), US 8A992.l marine boilers ("equal to or in excess of"), EU
8A002.o.4 ("0.1 MW" with a decimal point)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.both_sides import assert_both_sides

BOTH = ["US", "EU"]
TEMPERATURE = "turboexpander-outlet-temperature"
THROUGHPUT = "turboexpander-hydrogen-throughput"
HEAT = "marine-boiler-heat-release-rate"
STEAM = "marine-boiler-steam-to-dry-weight-ratio"


@pytest.mark.parametrize(
    ("jurisdiction", "code", "kind", "met", "changed", "outside"),
    [
        # 1B232.a "35 K (−238 °C) or less": 35 K is in, 35.1 K (−238.05 °C) is out
        *[
            (
                j,
                "1B232",
                "turboexpander",
                {TEMPERATURE: "35 K", THROUGHPUT: "1000 kg/h"},
                TEMPERATURE,
                "35.1 K",
            )
            for j in BOTH
        ],
        *[
            (
                j,
                "1B232",
                "turboexpander",
                {TEMPERATURE: "20 K", THROUGHPUT: "1000 kg/h"},
                THROUGHPUT,
                "999 kg/h",
            )
            for j in BOTH
        ],
        *[
            (
                j,
                "1C009.b",
                "fluorinated-polyimide",
                {"combined-fluorine-content": "10 %"},
                "combined-fluorine-content",
                "9.9 %",
            )
            for j in BOTH
        ],
        (
            "EU",
            "1C009.c",
            "fluorinated-phosphazene-elastomer",
            {"combined-fluorine-content": "30 %"},
            "combined-fluorine-content",
            "29.9 %",
        ),
        (
            "US",
            "8A992.l.1",
            "marine-boiler",
            {HEAT: "190000 Btu / hour / foot ** 3"},
            HEAT,
            "189999 Btu / hour / foot ** 3",
        ),
        ("US", "8A992.l.2", "marine-boiler", {STEAM: "0.83 hour ** -1"}, STEAM, "0.82 hour ** -1"),
        (
            "EU",
            "8A002.o.4",
            "permanent-magnet-propulsion-motor-for-submersibles",
            {"propulsion-power-output": "0.11 MW"},
            "propulsion-power-output",
            "0.1 MW",
        ),
    ],
)
def test_h20range_thresholds_both_sides(
    classify_in: Any,
    jurisdiction: str,
    code: str,
    kind: str,
    met: dict[str, str],
    changed: str,
    outside: str,
) -> None:
    assert_both_sides(classify_in, jurisdiction, code, kind, None, met, changed, outside)
