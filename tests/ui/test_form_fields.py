"""The classify form's fields: each parameter offers exactly the units of the data the service
converts from (every unit of the same dimension tried once per canonical unit, kept; tried here
against every canonical unit of the data), computed once per data version; the page carries the
chosen kind's fields (every one on request), and the script gets a kind's fields alone."""

from __future__ import annotations

import re

from exportgraph.api.routers.ui.forms import parameter_fields
from fastapi.testclient import TestClient

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


def _fields(html: str) -> set[str]:
    return set(re.findall(r'<div class="field" data-used-by="[^"]*" id="field-([^"]+)"', html))


def test_the_form_shows_the_chosen_kinds_parameters_and_every_one_on_request(
    client: TestClient, real: Context
) -> None:
    """Hundreds of parameters in the whole lists: the page carries the chosen kind's fields (the
    rest on request), not all of them hidden by a script."""
    every = {f.notation for f in parameter_fields(current(real))}
    fridge = {
        f.notation for f in parameter_fields(current(real)) if "dilution-refrigerator" in f.used_by
    }
    assert fridge and len(every) > 10 * len(fridge)
    page = client.get("/classify?kind=dilution-refrigerator&fields=1")
    assert page.status_code == 200 and 'id="results"' not in page.text  # drawn, not classified
    assert _fields(page.text) == fridge
    assert _fields(client.get("/classify").text) == {"physical-qubits", "cnot-error"}
    assert _fields(client.get("/classify?kind=dilution-refrigerator&fields=1&all=1").text) == every
    # a value the user gave stays, in its own field, whatever the kind
    kept = client.get("/classify?kind=dilution-refrigerator&fields=1&physical-qubits=120").text
    assert _fields(kept) == fridge | {"physical-qubits"}
    assert re.search(r'id="p-physical-qubits" name="physical-qubits"\s+value="120"', kept)


def test_the_script_gets_the_fields_of_a_kind_alone(client: TestClient, real: Context) -> None:
    twpa = {f.notation for f in parameter_fields(current(real)) if "twpa" in f.used_by}
    fragment = client.get("/classify/parameters?kind=twpa&physical-qubits=5&cnot-error.unit=%25")
    assert fragment.status_code == 200 and "<html" not in fragment.text
    assert _fields(fragment.text) == twpa | {"physical-qubits", "cnot-error"}
    assert re.search(r'<option value="%" selected>', fragment.text)
