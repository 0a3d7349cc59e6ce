"""Classification by more Category 3, 4 and 5 families formalized from the whole lists
(families.csv, rules.csv; tests/lists/test_formalize_cat345_more.py reads their values): radio
direction finding equipment (5A001.e), optical fibres (5A001.c), US telecommunication transmission equipment (5A991.b.1–b.3)
and single mode optical fibres (5A991.d), flash X-ray generators and pulsed electron accelerators
(3A201.c), digital data recorders (3A002.a.6), US surface acoustic wave devices (3A991.i) and
superconductive energy storage circuits (3A991.l), US computers and signal processing equipment
(4A994.b, 4A994.f), computer interconnection equipment (4A003.g, US 4A994.j), US oscilloscopes and recorder
conversion equipment (3A992.c–f) and time interval equipment (3A999.e), rotary absolute position
encoders (3A001.f), bremsstrahlung accelerators (3A101.b) DC power supplies (3A226, 3A227) US cells (3A991.j)
and multipoint initiation arrangements (3A232.b) — items on both sides of each threshold, in both lists (US
only where the entry is)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.partners.expected import not_controlled_but_us_5a991
from tests.partners.helpers import ids, item, possible

ON = "2026-12-01"  # after both text bases (US eCFR 2026-07-23, EU consolidated 2025-11-15)
BOTH = ("US", "EU")


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_radio_direction_finding_equipment(classify_in: Any, jurisdiction: str) -> None:
    # 5A001.e: operating above 30 MHz, "instantaneous bandwidth" of 10 MHz or more, and a LOB to
    # signals shorter than 1 ms (all required)
    kind = "radio-direction-finding-equipment"
    frequency, bandwidth, duration = (
        "direction-finding-operating-frequency",
        "direction-finding-instantaneous-bandwidth",
        "direction-finding-lob-signal-duration",
    )
    met = {frequency: "3 GHz", bandwidth: "10 MHz", duration: "0.5 ms"}
    assert ids(classify_in(jurisdiction, item(kind, **met), ON)) == [f"{jurisdiction}:5A001.e"]
    for name, value in ((frequency, "30 MHz"), (bandwidth, "9.9 MHz"), (duration, "1 ms")):
        outside = classify_in(jurisdiction, item(kind, **{**met, name: value}), ON)
        assert not_controlled_but_us_5a991(outside, jurisdiction), name


NOT_5A001 = {"not-controlled-by-5a001": True}


def test_us_digital_transmission_equipment_and_its_note(classify_in: Any) -> None:
    # 5A991.b.1: either rate is enough; the Note (civil satellite systems) as a required fact
    kind, facts = "digital-telecommunication-transmission-equipment", {
        **NOT_5A001, "not-specially-designed-for-civil-satellite-system": True,
    }  # fmt: skip
    level, total = "digital-transfer-rate-highest-multiplex-level", "total-digital-transfer-rate"
    fast = item(kind, facts, **{level: "46 Mbit/s", total: "50 Mbit/s"})
    assert ids(classify_in("US", fast, ON)) == ["US:5A991.b.1"]
    assert ids(classify_in("US", item(kind, facts, **{level: "45 Mbit/s", total: "91 Mbit/s"}), ON)) == ["US:5A991.b.1"]  # fmt: skip
    slow = item(kind, facts, **{level: "45 Mbit/s", total: "90 Mbit/s"})
    assert classify_in("US", slow, ON)["controlled"] is False
    civil = {**facts, "not-specially-designed-for-civil-satellite-system": False}
    assert (
        classify_in("US", item(kind, civil, **{level: "1 Gbit/s", total: "1 Gbit/s"}), ON)[
            "controlled"
        ]
        is False
    )
    unstated = classify_in("US", item(kind, NOT_5A001, **{level: "1 Gbit/s", total: "0 bit/s"}), ON)
    assert unstated["controlled"] == "unknown" and "US:5A991.b.1" in possible(unstated)


def test_us_modems_cross_connects_and_single_mode_fibres(classify_in: Any) -> None:
    cases = [
        ("voice-channel-modem", "modem-data-signaling-rate", "9601 bit/s", "9600 bit/s", "b.2"),
        (
            "stored-program-controlled-digital-cross-connect-equipment",
            "cross-connect-digital-transfer-rate-per-port",
            "8.6 Mbit/s",
            "8.5 Mbit/s",
            "b.3",
        ),
        ("single-mode-optical-fibre-or-cable", "optical-fibre-length", "51 m", "50 m", "d"),
    ]
    for kind, parameter, above, at, paragraph in cases:
        code = f"US:5A991.{paragraph}"
        assert ids(classify_in("US", item(kind, NOT_5A001, **{parameter: above}), ON)) == [code]
        assert (
            classify_in("US", item(kind, NOT_5A001, **{parameter: at}), ON)["controlled"] is False
        )
        # stated controlled by 5A001: 5A991 hands it over (unknown until 5A001 decides), never
        # "not controlled" on the user's word that 5A001 controls it
        in_5a001 = item(kind, {"not-controlled-by-5a001": False}, **{parameter: above})
        handed = classify_in("US", in_5a001, ON)
        assert handed["controlled"] == "unknown"
        assert any(n.startswith(f"{code} requires") and "5A001" in n for n in handed["notes"])
        # 5A991 is a US entry: the EU list has none for these kinds
        assert (
            classify_in("EU", item(kind, NOT_5A001, **{parameter: above}), ON)["controlled"]
            is not True
        )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_optical_fibres(classify_in: Any, jurisdiction: str) -> None:
    # 5A001.c: more than 500 m and a 'proof test' tensile stress of 2 × 10^9 N/m^2 or more (both)
    length, stress = "optical-fibre-length", "optical-fibre-proof-test-tensile-stress"
    met = {length: "501 m", stress: "2e9 N/m**2"}
    assert ids(classify_in(jurisdiction, item("optical-fibre", **met), ON)) == [
        f"{jurisdiction}:5A001.c"
    ]
    in_gpa = {length: "1 km", stress: "2.1 GPa"}
    assert ids(classify_in(jurisdiction, item("optical-fibre", **in_gpa), ON)) == [
        f"{jurisdiction}:5A001.c"
    ]
    for name, value in ((length, "500 m"), (stress, "1.9e9 N/m**2")):
        outside = classify_in(jurisdiction, item("optical-fibre", **{**met, name: value}), ON)
        assert outside["controlled"] is False, name


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_flash_x_ray_generators_and_pulsed_electron_accelerators(
    classify_in: Any, jurisdiction: str
) -> None:
    kind, facts = (
        "flash-x-ray-generator-or-pulsed-electron-accelerator",
        {"accelerator-not-excluded-by-note-to-3a201c": True},
    )
    energy, merit, power = (
        "accelerator-peak-electron-energy",
        "accelerator-figure-of-merit",
        "accelerator-peak-power",
    )
    low = {merit: 0.25, power: "10 MW"}
    # 3A201.c.1: 500 keV or greater, less than 25 MeV, K of 0.25 or greater
    for value in ("500 keV", "24.9 MeV"):
        met = classify_in(jurisdiction, item(kind, facts, **{**low, energy: value}), ON)
        assert ids(met)[0] == f"{jurisdiction}:3A201.c.1", value  # then its group
    for name, value in ((energy, "499 keV"), (merit, 0.24)):
        outside = item(kind, facts, **{**low, energy: "1 MeV", name: value})
        assert classify_in(jurisdiction, outside, ON)["controlled"] is False, name
    # 3A201.c.2: 25 MeV or greater and a peak power greater than 50 MW; at 25 MeV, c.1 no longer
    high = {energy: "25 MeV", merit: 10, power: "51 MW"}
    assert ids(classify_in(jurisdiction, item(kind, facts, **high), ON))[0] == (
        f"{jurisdiction}:3A201.c.2"
    )
    weak = item(kind, facts, **{**high, power: "50 MW"})
    assert classify_in(jurisdiction, weak, ON)["controlled"] is False
    # the Note to 3A201.c: a medical accelerator is not controlled by it
    medical = item(kind, {"accelerator-not-excluded-by-note-to-3a201c": False}, **high)
    assert classify_in(jurisdiction, medical, ON)["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_digital_data_recorders(classify_in: Any, jurisdiction: str) -> None:
    kind, throughput = "digital-data-recorder", "recorder-continuous-throughput"
    facts = {
        "recorder-signal-processing-of-rf-data-while-recording": True,
        "not-specially-designed-for-other-equipment": True,
    }
    fast = item(kind, facts, **{throughput: "6.5 Gbit/s"})
    assert ids(classify_in(jurisdiction, fast, ON)) == [f"{jurisdiction}:3A002.a.6"]
    at = item(kind, facts, **{throughput: "6.4 Gbit/s"})
    assert classify_in(jurisdiction, at, ON)["controlled"] is False
    plain = {**facts, "recorder-signal-processing-of-rf-data-while-recording": False}
    assert (
        classify_in(jurisdiction, item(kind, plain, **{throughput: "10 Gbit/s"}), ON)["controlled"]
        is False
    )
    # the processing not stated: "unknown", naming the entry, never false
    unstated = item(
        kind, {"not-specially-designed-for-other-equipment": True}, **{throughput: "10 Gbit/s"}
    )
    answer = classify_in(jurisdiction, unstated, ON)
    assert answer["controlled"] == "unknown" and f"{jurisdiction}:3A002.a.6" in possible(answer)


NOT_3A001 = {"not-controlled-by-3a001": True}


def test_us_superconductive_energy_storage_circuits(classify_in: Any) -> None:
    kind = "superconductive-electromagnetic-energy-storage-circuit"
    frequency, density, discharge = (
        "energy-storage-resonant-operating-frequency",
        "energy-storage-stored-energy-density",
        "energy-storage-discharge-time",
    )
    met = {frequency: "1.1 MHz", density: "1 MJ/m**3", discharge: "0.9 ms"}
    assert ids(classify_in("US", item(kind, NOT_3A001, **met), ON)) == ["US:3A991.l"]
    for name, value in ((frequency, "1 MHz"), (density, "0.99 MJ/m**3"), (discharge, "1 ms")):
        outside = classify_in("US", item(kind, NOT_3A001, **{**met, name: value}), ON)
        assert outside["controlled"] is False, name


def test_us_surface_acoustic_wave_devices(classify_in: Any) -> None:
    kind, carrier = "surface-acoustic-wave-device", "saw-carrier-frequency"
    above = classify_in("US", item(kind, NOT_3A001, **{carrier: "1.5 GHz"}), ON)
    assert "US:3A991.i.1" in ids(above)
    # 1 GHz or less: 3A991.i.2 stays text — unknown, never false
    at = classify_in("US", item(kind, NOT_3A001, **{carrier: "1 GHz"}), ON)
    assert at["controlled"] == "unknown" and "US:3A991.i.2" in possible(at)


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        ("digital-computer", "4A994.b"),
        ("signal-processing-or-image-enhancement-equipment", "4A994.f"),
    ],
)
def test_us_computers_and_signal_processing_equipment_of_4a994(
    classify_in: Any, kind: str, code: str
) -> None:
    note = "computer-status-not-determined-by-other-equipment-under-note-to-4a994"
    facts = {
        "not-controlled-by-4a001-or-4a003": True,
        note: True,
        "computer-status-not-determined-by-other-equipment": True,
        # a digital computer is one of US 4A090's kinds: without integrated circuits of 3A090
        "contains-integrated-circuit-meeting-3a090-a-limits": False,
        "contains-integrated-circuit-meeting-3a090-b-limits": False,
        # nor of 3A991.p (US 4A994.l)
        "computer-containing-ic-meeting-or-exceeding-3a991p": False,
    }
    app = "adjusted-peak-performance"
    # rated within every ambient temperature limit (4A101.a, 4A994.a; h18temp)
    rated = {
        "ambient-temperature-rating-min": "0 degC",
        "ambient-temperature-rating-max": "40 degC",
    }
    assert f"US:{code}" in ids(classify_in("US", item(kind, facts, **{app: 0.0128}), ON))
    assert classify_in("US", item(kind, facts, **{app: 0.0127}, **rated), ON)["controlled"] is False
    # the Note to 4A994: a computer whose status the other equipment decides is not decided here
    other = {**facts, note: False}
    assert classify_in("US", item(kind, other, **{app: 1}, **rated), ON)["controlled"] is False
    unstated = classify_in("US", item(kind, {note: True}, **{app: 1}), ON)
    assert unstated["controlled"] == "unknown"
    assert "not-controlled-by-4a001-or-4a003" in unstated["missing_facts"]


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_computer_interconnection_equipment(classify_in: Any, jurisdiction: str) -> None:
    kind = "computer-aggregation-interconnection-equipment"
    facts = {
        "interconnection-not-excluded-by-note-to-4a003g": True,
        "computer-status-not-determined-by-other-equipment": True,
    }
    per_link = "interconnection-unidirectional-data-rate-per-link"
    fast = classify_in(jurisdiction, item(kind, facts, **{per_link: "2.1 Gbyte/s"}), ON)
    assert ids(fast) == [f"{jurisdiction}:4A003.g"]
    slow = item(kind, facts, **{per_link: "2 Gbyte/s"})
    if jurisdiction == "EU":
        assert classify_in("EU", slow, ON)["controlled"] is False
    else:  # an aggregating interconnection is one of 4A994.j's kind: its data rate not stated
        answer = classify_in("US", slow, ON)
        assert answer["controlled"] == "unknown" and "US:4A994.j" in possible(answer)
    passive = {**facts, "interconnection-not-excluded-by-note-to-4a003g": False}
    assert f"{jurisdiction}:4A003.g" not in ids(
        classify_in(jurisdiction, item(kind, passive, **{per_link: "5 Gbyte/s"}), ON)
    )


def test_us_external_interconnection_equipment_of_4a994_j(classify_in: Any) -> None:
    kind, rate = "computer-external-interconnection-equipment", "interconnection-data-rate"
    facts = {
        "not-controlled-by-4a001-or-4a003": True,
        "interconnection-not-excluded-by-note-to-4a994j": True,
        "computer-status-not-determined-by-other-equipment-under-note-to-4a994": True,
    }
    assert ids(classify_in("US", item(kind, facts, **{rate: "81 Mbyte/s"}), ON)) == ["US:4A994.j"]
    # at 80 Mbyte/s not 4A994.j; the equipment may still be one aggregating computers (4A003.g,
    # a narrower kind): "unknown", the kind missing, never false
    slow = classify_in("US", item(kind, facts, **{rate: "80 Mbyte/s"}), ON)
    assert "US:4A994.j" not in {*ids(slow), *possible(slow)}
    assert slow["controlled"] == "unknown" and "kind" in slow["missing_facts"]
    bus = {**facts, "interconnection-not-excluded-by-note-to-4a994j": False}
    assert "US:4A994.j" not in ids(classify_in("US", item(kind, bus, **{rate: "1 Gbyte/s"}), ON))


@pytest.mark.parametrize(
    ("kind", "parameter", "above", "at", "code"),
    [
        ("tape-recorder-conversion-equipment", "maximum-digital-interface-transfer-rate",
         "61 Mbit/s", "60 Mbit/s", "3A992.c"),
        ("non-modular-analog-oscilloscope", "oscilloscope-bandwidth", "1 GHz", "999 MHz",
         "3A992.d"),
        ("modular-analog-oscilloscope-system", "oscilloscope-mainframe-bandwidth", "1 GHz",
         "0.9 GHz", "3A992.e.1"),
        ("analog-sampling-oscilloscope", "oscilloscope-effective-bandwidth", "4.1 GHz", "4 GHz",
         "3A992.f"),
    ],
)  # fmt: skip
def test_us_general_purpose_electronic_equipment_of_3a992(
    classify_in: Any, kind: str, parameter: str, above: str, at: str, code: str
) -> None:
    facts = {"not-controlled-by-3a002": True}
    extra = {"oscilloscope-plug-in-module-bandwidth": "1 GHz"} if "modular-" in kind else {}
    met = classify_in("US", item(kind, facts, **{parameter: above}, **extra), ON)
    assert f"US:{code}" in ids(met)
    below = classify_in("US", item(kind, facts, **{parameter: at}, **extra), ON)
    assert below["controlled"] is False
    unstated = classify_in("US", item(kind, {}, **{parameter: above}, **extra), ON)
    assert unstated["missing_facts"] == ["not-controlled-by-3a002"]


def test_us_time_interval_equipment_of_3a999_e(classify_in: Any) -> None:
    facts, resolution = (
        {"not-elsewhere-specified-in-the-ccl": True},
        "time-resolution-over-1-microsecond-intervals",
    )
    for kind, code in (
        ("digital-time-delay-generator", "US:3A999.e.1"),
        ("multichannel-or-modular-time-interval-meter", "US:3A999.e.2"),
    ):
        assert code in ids(classify_in("US", item(kind, facts, **{resolution: "50 ns"}), ON))
        coarse = classify_in("US", item(kind, facts, **{resolution: "51 ns"}), ON)
        assert coarse["controlled"] is False


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_encoders_and_bremsstrahlung_accelerators(classify_in: Any, jurisdiction: str) -> None:
    facts = {"not-specially-designed-for-other-equipment": True}
    kind, accuracy = "rotary-absolute-position-encoder", "encoder-accuracy"
    fine = classify_in(jurisdiction, item(kind, facts, **{accuracy: "1 arcsecond"}), ON)
    assert ids(fine) == [f"{jurisdiction}:3A001.f"]
    coarse = classify_in(jurisdiction, item(kind, facts, **{accuracy: "1.1 arcsecond"}), ON)
    assert coarse["controlled"] is False
    kind, energy = (
        "bremsstrahlung-electron-accelerator",
        "bremsstrahlung-accelerated-electron-energy",
    )
    facts = {
        "accelerator-usable-for-missiles": True,
        "accelerator-not-specially-designed-for-medical-purposes": True,
    }
    met = classify_in(jurisdiction, item(kind, facts, **{energy: "2 MeV"}), ON)
    assert ids(met) == [f"{jurisdiction}:3A101.b"]
    low = classify_in(jurisdiction, item(kind, facts, **{energy: "1999 keV"}), ON)
    assert low["controlled"] is False
    medical = {**facts, "accelerator-not-specially-designed-for-medical-purposes": False}
    assert (
        classify_in(jurisdiction, item(kind, medical, **{energy: "10 MeV"}), ON)["controlled"]
        is False
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_high_voltage_dc_power_supplies(classify_in: Any, jurisdiction: str) -> None:
    stable = "dc-supply-stability-better-than-0-1-percent-over-8-hours"
    outside = (
        "not-subject-to-nrc-export-licensing"
        if jurisdiction == "US"
        else ("dc-supply-not-specified-in-0b001-j")
    )
    facts = {outside: True, stable: True}
    kind = "high-voltage-dc-power-supply"
    voltage, current = (
        "dc-supply-continuous-output-voltage-8h",
        "dc-supply-continuous-output-current-8h",
    )
    met = {voltage: "20 kV", current: "1 A"}
    assert ids(classify_in(jurisdiction, item(kind, facts, **met), ON)) == [f"{jurisdiction}:3A227"]
    for name, value in ((voltage, "19.9 kV"), (current, "0.99 A")):
        low = classify_in(jurisdiction, item(kind, facts, **{**met, name: value}), ON)
        assert low["controlled"] is False, name
    drifting = {**facts, stable: False}
    assert classify_in(jurisdiction, item(kind, drifting, **met), ON)["controlled"] is False
    unstated = classify_in(jurisdiction, item(kind, {stable: True}, **met), ON)
    assert unstated["controlled"] == "unknown" and outside in unstated["missing_facts"]


def test_us_cells_of_3a991_j(classify_in: Any) -> None:
    energy = "cell-energy-density-20c"
    for kind, limit, above, code in (
        ("primary-cell", "550 Wh/kg", "551 Wh/kg", "US:3A991.j.1"),
        ("secondary-cell", "350 Wh/kg", "351 Wh/kg", "US:3A991.j.2"),
    ):
        assert code in ids(classify_in("US", item(kind, NOT_3A001, **{energy: limit}), ON))
        assert code not in ids(classify_in("US", item(kind, NOT_3A001, **{energy: above}), ON))
        # a cell 3A001 controls is not one of 3A991.j
        in_3a001 = item(kind, {"not-controlled-by-3a001": False}, **{energy: limit})
        assert code not in ids(classify_in("US", in_3a001, ON))
    battery = classify_in("US", item("battery", NOT_3A001, **{energy: "100 Wh/kg"}), ON)
    assert "US:3A991.j.1" not in ids(battery) + possible(battery)


def test_us_multipoint_initiation_arrangements(classify_in: Any) -> None:
    kind, area, spread = (
        "multipoint-initiation-arrangement",
        "initiation-explosive-surface-area",
        "initiation-timing-spread",
    )
    met = {area: "5001 mm**2", spread: "2 us"}
    assert ids(classify_in("US", item(kind, **met), ON)) == ["US:3A232.b"]
    for name, value in ((area, "50 cm**2"), (spread, "2.5 us")):
        outside = classify_in("US", item(kind, **{**met, name: value}), ON)
        assert outside["controlled"] is False, name
