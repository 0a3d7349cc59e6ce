"""Classification against the Category 3 families formalized from the whole lists
(ontology/controls/formalize/families.csv): true on the controlled side of each stated threshold,
false on the other, "unknown" while a fact the text or a note makes is not stated."""

from __future__ import annotations

from typing import Any

import pytest

from exportgraph.errors import InvalidInput
from tests.partners.test_formalized import INDUSTRIAL

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
NOTE_1 = "not-specially-designed-for-other-equipment"  # Note 1 to Category 3, Product Group A


def _ids(result: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in result["entries"]]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_superconductive_electromagnet_against_3a001_e_3(
    classify_in: Any, jurisdiction: str
) -> None:
    """3A001.e.3: "specially designed" to be fully charged or discharged in less than one second
    (a fact) "and having all of the following: a. Energy delivered during the discharge exceeding
    10 kJ in the first second; b. Inner diameter of the current carrying windings of more than
    250 mm; and c. Rated for a magnetic induction of more than 8 T or 'overall current density'
    in the winding of more than 300 A/mm²"; not MRI magnets (the Note, a fact)."""
    facts = {
        "electromagnet-specially-designed-for-sub-second-charge-or-discharge": True,
        "magnet-not-specially-designed-for-mri-medical-equipment": True,
        NOTE_1: True,
    }
    parameters = {
        "magnet-discharge-energy-first-second": "12 kJ",
        "magnet-winding-inner-diameter": "30 cm",
        "magnet-rated-magnetic-induction": "9 T",
        "magnet-overall-current-density": "100 A/mm^2",
    }
    item = {"kind": "superconductive-electromagnet", "parameters": parameters, "facts": facts}
    code = f"{jurisdiction}:3A001.e.3"

    def by_3a001_e_3(result: dict[str, Any]) -> Any:
        """This entry's answer (the US 3A991.k also answers for these magnets)."""
        if code in _ids(result):
            return True
        possible = {e["id"] for e in result.get("possible_entries", [])}
        return "unknown" if code in possible else False

    def controlled(**changed: Any) -> Any:
        given = {**item, "parameters": {**parameters, **changed}}
        return by_3a001_e_3(classify_in(jurisdiction, given, ON))

    assert controlled() is True  # 9 T, though the current density is below 300 A/mm²
    assert controlled(**{"magnet-rated-magnetic-induction": "8 T"}) is False  # "more than 8 T"
    # the other way through c.: "overall current density … of more than 300 A/mm²"
    assert controlled(**{"magnet-rated-magnetic-induction": "8 T",
                         "magnet-overall-current-density": "301 A/mm^2"}) is True  # fmt: skip
    assert controlled(**{"magnet-rated-magnetic-induction": "8 T",
                         "magnet-overall-current-density": "300 A/mm^2"}) is False  # fmt: skip
    assert controlled(**{"magnet-discharge-energy-first-second": "10 kJ"}) is False
    assert controlled(**{"magnet-discharge-energy-first-second": "10001 J"}) is True
    assert controlled(**{"magnet-winding-inner-diameter": "250 mm"}) is False
    mri = {**facts, "magnet-not-specially-designed-for-mri-medical-equipment": False}
    assert by_3a001_e_3(classify_in(jurisdiction, {**item, "facts": mri}, ON)) is False
    unstated = classify_in(jurisdiction, {**item, "facts": {NOTE_1: True}}, ON)
    assert unstated["controlled"] == "unknown" and by_3a001_e_3(unstated) == "unknown"
    assert set(facts) - {NOTE_1} <= set(unstated["missing_facts"])


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_pulse_discharge_capacitor_against_3a201_a(classify_in: Any, jurisdiction: str) -> None:
    """3A201.a "having either of the following sets of characteristics: 1. Voltage rating greater
    than 1.4 kV, energy storage greater than 10 J, capacitance greater than 0.5 µF, and series
    inductance less than 50 nH; or 2. Voltage rating greater than 750 V, capacitance greater than
    0.25 µF, and series inductance less than 10 nH" (EU: "Capacitors", "1,4 kV", the conditions
    listed a., b., c. …), for capacitors "other than those controlled by 3A001" (a fact)."""
    facts = {"capacitor-not-specified-by-3a001": True}
    second = {  # meets a.2 only: no energy storage stated
        "capacitor-voltage-rating": "800 V",
        "capacitor-capacitance": "0.3 uF",
        "capacitor-series-inductance": "8 nH",
    }
    item = {"kind": "pulse-discharge-capacitor", "parameters": second, "facts": facts}

    def controlled(parameters: dict[str, Any], **changed: Any) -> Any:
        return classify_in(jurisdiction, {**item, "parameters": {**parameters, **changed}}, ON)[
            "controlled"
        ]

    met = classify_in(jurisdiction, item, ON)
    assert met["controlled"] is True and f"{jurisdiction}:3A201.a.2" in _ids(met)
    assert controlled(second, **{"capacitor-voltage-rating": "750 V"}) is False
    assert controlled(second, **{"capacitor-series-inductance": "10 nH"}) is False
    first = {
        **second,
        "capacitor-voltage-rating": "1.5 kV",
        "capacitor-capacitance": "0.6 uF",
        "capacitor-series-inductance": "40 nH",  # too much for a.2 (less than 10 nH)
        "capacitor-energy-storage": "11 J",
    }
    assert controlled(first) is True
    assert controlled(first, **{"capacitor-energy-storage": "10 J"}) is False
    assert controlled(first, **{"capacitor-capacitance": "0.5 uF"}) is False
    assert controlled(first, **{"capacitor-series-inductance": "50 nH"}) is False
    unstated = classify_in(jurisdiction, {**item, "facts": {}}, ON)
    assert unstated["controlled"] == "unknown" and unstated["missing_facts"] == list(facts)


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_switching_devices_against_3a228(classify_in: Any, jurisdiction: str) -> None:
    """3A228.a cold-cathode tubes: "1. Containing three or more electrodes (a fact); 2. Anode peak
    voltage rating of 2.5 kV or more; 3. Anode peak current rating of 100 A or more; and 4. Anode
    delay time of 10 µs or less"; 3A228.b triggered spark-gaps "having both of the following
    characteristics: 1. An anode delay time of 15 µs or less; and 2. Rated for a peak current of
    500 A or more"."""
    tube = {
        "kind": "cold-cathode-tube",
        "parameters": {
            "switch-anode-peak-voltage-rating": "2.5 kV",
            "switch-anode-peak-current-rating": "100 A",
            "switch-anode-delay-time": "10 us",
        },
        "facts": {"cold-cathode-tube-three-or-more-electrodes": True},
    }
    met = classify_in(jurisdiction, tube, ON)  # each value at its threshold: "or more", "or less"
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A228.a"]
    for parameter, beyond in (
        ("switch-anode-peak-voltage-rating", "2499 V"),
        ("switch-anode-peak-current-rating", "99 A"),
        ("switch-anode-delay-time", "10.5 us"),
    ):
        changed = {**tube, "parameters": {**tube["parameters"], parameter: beyond}}
        assert classify_in(jurisdiction, changed, ON)["controlled"] is False, parameter
    two = {**tube, "facts": {"cold-cathode-tube-three-or-more-electrodes": False}}
    assert classify_in(jurisdiction, two, ON)["controlled"] is False
    gap = {
        "kind": "triggered-spark-gap",
        "parameters": {"switch-anode-delay-time": "15 us", "spark-gap-rated-peak-current": "500 A"},
    }
    assert classify_in(jurisdiction, gap, ON)["controlled"] is True
    slower = {**gap, "parameters": {**gap["parameters"], "switch-anode-delay-time": "16 us"}}
    assert classify_in(jurisdiction, slower, ON)["controlled"] is False


def test_a_fast_switching_module_against_3a228_c_and_the_eu_words_on_3a001(
    classify_in: Any,
) -> None:
    """3A228.c: "Anode peak voltage rating greater than 2 kV; Anode peak current rating of 500 A
    or more; and Turn-on time of 1 µs or less"; only the EU adds "other than those specified in
    3A001.g. or 3A001.h." (a fact)."""
    parameters = {
        "switch-anode-peak-voltage-rating": "3 kV",
        "switch-anode-peak-current-rating": "600 A",
        "switch-turn-on-time": "0.5 us",
    }
    item = {"kind": "fast-switching-module", "parameters": parameters}
    assert classify_in("US", item, ON)["controlled"] is True
    at = {**item, "parameters": {**parameters, "switch-anode-peak-voltage-rating": "2 kV"}}
    assert classify_in("US", at, ON)["controlled"] is False  # "greater than 2 kV"
    eu = classify_in("EU", item, ON)
    assert eu["controlled"] == "unknown"
    assert eu["missing_facts"] == ["switching-module-not-specified-by-3a001-g-or-h"]
    stated = {**item, "facts": {"switching-module-not-specified-by-3a001-g-or-h": True}}
    assert classify_in("EU", stated, ON)["controlled"] is True


NOTE_2 = "not-programmed-for-other-equipment"  # Note 2 to Category 3, Product Group A


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_dac_against_3a001_a_5_b(classify_in: Any, jurisdiction: str) -> None:
    """3A001.a.5.b: "1. A resolution of 10-bit or more but less than 12-bit, with an 'adjusted
    update rate' of exceeding 3,500 MSPS; or 2. A resolution of 12-bit or more and having any of:
    a. An 'adjusted update rate' exceeding 1,250 MSPS but not exceeding 3,500 MSPS, and having any
    of: 1. A settling time less than 9 ns to arrive at or within 0.024% of full scale from a full
    scale step; or 2. A 'Spurious Free Dynamic Range' (SFDR) greater than 68 dBc (carrier) when
    synthesizing a full scale analog signal of 100 MHz …; or b. An 'adjusted update rate'
    exceeding 3,500 MSPS" (EU "3500", "0,024 %")."""
    item = {"kind": "dac-integrated-circuit", "facts": {NOTE_2: True}}

    def controlled(**parameters: Any) -> Any:
        parameters = {**INDUSTRIAL, **parameters}
        return classify_in(jurisdiction, {**item, "parameters": parameters}, ON)["controlled"]

    ten = {"dac-resolution": "10 bit"}
    assert controlled(**ten, **{"dac-adjusted-update-rate": "3501 MSPS"}) is True
    assert controlled(**ten, **{"dac-adjusted-update-rate": "3500 MSPS"}) is False
    twelve = {"dac-resolution": "12 bit", "dac-adjusted-update-rate": "2 GSPS"}
    assert controlled(**twelve, **{"dac-settling-time": "8 ns", "dac-sfdr-100mhz": "60 dB"}) is True
    assert (
        controlled(**twelve, **{"dac-settling-time": "9 ns", "dac-sfdr-100mhz": "60 dB"}) is False
    )
    assert controlled(**twelve, **{"dac-settling-time": "9 ns", "dac-sfdr-100mhz": "69 dB"}) is True
    assert (
        controlled(**twelve, **{"dac-settling-time": "9 ns", "dac-sfdr-100mhz": "68 dB"}) is False
    )
    slow = {**twelve, "dac-adjusted-update-rate": "1250 MSPS"}
    assert controlled(**slow, **{"dac-settling-time": "1 ns", "dac-sfdr-100mhz": "90 dB"}) is False
    unstated = classify_in(jurisdiction, {**item, "facts": {}, "parameters": ten}, ON)
    assert unstated["controlled"] == "unknown"  # the rate and Note 2's fact not stated


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_an_electro_optic_modulator_against_3a001_i(classify_in: Any, jurisdiction: str) -> None:
    """3A001.i.1: "A maximum operating frequency of more than 10 GHz but less than 20 GHz, an
    optical insertion loss equal to or less than 3 dB and having any of the following: a. A
    'half-wave voltage' ('Vπ') less than 2.7 V when measured at a frequency of 1 GHz or below; or
    b. A 'Vπ' of less than 4 V when measured at a frequency of more than 1 GHz" (EU "2,7 V")."""
    base = {"frequency-max": "15 GHz", "modulator-optical-insertion-loss": "3 dB"}
    item = {"kind": "analog-electro-optic-modulator", "facts": {NOTE_1: True}}

    def answer(**parameters: Any) -> Any:
        return classify_in(jurisdiction, {**item, "parameters": {**base, **parameters}}, ON)

    low = "modulator-half-wave-voltage-at-1ghz-or-below"
    high = "modulator-half-wave-voltage-above-1ghz"
    met = answer(**{low: "2.6 V", high: "6 V"})
    assert met["controlled"] is True and f"{jurisdiction}:3A001.i.1" in _ids(met)
    assert answer(**{low: "2.7 V", high: "6 V"})["controlled"] is False
    assert answer(**{low: "3 V", high: "3.9 V"})["controlled"] is True
    assert answer(**{low: "3 V", high: "4 V"})["controlled"] is False
    lossy = {"modulator-optical-insertion-loss": "3.5 dB", low: "1 V", high: "1 V"}
    assert answer(**lossy)["controlled"] is False
    # 20 GHz is 3A001.i.2's ("equal to or greater than 20 GHz"): Vπ less than 3.3 V at 1 GHz
    assert answer(**{"frequency-max": "20 GHz", low: "3.2 V", high: "6 V"})["controlled"] is True
    assert answer(**{"frequency-max": "20 GHz", low: "3.3 V", high: "6 V"})["controlled"] is False


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_saw_device_against_3a001_c_1(classify_in: Any, jurisdiction: str) -> None:
    """3A001.c.1: "a. A carrier frequency exceeding 6 GHz; b. A carrier frequency exceeding 1 GHz,
    but not exceeding 6 GHz and having any of: 1. A 'frequency side-lobe rejection' exceeding
    65 dB; 2. A product of the maximum delay time and the bandwidth (time in µs and bandwidth in
    MHz) of more than 100; 3. A bandwidth greater than 250 MHz; or 4. A dispersive delay of more
    than 10 µs; or c. A carrier frequency of 1 GHz or less and having any of: 1. [the product] of
    more than 100; 2. A dispersive delay of more than 10 µs; or 3. A 'frequency side-lobe
    rejection' exceeding 65 dB and a bandwidth greater than 100 MHz"; not devices limited to a
    single filtering or resonating function (the Note to 3A001.c, a fact)."""
    single = "acoustic-wave-device-not-limited-to-a-single-filtering-or-resonating-function"
    item = {"kind": "surface-acoustic-wave-device", "facts": {single: True, NOTE_1: True}}
    quiet = {
        "saw-frequency-side-lobe-rejection": "60 dB",
        "saw-delay-bandwidth-product": 50,
        "saw-bandwidth": "200 MHz",
        "saw-dispersive-delay": "5 us",
    }

    def by_3a001_c(result: Any) -> bool:
        """Whether 3A001.c controls the item (False: it neither does nor may). Not the whole
        answer: in the US a device 3A001 does not control may be one of 3A991.i."""
        ours = f"{jurisdiction}:3A001.c"
        if any(entry["id"].startswith(ours) for entry in result["entries"]):
            return True
        assert not any(entry["id"].startswith(ours) for entry in result.get("possible_entries", ()))
        return False

    def controlled(**parameters: Any) -> Any:
        given = {**quiet, **parameters}
        return by_3a001_c(classify_in(jurisdiction, {**item, "parameters": given}, ON))

    assert controlled(**{"saw-carrier-frequency": "6.1 GHz"}) is True
    assert controlled(**{"saw-carrier-frequency": "6 GHz"}) is False  # b. needs more than quiet
    assert controlled(**{"saw-carrier-frequency": "6 GHz", "saw-bandwidth": "251 MHz"}) is True
    assert (
        controlled(**{"saw-carrier-frequency": "2 GHz", "saw-delay-bandwidth-product": 101}) is True
    )
    assert (
        controlled(**{"saw-carrier-frequency": "2 GHz", "saw-delay-bandwidth-product": 100})
        is False
    )
    # c. (1 GHz or less): the bandwidth counts only with the side-lobe rejection
    assert controlled(**{"saw-carrier-frequency": "1 GHz", "saw-bandwidth": "251 MHz"}) is False
    both = {"saw-frequency-side-lobe-rejection": "66 dB", "saw-bandwidth": "101 MHz"}
    assert controlled(**{"saw-carrier-frequency": "1 GHz", **both}) is True
    assert (
        controlled(**{"saw-carrier-frequency": "1 GHz", **both, "saw-bandwidth": "100 MHz"})
        is False
    )
    assert (
        controlled(**{"saw-carrier-frequency": "900 MHz", "saw-dispersive-delay": "11 us"}) is True
    )
    filters = {**item, "facts": {single: False, NOTE_1: True}}
    given = {**quiet, "saw-carrier-frequency": "7 GHz"}
    assert by_3a001_c(classify_in(jurisdiction, {**filters, "parameters": given}, ON)) is False


def test_a_signal_generator_against_3a002_d_6_and_its_other_paragraphs_stay_text(
    classify_in: Any,
) -> None:
    """3A002.d.6: "A maximum frequency exceeding 90 GHz" (US), "exceeding 110 GHz" (EU); 3A002.d.1
    to d.5 (within a frequency range) stay text: below d.6 the answer is "unknown", never false."""
    crystal = "signal-generator-output-not-from-crystal-oscillator-frequency-sums"
    item = {"kind": "signal-generator", "facts": {crystal: True, NOTE_1: True}}

    def answer(jurisdiction: str, frequency: str) -> Any:
        given = {**item, "parameters": {"frequency-max": frequency}}
        return classify_in(jurisdiction, given, ON)

    assert answer("US", "91 GHz")["controlled"] is True
    us = answer("US", "90 GHz")
    assert us["controlled"] == "unknown" and "US:3A002.d.6" not in _ids(us)
    assert answer("EU", "100 GHz")["controlled"] == "unknown"  # the EU's 110 GHz
    assert answer("EU", "111 GHz")["controlled"] is True
    summed = {
        **item,
        # (not US 3A992.a's "electronic test equipment, n.e.s." either)
        "facts": {crystal: False, NOTE_1: True, "not-elsewhere-specified-in-the-ccl": False},
        "parameters": {"frequency-max": "120 GHz"},
    }
    assert classify_in("US", summed, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_secondary_cell_against_3a001_e_1_b(classify_in: Any, jurisdiction: str) -> None:
    """3A001.e.1.b: "'Secondary cells' having an 'energy density' exceeding 350 Wh/kg at 20 °C";
    the Note "does not control batteries, including single-cell batteries" excludes batteries."""
    item = {"kind": "secondary-cell", "facts": {NOTE_1: True}}

    def answer(density: str, kind: str = "secondary-cell") -> Any:
        given = {**item, "kind": kind, "parameters": {"cell-energy-density-20c": density}}
        return classify_in(jurisdiction, given, ON)

    met = answer("351 Wh/kg")
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A001.e.1.b"]
    below = answer("350 Wh/kg")
    possible = [entry["id"] for entry in below.get("possible_entries", [])]
    assert f"{jurisdiction}:3A001.e.1.b" not in _ids(below) + possible
    # in the US, US 3A991.j.2 ("350 Wh/kg or less") asks whether 3A001 controls the cell
    assert below["controlled"] == ("unknown" if jurisdiction == "US" else False)
    assert answer("1.27 MJ/kg")["controlled"] is True  # 352.8 Wh/kg
    assert f"{jurisdiction}:3A001.e.1.b" not in _ids(answer("400 Wh/kg", "battery"))


def test_an_integrated_circuit_against_us_3a090_b(classify_in: Any) -> None:
    """US 3A090.b "having either of the following: 1. A 'total processing performance' of 2400 or
    more and less than 4800 and a 'performance density' of 1.6 or more and less than 5.92, or
    2. A 'total processing performance' of 1600 or more and a 'performance density' of 3.2 or
    more and less than 5.92"; Note 2 (not for datacenters and TPP below 4800: not 3A090.b) is a
    required fact. 3A090.a (Note 1's presumption for front-end fabricators) stays text."""
    fact = "ic-designed-or-marketed-for-datacenters-or-tpp-4800-or-more"
    item = {"kind": "digital-processing-integrated-circuit", "facts": {fact: True}}

    def ids(tpp: float, density: float) -> list[str]:
        given = {"total-processing-performance": tpp, "performance-density": density}
        return _ids(classify_in("US", {**item, "parameters": given}, ON))

    assert "US:3A090.b.1" in ids(2400, 1.6)
    assert "US:3A090.b.1" not in ids(2399, 1.6) and "US:3A090.b.1" not in ids(2400, 1.59)
    assert "US:3A090.b.1" not in ids(4800, 2)  # "less than 4800"
    assert "US:3A090.b.2" in ids(1600, 3.2) and "US:3A090.b.2" not in ids(1600, 5.92)
    assert "US:3A090.b.2" not in ids(1599, 4)
    given = {"total-processing-performance": 3000, "performance-density": 2}
    not_datacenter = {**item, "facts": {fact: False}, "parameters": given}
    assert "US:3A090.b.1" not in _ids(classify_in("US", not_datacenter, ON))


def test_high_bandwidth_memory_against_us_3a090_c(classify_in: Any) -> None:
    """US 3A090.c: "High bandwidth memory (HBM) having a 'memory bandwidth density' greater than
    2 gigabytes per second per square millimeter"."""

    def answer(density: str) -> Any:
        item = {
            "kind": "high-bandwidth-memory",
            "parameters": {"memory-bandwidth-density": density},
        }
        return classify_in("US", item, ON)

    met = answer("2.1 GB/s/mm^2")
    assert met["controlled"] is True and _ids(met) == ["US:3A090.c"]
    assert answer("2 GB/s/mm^2")["controlled"] is False
    assert answer("2100 MB/s/mm^2")["controlled"] is True


def test_us_3a090_a_stays_text_and_answers_unknown_never_false(classify_in: Any) -> None:
    fact = "ic-designed-or-marketed-for-datacenters-or-tpp-4800-or-more"
    given = {"total-processing-performance": 5000, "performance-density": 2}
    item = {
        "kind": "digital-processing-integrated-circuit",
        "parameters": given,
        "facts": {fact: True},
    }
    result = classify_in("US", item, ON)  # fails 3A090.b (TPP 4800 or more, density below 3.2)
    assert result["controlled"] == "unknown"
    assert "US:3A090.a" in {e["id"] for e in result.get("possible_entries", [])} | set(_ids(result))


# a digital computer rated within every ambient temperature limit (4A001.a.1, 4A101.a, 4A994.a)
RATED = {"ambient-temperature-rating-min": "0 degC", "ambient-temperature-rating-max": "40 degC"}


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_digital_computer_against_4a003_b(classify_in: Any, jurisdiction: str) -> None:
    """4A003.b: "Digital computers having an 'Adjusted Peak Performance' ('APP') exceeding 70
    Weighted TeraFLOPS (WT)"; Note 2 to 4A003 (a computer essential for, and not a principal
    element of, other equipment takes that equipment's status) is a required fact."""
    fact = "computer-status-not-determined-by-other-equipment"
    item = {"kind": "digital-computer", "facts": {fact: True}}

    def answer(app: float, facts: dict[str, bool] | None = None) -> Any:
        # rated within every ambient temperature limit (4A001.a.1, 4A101.a, 4A994.a; h18temp)
        given = {**item, "parameters": {"adjusted-peak-performance": app, **RATED}}
        return classify_in(jurisdiction, given if facts is None else {**given, "facts": facts}, ON)

    def by_4a003_b(result: Any) -> bool:
        """Whether 4A003.b controls the item (False: it neither does nor may). Not the whole
        answer: in the US a computer 4A003 does not control may be one of 4A994.b."""
        ours = f"{jurisdiction}:4A003.b"
        if ours in _ids(result):
            return True
        assert ours not in {e["id"] for e in result.get("possible_entries", ())}
        return False

    met = answer(70.5)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:4A003.b"]
    assert by_4a003_b(answer(70)) is False
    unstated = answer(100, {})
    assert unstated["controlled"] == "unknown" and fact in unstated["missing_facts"]
    assert by_4a003_b(answer(100, {fact: False})) is False
    if jurisdiction == "US":  # 4A994.b: "equal to or greater than 0.0128 Weighted TeraFLOPS"
        below = answer(70)
        assert below["controlled"] == "unknown"
        assert "US:4A994.b" in {e["id"] for e in below["possible_entries"]}
    else:
        assert answer(70)["controlled"] is False


def test_adjusted_peak_performance_is_given_in_weighted_teraflops(classify_in: Any) -> None:
    """The texts write the APP in Weighted TeraFLOPS (WT): "70.5 WT" reads as 70.5, a plain number
    as WT, and a percentage is refused naming WT (it once read as a ratio and asked for "%")."""
    fact = "computer-status-not-determined-by-other-equipment"

    def answer(app: object) -> Any:
        item = {
            "kind": "digital-computer",
            "parameters": {"adjusted-peak-performance": app, **RATED},
            "facts": {fact: True},
        }
        return classify_in("EU", item, ON)

    assert answer("70.5 WT")["controlled"] is True
    assert answer("70 WT")["controlled"] is False
    assert answer(70.5)["controlled"] is True
    with pytest.raises(InvalidInput, match="WT") as refused:
        answer("7050 %")
    assert refused.value.field == "item.parameters.adjusted-peak-performance"


@pytest.mark.parametrize(
    ("kind", "parameter"),
    [
        ("custom-integrated-circuit", "ic-terminal-count"),
        ("field-programmable-logic-device", "fpld-single-ended-digital-io-count"),
    ],
)
def test_a_count_of_the_lists_is_never_a_percentage(
    classify_in: Any, kind: str, parameter: str
) -> None:
    """Terminals, input/outputs, gates, elements, fibre lasers and charge/discharge cycles are
    counts: "5 %" is refused (as a ratio it read as 0.05 of a terminal)."""
    item = {"kind": kind, "parameters": {parameter: "5 %"}, "facts": {NOTE_1: True}}
    with pytest.raises(InvalidInput, match="is a count") as refused:
        classify_in("EU", item, ON)
    assert refused.value.field == f"item.parameters.{parameter}"


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_primary_cell_against_3a001_e_1_a(classify_in: Any, jurisdiction: str) -> None:
    """3A001.e.1.a: "'Primary cells' having any of the following at 20 °C: 1. 'Energy density'
    exceeding 550 Wh/kg and a 'continuous power density' exceeding 50 W/kg; or 2. 'Energy
    density' exceeding 50 Wh/kg and a 'continuous power density' exceeding 350 W/kg"."""
    item = {"kind": "primary-cell", "facts": {NOTE_1: True}}

    def controlled(energy: str, power: str, kind: str = "primary-cell") -> Any:
        parameters = {
            "cell-energy-density-20c": energy,
            "cell-continuous-power-density-20c": power,
        }
        given = {**item, "kind": kind, "parameters": parameters}
        result = classify_in(jurisdiction, given, ON)
        # what 3A001.e.1.a decides: in the US a cell it does not control may be one of 3A991.j.1
        ours = f"{jurisdiction}:3A001.e.1.a"
        if ours in _ids(result):
            return True
        possible = {entry["id"] for entry in result.get("possible_entries", [])}
        return "unknown" if ours in possible else False

    assert controlled("551 Wh/kg", "51 W/kg") is True
    assert controlled("550 Wh/kg", "51 W/kg") is False
    assert controlled("600 Wh/kg", "50 W/kg") is False
    assert controlled("51 Wh/kg", "351 W/kg") is True
    assert controlled("51 Wh/kg", "350 W/kg") is False
    assert controlled("50 Wh/kg", "400 W/kg") is False
    assert controlled("600 Wh/kg", "400 W/kg", "battery") is not True


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_integrated_circuits_of_3a001_a_3_a_7_a_10_a_11(
    classify_in: Any, jurisdiction: str
) -> None:
    """3A001.a.3 (compound semiconductor microprocessors "operating at a clock frequency
    exceeding 40 MHz"), a.7 (FPLDs with "A maximum number of single-ended digital input/outputs
    of greater than 700" or "An 'aggregate one-way peak serial transceiver data rate' of 500 Gb/s
    or greater"), a.10 (custom ICs: "More than 1,500 terminals", "basic gate propagation delay
    time of less than 0.02 ns", "An operating frequency exceeding 3 GHz"),
    a.11 (compound semiconductor digital ICs: "equivalent gate count of more than 3,000 (2 input
    gates)", "A toggle frequency exceeding 1.2 GHz")."""

    def answer(kind: str, facts: dict[str, bool], **parameters: Any) -> Any:
        item = {"kind": kind, "facts": facts, "parameters": {**INDUSTRIAL, **parameters}}
        return classify_in(jurisdiction, item, ON)["controlled"]

    # below 3A001, a US item may be 3A991's (a.2: clock above 25 MHz; f.1: more than 144
    # terminals; n: more than 300 gates), which asks whether it is "not controlled by 3A001"
    below = False if jurisdiction == "EU" else "unknown"
    cpu = ("compound-semiconductor-microprocessor", {NOTE_2: True})
    assert answer(*cpu, **{"microprocessor-clock-frequency": "41 MHz"}) is True
    assert answer(*cpu, **{"microprocessor-clock-frequency": "40 MHz"}) is below
    not_3a001 = {NOTE_2: True, "not-controlled-by-3a001": True}
    assert answer(cpu[0], not_3a001, **{"microprocessor-clock-frequency": "40 MHz"}) is (
        jurisdiction == "US"
    )  # US 3A991.a.2
    # at 25 MHz, 3A991.a.1 (GFLOPS) and a.3 (a transfer rate) stay text: never false
    assert answer(cpu[0], not_3a001, **{"microprocessor-clock-frequency": "25 MHz"}) is below
    fpga = ("field-programmable-logic-device", {NOTE_2: True})
    assert answer(*fpga, **{"fpld-single-ended-digital-io-count": 701}) is True
    io = {"fpld-single-ended-digital-io-count": 700}
    assert answer(*fpga, **io) == "unknown"  # a.7.b asks the data rate
    rate = "fpld-aggregate-serial-transceiver-data-rate"
    assert answer(*fpga, **io, **{rate: "500 Gbit/s"}) is True  # "or greater": the value itself
    # US 3A991.d ("between 200 and 700" input/outputs) stays text: never false
    assert answer(*fpga, **io, **{rate: "499 Gbit/s"}) is below
    custom = (
        "custom-integrated-circuit",
        {"custom-ic-function-or-equipment-status-unknown-to-manufacturer": True},
    )
    assert (
        answer(*custom, **{"ic-basic-gate-propagation-delay": "19 ps", "frequency-max": "1 GHz"})
        is True
    )
    assert (
        answer(*custom, **{"ic-basic-gate-propagation-delay": "20 ps", "frequency-max": "3.1 GHz"})
        is True
    )
    slow = {"ic-basic-gate-propagation-delay": "20 ps", "frequency-max": "3 GHz"}
    assert answer(*custom, **slow) == "unknown"  # a.10.a asks the terminals
    assert answer(*custom, **slow, **{"ic-terminal-count": 1501}) is True  # "More than 1,500"
    assert answer(*custom, **slow, **{"ic-terminal-count": 1500}) is below
    other = "digital-ic-not-described-in-3a001-a-3-to-a-10-or-a-12"
    digital = ("compound-semiconductor-digital-integrated-circuit", {other: True, NOTE_1: True})
    assert (
        answer(*digital, **{"ic-equivalent-gate-count": 3001, "ic-toggle-frequency": "1 GHz"})
        is True
    )
    assert (
        answer(*digital, **{"ic-equivalent-gate-count": 3000, "ic-toggle-frequency": "1.2 GHz"})
        is below
    )
    assert (
        answer(*digital, **{"ic-equivalent-gate-count": 3000, "ic-toggle-frequency": "1.21 GHz"})
        is True
    )


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_pulse_generator_against_3a230(classify_in: Any, jurisdiction: str) -> None:
    """3A230 "having both of the following characteristics (see List of Items Controlled): a.
    Output voltage greater than 6 V into a resistive load of less than 55 ohms; and b. 'Pulse
    transition time' less than 500 ps" — a top-level entry read whole."""
    voltage = "pulse-generator-output-voltage-below-55-ohm-load"

    def answer(volts: str, transition: str) -> Any:
        parameters = {voltage: volts, "pulse-transition-time": transition}
        item = {"kind": "high-speed-pulse-generator", "parameters": parameters}
        return classify_in(jurisdiction, item, ON)

    met = answer("7 V", "400 ps")
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A230"]
    assert answer("6 V", "400 ps")["controlled"] is False
    assert answer("7 V", "0.5 ns")["controlled"] is False


def test_a_superconductive_electromagnet_against_us_3a991_k(classify_in: Any) -> None:
    """US 3A991.k: "specially designed" to be fully charged or discharged in less than one minute,
    "having all of the following: 1. Maximum energy delivered during the discharge divided by the
    duration of the discharge of more than 500 kJ per minute; 2. Inner diameter of the current
    carrying windings of more than 250 mm; and 3. Rated for a magnetic induction of more than 8T
    or 'overall current density' in the winding of more than 300 A/mm^2", for devices "not
    controlled by 3A001", not designed for MRI medical equipment."""
    facts = {
        "not-controlled-by-3a001": True,
        "electromagnet-specially-designed-for-sub-minute-charge-or-discharge": True,
        "magnet-not-designed-for-mri-medical-equipment": True,
    }
    parameters = {
        "magnet-discharge-energy-per-minute": "600 kJ/min",
        "magnet-winding-inner-diameter": "300 mm",
        "magnet-rated-magnetic-induction": "5 T",
        "magnet-overall-current-density": "301 A/mm^2",
    }
    item = {"kind": "superconductive-electromagnet", "parameters": parameters, "facts": facts}

    def ids(**changed: Any) -> list[str]:
        return _ids(classify_in("US", {**item, "parameters": {**parameters, **changed}}, ON))

    assert "US:3A991.k" in ids()
    assert "US:3A991.k" not in ids(**{"magnet-overall-current-density": "300 A/mm^2"})
    assert "US:3A991.k" in ids(**{"magnet-rated-magnetic-induction": "8.1 T"})
    assert "US:3A991.k" not in ids(**{"magnet-discharge-energy-per-minute": "500 kJ/min"})
    assert "US:3A991.k" in ids(**{"magnet-discharge-energy-per-minute": "8.4 kW"})  # 504 kJ/min


def test_an_adc_against_us_3a991_c(classify_in: Any) -> None:
    """US 3A991.c: "1. A resolution of 8 bit or more, but less than 12 bit, with an output rate
    greater than 200 million words per second; … 3. A resolution of more than 12 bit but equal to
    or less than 14 bit with an output rate greater than 10 million words per second; or 4. A
    resolution of more than 14 bit with an output rate greater than 2.5 million words per
    second"; c.2 ("A resolution of 12 bit …") stays text."""
    item = {"kind": "analog-to-digital-converter", "facts": {"not-controlled-by-3a001": True}}

    def answer(bits: int, rate: str) -> Any:
        parameters = {"adc-resolution": f"{bits} bit", "adc-output-rate": rate}
        return classify_in("US", {**item, "parameters": parameters}, ON)["controlled"]

    assert answer(10, "201 MHz") is True
    assert answer(10, "200 MHz") == "unknown"  # c.2 is text: never false
    assert answer(14, "11 MHz") is True
    assert answer(14, "10 MHz") == "unknown"
    assert answer(16, "2.6 MHz") is True
