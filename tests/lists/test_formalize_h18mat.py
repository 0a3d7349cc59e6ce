"""Categories 1 and 2 read from ontology/sources/ (h18mat): US 2B231 vacuum pumps (the EU's was
read before), 2B233 bellows-sealed scroll-type compressors and vacuum pumps, 2B006.b.1
non-contact type measuring systems, 2B006.c rotary position feedback units and angular
displacement measuring instruments, 2B006.d optical scatter surface roughness equipment; 1C005
superconductive composite conductors and 2B230 pressure transducers known as text."""

from __future__ import annotations

import pytest

from tests.lists.formal import Found, criterion, ways

BOTH = ("US", "EU")


@pytest.mark.parametrize(
    ("jurisdiction", "fact"),
    [
        ("US", "vacuum-pump-ultimate-vacuum-better-than-13-3-mpa"),
        ("EU", "vacuum-pump-ultimate-vacuum-better-than-13-mpa"),
    ],
)
def test_2b231_vacuum_pumps(found: Found, jurisdiction: str, fact: str) -> None:
    # "Input throat size equal to or greater than 380 mm; Pumping speed equal to or greater than
    # 15 m^3/s; and Capable of producing an ultimate vacuum better than 13.3 mPa" (EU: 13 mPa)
    pump = found[(jurisdiction, "2B231")]
    assert pump.kinds == ("vacuum-pump",) and pump.text_only is None
    assert pump.requires_facts == (fact,)
    assert ways(pump) == {
        frozenset(
            {
                criterion("vacuum-pump-input-throat-size", ">=", "380", "MilliM"),
                criterion("vacuum-pump-pumping-speed", ">=", "15", "M3-PER-SEC"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b233_bellows_sealed_scroll_pumps(found: Found, jurisdiction: str) -> None:
    # "Capable of an inlet volume flow rate of 50 m3/h or greater; Capable of a pressure ratio of
    # 2:1 or greater; and Having all surfaces that come in contact with the process gas made from
    # any of the following: …"
    pump = found[(jurisdiction, "2B233")]
    assert pump.kinds == ("bellows-sealed-scroll-type-compressor-or-vacuum-pump",)
    assert pump.requires_facts == ("scroll-pump-process-gas-surfaces-of-2b233-materials",)
    assert pump.text_only is None  # the US Technical Notes under 2B233.c.6 only define
    assert ways(pump) == {
        frozenset(
            {
                criterion("scroll-pump-inlet-volume-flow-rate", ">=", "50", "M3-PER-HR"),
                criterion("scroll-pump-pressure-ratio", ">=", "2", "UNITLESS"),
            }
        )
    }


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2b006_measuring_equipment(found: Found, jurisdiction: str) -> None:
    # b.1: "'resolution' equal to or less (better) than 0.2 µm within 0 to 0.2 mm of the
    # 'measuring range'"; c: "angular position “accuracy” equal to or less (better) than 0.9
    # second of arc"; d: "optical scatter with a sensitivity of 0.5 nm or less (better)"
    b1 = found[(jurisdiction, "2B006.b.1")]
    assert b1.kinds == ("non-contact-type-measuring-system",) and b1.text_only is None
    assert b1.requires_facts == ("not-laser-interferometer-or-optical-encoder-measuring-system",)
    assert ways(b1) == {
        frozenset({criterion("non-contact-measuring-resolution", "<=", "0.2", "MicroM")})
    }
    c = found[(jurisdiction, "2B006.c")]
    assert c.kinds == (
        "rotary-position-feedback-unit-for-machine-tools",
        "angular-displacement-measuring-instrument",
    )
    assert c.requires_facts == ("angular-instrument-not-collimated-light-mirror-instrument",)
    assert ways(c) == {frozenset({criterion("angular-position-accuracy", "<=", "0.9", "ARCSEC")})}
    d = found[(jurisdiction, "2B006.d")]
    assert d.kinds == ("optical-scatter-surface-roughness-measuring-equipment",)
    assert ways(d) == {
        frozenset({criterion("optical-scatter-roughness-sensitivity", "<=", "0.5", "NanoM")})
    }
    # b.2, b.3 (a threshold of the measured length L) and a (CMMs) are not read
    for code in ("2B006.a", "2B006.b.2", "2B006.b.3"):
        assert (jurisdiction, code) not in found


@pytest.mark.parametrize(
    ("code", "kind", "why"),
    [
        ("1C005", "superconductive-composite-conductor", "copper-based mixed 'matrix'"),
        ("2B230", "absolute-pressure-transducer", "'better than'"),
    ],
)
@pytest.mark.parametrize("jurisdiction", BOTH)
def test_known_as_text(found: Found, jurisdiction: str, code: str, kind: str, why: str) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.kinds == (kind,) and not entry.ways
    assert entry.text_only and why in entry.text_only


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_2a226_valves(found: Found, jurisdiction: str) -> None:
    # "a. A “nominal size” of 5 mm or greater; b. Having a bellows seal; and c. Wholly made of or
    # lined with aluminum, aluminum alloy, nickel, or nickel alloy containing more than 60% …"
    valve = found[(jurisdiction, "2A226")]
    assert valve.kinds == ("valve",) and valve.text_only is None
    assert valve.requires_facts == (
        "valve-has-bellows-seal",
        "valve-wholly-made-of-or-lined-with-2a226-materials",
    )
    assert ways(valve) == {frozenset({criterion("valve-nominal-size", ">=", "5", "MilliM")})}


def test_us_2b999_k_high_vacuum_equipment(found: Found) -> None:
    # "Vacuum valves, piping, flanges, gaskets and related equipment “specially designed” for use
    # in high-vacuum service, n.e.s."
    entry = found[("US", "2B999.k")]
    assert entry.kinds == ("vacuum-valve", "vacuum-piping-or-flange") and not entry.ways
    assert entry.requires_facts == (
        "specially-designed-for-high-vacuum-service",
        "not-elsewhere-specified-in-the-ccl",
    )
    assert entry.text_only is None and ("EU", "2B999.k") not in found
