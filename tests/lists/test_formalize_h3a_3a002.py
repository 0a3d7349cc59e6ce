"""3A002 general purpose electronic equipment read from the official texts (families.csv,
phrases.csv): non-"space-qualified" rubidium atomic frequency standards (3A002.g.3), real-time
signal analysers (3A002.c.4), EU real-time oscilloscopes (3A002.a.7; the US one stays text). Each
paragraph's criteria are the comparators, values and units its own words state, in each list's
spelling (US "1 × 10^−11/month", "1 Watt"; EU "1 × 10-11/month", "1 W"); the expected values
below were written from ontology/sources/, not from the formalizer."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from exportgraph.loaders import formalize
from exportgraph.loaders.formalize_clauses import NotRead, ParagraphReader
from exportgraph.loaders.listed_text import TextNode

from tests.lists.formal import Criterion, ways

ROOTS = ("3A002.g.3", "3A002.c.4", "3A002.a.7")
BOTH = ("US", "EU")
Found = dict[tuple[str, str], formalize.FormalEntry]
NOTE_1 = "not-specially-designed-for-other-equipment"  # Note 1 to Category 3, Product Group A


@pytest.fixture(scope="module")
def found(formalized: list[formalize.FormalEntry]) -> Found:
    return {(e.jurisdiction, e.code): e for e in formalized if e.code.startswith(ROOTS)}


def _criterion(parameter: str, comparator: str, value: str, unit: str) -> Criterion:
    return (parameter, comparator, Decimal(value), unit)


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
            _criterion("long-term-frequency-stability", "<", "1E-11", "UNITLESS"),
            _criterion("power-consumption", "<", "1", "W"),
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
    bandwidth = _criterion("signal-analyser-real-time-bandwidth", ">", mhz, "MegaHZ")
    assert ways(entry) == {
        frozenset({
            bandwidth,
            _criterion(
                "signal-analyser-duration-for-100-percent-probability-of-discovery",
                "<=", us, "MicroSEC",
            ),
        }),
        frozenset({
            bandwidth,
            _criterion(
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
            _criterion("oscilloscope-vertical-rms-noise-of-full-scale", "<", "2", "PERCENT"),
            _criterion("oscilloscope-upper-3db-frequency", ">", "90", "GigaHZ"),
        })
    }  # fmt: skip


def test_us_real_time_oscilloscopes_stay_text(found: Found) -> None:
    # US 3A002.a.7 "… of less than 2% of full-scale at the vertical scale setting that provides
    # the lowest noise value for any input 3dB bandwidth of 60 GHz or greater per channel":
    # whether one bandwidth setting of 60 GHz or more, or every one, must be below 2 % is not said
    entry = found[("US", "3A002.a.7")]
    assert entry.kinds == (OSCILLOSCOPE,)
    assert entry.text_only and "stays text" in entry.text_only
    assert entry.ways == () or all(not way for way in entry.ways)


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
    with pytest.raises(NotRead):
        reader.read_root(replace(node, text="Oscilloscopes havingall the following:"))
