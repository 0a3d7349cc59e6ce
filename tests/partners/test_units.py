"""Units through pint, canonical units from the data, exact conversions, errors naming the field."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from exportgraph.errors import InvalidInput
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.model import Criterion
from exportgraph.knowledge.units import (
    UnitCatalogue,
    UnitInfo,
    normalize_parameters,
)
from exportgraph.services.partners.classify import value_in_unit

Q = "http://qudt.org/vocab/unit/"
QK = "http://qudt.org/vocab/quantitykind/"
EG = "https://w3id.org/exportgraph/id/unit/"
RATIO = frozenset({QK + "DimensionlessRatio"})
TEMPERATURE = frozenset({QK + "ThermodynamicTemperature"})
UNITS = {
    Q + "NUM": UnitInfo(Q + "NUM", "dimensionless", "#", "count", frozenset({QK + "Count"})),
    Q + "UNITLESS": UnitInfo(Q + "UNITLESS", "dimensionless", "1", "unitless", RATIO),
    Q + "PERCENT": UnitInfo(Q + "PERCENT", "percent", "%", "percent", RATIO),
    Q + "PPTH": UnitInfo(Q + "PPTH", "permille", "‰", "permille", RATIO),
    Q + "PPM": UnitInfo(Q + "PPM", "ppm", "ppm", "parts per million", RATIO),
    Q + "PPB": UnitInfo(Q + "PPB", "ppb", "ppb", "parts per billion", RATIO),
    Q + "K": UnitInfo(Q + "K", "kelvin", "K", "kelvin", TEMPERATURE),
    Q + "DEG_C": UnitInfo(Q + "DEG_C", "degree_Celsius", "°C", "degree Celsius", TEMPERATURE),
    Q + "W": UnitInfo(Q + "W", "watt", "W", "watt"),
    Q + "GigaHZ": UnitInfo(Q + "GigaHZ", "gigahertz", "GHz", "gigahertz"),
    Q + "DeciB": UnitInfo(Q + "DeciB", "decibel", "dB", "decibel"),
    Q + "HR": UnitInfo(Q + "HR", "hour", "h", "hour"),
    EG + "SAMPLE-PER-SEC": UnitInfo(EG + "SAMPLE-PER-SEC", "hertz", "S/s", "samples per second"),
}
CATALOGUE = UnitCatalogue(
    {
        "physical-qubits": Q + "NUM",
        "cnot-error": Q + "UNITLESS",
        "isotopic-impurity": Q + "PERCENT",
        "operating-temperature": Q + "K",
        "cooling-power": Q + "W",
        "frequency-max": Q + "GigaHZ",
        "noise-figure": Q + "DeciB",
        "continuous-operation": Q + "HR",
        "adc-sample-rate": EG + "SAMPLE-PER-SEC",
    },
    UNITS,
)


@pytest.mark.parametrize(
    ("name", "raw", "expected"),
    [
        ("cooling-power", {"value": 800, "unit": "uW"}, Decimal("0.0008")),
        ("cooling-power", {"value": 800, "unit": "µW"}, Decimal("0.0008")),
        ("cooling-power", "0.7 mW", Decimal("0.0007")),
        ("cooling-power", "600uW", Decimal("0.0006")),
        ("cooling-power", 1.5, Decimal("1.5")),
        ("operating-temperature", "100 mK", Decimal("0.1")),
        ("operating-temperature", {"value": 4500, "unit": "mK"}, Decimal("4.5")),
        ("frequency-max", "4000 MHz", Decimal("4")),
        ("frequency-max", "4 GHz", Decimal("4")),
        ("adc-sample-rate", "400 MSPS", Decimal("400000000")),  # "400 Mega Samples Per Second"
        ("adc-sample-rate", {"value": 1.3, "unit": "GSPS"}, Decimal("1300000000")),
        ("adc-sample-rate", "500 MHz", Decimal("500000000")),
        ("continuous-operation", "7 day", Decimal("168")),
        ("noise-figure", "0.01dB", Decimal("0.01")),
        ("noise-figure", {"value": 0.014, "unit": "decibel"}, Decimal("0.014")),
        ("physical-qubits", {"value": 120, "unit": "count"}, Decimal("120")),
        ("cnot-error", 8e-4, Decimal("0.0008")),
        ("cnot-error", {"value": 0.08, "unit": "%"}, Decimal("0.0008")),
        ("cnot-error", "0.08 %", Decimal("0.0008")),
        ("cnot-error", "0.8 ‰", Decimal("0.0008")),
        ("cnot-error", "800 ppm", Decimal("0.0008")),
        ("cnot-error", {"value": 800000, "unit": "ppb"}, Decimal("0.0008")),
        ("cnot-error", {"value": 0.0008, "unit": "1"}, Decimal("0.0008")),
        ("isotopic-impurity", {"value": 50, "unit": "ppm"}, Decimal("0.005")),
        ("isotopic-impurity", "0.0008", Decimal("0.0008")),  # a number is in the canonical unit
        ("isotopic-impurity", {"value": 0.0008, "unit": "1"}, Decimal("0.08")),
        ("isotopic-impurity", "800 ppb", Decimal("0.00008")),
        ("operating-temperature", "-268.65 °C", Decimal("4.5")),
        ("operating-temperature", {"value": -273.05, "unit": "degC"}, Decimal("0.1")),
        ("isotopic-impurity", "0.05 %", Decimal("0.05")),
        ("isotopic-impurity", {"value": 0.05, "unit": "percent"}, Decimal("0.05")),
    ],
)
def test_values_are_converted_exactly_to_the_canonical_unit(
    name: str, raw: object, expected: Decimal
) -> None:
    assert normalize_parameters({name: raw}, "item.parameters", CATALOGUE) == {name: expected}


def test_a_value_at_a_threshold_in_another_unit_compares_equal() -> None:
    # 0.6 mW is exactly 600 µW: a float conversion would give 0.0006000000000000001 W.
    value = normalize_parameters({"cooling-power": "0.6 mW"}, "p", CATALOGUE)["cooling-power"]
    assert value == Decimal("600") * Decimal("0.000001")


@pytest.mark.parametrize(
    ("raw", "field", "fragment"),
    [
        ({"speed": 3}, "item.parameters.speed", "unknown parameter"),
        ({"cooling-power": "3 parsecs-ish"}, "item.parameters.cooling-power", "unknown unit"),
        (
            {"cooling-power": {"value": 1, "unit": "kelvin"}},
            "item.parameters.cooling-power.unit",
            "cannot be converted",
        ),
        ({"noise-figure": "0.1 B"}, "item.parameters.noise-figure", "logarithmic"),
        (
            {"noise-figure": {"value": 1, "unit": "percent"}},
            "item.parameters.noise-figure.unit",
            "logarithmic",
        ),
        (
            {"physical-qubits": {"value": 120, "unit": "percent"}},
            "item.parameters.physical-qubits.unit",
            "not accepted",
        ),
        ({"cnot-error": "3 count"}, "item.parameters.cnot-error", "not accepted"),
        ({"physical-qubits": "120 ppm"}, "item.parameters.physical-qubits", "not accepted"),
        ({"cooling-power": True}, "item.parameters.cooling-power", "expected a number"),
        ({"cooling-power": "NaN"}, "item.parameters.cooling-power", "expected a number"),
        ({"cooling-power": {"unit": "W"}}, "item.parameters.cooling-power.value", "required"),
        # pint writes a logarithmic unit in a compound as "delta_…", which its table lacks: a
        # KeyError (500) until the check read the unit's own definition
        ({"cooling-power": "5 dBm/Hz"}, "item.parameters.cooling-power", "logarithmic"),
        (
            {"cooling-power": {"value": 1, "unit": "__import__('os')"}},
            "item.parameters.cooling-power.unit",
            "unknown unit",
        ),
    ],
)
def test_bad_parameters_name_the_field(raw: dict[str, object], field: str, fragment: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_parameters(raw, "item.parameters", CATALOGUE)
    assert caught.value.field == field
    assert fragment in caught.value.detail
    assert field in caught.value.detail


def test_canonical_units_come_from_the_data(context: Context) -> None:
    units = current(context).units
    expected = {  # contract §1: the canonical unit of each harmonized parameter
        "physical-qubits": "count",
        "cnot-error": "1",
        "operating-temperature": "K",
        "frequency-min": "GHz",
        "frequency-max": "GHz",
        "noise-figure": "dB",
        "cooling-power": "W",
        "cooling-power-temperature": "K",
        "continuous-operation": "h",
        "base-temperature": "K",
        "test-temperature": "K",
        "wafer-diameter": "mm",
        "isotopic-impurity": "%",
    }
    assert {name: units.unit_label(name) for name in expected} == expected
    assert normalize_parameters({"wafer-diameter": "30 cm"}, "p", units) == {
        "wafer-diameter": Decimal("300")
    }


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ("1e999999999", "item.parameters.operating-temperature"),
        ("1e-999999999 K", "item.parameters.operating-temperature"),
        ({"value": "1e400", "unit": "mK"}, "item.parameters.operating-temperature.value"),
        (5e-324, "item.parameters.operating-temperature"),
    ],
)
def test_numbers_out_of_range_are_invalid_input_not_a_decimal_overflow(
    raw: object, field: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        normalize_parameters({"operating-temperature": raw}, "item.parameters", CATALOGUE)
    assert caught.value.field == field and "out of range" in caught.value.detail


def test_an_integer_longer_than_the_working_precision_is_accepted() -> None:
    value = normalize_parameters({"physical-qubits": 10**60 + 1}, "p", CATALOGUE)
    assert value["physical-qubits"] == Decimal(10**60)  # rounded to 50 digits, not refused


@pytest.mark.parametrize(
    ("source", "target", "value", "expected"),
    [
        ("K", "DEG_C", "4", "-269.15"),
        ("DEG_C", "K", "-269.15", "4"),
        ("K", "DEG_C", "0.1", "-273.05"),
        ("DEG_C", "K", "0", "273.15"),
        ("PERCENT", "UNITLESS", "0.08", "0.0008"),
        ("UNITLESS", "PERCENT", "0.0008", "0.08"),
        ("PPM", "PERCENT", "800", "0.08"),
        ("PERCENT", "PPB", "0.08", "800000"),
        ("PPTH", "PPM", "0.8", "800"),
    ],
)
def test_units_of_the_data_convert_exactly_both_ways(
    source: str, target: str, value: str, expected: str
) -> None:
    found = CATALOGUE.between(Decimal(value), UNITS[Q + source], UNITS[Q + target], "f")
    assert found == Decimal(expected)


def test_a_count_never_becomes_a_ratio() -> None:
    with pytest.raises(InvalidInput):
        CATALOGUE.between(Decimal(120), UNITS[Q + "NUM"], UNITS[Q + "PERCENT"], "f")
    assert not UNITS[Q + "NUM"].convertible_to(UNITS[Q + "UNITLESS"])
    assert not UNITS[Q + "DeciB"].convertible_to(UNITS[Q + "PERCENT"])


def test_the_value_beside_a_threshold_in_celsius_is_shown_in_celsius(context: Context) -> None:
    # a criterion written in °C (as some texts write temperatures): the item's canonical 4 K is
    # shown as -269.15 °C beside it, and the threshold converts to kelvin with its offset
    knowledge = current(context)
    celsius = knowledge.units.units[Q + "DEG_C"]
    kelvin = knowledge.units.canonical_info("operating-temperature", "t")
    threshold = Decimal("-268.65")
    criterion = Criterion(
        iri="urn:test:criterion",
        parameter="operating-temperature",
        comparator="<=",
        threshold=threshold,
        unit=celsius.display,
        unit_iri=celsius.iri,
        canonical_threshold=knowledge.units.between(threshold, celsius, kelvin, "t"),
        canonical_unit=kelvin.display,
        legal_text=None,
        evidence=None,
        sources=(),
    )
    assert criterion.canonical_threshold == Decimal("4.5")
    assert value_in_unit(knowledge, criterion, Decimal("4")) == -269.15
    assert value_in_unit(knowledge, criterion, Decimal("4.5")) == -268.65


def test_the_data_lets_ratios_convert_and_keeps_counts_apart(context: Context) -> None:
    units = current(context).units
    parameters = {
        "cnot-error": {"value": 0.08, "unit": "%"},
        "isotopic-impurity": "800 ppm",
    }
    assert normalize_parameters(parameters, "p", units) == {
        "cnot-error": Decimal("0.0008"),
        "isotopic-impurity": Decimal("0.08"),
    }
    with pytest.raises(InvalidInput) as caught:
        normalize_parameters({"physical-qubits": "120 %"}, "item.parameters", units)
    assert "count" in caught.value.detail and "not accepted" in caught.value.detail


def test_a_c_not_error_in_percent_classifies_like_the_ratio(classify_in: Any) -> None:
    # 120 qubits at a C-NOT error of 0.08 % (= 8e-4 <= 1e-3): band 2 of US 4A906.a / EU 4A506.a
    item = {
        "kind": "quantum-computer",
        "parameters": {"physical-qubits": 120, "cnot-error": {"value": 0.08, "unit": "%"}},
    }
    for jurisdiction, entry in (("US", "US:4A906.a.2"), ("EU", "EU:4A506.a.2")):
        result = classify_in(jurisdiction, item)
        assert result["controlled"] is True and result["entries"][0]["id"] == entry
        error = next(c for c in result["entries"][0]["criteria"] if c["parameter"] == "cnot-error")
        assert error["value"] == 0.0008  # shown in the unit of the threshold (1)
    over = {**item, "parameters": {**item["parameters"], "cnot-error": "0.11 %"}}
    assert classify_in("US", over)["controlled"] is False


def test_every_unit_an_answer_shows_is_accepted_back(context: Context) -> None:
    # answers show a parameter's unit by its symbol ("W/cm²", "fT/√Hz", "mm·mrad", "°/√h"):
    # a user who copies it into the next question gets the same value, never "unknown unit"
    units = current(context).units
    shown_units = {name: units.unit_label(name) for name in units.parameters}
    assert {"W/cm²", "T/√Hz"} <= set(shown_units.values())  # the hard spellings are exercised
    for name, label in shown_units.items():
        if label in ("count", "1"):
            continue
        as_text = normalize_parameters({name: f"7 {label}"}, "p", units)
        as_object = normalize_parameters({name: {"value": 7, "unit": label}}, "p", units)
        assert as_text == as_object == {name: Decimal(7)}, (name, label)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2 kW/cm²", Decimal(2000)),  # superscript power, another prefix than the symbol's
        ("2 kW·cm⁻²", Decimal(2000)),  # a middle dot and a negative superscript power
        ("2000 W/cm**2", Decimal(2000)),
    ],
)
def test_unicode_unit_spellings_are_read(context: Context, raw: str, expected: Decimal) -> None:
    units = current(context).units
    name = next(n for n in units.parameters if units.unit_label(n) == "W/cm²")
    assert normalize_parameters({name: raw}, "p", units) == {name: expected}


def test_g_is_standard_gravity_for_an_acceleration(context: Context) -> None:
    # the answers show 7A001's acceleration levels in "g"; pint alone reads "g" as the gram
    # and refused "10 g" ('"g" cannot be converted to g')
    units = current(context).units
    name = "accelerometer-specified-acceleration-level"
    assert units.unit_label(name) == "g"
    assert normalize_parameters({name: "10 g"}, "p", units) == {name: Decimal(10)}
    in_si = normalize_parameters({name: "98.0665 m/s**2"}, "p", units)
    assert in_si == {name: Decimal(10)}
    with pytest.raises(InvalidInput, match="cannot be converted"):
        normalize_parameters({name: "10 kg"}, "p", units)


def test_a_symbol_of_the_data_is_matched_with_its_case(context: Context) -> None:
    # the data has both mW and MW: a symbol names its unit as written, never another's in
    # another case (matched in any case, 0.6 mW would be read as megawatts)
    units = current(context).units
    assert normalize_parameters({"cooling-power": "0.6 mW"}, "p", units) == {
        "cooling-power": Decimal("0.0006")
    }
    assert normalize_parameters({"cooling-power": "2 MW"}, "p", units) == {
        "cooling-power": Decimal(2000000)
    }
