"""Items of a batch read many at a time: a parameter's column, and which of its floats are exact
(those that are not are compared exactly, through their Decimal)."""

from __future__ import annotations

import math
from typing import Any

import pytest

from exportgraph.knowledge.index import Knowledge
from exportgraph.services.partners.batch_items import ItemReader, Parsed, Row

LONG = "0.12345678901234567891"  # more digits than its float keeps: not exact


def _item(value: object) -> dict[str, object]:
    return {"kind": "quantum-computer", "parameters": {"cnot-error": value, "physical-qubits": 9}}


def test_a_column_marks_the_inexact_values_of_its_parameter_at_its_positions(
    knowledge: Knowledge,
) -> None:
    raws = [_item(0.25), _item(LONG), {"kind": "quantum-computer"}, _item(LONG), _item(0.5)]
    reader, parsed = ItemReader(knowledge), Parsed()
    reader.read(parsed, [Row(i, raw, i) for i, raw in enumerate(raws)])
    assert not parsed.errors
    column, exact = parsed.column([0, 1, 2, 3, 4], "cnot-error")
    assert column[[0, 4]].tolist() == [0.25, 0.5] and math.isnan(column[2])
    assert exact.tolist() == [True, False, True, False, True]
    # a subset of positions (a chain's): the flags follow the rows asked for
    _, some = parsed.column([1, 2, 4], "cnot-error")
    assert some.tolist() == [False, True, True]
    _, others = parsed.column([3], "cnot-error")
    assert others.tolist() == [False]
    _, qubits = parsed.column([0, 1, 2, 3, 4], "physical-qubits")  # another parameter: exact
    assert qubits.tolist() == [True] * 5
    assert str(reader.exact(parsed, 3, "cnot-error")) == LONG


def test_a_unit_whose_factor_the_decimals_round_is_read_without_the_single_item_path(
    knowledge: Knowledge,
) -> None:
    """kJ/min → W is 16.666…7 (rounded in its last kept digit: twice the unit is not exactly
    twice the factor): still a pure factor, read in the batch path, its exact value the single
    path's; an offset unit (°C) still goes through the single-item path."""
    reader, parsed = ItemReader(knowledge), Parsed()
    slow: list[object] = []
    single = reader._slow

    def counted(raw: object, *rest: Any) -> int:
        slow.append(raw)
        return single(raw, *rest)

    reader._slow = counted  # type: ignore[method-assign]
    power = {"value": 3, "unit": "kJ/min"}
    hot = {"value": 20, "unit": "degC"}
    raws = [
        {"kind": "pulse-tube-cryocooler", "parameters": {"cooling-power": power}},
        {"kind": "pulse-tube-cryocooler", "parameters": {"base-temperature": hot}},
    ]
    reader.read(parsed, [Row(i, raw, i) for i, raw in enumerate(raws)])
    assert not parsed.errors and slow == [raws[1]]
    column, exact = parsed.column([0], "cooling-power")
    assert column[0] == pytest.approx(50) and not exact[0]
    units = knowledge.units
    assert reader.exact(parsed, 0, "cooling-power") == units.to_canonical(
        "cooling-power", power, "cooling-power"
    )
    assert reader.exact(parsed, 1, "base-temperature") == units.to_canonical(
        "base-temperature", hot, "base-temperature"
    )
