"""The classify form's fields: each parameter offers exactly the units of the data the service
converts from (every unit of the same dimension tried once per canonical unit, kept; tried here
against every canonical unit of the data), computed once per data version."""

from __future__ import annotations

from exportgraph.api.routers.ui.forms import parameter_fields

from exportgraph.errors import InvalidInput
from exportgraph.graph.context import Context
from exportgraph.knowledge.current import current


def test_each_parameter_offers_the_units_the_service_converts_from(real: Context) -> None:
    knowledge = current(real)
    catalogue = knowledge.units
    fields = {f.notation: f for f in parameter_fields(knowledge)}
    one_per_unit: dict[object, str] = {}  # every canonical unit of the data, by one parameter
    for notation in sorted(knowledge.parameters):
        try:
            one_per_unit.setdefault(catalogue.canonical_info(notation, notation), notation)
        except InvalidInput:
            continue
    assert len(one_per_unit) > 50
    for notation in one_per_unit.values():
        label = catalogue.unit_label(notation)
        converted = set()
        for info in catalogue.units.values():
            if not info.display or info.display in (label, "1"):
                continue
            try:
                catalogue.to_canonical(notation, {"value": 1, "unit": info.display}, notation)
            except InvalidInput:
                continue
            converted.add(info.display)
        assert set(fields[notation].units) == converted, notation
    assert {"mW", "µW"} <= set(fields["cooling-power"].units)
    assert "%" in fields["cnot-error"].units
    assert fields["physical-qubits"].units == ()  # a count converts from no other unit


def test_they_are_computed_once_per_data_version(real: Context) -> None:
    knowledge = current(real)
    assert parameter_fields(knowledge) is parameter_fields(knowledge)
