"""Fused tapered fibre combiners (6A005.e.3.a multimode to multimode, 6A005.e.3.b single mode to
multimode) read from the official texts: "An insertion loss better (less) than or equal to 0.3 dB
maintained at a rated total average or CW output power … exceeding 1,000 W" is two criteria (the
loss kept at the rated power, and that power); "A Beam Parameter Product (BPP) measured at the
output not exceeding 1.5 mm mrad for a number of input fibers less than or equal to 5" is one way
of 6A005.e.3.b.3, each with its own number of fibres; US "1,000 W", EU "1000 W", "0,3 dB"."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.lists.formal import Found, ways

BOTH = ("US", "EU")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_multimode_to_multimode_combiners(found: Found, jurisdiction: str) -> None:
    entry = found[(jurisdiction, "6A005.e.3.a")]
    assert entry.text_only is None and entry.requires_facts == ()
    assert entry.kinds == ("multimode-to-multimode-fused-tapered-fibre-combiner",)
    assert ways(entry) == {
        frozenset(
            {
                ("fibre-combiner-insertion-loss", "<=", Decimal("0.3"), "DeciB"),
                ("fibre-combiner-rated-output-power", ">", Decimal(1000), "W"),
                ("fibre-combiner-input-fibre-count", ">=", Decimal(3), "NUM"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_single_mode_to_multimode_combiners(found: Found, jurisdiction: str) -> None:
    entry = found[(jurisdiction, "6A005.e.3.b")]
    assert entry.text_only is None and entry.requires_facts == ()
    common = {
        ("fibre-combiner-insertion-loss", "<", Decimal("0.5"), "DeciB"),  # "better (less) than"
        ("fibre-combiner-rated-output-power", ">", Decimal(4600), "W"),
        ("fibre-combiner-input-fibre-count", ">=", Decimal(3), "NUM"),
    }
    bpp, fibres = "fibre-combiner-output-beam-parameter-product", "fibre-combiner-input-fibre-count"
    assert ways(entry) == {
        frozenset(
            common
            | {(bpp, "<=", Decimal("1.5"), "MilliM-MilliRAD"), (fibres, "<=", Decimal(5), "NUM")}
        ),
        frozenset(
            common
            | {(bpp, "<=", Decimal("2.5"), "MilliM-MilliRAD"), (fibres, ">", Decimal(5), "NUM")}
        ),
    }
