"""The remaining Category 3 electronics paragraphs read by the h15a1 families, as the official
texts state them (both lists unless marked): 3A001.c.2 bulk acoustic wave devices and 3A001.e.4
space-qualified solar cells and arrays. Expected values written from ontology/sources/."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders.tables import SourceDataError

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


VED_NOTES = "vacuum-electronic-device-not-excluded-by-notes-to-3a001-b-1"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_coupled_cavity_travelling_wave_tubes(found: Found, jurisdiction: str) -> None:
    # "Coupled cavity devices, or derivatives thereof, with a “fractional bandwidth” of more than
    # 7% or a peak power exceeding 2.5 kW" [EU: 7 %, 2,5 kW]: the "or" makes two ways
    entry = found[(jurisdiction, "3A001.b.1.a.3")]
    assert entry.text_only is None
    assert entry.kinds == ("coupled-cavity-travelling-wave-vacuum-electronic-device",)
    assert ways(entry) == {
        frozenset({("fractional-bandwidth", ">", Decimal(7), "PERCENT")}),
        frozenset({("ved-peak-power", ">", Decimal("2.5"), "KiloW")}),
    }
    assert VED_NOTES in entry.requires_facts  # Notes 1 and 2 to 3A001.b.1


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_travelling_wave_tubes_with_special_electron_beams(found: Found, jurisdiction: str) -> None:
    # "Devices with a “fractional bandwidth” greater than or equal to 10%, with any of the
    # following: a. An annular electron beam; b. A non-axisymmetric electron beam; or c. Multiple
    # electron beams": the three sub-paragraphs are one required fact (any of them)
    entry = found[(jurisdiction, "3A001.b.1.a.5")]
    assert entry.text_only is None and not entry.group and len(entry.ways) == 1
    assert entry.kinds == ("travelling-wave-vacuum-electronic-device",)
    assert ways(entry) == {frozenset({("fractional-bandwidth", ">=", Decimal(10), "PERCENT")})}
    assert {VED_NOTES, "ved-annular-non-axisymmetric-or-multiple-electron-beams"} <= set(
        entry.requires_facts
    )
    for letter in "abc":  # not entries of their own
        assert (jurisdiction, f"3A001.b.1.a.5.{letter}") not in found


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_helix_travelling_wave_tubes_stay_text(found: Found, jurisdiction: str) -> None:
    group = found[(jurisdiction, "3A001.b.1.a.4")]
    assert group.kinds == ("helix-travelling-wave-vacuum-electronic-device",) and group.group
    for letter in "abcd":
        entry = found[(jurisdiction, f"3A001.b.1.a.4.{letter}")]
        assert entry.text_only is not None and not entry.ways


def test_a_required_fact_among_alternatives_is_refused() -> None:
    # sub-paragraphs joined by "any of" that are partly required facts: the fact would be
    # required of every way, so the paragraph is not read; all of them facts: one entry
    from exportgraph.loaders.formalize_clauses import ParagraphReader, Phrase
    from exportgraph.loaders.formalize_tree import Family, _Reader
    from exportgraph.loaders.listed_text import TextNode

    def node(code: str, text: str, children: tuple[TextNode, ...] = ()) -> TextNode:
        return TextNode("EU", code, tuple(code.split(".")[1:]), text, (), "X", children, 1)

    phrase = Phrase("X", "A gain {}", "ved-gain", "", None, "", "", 1)
    kids = (node("X.a.1", "A gain of more than 3 dB; or"), node("X.a.2", "An annular beam."))
    root = node("X.a", "A gain of more than 1 dB, having any of the following:", kids)
    units = {"dB": "http://qudt.org/vocab/unit/DeciB"}

    def family(facts: str) -> Family:
        return Family("X.a", (), ("k",), (), ("f",), "", 1, "t", "", tuple(facts.split()))

    mixed = _Reader(family("X.a.2"), [phrase], units)
    assert ParagraphReader([phrase], units).read(kids[0]).criteria
    with pytest.raises(SourceDataError, match="a required fact, but not under 'all of the"):
        mixed.entries(root, None, is_root=False)  # a row that says so is wrong: the load fails
    both = _Reader(family("X.a.1 X.a.2"), [phrase], units)
    (entry,) = both.entries(root, None, is_root=False)
    assert entry.text_only is None and not entry.group and len(entry.ways) == 1


def test_tunable_filters_read_each_list_as_written(found: Found) -> None:
    # "having more than 5 tunable resonators capable of tuning across a 1.5:1 frequency band
    # (fmax/fmin) in less than 10 ms" (US) / "… 1,5:1 … in less than 10 μs" (EU): the lists differ
    count = ("tunable-filter-resonator-count", ">", Decimal(5), "NUM")
    time = "tunable-filter-tuning-time-across-1-5-to-1-band"
    band_pass = ("tunable-filter-band-pass-bandwidth-fraction", ">", Decimal("0.5"), "PERCENT")
    band_stop = ("tunable-filter-band-stop-bandwidth-fraction", "<", Decimal("0.5"), "PERCENT")
    for jurisdiction, unit in (("US", "MilliSEC"), ("EU", "MicroSEC")):
        group = found[(jurisdiction, "3A001.b.5")]
        assert group.group and group.kinds == ("tunable-band-pass-or-band-stop-filter",)
        tuning = (time, "<", Decimal(10), unit)
        assert ways(found[(jurisdiction, "3A001.b.5.a")]) == {frozenset({count, tuning, band_pass})}
        assert ways(found[(jurisdiction, "3A001.b.5.b")]) == {frozenset({count, tuning, band_stop})}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_frequency_synthesizers(found: Found, jurisdiction: str) -> None:
    # 3A001.b.11.a "Less than 143 ps"; b.11.b, d–g ("Less than 100 µs for any frequency change
    # exceeding 2.2 GHz within the synthesized frequency range exceeding 4.8 GHz but not
    # exceeding 31.8 GHz", …) stay text: four numbers of one measurement, "any" change
    group = found[(jurisdiction, "3A001.b.11")]
    assert group.group and group.kinds == ("frequency-synthesizer-electronic-assembly",)
    fast = found[(jurisdiction, "3A001.b.11.a")]
    assert ways(fast) == {frozenset({("frequency-switching-time", "<", Decimal(143), "PicoSEC")})}
    for letter in "bdefg":  # necessary conditions only: tests/lists/test_formalize_h18c3.py
        entry = found[(jurisdiction, f"3A001.b.11.{letter}")]
        assert entry.text_only is not None, letter
    assert (jurisdiction, "3A001.b.11.c") not in found  # [Reserved] / Not used


def test_converters_and_harmonic_mixers_read_each_list(found: Found) -> None:
    # "To an output power greater than 100 mW (20 dBm) anywhere within the frequency range
    # exceeding 43.5 GHz but not exceeding 90 GHz" (US b.7.b.2); US c.2 31.62 mW (15 dBm), c.3
    # 1 mW (0 dBm) within 90-110 GHz; EU b.7.b.2 and c.2 100 mW within 43,5-110 GHz
    expected = {
        ("US", "3A001.b.7.b.2"): ("extended-output-power-within-43-5-to-90-ghz", "100"),
        ("US", "3A001.b.7.c.2"): ("extended-output-power-within-43-5-to-90-ghz", "31.62"),
        ("US", "3A001.b.7.c.3"): ("extended-output-power-within-90-to-110-ghz", "1"),
        ("EU", "3A001.b.7.b.2"): ("extended-output-power-within-43-5-to-110-ghz", "100"),
        ("EU", "3A001.b.7.c.2"): ("extended-output-power-within-43-5-to-110-ghz", "100"),
    }
    for key, (parameter, value) in expected.items():
        assert ways(found[key]) == {frozenset({(parameter, ">", Decimal(value), "MilliW")})}, key
    assert ("EU", "3A001.b.7.c.3") not in found  # "Not used"
    kinds = {
        "3A001.b.7.a": "signal-analyser-frequency-extender",
        "3A001.b.7.b.1": "signal-generator-range-extender",
        "3A001.b.7.c.1": "network-analyser-range-extender",
        "3A001.b.7.d": "test-receiver-frequency-extender",
    }
    for jurisdiction in BOTH:  # "beyond 90 GHz" / "beyond 110 GHz": text, with the kind
        for code, kind in kinds.items():
            entry = found[(jurisdiction, code)]
            assert entry.text_only is not None and entry.kinds == (kind,), code


def test_us_acoustic_wave_devices_of_1_ghz_or_less(found: Found) -> None:
    # 3A991.i.2 "A carrier frequency of 1 GHz or less; and a. A frequency side-lobe rejection
    # exceeding 55 Db; b. A product of the maximum delay time and bandwidth (time in microseconds
    # and bandwidth in MHz) of more than 100; or c. A dispersive delay of more than 10
    # microseconds" ("Db": the decibel, units.csv)
    carrier = ("saw-carrier-frequency", "<=", Decimal(1), "GigaHZ")
    entry = found[("US", "3A991.i.2")]
    assert entry.text_only is None and "not-controlled-by-3a001" in entry.requires_facts
    assert ways(entry) == {
        frozenset({carrier, ("saw-frequency-side-lobe-rejection", ">", Decimal(55), "DeciB")}),
        frozenset({carrier, ("saw-delay-bandwidth-product", ">", Decimal(100), "UNITLESS")}),
        frozenset({carrier, ("saw-dispersive-delay", ">", Decimal(10), "MicroSEC")}),
    }


def test_us_integrated_circuits_nes_by_tops_and_transfer_rate(found: Found) -> None:
    # 3A991.p "Integrated circuits, n.e.s., having any of the following: 1. A processing
    # performance of 8 TOPS or more; or 2. An aggregate bidirectional transfer rate over all
    # inputs and outputs of 150 Gbyte/s or more to or from integrated circuits other than
    # volatile memories"
    group = found[("US", "3A991.p")]
    assert group.group and group.kinds == ("digital-processing-integrated-circuit",)
    assert ways(found[("US", "3A991.p.1")]) == {
        frozenset({("ic-processing-performance-tops", ">=", Decimal(8), "TeraOPS")})
    }
    rate = "ic-aggregate-transfer-rate-to-ics-other-than-volatile-memories"
    assert ways(found[("US", "3A991.p.2")]) == {
        frozenset({(rate, ">=", Decimal(150), "GigaBYTE-PER-SEC")})
    }
    for code in ("3A991.p.1", "3A991.p.2"):
        assert {"not-controlled-by-3a001", "not-elsewhere-specified-in-the-ccl"} <= set(
            found[("US", code)].requires_facts
        )
        assert ("EU", code) not in found


def test_us_microprocessors_by_gflops_and_alu_width(found: Found) -> None:
    # 3A991.a.1 "A performance speed of 5 GFLOPS or more and an arithmetic logic unit with an
    # access width of 32 bit or more"
    entry = found[("US", "3A991.a.1")]
    assert entry.text_only is None and "not-controlled-by-3a001" in entry.requires_facts
    assert ways(entry) == {
        frozenset(
            {
                ("microprocessor-performance-speed", ">=", Decimal(5), "GigaFLOPS"),
                ("alu-access-width", ">=", Decimal(32), "BIT"),
            }
        )
    }


def test_us_digital_oscilloscopes_and_transient_recorders(found: Found) -> None:
    # 3A992.g "… sampling single-shot inputs at successive intervals of less than 1 ns (greater
    # than 1 gigasample per second), digitizing to 8 bits or greater resolution and storing 256
    # or more samples": the bracket restates the interval as a rate (not a second criterion)
    entry = found[("US", "3A992.g")]
    assert entry.text_only is None and entry.kinds == (
        "digital-oscilloscope-or-transient-recorder",
    )
    assert ways(entry) == {
        frozenset(
            {
                ("transient-sampling-interval", "<", Decimal(1), "NanoSEC"),
                ("transient-digitizing-resolution", ">=", Decimal(8), "BIT"),
                ("transient-stored-sample-count", ">=", Decimal(256), "NUM"),
            }
        )
    }
    assert entry.requires_facts == ("not-controlled-by-3a002",)


def test_us_travelling_wave_tubes_not_controlled_by_3a001(found: Found) -> None:
    # 3A991.g.1 "Coupled cavity devices, or derivatives thereof": every one (no threshold);
    # 3A991.g.2 (helix devices, "a. …; and b. …; c. …; and d. …" in pairs) stays text
    coupled = found[("US", "3A991.g.1")]
    assert coupled.text_only is None and not coupled.criteria  # all of them
    assert coupled.kinds == ("coupled-cavity-travelling-wave-vacuum-electronic-device",)
    assert coupled.requires_facts == ("not-controlled-by-3a001",)
    helix = found[("US", "3A991.g.2")]
    assert helix.text_only is not None and "pair up" in helix.text_only
    assert helix.kinds == ("helix-travelling-wave-vacuum-electronic-device",)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_transmit_receive_modules_keep_their_band(found: Found, jurisdiction: str) -> None:
    # 3A001.b.12 "… rated for operation at frequencies above 2.7 GHz and having all of the
    # following": its sub-paragraphs (formulas over the frequencies; a phase shifter) stay text,
    # the entry keeps the root's band (outside it: not controlled by it; inside: unknown)
    entry = found[(jurisdiction, "3A001.b.12")]
    assert entry.text_only is not None and entry.kinds == ("transmit-receive-module-or-mmic",)
    assert ways(entry) == {frozenset({("frequency-max", ">", Decimal("2.7"), "GigaHZ")})}
    assert "not-specially-designed-for-other-equipment" not in entry.requires_facts  # Note 1


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_microwave_power_modules(found: Found, jurisdiction: str) -> None:
    # 3A001.b.9 "… having all of the following: a. A 'turn-on time' from off to fully
    # operational in less than 10 seconds; b. A volume less than the maximum rated power in Watts
    # multiplied by 10 cm^3/W [a required fact]; and c. An “instantaneous bandwidth” greater than 1
    # octave (fmax > 2fmin) and having any of the following: 1. For frequencies equal to or less
    # than 18 GHz, an RF output power greater than 100 W; or 2. A frequency greater than 18 GHz"
    entry = found[(jurisdiction, "3A001.b.9")]
    assert entry.text_only is None and entry.kinds == ("microwave-power-module",)
    common = {
        ("mpm-turn-on-time", "<", Decimal(10), "SEC"),
        ("instantaneous-bandwidth-octaves", ">", Decimal(1), "UNITLESS"),
    }
    assert ways(entry) == {
        frozenset(
            common
            | {
                ("frequency-min", "<=", Decimal(18), "GigaHZ"),
                ("mpm-rf-output-power", ">", Decimal(100), "W"),
            }
        ),
        frozenset(common | {("frequency-max", ">", Decimal(18), "GigaHZ")}),
    }
    assert "mpm-volume-less-than-10-cm3-per-rated-watt" in entry.requires_facts


def test_us_frequency_changers_stay_text_with_their_kind(found: Found) -> None:
    # 3A999.a "Frequency changers capable of operating in the frequency range from 300 up to
    # 600 Hz, n.e.s": covering the range or reaching into it is not written
    entry = found[("US", "3A999.a")]
    assert entry.text_only is not None and entry.kinds == ("frequency-changer",) and not entry.ways
