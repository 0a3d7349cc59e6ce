"""Parameter values and units: parse what users send, convert through pint, exactly.

Canonical units come from the data (eg:canonicalUnit of each parameter concept, whose QUDT unit
carries eg:pintUnit in ontology/units.ttl); this module holds no unit table of its own. Values are
`decimal.Decimal` so that SI-prefix conversions are exact (0.6 mW is 600 µW, not 599.999…) and a
value at a threshold compares equal to it. Logarithmic units (dB) convert only to themselves.

Public API (also used by agreement validation):

- `UnitCatalogue` — parameter notation → canonical pint unit, QUDT unit IRI → pint unit.
- `unit_catalogue(context)` — the catalogue of the current data version (cached).
- `normalize_parameters(raw, field_prefix, catalogue)` — `{"cooling-power": {"value": 800,
  "unit": "uW"}, …}` → `{"cooling-power": Decimal("0.0008")}` in canonical units; raises
  `InvalidInput` naming `<field_prefix>.<name>` for an unknown parameter, unit or value.
- `convert(value, from_unit, to_unit, field)` — one exact conversion.
"""

from __future__ import annotations

import decimal
import re
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any

import pint

from exportgraph.errors import InvalidInput
from exportgraph.queries import load_query

if TYPE_CHECKING:
    from exportgraph.context import Context

# Enough digits for any SI-prefix conversion of user-sized numbers to stay exact.
_DECIMAL = decimal.Context(prec=50)
_NUMBER_WITH_UNIT = re.compile(
    r"^\s*(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)\s*(?P<unit>.*?)\s*$"
)
# pint parses unit expressions with its own tokenizer; keep the input to plain unit spellings.
_UNIT_TEXT = re.compile(r"^[A-Za-z_µμΩ°%][A-Za-z0-9_µμΩ°%/*^.\- ]*$")


@cache
def registry() -> pint.UnitRegistry:  # type: ignore[type-arg]
    """The shared pint registry (Decimal magnitudes)."""
    return pint.UnitRegistry(non_int_type=Decimal, autoconvert_offset_to_baseunit=True)


_registry_lock = threading.Lock()


def parse_unit(text: str, field: str) -> pint.Unit:
    """A pint unit from its spelling (`uW`, `µW`, `mK`, `GHz`, `dB`, `count` …)."""
    cleaned = text.strip()
    if not cleaned or not _UNIT_TEXT.match(cleaned):
        raise InvalidInput(f"{field}: unknown unit {text!r}", field=field)
    if cleaned == "%":
        cleaned = "percent"
    try:
        with _registry_lock:
            unit = registry().Unit(cleaned)
    except (pint.UndefinedUnitError, pint.DefinitionSyntaxError, AttributeError, TypeError,
            ValueError, SyntaxError):
        raise InvalidInput(f"{field}: unknown unit {text!r}", field=field) from None
    return unit


def is_logarithmic(unit: pint.Unit) -> bool:
    """True for units such as dB whose conversion is not a scale factor."""
    reg = registry()
    return any(reg._units[name].converter.is_logarithmic for name in unit._units)


def convert(value: Decimal, from_unit: pint.Unit, to_unit: pint.Unit, field: str) -> Decimal:
    """`value` in `from_unit`, expressed exactly in `to_unit`; InvalidInput if inconvertible."""
    if from_unit == to_unit:
        return value
    if is_logarithmic(from_unit) or is_logarithmic(to_unit):
        raise InvalidInput(
            f"{field}: {from_unit:~} cannot be converted to {to_unit:~} "
            "(logarithmic units convert only to themselves)",
            field=field,
        )
    try:
        with decimal.localcontext(_DECIMAL), _registry_lock:
            quantity = registry().Quantity(value, from_unit).to(to_unit)
            result = Decimal(quantity.magnitude)
    except pint.DimensionalityError:
        raise InvalidInput(
            f"{field}: unit {from_unit} cannot be converted to {to_unit}", field=field
        ) from None
    return canonical_decimal(result)


def canonical_decimal(value: Decimal) -> Decimal:
    """The same number without exponent noise (6E+2 → 600, 0.100 → 0.1)."""
    normal = value.normalize(_DECIMAL)
    if normal == normal.to_integral_value():
        return normal.quantize(Decimal(1), context=_DECIMAL)
    return normal


def to_decimal(raw: object, field: str) -> Decimal:
    """A finite number from JSON (int, float, or a numeric string)."""
    if isinstance(raw, bool) or not isinstance(raw, int | float | str | Decimal):
        raise InvalidInput(f"{field}: expected a number, got {_show(raw)}", field=field)
    try:
        value = Decimal(repr(raw)) if isinstance(raw, float) else Decimal(raw)
    except decimal.InvalidOperation:
        raise InvalidInput(f"{field}: expected a number, got {_show(raw)}", field=field) from None
    if not value.is_finite():
        raise InvalidInput(f"{field}: expected a finite number, got {_show(raw)}", field=field)
    return canonical_decimal(value)


def _show(raw: object) -> str:
    text = repr(raw)
    return text if len(text) <= 60 else text[:57] + "..."


@dataclass(frozen=True)
class UnitCatalogue:
    """Canonical units of the harmonized parameters, and pint spellings of QUDT units."""

    canonical: Mapping[str, str]  # parameter notation → pint unit spelling
    qudt: Mapping[str, str] = field(default_factory=dict)  # QUDT unit IRI → pint unit spelling

    def canonical_unit(self, parameter: str, field: str) -> pint.Unit:
        """The canonical pint unit of a parameter; InvalidInput if the parameter is unknown."""
        spelling = self.canonical.get(parameter)
        if spelling is None:
            known = ", ".join(sorted(self.canonical))
            raise InvalidInput(f"{field}: unknown parameter {parameter!r} (known: {known})", field=field)
        return parse_unit(spelling, field)

    def qudt_unit(self, iri: str, field: str) -> pint.Unit:
        """The pint unit of a QUDT unit IRI used in the data."""
        spelling = self.qudt.get(iri)
        if spelling is None:
            raise InvalidInput(f"{field}: unit {iri} has no eg:pintUnit in ontology/units.ttl", field=field)
        return parse_unit(spelling, field)

    def unit_label(self, parameter: str) -> str:
        """The canonical unit of a parameter as shown in answers (`count`, `K`, `W`, `dB` …)."""
        spelling = self.canonical[parameter]
        unit = parse_unit(spelling, parameter)
        if unit == registry().Unit("dimensionless"):
            return "1"
        return f"{unit:~}"

    def to_canonical(self, parameter: str, raw: object, field: str) -> Decimal:
        """One parameter value (number, `{"value", "unit"}` or `"800 uW"`) in its canonical unit."""
        target = self.canonical_unit(parameter, field)
        value, unit = _split_value(raw, field)
        if unit is None:
            return value
        return convert(value, parse_unit(unit, f"{field}.unit" if isinstance(raw, Mapping) else field),
                       target, field)


def _split_value(raw: object, field: str) -> tuple[Decimal, str | None]:
    if isinstance(raw, Mapping):
        unknown = sorted(set(raw) - {"value", "unit"})
        if unknown:
            raise InvalidInput(f"{field}: unexpected key(s) {', '.join(unknown)}", field=field)
        if "value" not in raw:
            raise InvalidInput(f"{field}.value: a value is required", field=f"{field}.value")
        unit = raw.get("unit")
        if unit is not None and not isinstance(unit, str):
            raise InvalidInput(f"{field}.unit: expected a unit name, got {_show(unit)}", field=f"{field}.unit")
        value_field = f"{field}.value"
        return to_decimal(raw["value"], value_field), unit or None
    if isinstance(raw, str):
        match = _NUMBER_WITH_UNIT.match(raw)
        if not match:
            raise InvalidInput(f"{field}: expected a number with an optional unit, got {_show(raw)}", field=field)
        return to_decimal(match["number"], field), match["unit"] or None
    return to_decimal(raw, field), None


def normalize_parameters(
    raw: Mapping[str, object], field_prefix: str, catalogue: UnitCatalogue
) -> dict[str, Decimal]:
    """Every parameter in its canonical unit; errors name `<field_prefix>.<name>`."""
    if not isinstance(raw, Mapping):
        raise InvalidInput(f"{field_prefix}: expected an object of parameters", field=field_prefix)
    values: dict[str, Decimal] = {}
    for name, value in raw.items():
        field_name = f"{field_prefix}.{name}"
        if not isinstance(name, str):
            raise InvalidInput(f"{field_name}: parameter names are strings", field=field_name)
        values[name] = catalogue.to_canonical(name, value, field_name)
    return values


_catalogues: dict[tuple[int, str], UnitCatalogue] = {}
_catalogue_lock = threading.Lock()


def load_unit_catalogue(rows: list[dict[str, Any]]) -> UnitCatalogue:
    """Build the catalogue from rows of queries/classify_units.rq (parameter, pintUnit, unit)."""
    canonical: dict[str, str] = {}
    qudt: dict[str, str] = {}
    for row in rows:
        if row.get("notation") is not None and row.get("canonicalPint") is not None:
            canonical[row["notation"].value] = row["canonicalPint"].value
        if row.get("unit") is not None and row.get("pint") is not None:
            qudt[row["unit"].value] = row["pint"].value
    return UnitCatalogue(canonical, qudt)


def unit_catalogue(context: Context) -> UnitCatalogue:
    """The unit catalogue of the context's current data version (built once per version)."""
    version = context.data_version()
    key = (id(context), version)
    with _catalogue_lock:
        cached = _catalogues.get(key)
    if cached is not None:
        return cached
    catalogue = load_unit_catalogue(context.store.query(load_query("classify_units")))  # type: ignore[arg-type]
    with _catalogue_lock:
        _catalogues.clear()
        _catalogues[key] = catalogue
    return catalogue
