"""Units through pint, canonical units from the data, exact conversions, errors naming the field."""

from __future__ import annotations

from decimal import Decimal

import pytest

from exportgraph.errors import InvalidInput
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current
from exportgraph.knowledge.units import (
    UnitCatalogue,
    UnitInfo,
    normalize_parameters,
)

Q = "http://qudt.org/vocab/unit/"
UNITS = {
    Q + "NUM": UnitInfo(Q + "NUM", "dimensionless", "#", "count"),
    Q + "UNITLESS": UnitInfo(Q + "UNITLESS", "dimensionless", None, "unitless"),
    Q + "PERCENT": UnitInfo(Q + "PERCENT", "percent", "%", "percent"),
    Q + "K": UnitInfo(Q + "K", "kelvin", "K", "kelvin"),
    Q + "W": UnitInfo(Q + "W", "watt", "W", "watt"),
    Q + "GigaHZ": UnitInfo(Q + "GigaHZ", "gigahertz", "GHz", "gigahertz"),
    Q + "DeciB": UnitInfo(Q + "DeciB", "decibel", "dB", "decibel"),
    Q + "HR": UnitInfo(Q + "HR", "hour", "h", "hour"),
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
        ("continuous-operation", "7 day", Decimal("168")),
        ("noise-figure", "0.01dB", Decimal("0.01")),
        ("noise-figure", {"value": 0.014, "unit": "decibel"}, Decimal("0.014")),
        ("physical-qubits", {"value": 120, "unit": "count"}, Decimal("120")),
        ("cnot-error", 8e-4, Decimal("0.0008")),
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
        ({"cnot-error": "0.08 %"}, "item.parameters.cnot-error", "not accepted"),
        ({"cooling-power": True}, "item.parameters.cooling-power", "expected a number"),
        ({"cooling-power": "NaN"}, "item.parameters.cooling-power", "expected a number"),
        ({"cooling-power": {"unit": "W"}}, "item.parameters.cooling-power.value", "required"),
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
