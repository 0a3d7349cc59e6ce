"""What the classify form offers and how it reads back: kinds, parameters, units, values."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from exportgraph.errors import InvalidInput
from exportgraph.json_types import JsonObject
from exportgraph.knowledge import units
from exportgraph.knowledge.index import Knowledge


@dataclass(frozen=True)
class ParameterField:
    """One harmonized parameter as a form field."""

    notation: str
    label: str
    definition: str
    unit: str
    """The canonical unit as shown (symbol or label)."""
    used_by: frozenset[str]
    units: tuple[str, ...] = ()
    """Other units the value may be entered in (from the units service)."""


def _units(catalogue: units.UnitCatalogue, notation: str) -> tuple[str, tuple[str, ...]]:
    """The canonical unit's label and the other units of the data the service converts from."""
    try:
        label = catalogue.unit_label(notation)
    except InvalidInput:
        return "", ()
    return ("unitless" if label == "1" else label), catalogue.other_units(notation)


def parameter_fields(knowledge: Knowledge) -> list[ParameterField]:
    """Every harmonized parameter, with the kinds whose entries constrain it (once per data
    version)."""
    return knowledge.derived("ui.parameter_fields", _parameter_fields)


def _parameter_fields(knowledge: Knowledge) -> list[ParameterField]:
    used_by: dict[str, set[str]] = {}
    for entry in knowledge.entries.values():
        constrained = {c.parameter for alternative in entry.alternatives for c in alternative}
        kinds = {
            knowledge.kind_notation(narrower)
            for kind in entry.kinds
            for narrower in knowledge.descendants_of_kind(kind)
        }
        for parameter in constrained:
            used_by.setdefault(parameter, set()).update(kinds)
    fields = []
    for notation, concept in knowledge.parameters.items():
        unit, choices = _units(knowledge.units, notation)
        fields.append(
            ParameterField(
                notation,
                concept.label or notation,
                concept.pick("definition")[0] or "",
                unit,
                frozenset(used_by.get(notation, ())),
                choices,
            )
        )
    fields.sort(key=lambda f: f.label.casefold())
    return fields


def shown_fields(
    fields: Sequence[ParameterField], form: ClassifyForm, *, every: bool
) -> list[ParameterField]:
    """The fields the form shows: those the chosen kind's entries constrain, and any the user
    filled in or that has an error; every field on request, or when the kind's entries
    constrain none (the whole lists' parameters are hundreds: the page stays light)."""
    if every or not any(form.kind in f.used_by for f in fields):
        return list(fields)
    return [
        f
        for f in fields
        if form.kind in f.used_by
        or form.values.get(f.notation, "").strip()
        or form.units.get(f.notation, "").strip()
        or f.notation in form.errors
    ]


@dataclass
class ClassifyForm:
    """The classify form as entered (raw text kept for redisplay) and its field errors."""

    kind: str = ""
    as_of: str = ""
    jurisdictions: list[str] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    @property
    def submitted(self) -> bool:
        return bool(self.kind)

    def number(self, notation: str) -> float | None:
        text = self.values.get(notation, "").strip()
        if not text:
            return None
        try:
            value = float(text.replace(" ", "").replace("\u202f", ""))
        except ValueError:
            return None
        return value if math.isfinite(value) else None

    def item(self) -> JsonObject:
        """The item of a classification request (contract §2)."""
        parameters: JsonObject = {}
        for notation, text in self.values.items():
            if not text.strip() or notation in self.errors:
                continue
            value = self.number(notation)
            unit = self.units.get(notation, "").strip()
            parameters[notation] = {"value": value, "unit": unit} if unit else value
        return {"kind": self.kind, "parameters": parameters}

    def date(self) -> dt.date:
        return dt.date.fromisoformat(self.as_of) if self.as_of else dt.date.today()


def read_classify_form(
    query: Mapping[str, str], multi: Sequence[tuple[str, str]], parameters: Sequence[str]
) -> ClassifyForm:
    """Read the GET form: kind, as_of, j (repeated), one field per parameter and `<name>.unit`."""
    form = ClassifyForm(
        kind=query.get("kind", "").strip(),
        as_of=query.get("as_of", "").strip(),
        jurisdictions=[value for key, value in multi if key == "j" and value],
    )
    for notation in parameters:
        text = query.get(notation, "")
        form.values[notation] = text
        form.units[notation] = query.get(f"{notation}.unit", "")
        if text.strip() and form.number(notation) is None:
            form.errors[notation] = f"{notation}: {text.strip()!r} is not a number"
    if form.as_of:
        try:
            dt.date.fromisoformat(form.as_of)
        except ValueError:
            form.errors["as_of"] = f"as_of: {form.as_of!r} is not a date (YYYY-MM-DD)"
    return form


def place_error(form: ClassifyForm, field_name: str | None, detail: str) -> None:
    """Attach a service error to the field it names (parameter, kind, date, jurisdictions)."""
    where = field_name or ""
    for notation in form.values:
        if notation in where.split(".") or (not where and notation in detail):
            form.errors[notation] = detail
            return
    for key, target in (("kind", "kind"), ("as_of", "as_of"), ("jurisdiction", "jurisdictions")):
        if key in where:
            form.errors[target] = detail
            return
    form.general.append(detail)
