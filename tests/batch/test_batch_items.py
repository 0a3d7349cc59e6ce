"""Items of a batch read many at a time: a parameter's column, and which of its floats are exact
(those that are not are compared exactly, through their Decimal)."""

from __future__ import annotations

import math

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
