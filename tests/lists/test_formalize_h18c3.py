"""Category 3 leftovers (h18c3), read from both official texts. Expected values written from
ontology/sources/: the frequency switching times of 3A002.d.3.b/d/e/g (signal generators) and
3A001.b.11.b/d/e/f/g (frequency synthesizers), US and EU: "Less than 100 µs for any frequency
change exceeding 2.2 GHz within the frequency range exceeding 4.8 GHz but not exceeding 31.8 GHz"
… — each read, by a family nested below the 3A002.d (3A001.b.11) family, as a necessary condition
on the shortest switching time for such changes within the range: whether "any frequency change"
means every change or some is not written, so the entries are incomplete (never "controlled")."""

from __future__ import annotations

from decimal import Decimal

import pytest
from exportgraph.loaders.formalize import FormalCriterion
from exportgraph.loaders.formalize_clauses import NotRead
from exportgraph.loaders.formalize_tree import Family, nested_roots

from tests.lists.formal import Found, criterion, ways

BOTH = ("US", "EU")
SWITCHING = "shortest-frequency-switching-time-for-changes-"
RANGES = {
    "b": (f"{SWITCHING}over-2-2-ghz-within-4-8-to-31-8-ghz", "100"),
    "d": (f"{SWITCHING}over-550-mhz-within-31-8-to-37-ghz", "500"),
    "e": (f"{SWITCHING}over-2-2-ghz-within-37-to-75-ghz", "100"),
}
SWITCHED: dict[tuple[str, str], str] = {
    **{(j, f"3A002.d.3.{letter}"): name for j in BOTH for letter, (name, _) in RANGES.items()},
    **{(j, f"3A001.b.11.{letter}"): name for j in BOTH for letter, (name, _) in RANGES.items()},
    ("US", "3A002.d.3.g"): f"{SWITCHING}over-5-ghz-within-75-to-90-ghz",
    ("EU", "3A002.d.3.g"): f"{SWITCHING}over-5-ghz-within-75-to-110-ghz",  # EU: 110 GHz
    **{(j, "3A001.b.11.f"): f"{SWITCHING}over-5-ghz-within-75-to-90-ghz" for j in BOTH},
}
FIGURE = {"b": "100", "d": "500", "e": "100", "f": "100", "g": "100"}


@pytest.mark.parametrize(("jurisdiction", "code"), sorted(SWITCHED))
def test_switching_times_are_necessary_conditions(
    found: Found, jurisdiction: str, code: str
) -> None:
    entry = found[(jurisdiction, code)]
    figure = FIGURE[code[-1]]
    assert ways(entry) == {frozenset({criterion(SWITCHED[(jurisdiction, code)], "<", figure, "MicroSEC")})}  # fmt: skip
    # incomplete: an item meeting the figure is "unknown", one not meeting it is not controlled
    assert entry.text_only is not None and "every such change, or only some" in entry.text_only
    (way,) = entry.ways
    (read,) = way
    assert read.paragraph == code and "for any frequency change" in read.source_text
    # the parent: the group of the family above, which reads the other sub-paragraphs
    assert entry.parent == code.rsplit(".", 1)[0]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_above_90_ghz_switching_time(found: Found, jurisdiction: str) -> None:
    entry = found[(jurisdiction, "3A001.b.11.g")]  # "Less than 1 ms within the synthesized
    # frequency range exceeding 90 GHz"
    parameter = "shortest-frequency-switching-time-within-above-90-ghz"
    assert ways(entry) == {frozenset({criterion(parameter, "<", "1", "MilliSEC")})}
    assert entry.text_only is not None and "every switch within the range" in entry.text_only


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_outer_families_keep_their_other_paragraphs(found: Found, jurisdiction: str) -> None:
    # 3A002.d and 3A001.b.11 stay groups; d.3 is a group of the nested family
    for code in ("3A002.d", "3A002.d.3", "3A001.b.11"):
        assert found[(jurisdiction, code)].group, code
    fast = found[(jurisdiction, "3A001.b.11.a")]  # "Less than 143 ps": complete, read as before
    assert fast.text_only is None
    assert ways(fast) == {frozenset({criterion("frequency-switching-time", "<", "143", "PicoSEC")})}
    d6 = found[(jurisdiction, "3A002.d.6")]  # "A maximum frequency exceeding 90 (EU 110) GHz"
    assert d6.text_only is None and d6.parent == "3A002.d"
    assert {c.value for way in d6.ways for c in way} == {
        Decimal(90 if jurisdiction == "US" else 110)
    }


def _family(code: str, jurisdictions: tuple[str, ...] = ()) -> Family:
    return Family(code, jurisdictions, ("k",), (), (), "", 1, "families.csv")


def test_nested_roots() -> None:
    families = [
        _family("3A002.d"),
        _family("3A002.d.3"),
        _family("3A001.b.11"),
        _family("3A001.b.11.b", ("EU",)),
        _family("3A002.d.30"),  # a longer code is not below 3A002.d.3
    ]
    assert nested_roots(families, "US", "3A002.d") == (
        frozenset({"3A002.d.3", "3A002.d.30"}),
        False,
    )
    assert nested_roots(families, "US", "3A002.d.3") == (frozenset(), True)
    # a family of the other list does not nest
    assert nested_roots(families, "US", "3A001.b.11") == (frozenset(), False)
    assert nested_roots(families, "EU", "3A001.b.11") == (frozenset({"3A001.b.11.b"}), False)
    assert nested_roots(families, "EU", "3A001.b.11.b") == (frozenset(), True)


# Single sideband phase noise (3A001.b.10 oscillators, 3A002.d.4 signal generators), US and EU:
# "less (better) than −(126 + 20log10F − 20log10f) anywhere within the range of 10 Hz ≤ F ≤ 10 kHz"
# is the lowest phase noise plus 20log10F − 20log10f below −126 dBc/Hz (F in Hz, f in MHz); the
# formula's other terms are the phrase's words. Exact: no gap.
NORMALIZED = "ssb-phase-noise-plus-20log-offset-minus-20log-frequency-10-hz-to-10-khz"
FAR = "ssb-phase-noise-minus-20log-frequency-10-to-100-khz"
PHASE_NOISE = {
    **{(j, "3A001.b.10"): (NORMALIZED, "-126") for j in BOTH},
    ("US", "3A002.d.4.a"): (f"{NORMALIZED}-within-3-2-to-90-ghz", "-126"),
    ("EU", "3A002.d.4.a"): (f"{NORMALIZED}-within-3-2-to-110-ghz", "-126"),
    ("US", "3A002.d.4.b"): (f"{FAR}-within-3-2-to-90-ghz", "-206"),  # −(206−20log10f)
    ("EU", "3A002.d.4.b"): (f"{FAR}-within-3-2-to-110-ghz", "-206"),
}


@pytest.mark.parametrize(("jurisdiction", "code"), sorted(PHASE_NOISE))
def test_phase_noise_formulas(found: Found, jurisdiction: str, code: str) -> None:
    parameter, value = PHASE_NOISE[(jurisdiction, code)]
    entry = found[(jurisdiction, code)]
    assert entry.text_only is None
    assert ways(entry) == {frozenset({criterion(parameter, "<", value, "DeciB_C-PER-HZ")})}
    (way,) = entry.ways
    assert "20log10f)" in way[0].phrase  # the formula's other terms, as written
    if code.startswith("3A002.d.4."):
        assert entry.parent == "3A002.d.4" and found[(jurisdiction, "3A002.d.4")].group
    else:
        assert entry.kinds == ("oscillator-or-oscillator-assembly",)


# 3A002.d.1: "Specified to generate pulse-modulated signals having all of the following, anywhere
# within the frequency range exceeding 31.8 GHz but not exceeding 37 GHz: a. 'Pulse duration' of
# less than 25 ns; and b. On/off ratio equal to or exceeding 65 dB" — both figures of one signal:
# the shortest pulse duration and the highest on/off ratio within the range, necessary only.
@pytest.mark.parametrize("jurisdiction", BOTH)
def test_pulse_modulation_is_a_necessary_condition(found: Found, jurisdiction: str) -> None:
    entry = found[(jurisdiction, "3A002.d.1")]
    assert ways(entry) == {
        frozenset(
            {
                criterion(
                    "signal-generator-shortest-pulse-duration-within-31-8-to-37-ghz",
                    "<",
                    "25",
                    "NanoSEC",
                ),
                criterion(
                    "signal-generator-highest-pulse-on-off-ratio-within-31-8-to-37-ghz",
                    ">=",
                    "65",
                    "DeciB",
                ),
            }
        )
    }
    assert entry.text_only is not None and "need not belong to one signal" in entry.text_only
    assert {c.paragraph for c in entry.criteria} == {"3A002.d.1.a", "3A002.d.1.b"}


def test_a_range_after_the_following_is_cut_and_named() -> None:
    from exportgraph.loaders.formalize_clauses import _within_after_tail

    us = "Specified to generate pulse-modulated signals having all of the following, anywhere within the frequency range exceeding 31.8 GHz but not exceeding 37 GHz"  # fmt: skip
    assert _within_after_tail(us) == (
        "Specified to generate pulse-modulated signals having all of the following",
        "within-31-8-to-37-ghz",
        2,
    )
    eu = us.replace("31.8", "31,8")
    assert _within_after_tail(eu)[1] == "within-31-8-to-37-ghz"
    # only after "of the following": a range of the paragraph's own figure is not cut
    own = "An output power exceeding 100 mW, anywhere within the frequency range exceeding 43.5 GHz but not exceeding 90 GHz"  # fmt: skip
    assert _within_after_tail(own) == (own, "", 0)


def test_figures_below_a_range_must_be_of_it() -> None:
    from exportgraph.loaders.formalize_clauses import NotRead
    from exportgraph.loaders.formalize_tree import _all_within
    from exportgraph.loaders.listed_text import TextNode

    node = TextNode("US", "3A002.d.1", ("d", "1"), "", (), "3A002.d", (), 1)

    def of(parameter: str) -> FormalCriterion:
        return FormalCriterion(parameter, "<", Decimal(25), "ns", "25 ns", "", "3A002.d.1.a")

    _all_within(node, "within-31-8-to-37-ghz", [of("pulse-duration-within-31-8-to-37-ghz")])
    with pytest.raises(NotRead, match="pulse-duration"):
        _all_within(node, "within-31-8-to-37-ghz", [of("pulse-duration")])
    with pytest.raises(NotRead):
        _all_within(node, "within-31-8-to-37-ghz", [])


def test_a_formula_bracket_is_a_stated_threshold() -> None:
    from exportgraph.loaders.formalize_words import stated_thresholds

    # US 3A001.b.10 "− (126", US 3A002.d.4.a "−(126", EU "-(126": the bracket's first term
    assert stated_thresholds("less (better) than − (126 + 20log10F − 20log10f) anywhere") == 1
    assert stated_thresholds("Less (better) than −(206−20log10f) for anywhere") == 1
    assert stated_thresholds("Less (better) than -(126 + 20log10F - 20log10f) anywhere") == 1
    assert stated_thresholds("a phase noise of −(126 + 20log10F)") == 0  # no comparator


def test_us_real_time_oscilloscopes_necessary_condition(found: Found) -> None:
    # US 3A002.a.7: "… rms noise voltage of less than 2% of full-scale at the vertical scale
    # setting that provides the lowest noise value for any input 3dB bandwidth of 60 GHz or
    # greater per channel": one setting or every one is not written (was a text rule)
    entry = found[("US", "3A002.a.7")]
    noise = "oscilloscope-lowest-vertical-rms-noise-of-full-scale-at-60-ghz-or-greater"
    assert ways(entry) == {frozenset({criterion(noise, "<", "2", "PERCENT")})}
    assert entry.text_only is not None and "one such setting, or every one" in entry.text_only
    assert entry.kinds == ("real-time-oscilloscope",)
    eu = found[("EU", "3A002.a.7")]  # the EU text states both figures: complete
    assert eu.text_only is None and noise not in {c.parameter for c in eu.criteria}


# Signed tolerances (US 3B991): "Positioning accuracy less than ±1 micrometer" (b.1.m.1) and
# "Alignment with a precision finer than ±0.25 micrometer (3 sigma)" (b.2.f.2) — read by phrases
# whose parameter is the tolerance's half-width (comparator column "±"); counted since.
@pytest.mark.parametrize(
    ("code", "parameter", "value"),
    [
        ("3B991.b.1.m.1", "laser-trimming-positioning-accuracy", "1"),
        ("3B991.b.2.f.2", "alignment-precision-3-sigma", "0.25"),
    ],
)
def test_signed_tolerances(found: Found, code: str, parameter: str, value: str) -> None:
    entry = found[("US", code)]
    assert entry.text_only is None
    assert ways(entry) == {frozenset({criterion(parameter, "<", value, "MicroM")})}
    (way,) = entry.ways
    assert way[0].written == f"±{value} micrometer"
    # "Machine-to-machine overlay no better than ±0.3 micrometer": not read (nor counted)
    assert found[("US", "3B991.b.2.f.3")].text_only


def test_a_tolerance_only_where_the_phrase_reads_one() -> None:
    from exportgraph.loaders.formalize_clauses import TOLERANCE, NotRead, ParagraphReader, Phrase
    from exportgraph.loaders.formalize_words import stated_thresholds
    from exportgraph.loaders.listed_text import TextNode

    units = {"micrometer": "http://qudt.org/vocab/unit/MicroM"}

    def read(text: str, comparator: str) -> tuple[FormalCriterion, ...]:
        phrase = Phrase("3B991", "Positioning accuracy {}", "p", comparator, None, "", "", 1)
        node = TextNode("US", "3B991.b.1.m.1", ("b", "1", "m", "1"), text, (), None, (), 1)
        return ParagraphReader([phrase], units).read(node).criteria

    (found,) = read("Positioning accuracy less than ±1 micrometer", TOLERANCE)
    assert (found.comparator, found.value, found.written) == ("<", Decimal(1), "±1 micrometer")
    with pytest.raises(NotRead, match="signed tolerance"):
        read("Positioning accuracy less than ±1 micrometer", "")  # the row does not say ±
    with pytest.raises(NotRead, match="no signed tolerance"):
        read("Positioning accuracy less than 1 micrometer", TOLERANCE)
    assert stated_thresholds("Positioning accuracy less than ±1 micrometer") == 1
    assert stated_thresholds("thickness uniform to less than ± 2,5 % across") == 1  # EU 3B001.a.1
    assert stated_thresholds("Machine-to-machine overlay no better than ±0.3 micrometer") == 0


def test_dielectric_etch_necessary_conditions(found: Found) -> None:
    # US 3B993.c.1: "… enabling the fabrication of high aspect ratio features with aspect ratio
    # greater than 30:1 and a lateral dimension on the top surface of less than 100 nm, and
    # having all of the following: a. RF power source(s) with at least one pulsed RF output; and
    # b. One or more fast gas switching valve(s) with switching time less than 300 milliseconds."
    # 3B993.c.2: "Equipment, not specified by 3B993.c.1, …: a. An aspect ratio greater than 30:1;
    # and b. A lateral dimension on the top surface of less than 40 nm." (was a text rule each)
    ratio, lateral = "etch-enabled-feature-aspect-ratio", "etch-enabled-feature-lateral-dimension"
    c1, c2 = found[("US", "3B993.c.1")], found[("US", "3B993.c.2")]
    assert ways(c1) == {
        frozenset(
            {
                criterion(ratio, ">", "30", "UNITLESS"),
                criterion(lateral, "<", "100", "NanoM"),
                criterion("fast-gas-switching-valve-switching-time", "<", "300", "MilliSEC"),
            }
        )
    }
    assert ways(c2) == {
        frozenset({criterion(ratio, ">", "30", "UNITLESS"), criterion(lateral, "<", "40", "NanoM")})
    }
    for entry in (c1, c2):  # two figures of one feature: necessary only
        assert entry.text_only is not None and "need not belong to one feature" in entry.text_only
    assert "etch-pulsed-rf-output" in c1.requires_facts
    assert {"not-specified-by-3b993-c-1", "etch-equipment-not-designed-for-wafer-diameters-below-300-mm"} <= set(c2.requires_facts)  # fmt: skip


ERP = "esp-antenna-effective-radiated-power"


@pytest.mark.parametrize("jurisdiction", BOTH)
@pytest.mark.parametrize(
    ("code", "low", "high", "erp"),
    [
        ("5A001.d.1", "31.8", "57", "20"),
        ("5A001.d.2", "57", "66", "24"),
        ("5A001.d.3", "66", "90", "20"),
    ],
)
def test_phased_array_erp_necessary_conditions(
    found: Found, jurisdiction: str, code: str, low: str, high: str, erp: str
) -> None:
    # "Rated for operation above 31.8 GHz, but not exceeding 57 GHz, and having an Effective
    # Radiated Power (ERP) equal to or greater than +20 dBm (22.15 dBm Effective Isotropic
    # Radiated Power (EIRP))": the rated band overlapping the range, the highest rated ERP
    entry = found[(jurisdiction, code)]
    assert ways(entry) == {
        frozenset(
            {
                criterion("frequency-max", ">", low, "GigaHZ"),
                criterion("frequency-min", "<=", high, "GigaHZ"),
                criterion(ERP, ">=", erp, "DeciB_M"),
            }
        )
    }
    assert entry.text_only is not None and "no note says how the one ERP figure" in entry.text_only
    assert entry.parent == "5A001.d"


def test_the_narrowest_phrase_reads_a_clause() -> None:
    from exportgraph.loaders.formalize_clauses import ParagraphReader, Phrase
    from exportgraph.loaders.listed_text import TextNode

    units = {"GHz": "http://qudt.org/vocab/unit/GigaHZ"}
    wide = Phrase("5A001.d", "Rated for operation {}", "frequency-max", "", None, "", "", 1)
    narrow = Phrase("5A001.d.1", "Rated for operation {}", "frequency-max|frequency-min", "", None, "", "", 2)  # fmt: skip
    node = TextNode("US", "5A001.d.1", ("d", "1"), "Rated for operation above 31.8 GHz, but not exceeding 57 GHz", (), "5A001.d", (), 1)  # fmt: skip
    read = ParagraphReader([wide, narrow], units).read(node).criteria
    assert [(c.parameter, c.comparator) for c in read] == [("frequency-max", ">"), ("frequency-min", "<=")]  # fmt: skip
    assert ParagraphReader([wide], units).read(node).criteria[1].parameter == "frequency-max"
    twice = Phrase("5A001.d", "Rated for operation {}", "frequency-min", "", None, "", "", 3)
    with pytest.raises(NotRead):  # two phrases of the same code: two readings
        ParagraphReader([wide, twice], units).read(node)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_mass_spectrometers_of_3a233_are_known_as_text(found: Found, jurisdiction: str) -> None:
    # "Mass spectrometers, capable of measuring ions of 230 u or greater and having a resolution
    # of better than 2 parts in 230 …": a mass spectrometer is asked, "unknown" (was not asked)
    entry = found[(jurisdiction, "3A233")]
    assert entry.kinds == ("mass-spectrometer",) and not entry.ways
    assert entry.text_only is not None and "stays text" in entry.text_only


def test_eu_5a101_missiles_by_the_technical_note(found: Found) -> None:
    # EU 5A101 "Telemetry and telecontrol equipment, including ground equipment, designed or
    # modified for 'missiles'"; its Technical Note: "'missile' means complete rocket systems and
    # unmanned aerial vehicle systems capable of a range exceeding 300 km" (US: "equal to or
    # greater than 300 km" in the paragraph itself)
    eu, us = found[("EU", "5A101")], found[("US", "5A101")]
    assert eu.text_only is None
    assert ways(eu) == {frozenset({criterion("missile-system-range", ">", "300", "KiloM")})}
    assert all(c.defined_by.startswith("'missile' means") for c in eu.criteria)
    assert ways(us) == {frozenset({criterion("missile-system-range", ">=", "300", "KiloM")})}


def test_a_root_wholly_a_phrase_a_note_defines() -> None:
    from exportgraph.loaders.formalize_clauses import ParagraphReader, Phrase
    from exportgraph.loaders.listed_text import TextNode

    words = "Telemetry and telecontrol equipment designed or modified for missiles"
    km = "http://qudt.org/vocab/unit/KiloM"
    fixed = Phrase("5A101", words, "range", ">", Decimal(300), km, "Technical Note", 1)
    node = TextNode("EU", "5A101", (), words + ".", (), None, (), 1)
    (read,) = ParagraphReader([fixed], {}).read_root(node).criteria
    assert (read.parameter, read.comparator, read.value) == ("range", ">", Decimal(300))
    lead_in = Phrase("5A101", words, "none", "", None, "", "", 2)  # words only: not read
    with pytest.raises(NotRead, match="how its sub-paragraphs combine"):
        ParagraphReader([lead_in], {}).read_root(node)
