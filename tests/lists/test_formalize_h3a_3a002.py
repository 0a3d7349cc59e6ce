"""3A002 general purpose electronic equipment read from the official texts (families.csv,
phrases.csv): non-"space-qualified" rubidium atomic frequency standards (3A002.g.3), real-time
signal analysers (3A002.c.4), EU real-time oscilloscopes (3A002.a.7; the US one stays text), and the figures stated "anywhere within"
a frequency range (3A002.c.1 resolution bandwidth, d.2 and e.1/e.2 output power), each a parameter
of its range. Each
paragraph's criteria are the comparators, values and units its own words state, in each list's
spelling (US "1 × 10^−11/month", "1 Watt"; EU "1 × 10-11/month", "1 W"); the expected values
below were written from ontology/sources/, not from the formalizer."""

from __future__ import annotations

from dataclasses import replace

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_clauses import NotRead, ParagraphReader
from exportgraph.loaders.listed_text import TextNode

from tests.lists.formal import criterion, ways

ROOTS = ("3A002.g.3", "3A002.c", "3A002.a.7", "3A002.d", "3A002.e")
BOTH = ("US", "EU")
Found = dict[tuple[str, str], formalize.FormalEntry]
NOTE_1 = "not-specially-designed-for-other-equipment"  # Note 1 to Category 3, Product Group A


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith(ROOTS)}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_rubidium_standards_as_the_texts_state_them(found: Found, jurisdiction: str) -> None:
    # 3A002.g.3 "Non-“space-qualified” and having all of the following: a. Being a rubidium
    # standard; b. Long-term stability less (better) than 1 × 10^−11/month; and c. Total power
    # consumption of less than 1 Watt [EU: 1 W]."
    entry = found[(jurisdiction, "3A002.g.3")]
    assert entry.text_only is None
    assert entry.kinds == ("rubidium-frequency-standard",)
    # 'Non-“space-qualified”' is a fact; so is Note 1 to Category 3, Product Group A
    assert entry.requires_facts == ("not-space-qualified", NOTE_1)
    assert ways(entry) == {
        frozenset({
            criterion("long-term-frequency-stability", "<", "1E-11", "UNITLESS"),
            criterion("power-consumption", "<", "1", "W"),
        })
    }  # fmt: skip


CPB = "signal-analyser-not-only-constant-percentage-bandwidth-filters"


@pytest.mark.parametrize(("jurisdiction", "mhz", "us"), [("US", "170", "15"), ("EU", "520", "8")])
def test_real_time_signal_analysers_as_the_texts_state_them(
    found: Found, jurisdiction: str, mhz: str, us: str
) -> None:
    # 3A002.c.4 "“Signal analyzers” having all of the following: a. 'Real-time bandwidth'
    # exceeding 170 MHz [EU: 520 MHz]; and b. Having any of the following: 1. 100% probability
    # of discovery, with less than a 3 dB reduction from full amplitude due to gaps or windowing
    # effects, of signals having a duration of 15 µs [EU: 8 μs] or less; or 2. A 'frequency mask
    # trigger' function, with 100% probability of trigger (capture) for signals having a
    # duration of 15 µs [EU: 8 μs] or less;"
    entry = found[(jurisdiction, "3A002.c.4")]
    assert entry.text_only is None
    assert entry.kinds == ("signal-analyser",)
    # the Note (constant percentage bandwidth filters only) is a fact; so is Note 1
    assert entry.requires_facts == (CPB, NOTE_1)
    bandwidth = criterion("signal-analyser-real-time-bandwidth", ">", mhz, "MegaHZ")
    assert ways(entry) == {
        frozenset({
            bandwidth,
            criterion(
                "signal-analyser-duration-for-100-percent-probability-of-discovery",
                "<=", us, "MicroSEC",
            ),
        }),
        frozenset({
            bandwidth,
            criterion(
                "signal-analyser-duration-for-100-percent-frequency-mask-trigger",
                "<=", us, "MicroSEC",
            ),
        }),
    }  # fmt: skip


OSCILLOSCOPE = "real-time-oscilloscope"


def test_eu_real_time_oscilloscopes_as_the_text_states_them(found: Found) -> None:
    # EU 3A002.a.7 "Real-time oscilloscopes havingall of the following: a. A vertical
    # root-mean-square (rms) noise voltage of less than 2 % of full-scale at the vertical scale
    # setting that provides the lowest noise value; and b. An 'upper 3dB frequency' greater than
    # 90 GHz on any channel."
    entry = found[("EU", "3A002.a.7")]
    assert entry.text_only is None
    assert entry.kinds == (OSCILLOSCOPE,) and entry.requires_facts == (NOTE_1,)
    assert ways(entry) == {
        frozenset({
            criterion("oscilloscope-vertical-rms-noise-of-full-scale", "<", "2", "PERCENT"),
            criterion("oscilloscope-upper-3db-frequency", ">", "90", "GigaHZ"),
        })
    }  # fmt: skip


def test_us_real_time_oscilloscopes_stay_text(found: Found) -> None:
    # US 3A002.a.7 "… of less than 2% of full-scale at the vertical scale setting that provides
    # the lowest noise value for any input 3dB bandwidth of 60 GHz or greater per channel":
    # whether one bandwidth setting of 60 GHz or more, or every one, must be below 2 % is not said
    # (now a necessary condition: tests/lists/test_formalize_h18c3.py)
    entry = found[("US", "3A002.a.7")]
    assert entry.kinds == (OSCILLOSCOPE,)
    assert entry.text_only and "one such setting, or every one" in entry.text_only


def test_having_run_into_the_mode_word_is_read() -> None:
    """The EU text writes "havingall of the following:" (3A002.a.7): read as "having all"; a
    root saying neither stays refused."""
    reader = ParagraphReader([], {})
    node = TextNode("EU", "3A002.a.7", ("a", "7"), "", (), "3A002.a", (), 1)
    words = "Real-time oscilloscopes havingall of the following:"
    assert reader.read_root(replace(node, text=words)).mode == "all"
    assert (
        reader.read_root(replace(node, text="Oscilloscopes havingany of the following:")).mode
        == "any"
    )
    # "all the following" without "of" is read too (6A004.d.2.a); without a mode word, refused
    assert (
        reader.read_root(replace(node, text="Oscilloscopes havingall the following:")).mode == "all"
    )
    with pytest.raises(NotRead):
        reader.read_root(replace(node, text="Oscilloscopes having the following:"))


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_resolution_bandwidth_anywhere_within_31_8_to_37_ghz(
    found: Found, jurisdiction: str
) -> None:
    # 3A002.c.1 "“Signal analyzers” having a 3 dB resolution bandwidth (RBW) exceeding 40 MHz
    # anywhere within the frequency range exceeding 31.8 GHz [EU: 31,8 GHz] but not exceeding
    # 37 GHz;" — the widest RBW within the range, a parameter named for the range
    entry = found[(jurisdiction, "3A002.c.1")]
    assert entry.text_only is None and entry.requires_facts == (NOTE_1,)
    assert ways(entry) == {
        frozenset({criterion("signal-analyser-rbw-within-31-8-to-37-ghz", ">", "40", "MegaHZ")})
    }
    (read,) = entry.criteria
    assert read.phrase.endswith("37 GHz")


# (jurisdiction, code): (parameter of the range the text states, threshold in mW)
OUTPUT_POWER = {
    # US d.2 "An output power exceeding 100 mW (20 dBm) anywhere within the frequency range
    # exceeding 43.5 GHz but not exceeding 90 GHz"; EU "… 43,5 GHz but not exceeding 110 GHz"
    ("US", "3A002.d.2"): ("rf-output-power-within-43-5-to-90-ghz", "100"),
    ("EU", "3A002.d.2"): ("rf-output-power-within-43-5-to-110-ghz", "100"),
    # US e.1 "An output power exceeding 31.62 mW (15 dBm) anywhere within the operating
    # frequency range exceeding 43.5 GHz but not exceeding 90 GHz"; EU "exceeding 100 mW
    # (20 dBm) … exceeding 43,5 GHz but not exceeding 110 GHz"
    ("US", "3A002.e.1"): ("rf-output-power-within-43-5-to-90-ghz", "31.62"),
    ("EU", "3A002.e.1"): ("rf-output-power-within-43-5-to-110-ghz", "100"),
    # US e.2 "An output power exceeding 1 mW (0 dBm) anywhere within the operating frequency
    # range exceeding 90 GHz but not exceeding 110 GHz" (EU 3A002.e.2: "Not used")
    ("US", "3A002.e.2"): ("rf-output-power-within-90-to-110-ghz", "1"),
}


@pytest.mark.parametrize(("jurisdiction", "code"), sorted(OUTPUT_POWER))
def test_output_power_anywhere_within_a_range(found: Found, jurisdiction: str, code: str) -> None:
    parameter, mw = OUTPUT_POWER[(jurisdiction, code)]
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None
    assert ways(entry) == {frozenset({criterion(parameter, ">", mw, "MilliW")})}
    # the parameter's range is the one the paragraph's words state, in its own spelling
    low, high = parameter.removeprefix("rf-output-power-within-").removesuffix("-ghz").split("-to-")
    low = low.replace("-", "," if jurisdiction == "EU" else ".")
    (read,) = entry.criteria
    assert f"exceeding {low} GHz but not exceeding {high} GHz" in read.phrase


def test_the_other_signal_generator_and_network_analyser_paragraphs_stay_text(
    found: Found,
) -> None:
    # d.1 (pulse duration and on/off ratio together at one frequency of a range), d.3 ("for any
    # frequency change") and d.4 (phase noise formula); c.2, d.5 and e.3:
    # tests/lists/test_formalize_h15a2.py
    for jurisdiction in BOTH:
        # d.1 and d.3's sub-paragraphs are necessary conditions only, d.4 is read (the phase
        # noise formulas): tests/lists/test_formalize_h18c3.py
        for code in ("3A002.d.1", "3A002.d.3.b"):
            assert found[(jurisdiction, code)].text_only, (jurisdiction, code)
    assert ("EU", "3A002.e.2") not in found  # "Not used"
