"""Category 3A nuclear-related and test-equipment families read from the official texts
(families.csv, phrases.csv, rules.csv): firing sets and high-current pulse generators
3A229.b/.c, the 'RF modulation bandwidth' of signal generators 3A002.d.5, neutron generator
systems 3A231 (rules), EU 3A501.a.16 (TPP) and 3A502.i (FPLD assemblies), frequency changers
3A225, the DANL of signal analysers 3A002.c.2 (a negative figure in dBm/Hz), EU multipoint
initiation arrangements 3A232.b, the nonlinear vector measurement band of network analysers
3A002.e.3. Each paragraph's criteria are the comparators, values and units its own words state,
in each list's spelling; the expected values below were written from ontology/sources/, not from
the formalizer. Also the reader: a phrase whose words negate its threshold ("No dimension {}") is
read with the opposite sign only when its row says so (comparator ``not``)."""

from __future__ import annotations

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.annex_i import AnnexI
from exportgraph.loaders.ccl_model import CommerceControlList
from exportgraph.loaders.formalize_clauses import NEGATE, NotRead, ParagraphReader, Phrase

from exportgraph.paths import ontology_dir
from tests.lists.formal import Found, criterion, ways

ROOTS = (
    "3A229",
    "3A002.d.5",
    "3A231",
    "3A501.a.16",
    "3A502.i",
    "3A225",
    "3A002.c.2",
    "3A232",
    "3A002.e.3",
)
BOTH = ("US", "EU")
UNITS = formalize.read_units(ontology_dir(), "units.csv")
US_HEADING = "firing-set-or-equivalent-pulse-generator-for-3a232-detonators"
RUGGED = "pulser-designed-for-portable-mobile-or-ruggedized-use"
TEMPERATURE = "pulser-specified-for-extended-temperature-range-or-aerospace"


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith(ROOTS)}


def _negated(template: str, parameter: str, comparator: str) -> Phrase:
    return Phrase("3A229", template, parameter, comparator, None, "", "", 0)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_no_dimension_greater_than_is_a_largest_dimension_at_most(
    ccl: CommerceControlList, annex: AnnexI, jurisdiction: str
) -> None:
    # 3A229.c.1 "No dimension greater than 35 mm;": the largest dimension is at most 35 mm
    entries = ccl.entries if jurisdiction == "US" else annex.entries
    node = next(e.tree for e in entries if e.code == "3A229").find("3A229.c.1")
    assert node is not None
    read = ParagraphReader([_negated("No dimension {}", "largest", NEGATE)], UNITS).read(node)
    assert [(c.parameter, c.comparator, str(c.value)) for c in read.criteria] == [
        ("largest", "<=", "35")
    ]
    # without the row saying so, the negated words are never read with the sign they write
    with pytest.raises(NotRead, match="negate"):
        ParagraphReader([_negated("No dimension {}", "largest", "")], UNITS).read(node)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_modular_pulse_generators_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    # 3A229.b: "Capable of delivering their energy in less than 15 µs [EU μs] into loads of less
    # than 40 Ω (ohms) [EU 40 ohms]; Having an output greater than 100 A; No dimension greater
    # than 30 cm; Weight less than 30 kg"; b.1 and b.6 are facts
    entry = found[(jurisdiction, "3A229.b")]
    assert entry.text_only is None
    assert entry.kinds == ("modular-electrical-pulse-generator",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("pulser-energy-delivery-time-below-40-ohm-load", "<", "15", "MicroSEC"),
                criterion("pulser-output-current", ">", "100", "A"),
                criterion("pulse-generator-largest-dimension", "<=", "30", "CentiM"),
                criterion("pulse-generator-mass", "<", "30", "KiloGM"),
            }
        )
    }
    heading = (US_HEADING,) if jurisdiction == "US" else ()
    assert entry.requires_facts == (*heading, RUGGED, TEMPERATURE)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_micro_firing_units_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    # 3A229.c: "No dimension greater than 35 mm; Voltage rating of equal to or greater than 1 kV;
    # and Capacitance of equal to or greater than 100 nF."
    entry = found[(jurisdiction, "3A229.c")]
    assert entry.text_only is None
    assert entry.kinds == ("micro-firing-unit",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("pulse-generator-largest-dimension", "<=", "35", "MilliM"),
                criterion("micro-firing-unit-voltage-rating", ">=", "1", "KiloV"),
                criterion("micro-firing-unit-capacitance", ">=", "100", "NanoFARAD"),
            }
        )
    }
    assert entry.requires_facts == ((US_HEADING,) if jurisdiction == "US" else ())


RF_BANDWIDTH = "signal-generator-rf-modulation-bandwidth-within-{}-ghz"


@pytest.mark.parametrize(
    ("jurisdiction", "code", "within", "value", "unit"),
    [
        # "Exceeding 2.2 GHz within the frequency range exceeding 4.8 GHz but not exceeding
        # 31.8 GHz" (EU "2,2 GHz … 4,8 GHz … 31,8 GHz"), and so on for b-d
        ("US", "3A002.d.5.a", "4-8-to-31-8", "2.2", "GigaHZ"),
        ("EU", "3A002.d.5.a", "4-8-to-31-8", "2.2", "GigaHZ"),
        ("US", "3A002.d.5.b", "31-8-to-37", "550", "MegaHZ"),
        ("EU", "3A002.d.5.b", "31-8-to-37", "550", "MegaHZ"),
        ("US", "3A002.d.5.c", "37-to-75", "2.2", "GigaHZ"),
        ("EU", "3A002.d.5.c", "37-to-75", "2.2", "GigaHZ"),
        ("US", "3A002.d.5.d", "75-to-90", "5.0", "GigaHZ"),
        ("EU", "3A002.d.5.d", "75-to-110", "5.0", "GigaHZ"),
    ],
)
def test_rf_modulation_bandwidth_within_each_range(
    found: Found, jurisdiction: str, code: str, within: str, value: str, unit: str
) -> None:
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None
    assert entry.parent == "3A002.d.5"
    assert ways(entry) == {frozenset({criterion(RF_BANDWIDTH.format(within), ">", value, unit)})}
    (read,) = entry.criteria
    low, high = (w.replace("-", ".") for w in within.split("-to-"))
    if jurisdiction == "EU":
        low, high = low.replace(".", ","), high.replace(".", ",")
    # the range is read in the phrase's words: it must be the parameter's
    assert f"exceeding {low} GHz but not exceeding {high} GHz" in read.phrase
    # Note 2 to 3A002.d (crystal oscillator frequency sums) is asked of every paragraph
    assert "signal-generator-output-not-from-crystal-oscillator-frequency-sums" in (
        entry.requires_facts
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_rf_modulation_bandwidth_heading_groups_its_ranges(found: Found, jurisdiction: str) -> None:
    # 3A002.d.5 "An 'RF modulation bandwidth' of digital baseband signals as specified by any of
    # the following:", its Technical Note a definition: a grouping of four alternatives
    entry = found[(jurisdiction, "3A002.d.5")]
    assert entry.text_only is None and entry.group


VACUUM = "neutron-generator-designed-without-external-vacuum-system"


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_neutron_generators_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    # 3A231 "having both of the characteristics": a. "Designed for operation without an external
    # vacuum system" (the fact), b. electrostatic acceleration to induce b.1 a tritium-deuterium
    # reaction (a kind, no figure) or b.2 a deuterium-deuterium reaction "and capable of an
    # output of 3 × 10^9 neutrons/s or greater" (EU "3 × 109": the exponent as printed)
    td, dd = found[(jurisdiction, "3A231.b.1")], found[(jurisdiction, "3A231.b.2")]
    assert td.text_only is None and dd.text_only is None
    assert td.kinds == ("electrostatic-tritium-deuterium-neutron-generator",)
    assert dd.kinds == ("electrostatic-deuterium-deuterium-neutron-generator",)
    assert td.requires_facts == dd.requires_facts == (VACUUM,)
    assert td.criteria == ()
    assert ways(dd) == {
        frozenset({criterion("neutron-generator-output", ">=", "3E9", "NEUTRON-PER-SEC")})
    }
    (output,) = dd.criteria
    assert output.written == (
        "3 × 10^9 neutrons/s" if jurisdiction == "US" else "3 × 109 neutrons/s"
    )


def test_eu_tpp_integrated_circuits_and_fpld_assemblies(found: Found) -> None:
    # EU 3A501.a.16 "Integrated circuits having one or more digital processing units having a
    # 'Total Processing Performance' ('TPP') of 6000 or more." (a number)
    tpp = found[("EU", "3A501.a.16")]
    assert tpp.text_only is None and tpp.kinds == ("digital-processing-integrated-circuit",)
    assert ways(tpp) == {
        frozenset({criterion("total-processing-performance", ">=", "6000", "UNITLESS")})
    }
    # Note 1 to Category 3 (EU: 3A501 other than 3A501.a.15) is asked
    assert "not-specially-designed-for-other-equipment" in tpp.requires_facts
    # EU 3A502.i "… having an 'aggregate lookup table input count' of greater than or equal to
    # 1800000."
    fpld = found[("EU", "3A502.i")]
    assert fpld.text_only is None and fpld.kinds == ("user-configurable-fpld-electronic-assembly",)
    assert ways(fpld) == {
        frozenset(
            {criterion("fpld-aggregate-lookup-table-input-count", ">=", "1800000", "UNITLESS")}
        )
    }
    assert fpld.requires_facts == ()  # Note 1 to Category 3 does not name 3A502
    assert ("US", "3A501.a.16") not in found and ("US", "3A502.i") not in found


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_frequency_changers_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    # 3A225 "a. Multiphase output providing a power of 40 VA or greater; b. Operating at a
    # frequency of 600 Hz or more; and c. Frequency control better (less) than 0.2% [EU 0,2 %]"
    entry = found[(jurisdiction, "3A225")]
    assert entry.text_only is None  # no gap: the US Notes are read through notes.csv
    assert entry.kinds == ("frequency-changer-or-generator",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("frequency-changer-multiphase-output-power", ">=", "40", "V-A"),
                criterion("frequency-changer-max-operating-frequency", ">=", "600", "HZ"),
                criterion("frequency-changer-frequency-control", "<", "0.2", "PERCENT"),
            }
        )
    }
    if jurisdiction == "US":
        # "except those subject to the … Nuclear Regulatory Commission", "usable as a … motor
        # drive"; the Notes printed after 3A225.c, through notes.csv
        assert entry.requires_facts == (
            "not-subject-to-nrc-export-licensing",
            "frequency-changer-usable-as-motor-drive",
            "frequency-changer-meets-3a225-under-its-us-notes",
        )
    else:
        # "other than those specified in 0B001.b.13.", "usable as …", the Note on constraints
        assert entry.requires_facts == (
            "frequency-changer-not-specified-in-0b001-b-13",
            "frequency-changer-usable-as-motor-drive",
            "frequency-changer-not-excluded-by-eu-note-to-3a225",
        )


@pytest.mark.parametrize(
    ("jurisdiction", "within", "value", "written"),
    [
        # US "less (better) than −150 dBm/Hz anywhere within the frequency range exceeding 43.5
        # GHz but not exceeding 90 GHz"; EU "-160 dBm/Hz … 43,5 GHz … 110 GHz"
        ("US", "43-5-to-90", "-150", "−150 dBm/Hz"),
        ("EU", "43-5-to-110", "-160", "-160 dBm/Hz"),
    ],
)
def test_displayed_average_noise_level_a_negative_figure(
    found: Found, jurisdiction: str, within: str, value: str, written: str
) -> None:
    entry = found[(jurisdiction, "3A002.c.2")]
    assert entry.text_only is None and entry.kinds == ("signal-analyser",)
    parameter = f"signal-analyser-danl-within-{within}-ghz"
    assert ways(entry) == {frozenset({criterion(parameter, "<", value, "DeciB_M-PER-HZ")})}
    (read,) = entry.criteria
    assert read.written == written
    low, high = within.split("-to-")
    low = low.replace("-", "." if jurisdiction == "US" else ",")
    assert f"exceeding {low} GHz but not exceeding {high} GHz" in read.phrase


def test_eu_multipoint_initiation_arrangements(found: Found) -> None:
    # EU 3A232.b "… over an area greater than 5000 mm2 from a single firing signal with an
    # initiation timing spread over the surface of less than 2,5 μs."; "other than those
    # specified in 1A007" and the Note on detonators using only primary explosives are facts
    entry = found[("EU", "3A232.b")]
    assert entry.text_only is None
    assert ways(entry) == {
        frozenset(
            {
                criterion("initiation-explosive-surface-area", ">", "5000", "MilliM2"),
                criterion("initiation-timing-spread", "<", "2.5", "MicroSEC"),
            }
        )
    }
    assert entry.requires_facts == (
        "initiation-system-not-specified-in-1a007",
        "initiation-arrangement-not-excluded-by-eu-note-to-3a232",
    )
    assert found[("US", "3A232.b")].requires_facts == ()  # the US text says neither


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_nonlinear_vector_measurement_band(found: Found, jurisdiction: str) -> None:
    # 3A002.e.3 "'Nonlinear vector measurement functionality' at frequencies exceeding 50 GHz but
    # not exceeding 110 GHz": the band of the functionality overlaps the range
    entry = found[(jurisdiction, "3A002.e.3")]
    assert entry.text_only is None and entry.kinds == ("network-analyser",)
    assert ways(entry) == {
        frozenset(
            {
                criterion("nonlinear-vector-measurement-frequency-max", ">", "50", "GigaHZ"),
                criterion("nonlinear-vector-measurement-frequency-min", "<=", "110", "GigaHZ"),
            }
        )
    }
