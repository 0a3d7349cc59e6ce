"""More families of Categories 3, 4 and 5 read from the official texts (families.csv, rules.csv,
phrases.csv): radio direction finding equipment (5A001.e), optical fibres (5A001.c); US
telecommunication transmission equipment (5A991.b.1–b.3) and single mode optical fibres (5A991.d); flash X-ray generators and
pulsed electron accelerators (3A201.c), digital data recorders (3A002.a.6), US surface acoustic
wave devices (3A991.i) and superconductive energy storage circuits (3A991.l); US computers and
signal processing equipment of 4A994.b and 4A994.f (rules.csv, with the Note to 4A994 in notes.csv);
computer interconnection equipment (4A003.g, US 4A994.j); US general purpose electronic equipment
(3A992.c–f) and time interval equipment (3A999.e); rotary absolute position encoders (3A001.f) and
bremsstrahlung accelerators (3A101.b); high-power and high-voltage DC power supplies (3A226, 3A227); US cells (3A991.j, rules.csv); US multipoint
initiation arrangements (3A232.b).
Each paragraph's criteria are the comparators, values and units its own words state, in each
list's spelling; what cannot be read exactly stays text."""

from __future__ import annotations

import pytest
from exportgraph.loaders.formalize import FormalEntry

from tests.lists.test_formalize_tree import Found, _way, _ways

ROOTS = (
    "5A001.e",
    "5A001.c",
    "5A991.b.1",
    "5A991.b.2",
    "5A991.b.3",
    "5A991.d",
    "3A201.c",
    "3A002.a.6",
    "3A991.i",
    "3A991.l",
    "4A994",
    "4A003.g",
    "3A992",
    "3A999.e",
    "3A001.f",
    "3A101.b",
    "3A226",
    "3A227",
    "3A991.j",
    "3A232.b",
)
BOTH = ("US", "EU")


@pytest.fixture(scope="module")
def found(formalized: list[FormalEntry]) -> Found:
    entries = formalized
    assert not {e.code for e in entries if e.code.startswith("4A994")} - {
        "4A994.a",  # tests/lists/test_formalize_h18temp.py
        "4A994.b",
        "4A994.c",  # tests/lists/test_formalize_h16c34.py
        "4A994.c.1",
        "4A994.f",
        "4A994.j",
        "4A994.l",  # tests/lists/test_formalize_h17optic.py
    }
    return {(e.jurisdiction, e.code): e for e in entries if e.code.startswith(ROOTS)}


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_radio_direction_finding_equipment(found: Found, jurisdiction: str) -> None:
    # 5A001.e "Radio direction finding equipment operating at frequencies above 30 MHz and having
    # all of the following, and “specially designed” “components” therefor: 1. “Instantaneous
    # bandwidth” of 10 MHz or more; and 2. Capable of finding a Line Of Bearing (LOB) to
    # non-cooperating radio transmitters with a signal duration of less than 1 ms"
    entry = found[(jurisdiction, "5A001.e")]
    assert entry.text_only is None and entry.kinds == ("radio-direction-finding-equipment",)
    assert _ways(entry) == {
        _way(
            ("direction-finding-operating-frequency", ">", "30", "MegaHZ"),
            ("direction-finding-instantaneous-bandwidth", ">=", "10", "MegaHZ"),
            ("direction-finding-lob-signal-duration", "<", "1", "MilliSEC"),
        )
    }
    assert {c.paragraph for c in entry.criteria} == {"5A001.e", "5A001.e.1", "5A001.e.2"}


def test_us_telecommunication_transmission_equipment_and_fibres(found: Found) -> None:
    # 5A991.b.1 "… designed to operate at a “digital transfer rate” at the highest multiplex level
    # exceeding 45 Mbit/s or a “total digital transfer rate” exceeding 90 Mbit/s": alternatives
    b1 = found[("US", "5A991.b.1")]
    assert _ways(b1) == {
        _way(("digital-transfer-rate-highest-multiplex-level", ">", "45", "MegaBIT-PER-SEC")),
        _way(("total-digital-transfer-rate", ">", "90", "MegaBIT-PER-SEC")),
    }
    # its Note (satellite systems for civil use) and 5A991's 'not controlled by 5A001'
    assert b1.requires_facts == (
        "not-controlled-by-5a001", "not-specially-designed-for-civil-satellite-system"
    )  # fmt: skip
    # 5A991.b.2 "a “data signaling rate” exceeding 9,600 bits per second" (US thousands comma)
    assert _ways(found[("US", "5A991.b.2")]) == {
        _way(("modem-data-signaling-rate", ">", "9600", "BIT-PER-SEC"))
    }
    assert _ways(found[("US", "5A991.b.3")]) == {
        _way(("cross-connect-digital-transfer-rate-per-port", ">", "8.5", "MegaBIT-PER-SEC"))
    }
    # 5A991.d "Optical fibers and optical fiber cables of more than 50 m in length designed for
    # single mode operation"
    assert _ways(found[("US", "5A991.d")]) == {_way(("optical-fibre-length", ">", "50", "M"))}
    assert all(entry.text_only is None for (_, code), entry in found.items() if "5A991" in code)
    assert not any(j == "EU" and c.startswith("5A991") for j, c in found)


@pytest.mark.parametrize(
    ("jurisdiction", "written"), [("US", "2 × 10^9 N/m^2"), ("EU", "2 × 109 N/m2")]
)
def test_optical_fibres(found: Found, jurisdiction: str, written: str) -> None:
    # 5A001.c "Optical fibers [EU: fibres] of more than 500 m in length and specified by the
    # manufacturer as being capable of withstanding a 'proof test' tensile stress of 2 × 10^9
    # N/m^2 or more" (the EU text prints the power of ten as "109")
    entry = found[(jurisdiction, "5A001.c")]
    assert entry.text_only is None and entry.kinds == ("optical-fibre",)
    assert _ways(entry) == {
        _way(
            ("optical-fibre-length", ">", "500", "M"),
            ("optical-fibre-proof-test-tensile-stress", ">=", "2E9", "N-PER-M2"),
        )
    }
    stress = next(c for c in entry.criteria if "stress" in c.parameter)
    assert stress.written == written


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_flash_x_ray_generators_and_pulsed_electron_accelerators(
    found: Found, jurisdiction: str
) -> None:
    # 3A201.c.1 "An accelerator peak electron energy of 500 keV or greater, but less than 25 MeV,
    # and with a “figure of merit” (K) of 0.25 or greater" (EU: inline a. and b., "0,25");
    # 3A201.c.2 "… of 25 MeV or greater, and a “peak power” greater than 50 MW"
    energy = "accelerator-peak-electron-energy"
    assert _ways(found[(jurisdiction, "3A201.c.1")]) == {
        _way(
            (energy, ">=", "500", "KiloEV"),
            (energy, "<", "25", "MegaEV"),
            ("accelerator-figure-of-merit", ">=", "0.25", "UNITLESS"),
        )
    }
    assert _ways(found[(jurisdiction, "3A201.c.2")]) == {
        _way((energy, ">=", "25", "MegaEV"), ("accelerator-peak-power", ">", "50", "MegaW"))
    }
    # the Note to 3A201.c (parts of devices for other purposes; medical accelerators)
    assert found[(jurisdiction, "3A201.c.1")].requires_facts == (
        "accelerator-not-excluded-by-note-to-3a201c",
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_digital_data_recorders(found: Found, jurisdiction: str) -> None:
    # 3A002.a.6.a "A sustained 'continuous throughput' of more than 6.4 Gbit/s [EU: 6,4] to disk or
    # solid-state drive memory; and b. “Signal processing” of the radio frequency signal data
    # while it is being recorded" (a required fact); Note 1 to Category 3, Product Group A
    entry = found[(jurisdiction, "3A002.a.6")]
    assert _ways(entry) == {_way(("recorder-continuous-throughput", ">", "6.4", "GigaBIT-PER-SEC"))}
    assert set(entry.requires_facts) == {
        "recorder-signal-processing-of-rf-data-while-recording",
        "not-specially-designed-for-other-equipment",
    }


def test_us_acoustic_wave_devices_and_superconductive_energy_storage(found: Found) -> None:
    # 3A991.i.1 "A carrier frequency exceeding 1 GHz"; 3A991.i.2 "A carrier frequency of 1 GHz or
    # less; and" any of i.2.a-c (the "; or" ending i.2.b): read since "55 Db" is read as dB
    # (tests/lists/test_formalize_cat3_h15a1.py has its ways)
    carrier = "saw-carrier-frequency"
    assert _ways(found[("US", "3A991.i.1")]) == {_way((carrier, ">", "1", "GigaHZ"))}
    i2 = found[("US", "3A991.i.2")]
    assert not i2.text_only and all(_way((carrier, "<=", "1", "GigaHZ")) <= w for w in _ways(i2))
    # 3A991.l "… having all of the following: 1. Resonant operating frequencies exceeding 1 MHz;
    # 2. A stored energy density of 1 MJ/M^3 or more; and 3. A discharge time of less than 1 ms"
    assert _ways(found[("US", "3A991.l")]) == {
        _way(
            ("energy-storage-resonant-operating-frequency", ">", "1", "MegaHZ"),
            ("energy-storage-stored-energy-density", ">=", "1", "MegaJ-PER-M3"),
            ("energy-storage-discharge-time", "<", "1", "MilliSEC"),
        )
    }
    assert found[("US", "3A991.l")].requires_facts == ("not-controlled-by-3a001",)


@pytest.mark.parametrize("code", ["4A994.b", "4A994.f"])
def test_us_computers_and_signal_processing_equipment_of_4a994(found: Found, code: str) -> None:
    # 4A994.b "“Digital computers” … having an “Adjusted Peak Performance” (“APP”) equal to or
    # greater than 0.0128 Weighted TeraFLOPS (WT)"; 4A994.f "Equipment for “signal processing” or
    # “image enhancement” having an … APP equal to or greater than 0.0128 Weighted TeraFLOPS WT"
    entry = found[("US", code)]
    assert _ways(entry) == {
        _way(("adjusted-peak-performance", ">=", "0.0128", "WeightedTeraFLOPS"))
    }
    # 4A994's 'not controlled by 4A001 or 4A003' and its Note (other equipment's status)
    assert entry.requires_facts == (
        "not-controlled-by-4a001-or-4a003",
        "computer-status-not-determined-by-other-equipment-under-note-to-4a994",
    )
    assert ("EU", code) not in found


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_computer_interconnection_equipment(found: Found, jurisdiction: str) -> None:
    # 4A003.g "… external interconnections which allow [EU: allows] communications at
    # unidirectional data rates exceeding 2.0 [EU: 2,0] Gbyte/s per link"; its Note (internal,
    # passive, network access and communication channel controllers) and Note 2 to 4A003
    entry = found[(jurisdiction, "4A003.g")]
    rate = ("interconnection-unidirectional-data-rate-per-link", ">", "2.0", "GigaBYTE-PER-SEC")
    assert _ways(entry) == {_way(rate)}
    assert set(entry.requires_facts) == {
        "interconnection-not-excluded-by-note-to-4a003g",
        "computer-status-not-determined-by-other-equipment",
    }
    if jurisdiction == "US":  # 4A994.j "… at data rates exceeding 80 Mbyte/s"
        j = found[("US", "4A994.j")]
        assert _ways(j) == {_way(("interconnection-data-rate", ">", "80", "MegaBYTE-PER-SEC"))}
        assert "interconnection-not-excluded-by-note-to-4a994j" in j.requires_facts


def test_us_general_purpose_electronic_equipment_of_3a992(found: Found) -> None:
    def one(code: str, parameter: str, sign: str, value: str, unit: str) -> None:
        entry = found[("US", code)]
        assert _ways(entry) == {_way((parameter, sign, value, unit))}, code
        assert entry.requires_facts == ("not-controlled-by-3a002",)

    # 3A992.c "Equipment, with a maximum digital interface transfer rate exceeding 60 Mbit/s, …"
    one("3A992.c", "maximum-digital-interface-transfer-rate", ">", "60", "MegaBIT-PER-SEC")
    one("3A992.d", "oscilloscope-bandwidth", ">=", "1", "GigaHZ")  # "of 1 GHz or greater"
    one("3A992.e.1", "oscilloscope-mainframe-bandwidth", ">=", "1", "GigaHZ")
    one("3A992.e.2", "oscilloscope-plug-in-module-bandwidth", ">=", "4", "GigaHZ")
    one("3A992.f", "oscilloscope-effective-bandwidth", ">", "4", "GigaHZ")  # "greater than"
    # 3A992.b (helical scan or fixed head techniques, "Space qualified") is not read; 3A992.g is
    # (tests/lists/test_formalize_cat3_h15a1.py)
    assert ("US", "3A992.b") not in found and found[("US", "3A992.g")].text_only is None


def test_us_time_delay_and_time_interval_equipment_of_3a999_e(found: Found) -> None:
    # "… with [a] resolution of 50 nanoseconds or less over time intervals of 1 microsecond or
    # greater": two thresholds stated, one criterion (the intervals name the parameter)
    for code, kind in (
        ("3A999.e.1", "digital-time-delay-generator"),
        ("3A999.e.2", "multichannel-or-modular-time-interval-meter"),
    ):
        entry = found[("US", code)]
        assert entry.kinds == (kind,)
        resolution = ("time-resolution-over-1-microsecond-intervals", "<=", "50", "NanoSEC")
        assert _ways(entry) == {_way(resolution)}
        assert entry.requires_facts == ("not-elsewhere-specified-in-the-ccl",)


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_encoders_and_bremsstrahlung_accelerators(found: Found, jurisdiction: str) -> None:
    # 3A001.f "… having an “accuracy” equal to or less (better) than 1.0 [EU: 1,0] second of arc
    # and “specially designed” encoder rings, discs or scales therefor" (other kinds)
    encoder = found[(jurisdiction, "3A001.f")]
    assert _ways(encoder) == {_way(("encoder-accuracy", "<=", "1.0", "ARCSEC"))}
    assert encoder.requires_facts == ("not-specially-designed-for-other-equipment",)
    # 3A101.b "… from accelerated electrons of 2 MeV or greater" (US: "usable for the “missiles”")
    accelerator = found[(jurisdiction, "3A101.b")]
    energy = ("bremsstrahlung-accelerated-electron-energy", ">=", "2", "MegaEV")
    assert _ways(accelerator) == {_way(energy)}
    medical = "accelerator-not-specially-designed-for-medical-purposes"
    assert accelerator.requires_facts == (
        ("accelerator-usable-for-missiles", medical) if jurisdiction == "US" else (medical,)
    )


@pytest.mark.parametrize("jurisdiction", BOTH)
def test_high_power_and_high_voltage_dc_power_supplies(found: Found, jurisdiction: str) -> None:
    # 3A226.a "Capable of continuously producing, over a time period of 8 hours, 100 V or greater
    # with current output of 500 A or greater"; 3A227.a "… 20 kV or greater with current output
    # of 1 A or greater"; .b ("stability better than 0.1%") a required fact
    voltage, current = (
        "dc-supply-continuous-output-voltage-8h",
        "dc-supply-continuous-output-current-8h",
    )
    for code, volts, amperes in (("3A226", ("100", "V"), "500"), ("3A227", ("20", "KiloV"), "1")):
        entry = found[(jurisdiction, code)]
        assert _ways(entry) == {_way((voltage, ">=", *volts), (current, ">=", amperes, "A"))}
        outside = (
            "not-subject-to-nrc-export-licensing"
            if jurisdiction == "US"
            else ("dc-supply-not-specified-in-0b001-j")
        )
        assert entry.requires_facts == (
            outside, "dc-supply-stability-better-than-0-1-percent-over-8-hours"
        )  # fmt: skip


def test_us_cells_of_3a991_j(found: Found) -> None:
    # 3A991.j.1 "Primary cells having an energy density of 550 Wh/kg or less at 293 K (20 °C)";
    # 3A991.j.2 "Secondary cells … of 350 Wh/kg or less at 293 K (20 °C)"; the Note (batteries)
    for code, kind, value in (
        ("3A991.j.1", "primary-cell", "550"),
        ("3A991.j.2", "secondary-cell", "350"),
    ):
        entry = found[("US", code)]
        assert entry.kinds == (kind,) and entry.excluded_kinds == ("battery",)
        assert _ways(entry) == {_way(("cell-energy-density-20c", "<=", value, "W-HR-PER-KiloGM"))}
        assert entry.requires_facts == ("not-controlled-by-3a001",)


def test_us_multipoint_initiation_arrangements(found: Found) -> None:
    # US 3A232.b "… over an area greater than 5,000 mm^2 from a single firing signal with an
    # initiation timing spread over the surface of less than 2.5 µs"; the EU paragraph (its Note a
    # fact): tests/lists/test_formalize_h15a2.py
    assert _ways(found[("US", "3A232.b")]) == {
        _way(
            ("initiation-explosive-surface-area", ">", "5000", "MilliM2"),
            ("initiation-timing-spread", "<", "2.5", "MicroSEC"),
        )
    }
