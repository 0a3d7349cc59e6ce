"""Classification of items of the kinds the formalized whole-list paragraphs apply to
(ontology/controls/formalize/rules.csv): true where the parsed threshold holds, false where it
fails, "unknown" naming the paragraphs known only as text — never false for those."""

from __future__ import annotations

from typing import Any

import pytest

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
NOTE_1 = "not-specially-designed-for-other-equipment"  # Note 1 to Category 3, Product Group A

# rated for an industrial range (-40 to +85 °C): 3A001.a.2 (ambient temperatures) not met
INDUSTRIAL = {
    "ambient-temperature-rating-min": "-40 degC",
    "ambient-temperature-rating-max": "85 degC",
}
NES_FACT = "not-elsewhere-specified-in-the-ccl"


def _ids(result: dict[str, Any]) -> list[str]:
    return [entry["id"] for entry in result["entries"]]


def test_magnetometer_below_the_us_threshold_is_controlled_and_eu_asks_the_note_fact(
    classify_in: Any,
) -> None:
    item = {
        "kind": "optically-pumped-magnetometer",
        "parameters": {"magnetometer-sensitivity-1hz": {"value": 5, "unit": "pT/Hz**0.5"}},
    }
    us = classify_in("US", item, ON)
    assert us["controlled"] is True
    assert _ids(us) == ["US:6A006.a.2"]
    (criterion,) = us["entries"][0]["criteria"]
    assert (criterion["comparator"], criterion["threshold"], criterion["value"]) == ("<", 20, 5)
    assert "20 pT (rms) per square root Hz" in criterion["legal_text"]
    eu = classify_in("EU", item, ON)
    assert eu["controlled"] == "unknown"
    assert [e["id"] for e in eu["possible_entries"]] == ["EU:6A006.a.2"]
    # the EU Note to 6A006 (fishery, biomagnetic medical diagnostics) is a fact to state
    assert "not-for-fishery-or-biomagnetic-medical-diagnostics" in eu["missing_facts"]
    stated = {**item, "facts": {"not-for-fishery-or-biomagnetic-medical-diagnostics": True}}
    assert _ids(classify_in("EU", stated, ON)) == ["EU:6A006.a.2"]
    medical = {**item, "facts": {"not-for-fishery-or-biomagnetic-medical-diagnostics": False}}
    assert classify_in("EU", medical, ON)["controlled"] is False


def test_magnetometer_above_the_threshold_is_not_controlled_by_the_us_paragraph(
    classify_in: Any,
) -> None:
    item = {"kind": "fluxgate-magnetometer", "parameters": {"magnetometer-sensitivity-1hz": 10001}}
    above = classify_in("US", item, ON)  # not 6A006.a.3's; US 6A996.a (text) may control it
    assert above["controlled"] == "unknown" and "US:6A006.a.3" not in _ids(above)
    assert {e["id"] for e in above["possible_entries"]} == {"US:6A996.a"}
    at = {"kind": "fluxgate-magnetometer", "parameters": {"magnetometer-sensitivity-1hz": 10000}}
    assert classify_in("US", at, ON)["controlled"] is True  # "equal to or lower than 10 pT"


def test_squid_magnetometer_known_only_as_text_is_unknown_never_false(classify_in: Any) -> None:
    for jurisdiction in ("US", "EU"):
        result = classify_in(jurisdiction, {"kind": "squid-magnetometer"}, ON)
        assert result["controlled"] == "unknown"
        assert {e["id"] for e in result["possible_entries"]} == {
            f"{jurisdiction}:6A006.a.1.a",
            f"{jurisdiction}:6A006.a.1.b",
        } | ({"US:6A996.a", "US:6A996.b"} if jurisdiction == "US" else set())


def test_gravity_meters_and_the_quartz_element_exclusion(classify_in: Any) -> None:
    item = {"kind": "ground-gravity-meter", "parameters": {"gravimeter-static-accuracy": "5 uGal"}}
    for jurisdiction in ("US", "EU"):
        assert _ids(classify_in(jurisdiction, item, ON)) == [f"{jurisdiction}:6A007.a"]
        worden = {**item, "kind": "quartz-element-gravity-meter"}
        result = classify_in(jurisdiction, worden, ON)
        if jurisdiction == "EU":
            assert result["controlled"] is False
        else:  # out of 6A007.a by its Note, but US 6A997.b ("Being of the quartz element (Worden)
            # type", n.e.s.): unknown until "not elsewhere specified" is stated
            assert result["controlled"] == "unknown"
            assert "US:6A997.b" in {e["id"] for e in result["possible_entries"]}
        gradiometer = classify_in(jurisdiction, {"kind": "gravity-gradiometer"}, ON)
        assert _ids(gradiometer) == [f"{jurisdiction}:6A007.c"]
    coarse = {**item, "parameters": {"gravimeter-static-accuracy": "0.02 mGal"}}
    assert classify_in("EU", coarse, ON)["controlled"] is False
    # US 6A997.a: ground gravity meters, n.e.s., of a static accuracy better than 100 microgal
    nes = {**coarse, "facts": {"not-elsewhere-specified-in-the-ccl": True}}
    assert _ids(classify_in("US", nes, ON)) == ["US:6A997.a"]


def test_atomic_frequency_standard_needs_space_qualified_when_the_stability_fails(
    classify_in: Any,
) -> None:
    kind = "non-rubidium-atomic-frequency-standard"
    good = {
        "kind": kind,
        "parameters": {"long-term-frequency-stability": 1e-12},
        "facts": {NOTE_1: True},
    }
    assert _ids(classify_in("EU", good, ON)) == ["EU:3A002.g.2"]
    poor = {"kind": kind, "parameters": {"long-term-frequency-stability": 1e-10}}
    result = classify_in("US", poor, ON)
    assert result["controlled"] == "unknown"
    assert "space-qualified" in result["missing_facts"]
    stated = {**poor, "facts": {"space-qualified": False}}
    assert classify_in("US", stated, ON)["controlled"] is False


def test_signal_analyser_thresholds_differ_by_jurisdiction_and_text_paragraphs_stay_open(
    classify_in: Any,
) -> None:
    item = {
        "kind": "signal-analyser",
        "parameters": {"frequency-max": 100},
        "facts": {NOTE_1: True},
    }
    us = classify_in("US", item, ON)
    assert us["controlled"] is True and _ids(us) == ["US:3A002.c.3"]  # exceeding 90 GHz
    eu = classify_in("EU", item, ON)  # exceeding 110 GHz: c.3 fails, c.1, c.2, c.4 are text
    assert eu["controlled"] == "unknown"
    assert {e["id"] for e in eu["possible_entries"]} == {
        "EU:3A002.c.1",
        "EU:3A002.c.2",
        "EU:3A002.c.4",
    }


def test_cw_laser_paragraphs_known_only_as_text_answer_unknown(classify_in: Any) -> None:
    result = classify_in("EU", {"kind": "non-tunable-cw-laser"}, ON)
    assert result["controlled"] == "unknown"
    assert {e["id"] for e in result["possible_entries"]} == {
        f"EU:6A005.a.{i}" for i in range(1, 11)
    }


def test_coverage_and_classify_over_http(client: Any) -> None:
    response = client.get("/v1/coverage")
    assert response.status_code == 200
    found = {j["jurisdiction"]: j for j in response.json()["jurisdictions"]}
    assert found["US"]["entries"] == 638 and found["EU"]["entries"] == 384
    assert "comparator" in response.json()["counting"]
    body = {
        "item": {
            "kind": "network-analyser",
            "parameters": {"frequency-max": {"value": 120, "unit": "GHz"}},
            "facts": {NOTE_1: True},
        },
        "jurisdictions": ["US", "EU"],
        "as_of": ON,
    }
    answer = client.post("/v1/classify", json=body).json()
    assert [r["controlled"] for r in answer["results"]] == [True, True]
    assert [_ids(r) for r in answer["results"]] == [["US:3A002.e.4"], ["EU:3A002.e.4"]]
    body["item"]["parameters"] = {"frequency-max": 100}  # e.4 fails; e.1-e.3 are text
    answer = client.post("/v1/classify", json=body).json()
    us, eu = answer["results"]
    assert (us["controlled"], eu["controlled"]) == ("unknown", "unknown")
    # (and US 3A992.a, electronic test equipment n.e.s., asking its facts)
    assert {e["id"] for e in us["possible_entries"]} == {f"US:3A002.e.{i}" for i in (1, 2, 3)} | {
        "US:3A992.a"
    }
    assert {e["id"] for e in eu["possible_entries"]} == {"EU:3A002.e.1", "EU:3A002.e.3"}


def test_squid_with_its_fact_and_sensitivity_is_controlled_in_the_us(classify_in: Any) -> None:
    item = {
        "kind": "squid-magnetometer",
        "parameters": {"magnetometer-sensitivity-1hz": {"value": 30, "unit": "fT/Hz**0.5"}},
        "facts": {"squid-stationary-without-in-motion-noise-reduction": True},
    }
    us = classify_in("US", item, ON)
    assert us["controlled"] is True
    assert _ids(us)[0] == "US:6A006.a.1.a"
    noisier = {**item, "parameters": {"magnetometer-sensitivity-1hz": "60 fT/Hz**0.5"}}
    # a.1.a not met (above 50 fT); a.1.b needs its own fact and in-motion sensitivity: unknown
    assert classify_in("US", noisier, ON)["controlled"] == "unknown"
    assert classify_in("EU", item, ON)["controlled"] == "unknown"


def test_a_qkd_system_is_unknown_by_5a002_c_never_false(classify_in: Any) -> None:
    for jurisdiction in ("US", "EU"):
        result = classify_in(jurisdiction, {"kind": "qkd-system"}, ON)
        assert result["controlled"] == "unknown"
        assert f"{jurisdiction}:5A002.c" in {e["id"] for e in result["possible_entries"]}


def test_note_1_to_category_3_decides_whether_3a002_answers_for_the_item(
    classify_in: Any,
) -> None:
    """Note 1 to Category 3A: a network analyser "specially designed for or with the same
    functional characteristics as other equipment" has the other equipment's status. Above
    3A002.e.4's threshold ("A maximum operating frequency exceeding 110 GHz", both lists),
    unknown until the fact is stated, naming the note; stated true, controlled; stated false,
    still unknown, the answer saying the other equipment decides. Below the threshold the fact
    changes nothing: not controlled by e.4 either way."""
    above = {"kind": "network-analyser", "parameters": {"frequency-max": "120 GHz"}}
    for jurisdiction in ("US", "EU"):
        unstated = classify_in(jurisdiction, above, ON)
        assert unstated["controlled"] == "unknown"
        assert NOTE_1 in unstated["missing_facts"]
        (e4,) = [e for e in unstated["possible_entries"] if e["id"].endswith("3A002.e.4")]
        assert any(n.startswith("Note 1 to Category 3") for n in e4["notes"])
        assert e4["missing_facts"] == [NOTE_1]
        stated = classify_in(jurisdiction, {**above, "facts": {NOTE_1: True}}, ON)
        assert stated["controlled"] is True
        assert _ids(stated) == [f"{jurisdiction}:3A002.e.4"]
        # stated false, the other equipment's status is the item's: unknown until it is
        # classified, never "not controlled" (eg:handsOverWhenFalse)
        other = classify_in(jurisdiction, {**above, "facts": {NOTE_1: False}}, ON)
        assert other["controlled"] == "unknown"
        assert f"{jurisdiction}:3A002.e.4" not in _ids(other)
        (e4,) = [e for e in other["possible_entries"] if e["id"].endswith("3A002.e.4")]
        assert e4["missing_facts"] == []
        # (only US 3A992.a, electronic test equipment n.e.s., asks facts of its own)
        assert set(other["missing_facts"]) <= {"not-controlled-by-3a002", NES_FACT}
        # the answer says whose status decides instead
        (said,) = [n for n in other["notes"] if n.startswith(f"{jurisdiction}:3A002.e.4 requires")]
        assert "stated false" in said and "classify the other equipment" in said
    below = {"kind": "network-analyser", "parameters": {"frequency-max": "105 GHz"}}
    for jurisdiction in ("US", "EU"):
        for facts in ({NOTE_1: True}, {}, {NOTE_1: False}):
            result = classify_in(jurisdiction, {**below, "facts": facts}, ON)
            e4 = f"{jurisdiction}:3A002.e.4"
            assert e4 not in {e["id"] for e in result.get("possible_entries", [])}
            assert e4 not in _ids(result)


def test_note_1_leaves_its_excepted_paragraphs_to_note_2(classify_in: Any) -> None:
    """3A001.a.13 (DDS integrated circuits) is excepted from Note 1 and under Note 2: its fact is
    asked, not Note 1's. 3A001.a.13.b: "A DAC clock frequency of 1.25 GHz or more and a DAC
    resolution of 12 bit or more"."""
    item = {
        "kind": "dds-integrated-circuit",
        "parameters": {"dac-clock-frequency": "2 GHz", "dac-resolution": "14 bit"},
    }
    result = classify_in("EU", item, ON)
    assert result["controlled"] == "unknown"
    assert "not-programmed-for-other-equipment" in result["missing_facts"]
    assert NOTE_1 not in result["missing_facts"]
    stated = classify_in("EU", {**item, "facts": {"not-programmed-for-other-equipment": True}}, ON)
    assert stated["controlled"] is True and "EU:3A001.a.13.b" in _ids(stated)
    slow = {**item, "parameters": {"dac-clock-frequency": "1 GHz", "dac-resolution": "14 bit"}}
    slow["facts"] = {"not-programmed-for-other-equipment": True}
    assert "EU:3A001.a.13.b" not in _ids(classify_in("EU", slow, ON))


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_an_rf_sampling_ic_against_3a001_a_14(classify_in: Any, jurisdiction: str) -> None:
    """3A001.a.14.a.4: "A resolution of 14 bit or more, but less than 16 bit, with a 'sample rate'
    greater than 400 Mega Samples Per Second (MSPS)", with a.14.b (storage or processing of the
    digitized data) a fact and Note 2 to Category 3 asked (sample rates in hertz here). The
    cross-reference N.B.s after a.14.b.2 are a.14's in both texts (loaders/ccl_notes.py): the US
    entry is complete like the EU's."""
    code = f"{jurisdiction}:3A001.a.14"
    facts = {
        "digitized-data-storage-or-processing": True,
        "not-programmed-for-other-equipment": True,
    }
    item = {
        "kind": "adc-processing-integrated-circuit",
        "parameters": {"adc-resolution": "14 bit", "adc-sample-rate": "500 MHz", **INDUSTRIAL},
        "facts": facts,
    }
    met = classify_in(jurisdiction, item, ON)
    assert met["controlled"] is True and _ids(met) == [code]
    at = {
        **item,
        "parameters": {"adc-resolution": "14 bit", "adc-sample-rate": "400 MHz", **INDUSTRIAL},
    }
    assert classify_in(jurisdiction, at, ON)["controlled"] is False  # "greater than 400 MSPS"
    unstated = classify_in(jurisdiction, {**item, "facts": {}}, ON)
    assert unstated["controlled"] == "unknown"
    assert set(unstated["missing_facts"]) == set(facts)


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_sample_rates_as_the_texts_write_them(classify_in: Any, jurisdiction: str) -> None:
    """ "… with a 'sample rate' greater than 400 Mega Samples Per Second (MSPS)" (3A001.a.14.a.4);
    "greater than 1.3 Giga Samples Per Second (GSPS)" (a.14.a.1): users write MSPS and GSPS."""
    facts = {
        "digitized-data-storage-or-processing": True,
        "not-programmed-for-other-equipment": True,
    }
    kind = "adc-processing-integrated-circuit"
    code = f"{jurisdiction}:3A001.a.14"

    def answer(resolution: str, rate: object) -> Any:
        parameters = {"adc-resolution": resolution, "adc-sample-rate": rate, **INDUSTRIAL}
        return classify_in(
            jurisdiction, {"kind": kind, "parameters": parameters, "facts": facts}, ON
        )

    met = answer("14 bit", "401 MSPS")
    assert met["controlled"] is True and _ids(met) == [code]
    assert answer("14 bit", {"value": 400, "unit": "MSPS"})["controlled"] is False
    assert answer("8 bit", "1.31 GSPS")["controlled"] is True
    assert answer("8 bit", "1.3 GSPS")["controlled"] is False  # "greater than 1.3 GSPS"


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_repetition_rated_capacitor_against_3a001_e_2_b(
    classify_in: Any, jurisdiction: str
) -> None:
    """3A001.e.2.b: "Capacitors with a repetition rate of 10 Hz or more (repetition rated
    capacitors) and having all of the following: 1. A voltage rating equal to or more than 5 kV;
    2. An energy density equal to or more than 50 J/kg; 3. A total energy equal to or more than
    100 J; and 4. A charge/discharge cycle life equal to or more than 10,000" (EU "10000")."""
    parameters = {
        "capacitor-repetition-rate": "20 Hz",
        "capacitor-voltage-rating": "6 kV",
        "capacitor-energy-density": "60 J/kg",
        "capacitor-total-energy": "150 J",
        "capacitor-charge-discharge-cycle-life": 10000,
    }
    item = {"kind": "high-energy-storage-capacitor", "parameters": parameters}
    code = f"{jurisdiction}:3A001.e.2.b"
    met = classify_in(jurisdiction, {**item, "facts": {NOTE_1: True}}, ON)
    assert met["controlled"] is True and code in _ids(met)
    fewer = {**parameters, "capacitor-charge-discharge-cycle-life": 9999}
    assert (
        classify_in(jurisdiction, {**item, "parameters": fewer, "facts": {NOTE_1: True}}, ON)[
            "controlled"
        ]
        is False
    )
    unstated = classify_in(jurisdiction, item, ON)  # Note 1 to Category 3 applies to 3A001.e
    assert unstated["controlled"] == "unknown" and unstated["missing_facts"] == [NOTE_1]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_thyristor_against_3a001_g_2(classify_in: Any, jurisdiction: str) -> None:
    """3A001.g.2: "A maximum turn-on current rate of rise (di/dt) greater than 2,000 A/µs and
    having all of the following: a. An off-state peak voltage equal to or greater than 3,000 V;
    and b. A peak (surge) current equal to or greater than 3,000 A" (EU "2000", "3000"); the
    Note to 3A001.g (civil railway or civil aircraft equipment) is a required fact."""
    civil = "thyristor-not-for-civil-railway-or-aircraft-equipment"
    facts = {civil: True, NOTE_1: True}
    parameters = {
        "thyristor-turn-on-current-rate-of-rise": "2500 A/us",
        "thyristor-off-state-peak-voltage": "3 kV",
        "thyristor-peak-surge-current": "3000 A",
    }
    item = {"kind": "pulsed-power-thyristor", "parameters": parameters, "facts": facts}
    code = f"{jurisdiction}:3A001.g.2"
    met = classify_in(jurisdiction, item, ON)
    assert met["controlled"] is True and code in _ids(met)
    lower = {**parameters, "thyristor-off-state-peak-voltage": "2999 V"}
    below = classify_in(jurisdiction, {**item, "parameters": lower}, ON)
    assert code not in _ids(below)
    assert code not in {e["id"] for e in below.get("possible_entries", [])}
    unstated = classify_in(jurisdiction, {**item, "facts": {NOTE_1: True}}, ON)
    assert unstated["controlled"] == "unknown" and civil in unstated["missing_facts"]


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_power_switch_against_3a001_h(classify_in: Any, jurisdiction: str) -> None:
    """3A001.h: "having all of the following: 1. Rated for a maximum operating junction temperature
    greater than 488 K (215 °C); 2. Repetitive peak off-state voltage (blocking voltage) exceeding
    300 V; and 3. Continuous current greater than 1 A". The Note on what the voltage includes,
    after 3A001.h.3, is 3A001.h's in both texts ("… in 3A001.h includes …"): complete in both."""
    facts = {"power-switch-not-for-civil-vehicle-or-aircraft-equipment": True, NOTE_1: True}
    parameters = {
        "power-switch-max-junction-temperature": "500 K",
        "power-switch-repetitive-peak-off-state-voltage": "1200 V",
        "power-switch-continuous-current": "10 A",
    }
    item = {"kind": "power-semiconductor-switch", "parameters": parameters, "facts": facts}
    met = classify_in(jurisdiction, item, ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A001.h"]
    at = {**parameters, "power-switch-max-junction-temperature": "488 K"}  # "greater than 488 K"
    assert classify_in(jurisdiction, {**item, "parameters": at}, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", ["US", "EU"])
def test_a_superconducting_magnet_against_3a201_b(classify_in: Any, jurisdiction: str) -> None:
    """3A201.b: "Capable of creating magnetic fields greater than 2 T; A ratio of length to inner
    diameter greater than 2; Inner diameter greater than 300 mm; and Magnetic field uniform to
    better than 1% over the central 50% of the inner volume" (a fact), for magnets "other than
    those controlled by 3A001" and not for medical NMR imaging systems (facts)."""
    facts = {
        "magnet-not-specified-by-3a001": True,
        "magnet-not-for-medical-nmr-imaging-system": True,
        "magnet-field-uniform-to-better-than-1-percent": True,
    }
    parameters = {
        "magnet-field": "3 T",
        "magnet-length-to-inner-diameter-ratio": 2.5,
        "magnet-inner-diameter": "35 cm",
    }
    item = {
        "kind": "superconducting-solenoidal-electromagnet",
        "parameters": parameters,
        "facts": facts,
    }
    met = classify_in(jurisdiction, item, ON)
    assert met["controlled"] is True and _ids(met) == [f"{jurisdiction}:3A201.b"]
    at = {**parameters, "magnet-inner-diameter": "300 mm"}  # "greater than 300 mm"
    assert classify_in(jurisdiction, {**item, "parameters": at}, ON)["controlled"] is False
    nmr = {**facts, "magnet-not-for-medical-nmr-imaging-system": False}
    assert classify_in(jurisdiction, {**item, "facts": nmr}, ON)["controlled"] is False
    unstated = classify_in(jurisdiction, {**item, "facts": {}}, ON)
    assert unstated["controlled"] == "unknown" and set(unstated["missing_facts"]) == set(facts)
